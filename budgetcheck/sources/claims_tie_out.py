"""A figure in a sentence that names a table's row, found without rules.

"… les contreparties de l’industrie pour les phases 1 et 2 de 82,8 M$ …" names every word of
the row "Contreparties de l’industrie — Phase 1 et 2", so the sentence's figure is that row's:
`stated == t2[contreparties…]` (BC307). The words are read in the figure's clause, before it
and, when those name no row, after it ("10 M$ … dans le cadre de la Stratégie pancanadienne en
matière d’IA"); the row is the one `label_words.named_label` finds. A sentence may speak of
another year or another scope than the table (an objective over five years), so the claim is
*uncertain*: a warning when the figures differ, never an error. Figures printed inside a table
or a footnote are the tables' and the footnotes' own business."""

from __future__ import annotations

import re
from typing import Any

from budgetcheck.sources.footnote_reading import clause_before
from budgetcheck.sources.label_words import Label, labels_by_rarest_word, named_label, words
from budgetcheck.sources.prose import PROSE_AMOUNT, Document, located

#: Why a sentence and a table may differ, said with the warning.
SCOPE = {"fr": "la phrase peut parler d’un autre exercice", "en": "the sentence may speak of "
         "another year"}
#: How far a figure's clause is looked for, before and after it.
REACH = 240
#: Where a clause after a figure ends: a stop, a comma or a bracket (or the next figure).
_CLAUSE_END = re.compile(r"[.;:,()](?:\s|$)")
_WORD = re.compile(r"[^\W_]+")


def tie_out_claims(document: Document,
                   data: dict[str, Any]) -> list[tuple[str, int, int, dict[str, Any]]]:
    """(name, start, end, claim fields) for each prose figure whose clause names one row."""
    labels = labels_by_rarest_word(data)
    if not labels:
        return []
    owned = owned_lines(data)
    text = document.text
    found: list[tuple[str, int, int, dict[str, Any]]] = []
    for m in PROSE_AMOUNT.finditer(text):
        if "%" in m.group(0) or document.line_at(m.start()) in owned:
            continue
        window = text[max(0, m.start() - REACH):m.start()]
        before = clause_before(window, len(window))
        label = named_label(labels, words(before))
        start, end = m.start() - len(before) + _first_word_of(before, label), m.end()
        if label is None:
            after = text[m.end():m.end() + REACH]
            stops = [hit.start() for hit in (_CLAUSE_END.search(after),
                                             PROSE_AMOUNT.search(after)) if hit]
            after = after[:min(stops)] if stops else after
            label = named_label(labels, words(after))
            start, end = m.start(), m.end() + len(after.rstrip())
        if label is None or not _compact(label, text[start:end]):
            continue
        figure = located(m.group(0), m.start(), document)
        found.append(("tie", start, end, {
            "kind": "target", "figures": {"stated": figure}, "uncertain": True,
            "relation": f"stated == {label.ref}", "scope": SCOPE}))
    return found


#: A sentence names a row when the label's words stand together: at most this many other
#: words among them ("aux projets de la phase 1" in "contributions fédérales … phase 1"), not
#: "projets pilotes d’ici la fin de la phase 2" for "Projets — Phase 2".
SLACK = 2


def _compact(label: Label, clause: str) -> bool:
    """Whether the label's words stand within a stretch of the clause's words no longer
    than the label by more than SLACK."""
    said = [next(iter(found)) if found else "" for found in
            (words(m.group(0)) for m in _WORD.finditer(clause))]
    said = [word for word in said if word]
    wanted, last_seen = label.words, {}
    best = len(said) + 1
    for i, word in enumerate(said):
        if word in wanted:
            last_seen[word] = i
            if len(last_seen) == len(wanted):
                best = min(best, i - min(last_seen.values()) + 1)
    return best <= len(wanted) + SLACK


def _first_word_of(clause: str, label: Label | None) -> int:
    """Where in the clause the first word of the label stands: the claim's stretch starts
    there, not at a heading the clause ran on from."""
    if label is None:
        return 0
    for match in _WORD.finditer(clause):
        if words(match.group(0)) & label.words:
            return match.start()
    return 0


def owned_lines(data: dict[str, Any]) -> set[int]:
    """The lines a table (from its first line to its last) or a footnote prints on."""
    owned: set[int] = set()
    for table in data.get("tables", []):
        lines = [line for row in table.get("rows", []) for line in _row_lines(row)]
        if lines:
            owned.update(range(min(lines), max(lines) + 1))
    for note in data.get("footnotes", []):
        lines = [note.get("line"), *(f.get("line") for f in note.get("figures", {}).values())]
        given = [line for line in lines if isinstance(line, int)]
        if given:
            owned.update(range(min(given), max(given) + 1))
    return owned


def _row_lines(row: dict[str, Any]) -> list[int]:
    lines = [row.get("line"), *row.get("label_lines", ())]
    lines += [cell.get("line") for cell in row.get("cells", {}).values() if isinstance(cell, dict)]
    return [line for line in lines if isinstance(line, int)]
