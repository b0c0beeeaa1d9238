"""Footnotes that say what a figure includes, read as claims without rules.

"**Incluant les adhésions (1,4 M$) et les revenus d’intérêts (0,2 M$)." under the row
"Autres** 1,6 M$" says that 1,6 M$ holds at least 1,4 M$ + 0,2 M$: the parts a footnote
includes cannot exceed the figure it is attached to (BC305, as a press release's "X, dont A").
Only the figures after the inclusion word ("incluant", "y compris", "comprend", "dont",
"including", "includes", "of which") and before an exclusion ("excluant", "sauf", "excluding") are parts, and only a
footnote whose marker stands on one row of its table, in a table with one value column or a
Total column, is read: which figure is the whole must be certain.

Two more readings, each as certain as that:

- a footnote figure that *restates* a table's figure must equal it: "*Excluant les
  contreparties/contributions de l’industrie pour les projets des phases 1 et 2 totalisant
  82,8 M$" restates the row "Contreparties de l’industrie — Phase 1 et 2" (BC305). The row is
  the one whose label's words (three at least) all stand in the footnote's words before the
  figure, the longest such label, and it must be the only one of that length;
- the rest of a figure that includes another table's row: "*… mais incluant le MEIE pour la
  phase 1 (7,9 M$)" under "Projets de l’industrie — Phase 1* 71,1 M$", where 7,9 M$ restates
  the row "MEIE — Phase 1" of table 5, makes 71,1 M$ that row plus table 5's other row of
  phase 1, "ISDE — Phase 1" (BC301). The other row is a guess, so the claim is *uncertain*:
  a warning when it fails.

The footnotes on Total rows (a surplus, an amount owed) are read in `footnote_totals`."""

from __future__ import annotations

import re
from typing import Any

from budgetcheck.sources.footnote_reading import (
    clause_before,
    dollar_figures,
    marked_rows,
    single_value,
    unbracketed,
)
from budgetcheck.sources.footnote_totals import total_claims
from budgetcheck.sources.label_words import Label, labels_by_rarest_word, named_label, words

_INCLUDES = re.compile(r"\b(?:incluant|inclut|y compris|comprend|comprenant|dont|de ce montant|"
                       r"including|includes|inclusive of|of which|of this amount)\b",
                       re.IGNORECASE)
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
        figures = {name: unbracketed(note["figures"][name]) for name in parts}
        claims.append({"id": f"includes_{note['id']}", "kind": "comparison",
                       "text": note["text"], "inferred": True,
                       "lines": sorted({note["line"], *(f["line"] for f in figures.values())}),
                       "figures": figures, "relation": f"{whole} >= {' + '.join(parts)}"})
    return claims + _restated(data) + total_claims(data)


# -- restated figures ------------------------------------------------------------------------

def _restated(data: dict[str, Any]) -> list[dict[str, Any]]:
    """A comparison claim (`figure == table[row]`) for each footnote figure whose words name
    one table figure; and, when the figure is included in a row of the footnote's own table,
    what that row is the sum of."""
    labels = labels_by_rarest_word(data)
    tables = {t["id"]: t for t in data.get("tables", [])}
    claims = []
    for note in data.get("footnotes", []):
        included = set(_included(note))
        for name, start in dollar_figures(note):
            before = words(clause_before(note["text"], start))
            label = named_label(labels, before)
            if label is None:
                continue
            figure = unbracketed(note["figures"][name])
            claims.append({"id": f"restated_{note['id']}_{name}", "kind": "comparison",
                           "text": note["text"], "inferred": True,
                           "lines": sorted({note["line"], figure["line"]}),
                           "figures": {"restated": figure},
                           "relation": f"restated == {label.ref}"})
            table = tables.get(note.get("table") or "")
            if name in included and table is not None and label.table is not table:
                claims.extend(_rest_of(note, table, name, figure, label, before))
    return claims


def _rest_of(note: dict[str, Any], table: dict[str, Any], name: str,
             figure: dict[str, Any], part: Label, clause: set[str]) -> list[dict[str, Any]]:
    """`row == other + figure` for "*… incluant le MEIE pour la phase 1 (7,9 M$)": the marked
    row is the one whose label shares the most of the clause's words ("phase 1"), and the
    other part is the one other row of the included row's table whose label has those words
    ("ISDE — Phase 1" beside "MEIE — Phase 1")."""
    marked = [r for r in marked_rows(table, note["marker"]) if r.get("role", "item") == "item"]
    shared = sorted(((len(words(r.get("label", "")) & clause), i) for i, r in enumerate(marked)),
                    reverse=True)
    if not shared or shared[0][0] == 0 or len(shared) > 1 and shared[1][0] == shared[0][0]:
        return []
    whole = marked[shared[0][1]]
    key = words(whole.get("label", "")) & clause
    rest = [r for r in part.table["rows"] if r is not part.row
            and r.get("role", "item") == "item" and key <= words(r.get("label", ""))]
    ours = single_value(table, whole)
    theirs = single_value(part.table, rest[0]) if len(rest) == 1 else None
    if ours is None or theirs is None:
        return []
    return [{"id": f"includes_{note['id']}_{name}", "kind": "sum", "text": note["text"],
             "inferred": True, "uncertain": True,
             "lines": sorted({note["line"], figure["line"]}), "figures": {"included": figure},
             "relation": f"{ours} == {theirs} + included"}]


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
    rows = marked_rows(table, marker)
    return single_value(table, rows[0]) if len(rows) == 1 else None
