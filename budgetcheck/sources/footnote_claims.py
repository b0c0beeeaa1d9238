"""Footnotes that say what a figure includes, read as claims without rules.

"**Incluant les adhésions (1,4 M$) et les revenus d’intérêts (0,2 M$)." under the row
"Autres** 1,6 M$" says that 1,6 M$ holds at least 1,4 M$ + 0,2 M$: the parts a footnote
includes cannot exceed the figure it is attached to (BC305, as a press release's "X, dont A").
Only the figures after the inclusion word ("incluant", "y compris", "comprend", "including",
"includes") and before an exclusion ("excluant", "sauf", "excluding") are parts, and only a
footnote whose marker stands on one row of its table, in a table with one value column or a
Total column, is read: which figure is the whole must be certain.

Two more readings, each as certain as that:

- a footnote figure that *restates* a table's figure must equal it: "*Excluant les
  contreparties/contributions de l’industrie pour les projets des phases 1 et 2 totalisant
  82,8 M$" restates the row "Contreparties de l’industrie — Phase 1 et 2" (BC305). The row is
  the one whose label's words (three at least) all stand in the footnote's words before the
  figure, the longest such label, and it must be the only one of that length;
- "***Le surplus prévu … est de 51 000 $" on a table's Total row is that total less the total
  of the one other table whose title names expenses ("dépenses", "expenses"): `surplus ==
  t4[total] - t3[total]` (BC301); a deficit ("déficit", "deficit", "shortfall") the other way
  round."""

from __future__ import annotations

import re
import unicodedata
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
    return claims + _restated(data) + _balances(data)


# -- restated figures ------------------------------------------------------------------------

_STOPWORDS = frozenset("""
    a au aux avec ce ces d de des du en et l la le les leur leurs ou par pour sur un une
    an and as at by for from in of on or the to with
""".split())
_WORD = re.compile(r"[^\W_]+")
#: A label of fewer words than this is too common to name one figure ("Total", "Autres").
MIN_LABEL_WORDS = 3


def words(text: str) -> set[str]:
    """The words that name something, compared loosely: lower case, without accents, a
    plural's "s" dropped, articles and prepositions left out ("contreparties/contributions de
    l’industrie" has contrepartie, contribution and industrie)."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    found = set()
    for word in _WORD.findall(folded.replace("’", " ").replace("'", " ")):
        if word in _STOPWORDS:
            continue
        found.add(word[:-1] if len(word) > 3 and word.endswith("s") else word)
    return found


def _restated(data: dict[str, Any]) -> list[dict[str, Any]]:
    """A comparison claim (`figure == table[row]`) for each footnote figure whose words name
    one table figure."""
    labels = _labels_by_rarest_word(data)
    claims = []
    for note in data.get("footnotes", []):
        for name, start in _dollar_figures(note):
            before = words(_clause_before(note["text"], start))
            tried = [labels[word] for word in before if word in labels]
            if sum(map(len, tried)) > MAX_TRIED:
                continue  # labels this alike name no one figure; trying them all would cost
            named = [(len(label), ref) for bucket in tried for label, ref in bucket
                     if label <= before]
            longest = max((n for n, _ in named), default=0)
            refs = [ref for n, ref in named if n == longest]
            if len(refs) != 1:
                continue
            figure = _unbracketed(note["figures"][name])
            claims.append({"id": f"restated_{note['id']}_{name}", "kind": "comparison",
                           "text": note["text"], "inferred": True,
                           "lines": sorted({note["line"], figure["line"]}),
                           "figures": {"restated": figure},
                           "relation": f"restated == {refs[0]}"})
    return claims


#: A footnote figure whose clause would be tried against more labels than this is not read:
#: labels that alike (a table of one label repeated) name no one figure, and the cost of a
#: footnote stays bounded whatever the number of rows.
MAX_TRIED = 256


def _labels_by_rarest_word(data: dict[str, Any]) -> dict[str, list[tuple[set[str], str]]]:
    """The item rows' labels (of three words at least) and the references of their figures,
    each under the word of its label that the fewest labels have: a clause can name a label
    only if it holds that word, so each footnote figure is tried against a few labels, not
    every row of the document."""
    rows = [(named, ref) for table in data.get("tables", [])
            for row in table["rows"] if row.get("role", "item") == "item"
            if (ref := _single_value(table, row)) is not None
            and len(named := words(row["label"])) >= MIN_LABEL_WORDS]
    sharing: dict[str, int] = {}
    for named, _ in rows:
        for word in named:
            sharing[word] = sharing.get(word, 0) + 1
    labels: dict[str, list[tuple[set[str], str]]] = {}
    for named, ref in rows:
        labels.setdefault(min(named, key=lambda word: (sharing[word], word)), []).append(
            (named, ref))
    return labels


def _dollar_figures(note: dict[str, Any]) -> list[tuple[str, int]]:
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


def _clause_before(text: str, start: int) -> str:
    """The footnote's words before a figure, from the start of their clause (its sentence,
    or after a comma, a "mais" or the figure before it)."""
    begin = 0
    for pattern in (_CLAUSE_START, _PRINTED_FIGURE):
        for match in pattern.finditer(text, begin, start):
            begin = max(begin, match.end())
    return text[begin:start]


def _single_value(table: dict[str, Any], row: dict[str, Any]) -> str | None:
    """The reference of a row's one figure: its only column, or its Total column."""
    columns = table["columns"]
    totals = [c for c in columns if c.get("role") == "total"]
    column = columns[0] if len(columns) == 1 else totals[0] if len(totals) == 1 else None
    if column is None or column["key"] not in row.get("cells", {}):
        return None
    if len(columns) == 1:
        return f"{table['id']}[{row['key']}]"
    return f"{table['id']}[{row['key']}, {column['key']}]"


