"""Columns of a finding's first figure in its document, for formats that want them."""

from __future__ import annotations

import re
from pathlib import Path

from budgetcheck.numbers.notation import normalise_spaces
from budgetcheck.report import Finding


class DocumentLines:
    """The lines of the documents findings cite, each file read once per report."""

    def __init__(self) -> None:
        self._lines: dict[str, list[str] | None] = {}

    def of(self, path: str) -> list[str] | None:
        if path not in self._lines:
            try:
                self._lines[path] = Path(path).read_text(encoding="utf-8-sig").splitlines()
            except (OSError, UnicodeDecodeError):
                self._lines[path] = None
        return self._lines[path]


#: What a space between digit groups or before a unit may be in a page's source: any space,
#: an entity for one, or inline markup ("1&#8239;234&nbsp;$", "1<span> </span>234").
_GAP = r"(?:\s|&nbsp;|&#160;|&#x0*a0;|&#8239;|&#x0*202f;|&thinsp;|&#8201;|&#x0*2009;|<[^<>]{0,200}>)+"
#: What a minus sign may be in a page's source.
_MINUS = r"(?:[-\u2212]|&minus;|&#8722;|&#x0*2212;)"


def _as_printed(figure: str) -> re.Pattern[str]:
    """The figure as it may stand in its document's source line, entities and markup included."""
    parts = []
    for char in normalise_spaces(figure):
        parts.append(_GAP if char == " " else _MINUS if char in "-\u2212" else re.escape(char))
    return re.compile("".join(parts), re.IGNORECASE)


def columns_of(finding: Finding, documents: DocumentLines) -> tuple[int, int]:
    """1-based start and end columns of the finding's figure on its line (`figure_columns`);
    the whole line when the figure is not found on it, (1, 1) when the line cannot be read."""
    lines = documents.of(finding.path)
    if not lines or not finding.line or finding.line > len(lines):
        return 1, 1
    return figure_columns(finding, documents) or (1, len(lines[finding.line - 1]) + 1)


def figure_columns(finding: Finding, documents: DocumentLines) -> tuple[int, int] | None:
    """1-based start and end (exclusive) columns of the finding's figure on its line: where
    the figure's text stands on it, spaces and entities for spaces allowed (an HTML page's
    "1&nbsp;234" is the figure "1 234"); None when the document or the figure is not there."""
    lines = documents.of(finding.path)
    if not lines or not finding.line or finding.line > len(lines):
        return None
    text = lines[finding.line - 1]
    for figure in finding.figures:
        if figure.line == finding.line and figure.text.strip():
            # the line as given, not normalised: a column counts the characters of the source
            found = _as_printed(figure.text).search(text[:MAX_SEARCHED])
            if found is not None:
                return found.start() + 1, found.end() + 1
    return None


#: A line is searched this far for a figure (a minified page is one line of megabytes).
MAX_SEARCHED = 100_000
