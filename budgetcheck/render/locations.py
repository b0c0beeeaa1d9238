"""Columns of a finding's first figure in its document, for formats that want them."""

from __future__ import annotations

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


def columns_of(finding: Finding, documents: DocumentLines) -> tuple[int, int]:
    """1-based start and end columns of the finding's figure on its line."""
    lines = documents.of(finding.path)
    if not lines or not finding.line or finding.line > len(lines):
        return 1, 1
    text = lines[finding.line - 1]
    for figure in finding.figures:
        if figure.line == finding.line:
            start = normalise_spaces(text).find(normalise_spaces(figure.text))
            if start >= 0:
                return start + 1, start + 1 + len(normalise_spaces(figure.text))
    return 1, len(text) + 1
