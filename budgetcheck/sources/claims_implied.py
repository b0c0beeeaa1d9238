"""Claims that rest on a figure the document does not print, found without rules.

Two shapes, in French and in English:

- a ratio: "308 millions de dollars … 1,6 $ dollar de l’industrie pour chaque dollar de
  financement de Scale AI dépensé", "$1.60 for every dollar of federal funding": the amount
  printed before the ratio is the ratio times the dollars the sentence names after "dollar";
- a growth or an excess: "308 millions de dollars, ce qui dépasse notre plan initial de 18 %",
  "en hausse de 12 % par rapport à 2022", "$151 million, up 12% from last year": the amount is
  the base it names, increased (or decreased) by the percentage.

Neither base is printed, so each is an implied-value claim (BC306, a warning, never an error):
the checker solves for the base on intervals, looks for a figure of the plan of that value, and
otherwise reports the value with the dollar figures printed just before the claim tried as
candidates (one figure, or one less another: "219 M$ − 60 M$ = 159 M$ gives 1,94")."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from typing import Any

from budgetcheck.numbers.notation import parse_amount
from budgetcheck.sources.prose import PROSE_AMOUNT, SHARE_NUMBER, Document, located

#: A ratio of dollars: "1,6 $", "$1.60", "1.6 $".
_RATIO_NUMBER = r"\$\s?[0-9]{1,3}(?:[.,][0-9]{1,3})?|[0-9]{1,3}(?:[.,][0-9]{1,3})?\s?\$"
RATIO = re.compile(rf"(?<![\w.,])(?P<ratio>{_RATIO_NUMBER})(?![\w])[^.;$%0-9]{{0,60}}?"
                   r"\b(?:pour chaque|par|for every|for each|per)\s{1,8}dollars?\b"
                   r"(?P<what>[^.;$%0-9]{3,90})", re.IGNORECASE)
#: "X … dépasse notre plan initial de 18 %", "X … exceeds the target by 18%".
EXCESS = re.compile(rf"(?P<value>{PROSE_AMOUNT.pattern})[^.;%]{{0,60}}?"
                    r"\b(?P<verb>dépasse|surpasse|excède|exceeds?|surpass(?:es)?)\s{1,8}"
                    rf"(?P<what>[^.;0-9%$]{{3,60}}?)\s{{1,8}}(?:de|by)\s{{1,8}}(?P<pct>{SHARE_NUMBER})",
                    re.IGNORECASE)
#: "X, en hausse de 12 % par rapport à 2022", "X, up 12% from 2022".
CHANGE = re.compile(rf"(?P<value>{PROSE_AMOUNT.pattern})[^.;%]{{0,60}}?"
                    r"\b(?P<verb>en hausse|en baisse|une hausse|une baisse|une augmentation|"
                    r"une diminution|up|down|an increase|a decrease|a rise|a drop)"
                    rf"(?:\s{{1,8}}of)?\s{{1,8}}(?:de\s{{1,8}})?(?P<pct>{SHARE_NUMBER})\s{{1,8}}"
                    r"(?:par rapport (?:à|au|aux)|sur|from|over|on|compared with|than)\s{1,8}"
                    r"(?P<what>[^.;,%$]{2,40})", re.IGNORECASE)
_DOWN = re.compile(r"baisse|diminution|down|decrease|drop", re.IGNORECASE)
#: How far before a ratio its numerator and the candidate figures are looked for.
WINDOW = 600
#: Candidates reported for a ratio, the nearest to the implied value first.
MAX_CANDIDATES = 4
#: Figures before a ratio tried as candidates (their pairwise differences too).
MAX_NEARBY = 8


def implied_claims(document: Document) -> list[tuple[str, int, int, dict[str, Any]]]:
    """(name, start, end, claim fields) for each ratio and growth found; a ratio's stretch is
    the ratio and what it is per, its numerator being read before it (a growth claim may have
    printed that amount)."""
    found: list[tuple[str, int, int, dict[str, Any]]] = []
    for m in [*EXCESS.finditer(document.text), *CHANGE.finditer(document.text)]:
        fields = _growth(m, document)
        if fields is not None:
            found.append(("growth", m.start(), m.end(), fields))
    for m in RATIO.finditer(document.text):
        fields = _ratio(m, document)
        if fields is not None:
            found.append(("ratio", m.start(), m.end(), fields))
    return found


def _what(text: str) -> str:
    """The words that name the unprinted figure, without a leading article or preposition."""
    words = " ".join(text.split()).strip(" ,:")
    return re.sub(r"^(?:de |d’|d'|du |des |of |the )", "", words, flags=re.IGNORECASE)


def _growth(m: re.Match[str], document: Document) -> dict[str, Any] | None:
    value = m.group("value")
    if "%" in value:
        return None
    sign = "-" if _DOWN.search(m.group("verb")) else "+"
    what = _what(m.group("what"))
    return {"kind": "implied",
            "figures": {"value": located(value, m.start("value"), document),
                        "change": located(m.group("pct"), m.start("pct"), document)},
            "relation": f"value == base * (1 {sign} change)", "unknown": "base",
            "unknown_label": what}


def _ratio(m: re.Match[str], document: Document) -> dict[str, Any] | None:
    text = document.text
    before = [a for a in PROSE_AMOUNT.finditer(text, max(0, m.start() - WINDOW), m.start())
              if "%" not in a.group(0) and a.end() <= m.start("ratio")]
    if not before:
        return None
    numerator = before[-1]
    ratio_text = m.group("ratio")
    figures: dict[str, Any] = {
        "numerator": located(numerator.group(0), numerator.start(), document),
        "ratio": {**located(ratio_text, m.start("ratio"), document), "unit": ""}}
    candidates = _candidates(before[:-1][-MAX_NEARBY:], numerator.group(0), ratio_text,
                             figures, document)
    used = {name for expr in candidates for name in expr.split(" - ")}
    figures = {name: f for name, f in figures.items() if not name.startswith("c") or name in used}
    return {"kind": "implied", "figures": figures, "relation": "numerator == ratio * base",
            "unknown": "base", "unknown_label": _what(m.group("what")), "candidates": candidates,
            "compared": sorted(used)}


def _value(text: str) -> Decimal | None:
    try:
        return parse_amount(text).value
    except ValueError:
        return None


def _candidates(nearby: list[re.Match[str]], numerator: str, ratio: str,
                figures: dict[str, Any], document: Document) -> list[str]:
    """The nearby figures and their differences nearest to numerator / ratio: the figures
    are added to the claim (`c1`, `c2`, …) and the candidates are expressions over them."""
    top, per = _value(numerator), _value(ratio.replace("$", ""))
    if top is None or not per:
        return []
    implied = top / per
    values: list[tuple[str, Decimal]] = []
    for n, match in enumerate(nearby, 1):
        figure = located(match.group(0), match.start(), document)
        value = _value(match.group(0))
        if value is None or value <= 0 or "hedge" in figure:  # "environ 70": no candidate
            continue
        figures[f"c{n}"] = figure
        values.append((f"c{n}", value))
    options = [(name, value) for name, value in values]
    options += [(f"{a} - {b}", va - vb) for (a, va), (b, vb) in itertools.permutations(values, 2)
                if va > vb]
    options.sort(key=lambda option: abs(option[1] - implied))
    return [expr for expr, _ in options[:MAX_CANDIDATES]]
