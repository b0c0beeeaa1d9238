"""Minimal PDF files for tests, written by hand (no library): pages of text lines in the
standard Helvetica font, each piece of text at a position, as a statement's PDF prints it."""

from __future__ import annotations


def _string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("cp1252")


def pdf(pages: list[list[tuple[int, int, str]]]) -> bytes:
    """A PDF of `pages`, each a list of (x, y, text) in points from the page's bottom left."""
    objects: list[bytes] = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                            b"/Encoding /WinAnsiEncoding >>", b""]  # 1: font, 2: the pages
    kids = []
    for items in pages:
        stream = b"BT /F1 10 Tf\n" + b"".join(
            b"1 0 0 1 %d %d Tm (%s) Tj\n" % (x, y, _string(text)) for x, y, text in items) \
            + b"ET"
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 1 0 R >> >> >>" % (len(objects)))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, len(objects), xref)
    return bytes(out)


def lines_page(lines: list[str], top: int = 760, step: int = 12) -> list[tuple[int, int, str]]:
    """One page of text lines, each at the left margin, one under the other."""
    return [(40, top - n * step, line) for n, line in enumerate(lines) if line.strip()]
