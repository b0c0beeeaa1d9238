"""Footnotes that say what a figure includes, read as claims without rules.

"**Incluant les adhésions (1,4 M$) et les revenus d’intérêts (0,2 M$)." under the row
"Autres** 1,6 M$" says that 1,6 M$ holds at least 1,4 M$ + 0,2 M$: the parts a footnote
includes cannot exceed the figure it is attached to (BC305, as a press release's "X, dont A").
Only the figures after the inclusion word ("incluant", "y compris", "comprend", "including",
"includes") and before an exclusion ("excluant", "sauf", "excluding") are parts, and only a
footnote whose marker stands on one row of its table, in a table with one value column or a
Total column, is read: which figure is the whole must be certain."""

from __future__ import annotations

import re
from typing import Any

_INCLUDES = re.compile(r"\b(?:incluant|inclut|y compris|comprend|comprenant|including|"
                       r"includes|inclusive of)\b", re.IGNORECASE)
_EXCLUDES = re.compile(r"\b(?:excluant|exclut|sauf|à l’exclusion|à l'exclusion|excluding|"
                       r"excludes|except)\b", re.IGNORECASE)


def footnote_claims(data: dict[str, Any]) -> list[dict[str, Any]]:
    """A comparison claim (`whole >= part + …`) for each footnote that includes figures."""
    tables = {t["id"]: t for t in data.get("tables", [])}
    claims = []
    for note in data.get("footnotes", []):
        table = tables.get(note.get("table") or "")
        parts = _included(note)
        whole = _footnoted(table, note["marker"]) if table is not None and parts else None
        if whole is None:
            continue
        figures = {name: _unbracketed(note["figures"][name]) for name in parts}
        claims.append({"id": f"includes_{note['id']}", "kind": "comparison",
                       "text": note["text"], "inferred": True,
                       "lines": sorted({note["line"], *(f["line"] for f in figures.values())}),
                       "figures": figures, "relation": f"{whole} >= {' + '.join(parts)}"})
    return claims


def _unbracketed(figure: dict[str, Any]) -> dict[str, Any]:
    """"(1,4 M$)" and "($1.4M)" in a footnote's sentence are an aside, not a negative amount
    as they would be in a table's column."""
    text = figure["text"]
    if text.startswith("(") and text.endswith(")"):
        return {**figure, "text": text[1:-1].strip()}
    return dict(figure)


def _included(note: dict[str, Any]) -> list[str]:
    """The names of the footnote's dollar figures printed after an inclusion word (and not
    after a later exclusion)."""
    text = note["text"]
    spans: list[tuple[int, int]] = []
    for match in _INCLUDES.finditer(text):
        stop = _EXCLUDES.search(text, match.end())
        spans.append((match.end(), stop.start() if stop else len(text)))
    names = []
    cursor = 0
    for name, figure in note.get("figures", {}).items():
        at = text.find(figure["text"], cursor)
        if at < 0:
            return []  # a figure not where the text has it: no reading to trust
        cursor = at + len(figure["text"])
        if "%" not in figure["text"] and any(lo <= at < hi for lo, hi in spans):
            names.append(name)
    return names


def _footnoted(table: dict[str, Any], marker: str) -> str | None:
    """The reference of the one figure the marker is attached to, or None when that is not
    certain (the marker on several rows, several value columns and no total)."""
    rows = [r for r in table["rows"] if marker in r.get("markers", ())]
    if len(rows) != 1:
        return None
    columns = table["columns"]
    totals = [c for c in columns if c.get("role") == "total"]
    column = columns[0] if len(columns) == 1 else totals[0] if len(totals) == 1 else None
    row = rows[0]
    if column is None or column["key"] not in row.get("cells", {}):
        return None
    if len(columns) == 1:
        return f"{table['id']}[{row['key']}]"
    return f"{table['id']}[{row['key']}, {column['key']}]"
