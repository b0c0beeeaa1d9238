"""Approximate results, found without rules: a shortfall or a gap the sentence says the figures
before it leave.

    "nous avons engagé 219 millions de dollars des 230 millions de dollars disponibles … 60
    millions de dollars de ces engagements ne pourront pas se réaliser, ce qui nous laisse un
    déficit d’environ 70 millions de dollars"

The document does not say how 70 follows from 219, 230 and 60; the reader tries what two or
three of the dollar figures printed just before give, added or taken away (230 − 219 + 60 =
71), and keeps the one nearest to the result: `result == c1 - c2 + c3`, judged on intervals
with the result's hedge ("environ 70" is 60 to 80). Which figures produce the result is the
reader's guess, so the claim is *uncertain*: when even the nearest combination misses, it is a
warning naming that combination, never an error.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from typing import Any

from budgetcheck.numbers.notation import parse_amount
from budgetcheck.sources.prose import PROSE_AMOUNT, Document, located

_HEDGE = r"(?:d['’]\s*environ|de\s+près\s+de|d['’]\s*à\s+peu\s+près|of\s+about|of\s+around|" \
         r"of\s+roughly|of\s+some|of\s+approximately|of\s+nearly|de|d['’]|of)\s*"
#: "un déficit d’environ 70 M$", "a shortfall of about $70 million", "un manque à gagner de".
RESULT = re.compile(
    r"\b(?:un|une|le|la|a|an|the)\s+(?:déficit|manque\s+à\s+gagner|écart|insuffisance|"
    r"shortfall|deficit|funding\s+gap|gap)\s+" + _HEDGE
    + rf"(?P<result>{PROSE_AMOUNT.pattern})"
    # English also puts it last: "about $70 million short"
    rf"|\b(?:about|around|roughly|some|nearly|approximately)\s+(?P<short>{PROSE_AMOUNT.pattern})"
    r"\s+short\b", re.IGNORECASE)
_SENTENCE_STOP = re.compile(r"[.;!?](?=\s)")
#: The figures tried: the dollar amounts of the result's sentence and the one before it, the
#: nearest first, at most this many (4 figures give 28 combinations of two or three).
MAX_FIGURES = 4
#: How far back the sentence before the result's may start.
WINDOW = 600


def result_claims(document: Document) -> list[tuple[str, int, int, dict[str, Any]]]:
    """(name, start, end, claim fields) for each approximate result whose figures are found:
    the stretch is the result's phrase (its figures were printed before it)."""
    found: list[tuple[str, int, int, dict[str, Any]]] = []
    for m in RESULT.finditer(document.text):
        group = "result" if m.group("result") else "short"
        fields = _result(m, group, document)
        if fields is not None:
            found.append(("result", m.start(), m.end(), fields))
    return found


def _value(text: str) -> Decimal | None:
    try:
        return parse_amount(text).value
    except ValueError:
        return None


def _result(m: re.Match[str], group: str, document: Document) -> dict[str, Any] | None:
    text = document.text
    result = m.group(group)
    target = _value(result)
    if "%" in result or target is None:
        return None
    stops = [s.end() for s in _SENTENCE_STOP.finditer(text, max(0, m.start() - WINDOW),
                                                       m.start())]
    start = stops[-2] if len(stops) >= 2 else max(0, m.start() - WINDOW)
    before = [a for a in PROSE_AMOUNT.finditer(text, start, m.start()) if "%" not in a.group(0)]
    figures: dict[str, Any] = {}
    values: list[tuple[str, Decimal]] = []
    for match in before[-MAX_FIGURES:]:
        value = _value(match.group(0))
        if value is None or value <= 0:
            continue
        name = f"c{len(values) + 1}"
        figures[name] = located(match.group(0), match.start(), document)
        values.append((name, value))
    combination = _nearest(values, target)
    if combination is None:
        return None
    used = set(re.findall(r"c[0-9]+", combination))
    return {"kind": "sum",
            "figures": {"result": located(result, m.start(group), document),
                        **{name: f for name, f in figures.items() if name in used}},
            "relation": f"result == {combination}", "uncertain": True}


def _nearest(values: list[tuple[str, Decimal]], target: Decimal) -> str | None:
    """The sum of two or three of the figures, each added or taken away, nearest to `target`
    and above zero, written with what is added first ("c2 + c3 - c1"); of two as near, the one
    of fewer figures, then the one found first."""
    options: list[tuple[Decimal, int, str]] = []
    for size in (2, 3):
        for chosen in itertools.combinations(values, size):
            for signs in itertools.product((1, -1), repeat=size):
                total = sum(s * v for s, (_, v) in zip(signs, chosen))
                if total <= 0 or -1 not in signs:  # a sum of them all is no shortfall
                    continue
                added = [name for s, (name, _) in zip(signs, chosen) if s > 0]
                taken = [name for s, (name, _) in zip(signs, chosen) if s < 0]
                options.append((abs(total - target), size,
                                " + ".join(added) + "".join(f" - {name}" for name in taken)))
    if not options:
        return None
    return min(options, key=lambda option: option[:2])[2]