# -- a surplus or a deficit: one table's total less another's ---------------------------------

_SURPLUS = re.compile(r"\b(?:surplus|excédent)\b", re.IGNORECASE)
_DEFICIT = re.compile(r"\b(?:déficit|deficit|shortfall)\b", re.IGNORECASE)
_EXPENSES = re.compile(r"\b(?:dépenses|charges|expenses|expenditures?)\b", re.IGNORECASE)


def _balances(data: dict[str, Any]) -> list[dict[str, Any]]:
    """A sum claim for each footnote on a table's Total row that states its surplus (or
    deficit) with one figure, against the one other table of expenses."""
    tables = {t["id"]: t for t in data.get("tables", [])}
    claims = []
    for note in data.get("footnotes", []):
        table = tables.get(note.get("table") or "")
        figures = _dollar_figures(note)
        surplus, deficit = _SURPLUS.search(note["text"]), _DEFICIT.search(note["text"])
        if table is None or len(figures) != 1 or bool(surplus) == bool(deficit):
            continue
        marked = [r for r in table["rows"] if note["marker"] in r.get("markers", ())]
        expenses = [t for t in tables.values()
                    if t is not table and _EXPENSES.search(t.get("title", ""))]
        if len(marked) != 1 or marked[0].get("role") != "total" or len(expenses) != 1:
            continue
        totals = [r for r in expenses[0]["rows"] if r.get("role") == "total"]
        ours, theirs = _single_value(table, marked[0]), \
            _single_value(expenses[0], totals[-1]) if totals else None
        if ours is None or theirs is None:
            continue
        name, _ = figures[0]
        figure = _unbracketed(note["figures"][name])
        difference = f"{ours} - {theirs}" if surplus else f"{theirs} - {ours}"
        kind = "surplus" if surplus else "deficit"
        claims.append({"id": f"{kind}_{note['id']}", "kind": "sum", "text": note["text"],
                       "inferred": True, "lines": sorted({note["line"], figure["line"]}),
                       "figures": {kind: figure}, "relation": f"{kind} == {difference}"})
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
    return _single_value(table, rows[0]) if len(rows) == 1 else None
