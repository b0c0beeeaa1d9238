"""Footnotes on a table's Total row that tie it to another table's total, read without rules.

- "***Le surplus prévu … est de 51 000 $" on a table's Total row is that total less the total
  of the one other table whose title names expenses ("dépenses", "expenses"): `surplus ==
  t4[total] - t3[total]` (BC301); a deficit ("déficit", "deficit", "shortfall") the other way
  round.
- "*Au 31 mars 2023, l’ISDE devait 2,4 M$ …", whose marker stands on the row "ISDE — compte
  débiteur exercice financier 2023*" and on the Total row: the figure owed restates that row
  (BC305, an error when they differ: the marker names the row), and the table is another
  table's breakdown plus that row, so `t5[total, Total] == t4[total] + t5[receivable, Total]`
  (BC301). Which table is the other one is a guess (the one that prints the most of this
  table's figures), so that relation is *uncertain*: a warning when it fails."""

from __future__ import annotations

import re
from typing import Any

from budgetcheck.sources.footnote_reading import (
    dollar_figures,
    marked_rows,
    single_value,
    unbracketed,
    value_text,
)

_SURPLUS = re.compile(r"\b(?:surplus|excédent)\b", re.IGNORECASE)
_DEFICIT = re.compile(r"\b(?:déficit|deficit|shortfall)\b", re.IGNORECASE)
_EXPENSES = re.compile(r"\b(?:dépenses|charges|expenses|expenditures?)\b", re.IGNORECASE)
#: A footnote that says a figure is owed ("devait 2,4 M$", "$2.4M receivable").
_OWED = re.compile(r"\b(?:devait|doit|devra|dû|due|owed|owes|owing|receivable|débiteur|"
                   r"à recevoir)\b", re.IGNORECASE)
#: A row that holds what is owed ("compte débiteur", "Receivable from ISED").
_RECEIVABLE_ROW = re.compile(r"\b(?:débiteurs?|à recevoir|receivables?|owed|amounts? due)\b",
                             re.IGNORECASE)


def total_claims(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The claims of the footnotes on Total rows: surpluses, deficits and amounts owed."""
    return _balances(data) + _receivables(data)


def _balances(data: dict[str, Any]) -> list[dict[str, Any]]:
    """A sum claim for each footnote on a table's Total row that states its surplus (or
    deficit) with one figure, against the one other table of expenses."""
    tables = {t["id"]: t for t in data.get("tables", [])}
    claims = []
    for note in data.get("footnotes", []):
        table = tables.get(note.get("table") or "")
        figures = dollar_figures(note)
        surplus, deficit = _SURPLUS.search(note["text"]), _DEFICIT.search(note["text"])
        if table is None or len(figures) != 1 or bool(surplus) == bool(deficit):
            continue
        marked = marked_rows(table, note["marker"])
        expenses = [t for t in tables.values()
                    if t is not table and _EXPENSES.search(t.get("title", ""))]
        if len(marked) != 1 or marked[0].get("role") != "total" or len(expenses) != 1:
            continue
        ours, theirs = single_value(table, marked[0]), _total_of(expenses[0])
        if ours is None or theirs is None:
            continue
        name, _ = figures[0]
        figure = unbracketed(note["figures"][name])
        difference = f"{ours} - {theirs}" if surplus else f"{theirs} - {ours}"
        kind = "surplus" if surplus else "deficit"
        claims.append({"id": f"{kind}_{note['id']}", "kind": "sum", "text": note["text"],
                       "inferred": True, "lines": sorted({note["line"], figure["line"]}),
                       "figures": {kind: figure}, "relation": f"{kind} == {difference}"})
    return claims


def _receivables(data: dict[str, Any]) -> list[dict[str, Any]]:
    """For each footnote of one figure said to be owed, marked on one row that holds what is
    owed: the figure restates that row; and when the marker also stands on the Total row,
    that total is the total of the table with the same breakdown, plus the row."""
    tables = {t["id"]: t for t in data.get("tables", [])}
    claims = []
    for note in data.get("footnotes", []):
        table = tables.get(note.get("table") or "")
        figures = dollar_figures(note)
        if table is None or len(figures) != 1 or not _OWED.search(note["text"]):
            continue
        marked = marked_rows(table, note["marker"])
        owed = [r for r in marked if r.get("role", "item") == "item"
                and _RECEIVABLE_ROW.search(r.get("label", ""))]
        row_ref = single_value(table, owed[0]) if len(owed) == 1 else None
        if row_ref is None:
            continue
        name, _ = figures[0]
        figure = unbracketed(note["figures"][name])
        lines = sorted({note["line"], figure["line"]})
        claims.append({"id": f"owed_{note['id']}", "kind": "comparison", "text": note["text"],
                       "inferred": True, "lines": lines, "figures": {"owed": figure},
                       "relation": f"owed == {row_ref}"})
        total = next((r for r in marked if r.get("role") == "total"), None)
        ours = single_value(table, total) if total is not None else None
        other = _same_breakdown(table, [t for t in tables.values() if t is not table],
                                left_out=owed[0])
        theirs = _total_of(other) if other is not None else None
        if ours is None or theirs is None:
            continue
        claims.append({"id": f"with_owed_{note['id']}", "kind": "sum", "text": note["text"],
                       "inferred": True, "uncertain": True, "lines": lines,
                       "figures": {"owed": figure},
                       "relation": f"{ours} == {theirs} + {row_ref}"})
    return claims


def _same_breakdown(table: dict[str, Any], others: list[dict[str, Any]],
                    left_out: dict[str, Any]) -> dict[str, Any] | None:
    """The other table that prints the most of this table's item figures (the row left out
    aside), when one does, uniquely, and prints at least half of them and two at least: the
    budget whose cash flow this table is. One figure changed still leaves it the one."""
    ours = _item_texts(table, left_out)
    if len(ours) < 2:
        return None
    scored = []
    for other in others:
        theirs = _item_texts(other, None)
        shared = sum(min(ours.count(text), theirs.count(text)) for text in set(ours))
        scored.append((shared, other))
    scored.sort(key=lambda pair: pair[0], reverse=True)
    if not scored or scored[0][0] < max(2, (len(ours) + 1) // 2):
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]


def _item_texts(table: dict[str, Any], left_out: dict[str, Any] | None) -> list[str]:
    """The printed texts of the item rows' one figure each (a table without a single value
    column has none)."""
    return [text for row in table["rows"]
            if row is not left_out and row.get("role", "item") == "item"
            and (text := value_text(table, row)) is not None]


def _total_of(table: dict[str, Any]) -> str | None:
    """The reference of a table's (last) Total row's one figure."""
    totals = [r for r in table["rows"] if r.get("role") == "total"]
    return single_value(table, totals[-1]) if totals else None
