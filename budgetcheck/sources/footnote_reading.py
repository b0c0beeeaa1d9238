"""What the readers of footnotes share: a footnote's dollar figures and the clause each stands
in, and the one figure of a table row."""

from __future__ import annotations

import re
from typing import Any


def dollar_figures(note: dict[str, Any]) -> list[tuple[str, int]]:
    """(name, offset in the footnote's text) of each dollar figure, in printed order; none if
    a figure is not where the text has it."""
    found, cursor = [], 0
    for name, figure in note.get("figures", {}).items():
        at = note["text"].find(figure["text"], cursor)
        if at < 0:
            return []
        cursor = at + len(figure["text"])
        if "%" not in figure["text"]:
            found.append((name, at))
    return found


#: Where a footnote's clause begins: "…, mais incluant le MEIE pour la phase 1 (7,9 M$)" names
#: the MEIE, not what the clause before the comma excluded.
_CLAUSE_START = re.compile(r"[.;:,(]\s|\b(?:mais|but)\b", re.IGNORECASE)
_PRINTED_FIGURE = re.compile(r"[0-9][0-9 ,.\u00a0\u202f]*\s?(?:M\$|\$|%)")


def clause_before(text: str, start: int) -> str:
    """The footnote's words before a figure, from the start of their clause (its sentence,
    or after a comma, a "mais" or the figure before it)."""
    begin = 0
    for pattern in (_CLAUSE_START, _PRINTED_FIGURE):
        for match in pattern.finditer(text, begin, start):
            begin = max(begin, match.end())
    return text[begin:start]


def single_value(table: dict[str, Any], row: dict[str, Any]) -> str | None:
    """The reference of a row's one figure: its only column, or its Total column."""
    column = value_column(table)
    if column is None or column not in row.get("cells", {}):
        return None
    if len(table["columns"]) == 1:
        return f"{table['id']}[{row['key']}]"
    return f"{table['id']}[{row['key']}, {column}]"


def value_column(table: dict[str, Any]) -> str | None:
    """The key of a table's one value column: its only column, or its Total column."""
    columns = table["columns"]
    totals = [c for c in columns if c.get("role") == "total"]
    column = columns[0] if len(columns) == 1 else totals[0] if len(totals) == 1 else None
    return None if column is None else str(column["key"])


def value_text(table: dict[str, Any], row: dict[str, Any]) -> str | None:
    """The printed text of a row's one figure, its spaces made single."""
    column = value_column(table)
    cell = row.get("cells", {}).get(column) if column is not None else None
    text = cell.get("text") if isinstance(cell, dict) else cell
    return " ".join(text.split()) if isinstance(text, str) else None


def marked_rows(table: dict[str, Any], marker: str) -> list[dict[str, Any]]:
    """The rows of a table that carry a footnote's marker."""
    return [r for r in table["rows"] if marker in r.get("markers", ())]


def unbracketed(figure: dict[str, Any]) -> dict[str, Any]:
    """"(1,4 M$)" and "($1.4M)" in a footnote's sentence are an aside, not a negative amount
    as they would be in a table's column."""
    text = figure["text"]
    if text.startswith("(") and text.endswith(")"):
        return {**figure, "text": text[1:-1].strip()}
    return dict(figure)
