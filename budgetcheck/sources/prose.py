"""Figures in prose: how a sentence prints an amount or a percentage, and the document as one
string with a way back to its line numbers. What the claim readers (`claims_text`,
`claims_implied`) share."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from budgetcheck.plan.model import HEDGE_WORDS
from budgetcheck.sources.text_plan import Line

#: A number as French ("1 234,5") or English ("1,234.5") prose prints it; which one it is,
#: `parse_amount` decides from the figure's whole text.
#: Every repetition is bounded (a figure has at most 30 digits): an unbounded one made a long run
#: of digit groups ("100 100 100 …", no unit after it) cost the square of its length.
PROSE_NUMBER = r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3}){1,10}(?:,[0-9]{1,15})?|[0-9]{1,3}(?:,[0-9]{3}){1,10}(?:\.[0-9]{1,15})?" \
               r"|[0-9]{1,30}(?:[.,][0-9]{1,15})?"
PROSE_UNIT = r"(?:\s?%|\s+(?:millions?|milliards?)\s+de\s+dollars|\s+(?:millions?|milliards?)\s+de\s+\$" \
             r"|\s?M\$|\s?\$|\s+(?:million|billion)\s+dollars|\s+dollars)"
#: English puts the dollar first: "$151 million", "$2.5M", "$430,423".
_DOLLAR_FIRST = rf"\$\s?(?:{PROSE_NUMBER})(?:\s?[MKB]\b|\s(?:million|billion|thousand)\b)?"
PROSE_AMOUNT = re.compile(rf"(?<![\w,])(?:{_DOLLAR_FIRST}|(?:\$\s?)?(?:{PROSE_NUMBER}){PROSE_UNIT})"
                          rf"(?![\w])")
#: Not inside a longer number: from every digit of a long run, "\d+" read to its end and back.
SHARE_NUMBER = r"(?<![0-9.,])[0-9]{1,30}(?:[.,][0-9]{1,15})?\s?%"


@dataclass
class Document:
    """The document as one string of normalised lines, with a way back to line numbers."""

    text: str
    starts: list[int]
    numbers: list[int]

    @classmethod
    def of(cls, lines: list[Line]) -> Document:
        parts, starts, numbers, offset = [], [], [], 0
        for line in lines:
            if not line.text:
                continue
            starts.append(offset)
            numbers.append(line.number)
            parts.append(line.text)
            offset += len(line.text) + 1
        return cls(" ".join(parts), starts, numbers)

    def line_at(self, offset: int) -> int:
        return self.numbers[max(0, bisect_right(self.starts, offset) - 1)]


def located(text: str, start: int, document: Document) -> dict[str, Any]:
    figure: dict[str, Any] = {"text": text.strip(), "line": document.line_at(start)}
    hedge = preceding_hedge(document, start)
    if hedge:
        figure["hedge"] = hedge
    return figure


def preceding_hedge(document: Document, start: int) -> str | None:
    before = document.text[max(0, start - 20) : start].lower().rstrip()
    before = before.replace("d’", " ").replace("d'", " ")
    return next((w for w in HEDGE_WORDS if re.search(rf"(?:^|\s){re.escape(w)}$", before)), None)
