"""Parts within a whole across sentences, found without rules.

A press release grants amounts in one sentence each, then names what they are drawn from:

    "… une somme de 4 348 000 $ est accordée au programme … Une enveloppe de 252 000 $ est
    également attribuée à Québec International … Les enveloppes accordées à Scale AI et à QI
    découlent du Plan … Ce plan prévoit un montant global de 9 M$ …"

The parts together cannot exceed the whole: `part_1 + part_2 <= whole` (BC305). Which figures
are the parts is the reader's guess, so the claim is *uncertain*: when it fails, it is a
warning, never an error. To keep that guess sound, all of these must hold:

- the whole is named as one ("un montant global de", "une enveloppe totale de", "a total of",
  "an overall budget of");
- at least two parts are each granted with a noun of money ("une somme de", "une enveloppe de",
  "un financement de", "a grant of", "funding of") before it, within `WINDOW` characters and
  after any earlier whole;
- the whole's sentence, or the one before it, speaks of those parts together ("les
  enveloppes", "ces sommes", "these amounts") or says they come from it ("découlent de",
  "proviennent de", "come from", "are drawn from").
"""

from __future__ import annotations

import re
from typing import Any

from budgetcheck.sources.prose import PROSE_AMOUNT, Document, located

_MONEY_NOUN = (r"(?:somme|montant|enveloppe|aide(?:\s+financière)?|contribution|subvention|"
               r"financement|investissement|prêt|allocation)")
_MONEY_NOUN_EN = r"(?:sum|amount|envelope|contribution|grant|funding|investment|loan|allocation)"
#: "un montant global de 9 M$", "une enveloppe totale de", "a total of", "an overall budget of".
WHOLE = re.compile(
    rf"\b(?:(?:un|une|le|la)\s+{_MONEY_NOUN}s?\s+(?:global|globale|total|totale)\s+(?:de|d['’])\s*"
    rf"|(?:un|le)\s+total\s+de\s+"
    rf"|(?:a|an|the)\s+(?:total|overall|global)(?:\s+{_MONEY_NOUN_EN}|\s+budget)?\s+of\s+)"
    rf"(?P<whole>{PROSE_AMOUNT.pattern})", re.IGNORECASE)
#: A part granted on its own: "une somme de 4 348 000 $", "a grant of $252,000".
PART = re.compile(
    rf"\b(?:(?:un|une)\s+{_MONEY_NOUN}\s+(?:de|d['’])\s*|(?:a|an)\s+{_MONEY_NOUN_EN}\s+of\s+"
    rf"|{_MONEY_NOUN_EN}\s+of\s+)(?P<part>{PROSE_AMOUNT.pattern})", re.IGNORECASE)
#: The parts spoken of together, or said to come from the whole.
TOGETHER = re.compile(
    rf"\b(?:les|ces|leurs)\s+{_MONEY_NOUN}s\b|\b(?:these|those|the|both)\s+{_MONEY_NOUN_EN}s\b"
    r"|\b(?:découlent|proviennent|font partie|sont tirées|sont issues|relèvent)\b"
    r"|\b(?:come|comes|are drawn|are taken|are part)\s+(?:from|of)\b", re.IGNORECASE)
_SENTENCE_STOP = re.compile(r"[.;!?](?=\s)")
#: How far before the whole its parts are looked for (a press release's two paragraphs).
WINDOW = 1500


def whole_claims(document: Document) -> list[tuple[str, int, int, dict[str, Any]]]:
    """(name, start, end, claim fields) for each whole with its parts: the stretch runs from
    the first part to the whole."""
    text = document.text
    found: list[tuple[str, int, int, dict[str, Any]]] = []
    after = 0  # a part belongs to the first whole after it
    for whole in WHOLE.finditer(text):
        begin = max(after, whole.start() - WINDOW)
        after = whole.end()
        if "%" in whole.group("whole"):
            continue
        parts = [m for m in PART.finditer(text, begin, whole.start())
                 if "%" not in m.group("part")]
        if len(parts) < 2 or not _spoken_of_together(text, parts[-1].end(), whole.start()):
            continue
        figures = {f"part_{n}": located(m.group("part"), m.start("part"), document)
                   for n, m in enumerate(parts, 1)}
        figures["whole"] = located(whole.group("whole"), whole.start("whole"), document)
        found.append(("parts", parts[0].start(), whole.end(), {
            "kind": "comparison", "figures": figures, "uncertain": True,
            "relation": " + ".join(f"part_{n}" for n in range(1, len(parts) + 1)) + " <= whole"}))
    return found


def _spoken_of_together(text: str, last_part: int, whole: int) -> bool:
    """The whole's sentence, or the sentence before it, names the parts together: from the
    start of that sentence (never before the last part) to the whole."""
    stops = [m.end() for m in _SENTENCE_STOP.finditer(text, last_part, whole)]
    start = stops[-2] if len(stops) >= 2 else last_part
    return TOGETHER.search(text, start, whole) is not None
