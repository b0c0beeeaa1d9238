"""PDF files as plans: their text as `pdftotext -layout` (poppler) lays it out, read like a text
document. `pdftotext` is optional: without it a PDF is refused in one line saying what to
install. A finding's line is the line of that text, its pages one after the other
(`pdftotext -layout FILE.pdf -` prints it, a form feed before each page), and each figure
carries its page ("page 3", in JSON and SARIF).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from budgetcheck.inputs.errors import UnreadableInput
from budgetcheck.inputs.files import read_bytes_file
from budgetcheck.sources.document import text_document_plan
from budgetcheck.sources.origin import Origin, Read
from budgetcheck.sources.rules_file import read_rules
from budgetcheck.util import limits

INSTALL = ("reading a PDF needs pdftotext (poppler): install poppler-utils (Debian, Ubuntu: "
           "apt install poppler-utils; macOS: brew install poppler), or check the PDF's text "
           "saved as .txt")


def pdf_text(path: Path) -> str:
    """The PDF's text laid out as its pages are, one page after the other, a form feed at the
    start of each page after the first."""
    shown = str(path)
    raw = read_bytes_file(path, limits.PDF_BYTES, "PDF")
    if not raw.startswith(b"%PDF-"):
        raise UnreadableInput(shown, "is not a PDF (it does not start with %PDF-)")
    command = shutil.which("pdftotext")
    if command is None:
        raise UnreadableInput(shown, INSTALL)
    try:
        done = subprocess.run([command, "-layout", "-enc", "UTF-8", str(path), "-"],
                              capture_output=True, timeout=limits.PDF_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise UnreadableInput(shown, f"pdftotext took more than {limits.PDF_SECONDS} s on "
                              "this file") from None
    except OSError as error:
        raise UnreadableInput(shown, f"pdftotext could not be run: {error}") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UnreadableInput(shown, "pdftotext could not read it"
                              + (f": {said[-1][:200]}" if said else ""))
    if len(done.stdout) > limits.DOCUMENT_BYTES:
        raise UnreadableInput(shown, f"its text is {len(done.stdout):,} bytes; the limit for a "
                              f"document is {limits.DOCUMENT_BYTES:,} (check --no-limits lifts "
                              "it)")
    text = done.stdout.decode("utf-8", "replace").replace("\x00", "")
    if not text.replace("\f", "").strip():
        raise UnreadableInput(shown, "no text in this PDF (a scan? its pages are images); it "
                              "needs OCR")
    return text


def pages_of_lines(text: str) -> list[int]:
    """The page of each line (from 1) of `pdftotext`'s text, where a form feed starts each
    page after the first."""
    pages, page = [], 1
    for line in text.split("\n"):
        page += line.count("\f")
        pages.append(page)
    return pages


def read_pdf(path: str | Path, rules: str | Path | None = None) -> Read:
    """Read a PDF's text like a text document, aligned with a rules file when one is given."""
    shown = str(path)
    text = pdf_text(Path(path))
    pages = pages_of_lines(text)
    text = text.replace("\f", "")  # (a form feed starts a line: every line keeps its number)

    def page_of(line: int) -> str:
        return f"page {pages[min(line, len(pages)) - 1]}"

    if rules is None:
        return text_document_plan(text, shown, place_of=page_of)
    parsed, rules_text, fmt = read_rules(rules)
    return text_document_plan(text, shown, parsed, Origin(str(rules), rules_text, fmt),
                              place_of=page_of)
