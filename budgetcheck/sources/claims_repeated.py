"""The same quantity stated twice in a document's prose, found without rules.

A web page that repeats a paragraph, or a summary that restates a sentence of the body, prints
one quantity twice: "… et lui a octroyé un financement de plus de 2 milliards de dollars pour
soutenir de nouvelles initiatives" (twice in the ISED release). Two figures whose sentences
have the same six words before them and three after state one quantity, so the later must
equal the first: `again == first` (BC305). A sentence can repeat its words for another year,
so the claim is *uncertain*: a warning when they differ, never an error. Figures printed inside
a table or a footnote are not read (`owned`: their lines)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from budgetcheck.sources.prose import PROSE_AMOUNT, Document, located

#: How many words of its sentence, just before and just after it, two figures must share to
#: be one quantity: "… lui a octroyé un financement de plus de 2 milliards de dollars pour
#: soutenir de …". A heading the sentence runs on from is not among them; a count is:
#: "627 projets estimés à plus de 3,07 milliards" and "47 projets estimés à plus de 188,9
#: millions" share five words before, then differ.
BEFORE, AFTER = 6, 3
#: How far the words are read around a figure.
REACH = 200
_TOKEN = re.compile(r"[^\W_]+")
_SENTENCE_STOP = re.compile(r"[.;!?](?=\s)")


def repeated_claims(document: Document,
                    owned: set[int]) -> list[tuple[str, int, int, dict[str, Any]]]:
    """(name, start, end, claim fields) for each figure that repeats an earlier one's words."""
    text = document.text
    first: dict[tuple[str, ...], re.Match[str]] = {}
    found: list[tuple[str, int, int, dict[str, Any]]] = []
    for m in PROSE_AMOUNT.finditer(text):
        if "%" in m.group(0) or document.line_at(m.start()) in owned:
            continue
        ahead = text[max(0, m.start() - REACH):m.start()]
        stops = list(_SENTENCE_STOP.finditer(ahead))
        before = _tokens(ahead[stops[-1].end():] if stops else ahead)[-BEFORE:]
        behind = text[m.end():m.end() + REACH]
        stop = _SENTENCE_STOP.search(behind)
        after = _tokens(behind[:stop.start()] if stop else behind)[:AFTER]
        if len(before) < BEFORE or len(after) < AFTER:
            continue
        key = (*before, "|", *after)
        earlier = first.setdefault(key, m)
        if earlier is m:
            continue
        again = located(m.group(0), m.start(), document)
        said = located(earlier.group(0), earlier.start(), document)
        if again.pop("hedge", None) != said.pop("hedge", None):
            continue  # "plus de 2 G$" and "environ 2 G$" may be one quantity, said two ways
        # The same hedge twice ("plus de 2 milliards" … "plus de 2 milliards"): the printed
        # figures are compared, since two bounds would agree with anything.
        found.append(("repeated", m.start(), m.end(), {
            "kind": "comparison", "uncertain": True, "relation": "again == first",
            "figures": {"again": again, "first": said}}))
    return found


def _tokens(text: str) -> list[str]:
    """The words and numbers of a stretch, in order, lower case and without accents."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _TOKEN.findall(folded)
