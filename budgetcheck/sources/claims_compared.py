"""Claims that compare two printed figures, found without rules (in French and in English).

- a change from a printed base: "$151 million, up 12% from $135 million in 2022", "151 M$, en
  hausse de 12 % par rapport aux 135 M$ de 2022": `value == base * (1 + change)` (BC303);
- a leverage on a printed base: "$308 million …, a leverage of 1.6 on the $192.5 million of
  federal funding", "un effet de levier de 1,6 sur les 192,5 M$": `value == ratio * base`
  (BC303); with no printed base, the leverage is an implied-value claim, as a ratio of dollars
  is (`claims_implied`);
- a fraction of a whole: "$30 million, a third of the $90 million", "30 M$, soit le tiers des
  90 M$", or "…, a third of it" after the whole: `'33 %' == part / whole` (BC302). A fraction
  word is said loosely ("a third" of 90 may be 31), so that claim is *uncertain*: a warning
  when it fails, never an error."""

from __future__ import annotations

import re
from typing import Any

from budgetcheck.sources.prose import PROSE_AMOUNT, SHARE_NUMBER, Document, located

_AMOUNT = PROSE_AMOUNT.pattern
#: "X, up 12% from $135 million", "X, en hausse de 12 % par rapport aux 135 M$".
CHANGE_FROM = re.compile(
    rf"(?P<value>{_AMOUNT})[^.;%$]{{0,60}}?"
    r"\b(?P<verb>en hausse|en baisse|une hausse|une baisse|une augmentation|une diminution|"
    r"up|down|an increase|a decrease|a rise|a drop)(?:\s{1,8}of)?\s{1,8}(?:de\s{1,8})?"
    rf"(?P<pct>{SHARE_NUMBER})\s{{1,8}}(?:par rapport (?:à|au|aux)|sur|from|over|on|"
    r"compared with|than)\s{1,8}(?:(?:les|le|la|l’|l'|the)\s{1,8})?"
    rf"(?P<base>{_AMOUNT})", re.IGNORECASE)
_DOWN = re.compile(r"baisse|diminution|down|decrease|drop", re.IGNORECASE)
#: "a leverage of 1.6", "leverage ratio of 1.6x", "un effet de levier de 1,6", "un levier de 1,6".
LEVERAGE = re.compile(
    r"\b(?:(?:(?:a|an|the)\s+)?leverage(?:\s+ratio)?\s+of\s+|(?:un\s+)?(?:effet\s+de\s+)?"
    r"levier\s+(?:financier\s+)?de\s+)"
    r"(?P<ratio>[0-9]{1,2}(?:[.,][0-9]{1,2})?)(?:\s?(?:x|×|times|fois)\b|\s?(?:to|pour|:)\s?1\b)?"
    rf"(?:[^.;%$0-9]{{0,30}}?\b(?:on|over|sur|pour)\s+(?:(?:les|le|la|l’|l'|the)\s+)?"
    rf"(?P<base>{_AMOUNT}))?", re.IGNORECASE)
#: How far before a leverage its amount is looked for.
WINDOW = 400
_FRACTIONS = {"la moitié": "50 %", "half": "50 %", "le tiers": "33 %", "un tiers": "33 %",
              "a third": "33 %", "one third": "33 %", "le quart": "25 %", "un quart": "25 %",
              "a quarter": "25 %", "one quarter": "25 %", "deux tiers": "67 %",
              "les deux tiers": "67 %", "two thirds": "67 %", "two-thirds": "67 %",
              "trois quarts": "75 %", "les trois quarts": "75 %", "three quarters": "75 %",
              "three-quarters": "75 %"}
