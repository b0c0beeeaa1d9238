"""Columns of a finding's first figure in its document, for formats that want them."""

from __future__ import annotations

from pathlib import Path

from budgetcheck.numbers.notation import normalise_spaces
from budgetcheck.report import Finding


def document_lines(path: str, options: dict[str, object]) -> list[str] | None:
    cache = options.setdefault("_documents", {})
    assert isinstance(cache, dict)
    if path not in cache:
        try:
            cache[path] = Path(path).read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            cache[path] = None
    return cache[path]  # type: ignore[no-any-return]


def columns_of(finding: Finding, options: dict[str, object]) -> tuple[int, int]:
    """1-based start and end columns of the finding's figure on its line."""
    lines = document_lines(finding.path, options)
    if not lines or not finding.line or finding.line > len(lines):
        return 1, 1
    text = lines[finding.line - 1]
    for figure in finding.figures:
        if figure.line == finding.line:
            start = normalise_spaces(text).find(normalise_spaces(figure.text))
            if start >= 0:
                return start + 1, start + 1 + len(normalise_spaces(figure.text))
    return 1, len(text) + 1
