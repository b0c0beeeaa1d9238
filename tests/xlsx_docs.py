"""Minimal XLSX workbooks for tests, written with the standard library's `zipfile`: sheets of
cells, each a string, a number with a number format, or a formula with its cached value."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass
class Number:
    value: str  # as stored, e.g. "500658.31"
    fmt: str = "General"  # the number format the cell displays it with
    formula: str | None = None
    #: A shared formula's group, as Excel writes a formula filled across: the group's first cell
    #: holds its text, the others only the group ("<f t="shared" si="0"/>").
    shared: str | None = None


Cell = str | Number


def workbook(sheets: dict[str, dict[str, Cell]], merged: dict[str, list[str]] | None = None) -> bytes:
    """An .xlsx of `sheets`: name -> {"A1": cell}; strings go to the shared strings."""
    strings: list[str] = []
    formats: list[str] = ["General"]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        sheet_list = []
        for n, (name, cells) in enumerate(sheets.items(), 1):
            rows: dict[int, list[str]] = {}
            for ref, cell in sorted(cells.items(), key=lambda kv: (int(kv[0].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")), kv[0])):
                row = int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
                if isinstance(cell, str):
                    strings.append(cell)
                    xml = f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>'
                else:
                    if cell.fmt not in formats:
                        formats.append(cell.fmt)
                    style = formats.index(cell.fmt)
                    formula = f"<f>{escape(cell.formula)}</f>" if cell.formula else ""
                    if cell.shared is not None:
                        formula = (f'<f t="shared" si="{cell.shared}">{escape(cell.formula)}</f>'
                                   if cell.formula else f'<f t="shared" si="{cell.shared}"/>')
                    xml = f'<c r="{ref}" s="{style}">{formula}<v>{cell.value}</v></c>'
                rows.setdefault(row, []).append(xml)
            data = "".join(f'<row r="{r}">{"".join(c)}</row>' for r, c in sorted(rows.items()))
            merges = (merged or {}).get(name, [])
            merge_xml = (f'<mergeCells count="{len(merges)}">'
                         + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>"
                         if merges else "")
            archive.writestr(f"xl/worksheets/sheet{n}.xml",
                             f'<worksheet xmlns="{MAIN}"><sheetData>{data}</sheetData>'
                             f"{merge_xml}</worksheet>")
            sheet_list.append(f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>')
        archive.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
                         + "".join(sheet_list) + "</sheets></workbook>")
        archive.writestr("xl/_rels/workbook.xml.rels",
                         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                         'relationships">' + "".join(
                             f'<Relationship Id="rId{n}" Type="{REL}/worksheet" '
                             f'Target="worksheets/sheet{n}.xml"/>'
                             for n in range(1, len(sheets) + 1)) + "</Relationships>")
        archive.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">' + "".join(
            f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
        custom = [(164 + n, f) for n, f in enumerate(formats[1:])]
        archive.writestr("xl/styles.xml", f'<styleSheet xmlns="{MAIN}"><numFmts>' + "".join(
            f'<numFmt numFmtId="{i}" formatCode="{escape(f, {chr(34): "&quot;"})}"/>'
            for i, f in custom) + '</numFmts><cellXfs><xf numFmtId="0"/>' + "".join(
            f'<xf numFmtId="{i}"/>' for i, _ in custom) + "</cellXfs></styleSheet>")
    return out.getvalue()


def many_parts(count: int) -> bytes:
    """A zip of `count` empty parts (a zip bomb by its entry count)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(count):
            archive.writestr(f"x/{n}", "")
    return out.getvalue()


def with_dtd(data: bytes, part: str) -> bytes:
    """The workbook `data` with a DTD declaring an entity at the head of its `part`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            body = source.read(entry)
            if entry.filename == part:
                body = b'<!DOCTYPE x [<!ENTITY e "e">]>' + body
            target.writestr(entry, body)
    return out.getvalue()