_FRACTION = "|".join(sorted(map(re.escape, _FRACTIONS), key=len, reverse=True))
#: "X, a third of the $90 million", "X, soit le tiers des 90 M$", "X, a third of it".
FRACTION = re.compile(
    rf"(?P<part>{_AMOUNT}),?\s{{1,8}}(?:(?:or|soit|ou|which is|i\.e\.)\s{{1,8}})?(?:about\s+|"
    rf"environ\s+|près\s+de\s+)?(?P<frac>{_FRACTION})\s{{1,8}}(?:of|de|du|des|d’|d')\s*"
    rf"(?:(?:the|les|le|la|l’|l')\s{{1,8}})?(?:(?P<whole>{_AMOUNT})|(?P<it>it|that|this amount|"
    r"celui-ci|ce montant|cette somme|ceux-ci))", re.IGNORECASE)
_SENTENCE_STOP = re.compile(r"[.;!?](?=\s)")


def compared_claims(document: Document) -> list[tuple[str, int, int, dict[str, Any]]]:
    """(name, start, end, claim fields) for each change, leverage and fraction whose two
    sides are printed."""
    found: list[tuple[str, int, int, dict[str, Any]]] = []
    text = document.text
    for m in CHANGE_FROM.finditer(text):
        if "%" in m.group("value") + m.group("base"):
            continue
        sign = "-" if _DOWN.search(m.group("verb")) else "+"
        found.append(("growth", m.start(), m.end(), {
            "kind": "ratio", "relation": f"value == base * (1 {sign} change)", "figures": {
                "value": located(m.group("value"), m.start("value"), document),
                "change": located(m.group("pct"), m.start("pct"), document),
                "base": located(m.group("base"), m.start("base"), document)}}))
    for m in LEVERAGE.finditer(text):
        claim = _leverage(m, document)
        if claim is not None:
            found.append(claim)
    for m in FRACTION.finditer(text):
        claim = _fraction(m, document)
        if claim is not None:
            found.append(claim)
    return found


def _leverage(m: re.Match[str], document: Document) -> tuple[str, int, int, dict[str, Any]] | None:
    """The amount printed last before the leverage, in its sentence, is the leverage times
    its base; with no printed base, the base is solved for (BC306)."""
    before = _amounts_before(document.text, m.start())
    if not before or m.group("ratio") is None:
        return None
    value = before[-1]
    figures: dict[str, Any] = {
        "value": located(value.group(0), value.start(), document),
        "ratio": {**located(m.group("ratio"), m.start("ratio"), document), "unit": ""}}
    if m.group("base") is None:
        return ("leverage", value.start(), m.end(), {
            "kind": "implied", "figures": figures, "relation": "value == ratio * base",
            "unknown": "base", "unknown_label": "base"})
    if "%" in m.group("base"):
        return None
    figures["base"] = located(m.group("base"), m.start("base"), document)
    return ("leverage", value.start(), m.end(), {
        "kind": "ratio", "figures": figures, "relation": "value == ratio * base"})


def _fraction(m: re.Match[str], document: Document) -> tuple[str, int, int, dict[str, Any]] | None:
    """`share == part / whole` for "X, a third of Y"; "…, a third of it": the whole is the
    amount printed last before the part in its sentence."""
    if "%" in m.group("part"):
        return None
    start = m.start()
    if m.group("whole") is not None:
        whole, at = m.group("whole"), m.start("whole")
    else:
        before = _amounts_before(document.text, start)
        if not before:
            return None
        whole, at = before[-1].group(0), before[-1].start()
        start = at
    if "%" in whole:
        return None
    share = _FRACTIONS[" ".join(m.group("frac").lower().split())]
    return ("fraction", start, m.end(), {
        "kind": "share", "uncertain": True, "relation": f"'{share}' == part / whole",
        "figures": {"part": located(m.group("part"), m.start("part"), document),
                    "whole": located(whole, at, document)}})


def _amounts_before(text: str, start: int) -> list[re.Match[str]]:
    """The dollar amounts printed before `start` in its sentence (within WINDOW)."""
    stops = [s.end() for s in _SENTENCE_STOP.finditer(text, max(0, start - WINDOW), start)]
    begin = stops[-1] if stops else max(0, start - WINDOW)
    return [a for a in PROSE_AMOUNT.finditer(text, begin, start) if "%" not in a.group(0)]
