"""Prose claims read from a document's own sentences.

With a rules file, each declared claim is found again in the document: its quoted text becomes a
pattern in which every figure is a wildcard number, so an edited figure ("209 millions" for
"219 millions") is read with its new value and line. Without rules, a few common sentence shapes
are recognised, in French and in English: "X, dont A ... et B" (a sum), "A des B (P %)" (a share),
"(A de ... et B de ...)" after a total (a sum), "P % ... les Q % restants" (a complement), and
"X, dont A" / "X, including A" / "X. De cette somme, A" (a part, which cannot exceed its whole:
press releases print them so).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from typing import Any

from budgetcheck.plan.model import Claim
from budgetcheck.sources.claims_compared import compared_claims
from budgetcheck.sources.claims_implied import implied_claims
from budgetcheck.sources.claims_repeated import repeated_claims
from budgetcheck.sources.claims_result import result_claims
from budgetcheck.sources.claims_tie_out import owned_lines, tie_out_claims
from budgetcheck.sources.claims_whole import whole_claims
from budgetcheck.sources.prose import (
    PROSE_AMOUNT,
    PROSE_NUMBER,
    SHARE_NUMBER,
    Document,
    located,
    preceding_hedge,
)

_FIGURE_NUMBER = re.compile(r"[0-9][0-9 ,.\u00a0\u202f]*[0-9]|[0-9]")


def _number_parts(figure_text: str) -> tuple[str, str, str]:
    """A figure's text as (before its number, the number, after it): ("$", "219", " million")."""
    number = _FIGURE_NUMBER.search(figure_text)
    if number is None:
        return "", figure_text, ""
    return figure_text[:number.start()], number.group(0), figure_text[number.end():]


def _pattern(text: str, figures: list[tuple[str, str]]) -> tuple[str, list[str]]:
    """A regex for a claim's text in which each figure's number is a capturing wildcard."""
    spans: list[tuple[int, int, str, str]] = []
    for name, figure_text in figures:
        start = 0
        while True:
            found = text.find(figure_text, start)
            if found < 0:
                break
            end = found + len(figure_text)
            clash = any(not (end <= a or found >= b) for a, b, _, _ in spans)
            glued = found > 0 and (text[found - 1].isdigit() or text[found - 1] in ",.")
            if not clash and not glued:
                spans.append((found, end, name, figure_text))
                break
            start = found + 1
    spans.sort()
    pieces, names, cursor = [], [], 0
    for start, end, name, figure_text in spans:
        pieces.append(_loose(text[cursor:start]))
        before, _, after = _number_parts(figure_text)
        lead = re.escape(before.rstrip()) + (r"\s?" if before else "")
        pieces.append(f"{lead}({PROSE_NUMBER}){_loose(after)}")
        names.append(name)
        cursor = end
    pieces.append(_loose(text[cursor:]))
    return "".join(pieces), names


def _loose(literal: str) -> str:
    parts = [re.escape(p) for p in re.split(r"\s+", literal)]
    return r"\s*".join(parts) if literal.strip() == "" else r"\s+".join(parts)


def reread_claim(claim: Claim, document: Document) -> dict[str, Any]:
    """The claim with its figures (text and line) as the document prints them now."""
    data = claim.model_dump(exclude_defaults=True)
    ordered = sorted(claim.figures.items(), key=lambda kv: kv[1].line)
    segments = [s.strip() for s in claim.text.split("[...]")]
    found_figures: dict[str, tuple[str, int]] = {}
    first_line = last_line = None
    cursor = 0
    for segment in segments:
        mine = [(n, f.text) for n, f in ordered if f.text in segment and n not in found_figures]
        regex, names = _pattern(segment, mine)
        match = re.compile(regex).search(document.text, cursor)
        if match is None:
            data["located"] = False
            return data
        cursor = match.end()
        first_line = first_line or document.line_at(match.start())
        last_line = document.line_at(match.end() - 1)
        for index, name in enumerate(names, 1):
            before, _, after = _number_parts(claim.figures[name].text)
            found_figures[name] = (before + match.group(index) + after,
                                   document.line_at(match.start(index)))
    for name, (text, line) in found_figures.items():
        data["figures"][name].update(text=text, line=line)
    if first_line and last_line:
        data["lines"] = sorted({*range(first_line, last_line + 1),
                                *(line for _, line in found_figures.values())})
    return data


# -- claims found without rules ------------------------------------------------------------------

SUM_DONT = re.compile(rf"(?P<total>{PROSE_AMOUNT.pattern})"
                      rf"[^.;]{{0,120}}?\b(?:dont|of which)\s+(?P<a>{PROSE_AMOUNT.pattern})[^.;]{{0,120}}?"
                      rf"\b(?:et|and)\s+"
                      rf"(?P<b>{PROSE_AMOUNT.pattern})", re.IGNORECASE)
SUM_PAREN = re.compile(rf"(?P<total>{PROSE_AMOUNT.pattern})"
                       rf"[^.;()]{{0,160}}\((?P<a>{PROSE_AMOUNT.pattern})[^()]{{0,80}}?\b(?:et|and)\s+"
                       rf"(?P<b>{PROSE_AMOUNT.pattern})[^()]{{0,200}}\)", re.IGNORECASE)
SHARE = re.compile(rf"(?P<part>{PROSE_AMOUNT.pattern})\s+(?:des|of the|of)\s+"
                   rf"(?P<whole>{PROSE_AMOUNT.pattern})[^.;()]{{0,120}}\((?P<share>{SHARE_NUMBER})\)",
                   re.IGNORECASE)
COMPLEMENT = re.compile(rf"(?P<p>{SHARE_NUMBER})[^%]{{0,200}}?\b(?:les|the)\s+(?P<q>{SHARE_NUMBER})"
                        r"\s+(?:de\s+\w+\s+)?(?:restant|remaining)", re.IGNORECASE)
#: "85 % … the remaining 15 %": English puts "remaining" first.
COMPLEMENT_EN = re.compile(rf"(?P<p>{SHARE_NUMBER})[^%]{{0,200}}?\bthe\s+remaining\s+"
                           rf"(?P<q>{SHARE_NUMBER})", re.IGNORECASE)

#: "…, dont A", "… X. De cette somme, A": A is part of the amount printed just before.
PART_ANCHOR = re.compile(r"(?:,\s*|\s)(?:dont|of which|including)\s|[.;]\s*(?:de cette somme|"
                         r"sur ce montant|de ce montant|of this amount|of that amount|"
                         r"of this total)\s*,?\s", re.IGNORECASE)
_SENTENCE_STOP = re.compile(r"[.;](?=\s)")
#: The part, after at most a hedge ("plus de ", "près de "): no other figure in between.
_PART = re.compile(rf"[^0-9.;%$]{{0,24}}?(?P<part>{PROSE_AMOUNT.pattern})", re.IGNORECASE)


def _part_claims(document: Document) -> list[tuple[int, int, dict[str, Any]]]:
    """(start, end, figures) for each part-of-a-whole sentence: the whole is the last dollar
    amount before the anchor, in its sentence; the part is the first one after it."""
    text = document.text
    found = []
    for anchor in PART_ANCHOR.finditer(text):
        sentence_end = anchor.start() + (1 if text[anchor.start()] in ".;" else 0)
        # The sentence starts after the last full stop: "$12.5 million" has a point, no stop.
        stops = [m.end() for m in _SENTENCE_STOP.finditer(text, max(0, anchor.start() - 200),
                                                          sentence_end - 1)]
        start = stops[-1] if stops else max(0, anchor.start() - 200)
        wholes = [m for m in PROSE_AMOUNT.finditer(text, start, sentence_end)]
        after = _PART.match(text, anchor.end())
        if not wholes or after is None:
            continue
        whole = wholes[-1]
        if "%" in whole.group(0) or "%" in after.group("part"):
            continue  # a share of a share is another sentence's business
        found.append((whole.start(), after.end("part"), {
            "whole": located(whole.group(0), whole.start(), document),
            "part": located(after.group("part"), after.start("part"), document)}))
    return found


def _figure(match: re.Match[str], group: str, document: Document) -> dict[str, Any]:
    figure: dict[str, Any] = {"text": match.group(group).strip(),
                              "line": document.line_at(match.start(group))}
    hedge = preceding_hedge(document, match.start(group))
    if hedge:
        figure["hedge"] = hedge
    return figure


def find_claims(document: Document, data: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Claims recognised in the prose by their shape; each is checked like a declared one.
    With the document's tables (`data`), a figure whose clause names a row is tied to it."""
    claims: list[dict[str, Any]] = []
    # The stretches claims were read from, kept apart and sorted (by start, so by end too): a
    # new claim overlaps one only if it overlaps a neighbour, found by bisection.
    starts: list[int] = []
    ends: list[int] = []

    ids: set[str] = set()

    def add(kind: str, match: re.Match[str] | _Span, figures: dict[str, dict[str, Any]],
            relation: str, name: str | None = None, compared: Iterable[str] = (),
            **extra: Any) -> None:
        start, end = match.start(), match.end()
        at = bisect_right(starts, start)
        if at and ends[at - 1] > start or at < len(starts) and starts[at] < end:
            return
        starts.insert(at, start)
        ends.insert(at, end)
        # A claim's lines are its sentence's and its figures', less the figures it was only
        # compared with (an implied value's candidates, printed sentences before it).
        lines = sorted({document.line_at(match.start()), document.line_at(match.end() - 1),
                        *(f["line"] for key, f in figures.items() if key not in compared)})
        ident = base = f"{name or kind}_line_{lines[0]}"
        for n in itertools.count(2):  # two claims on one line: "share_line_25_2"
            if ident not in ids:
                break
            ident = f"{base}_{n}"
        ids.add(ident)
        claims.append({"id": ident, "kind": kind, "lines": lines,
                       "text": match.group(0), "figures": figures, "relation": relation,
                       "inferred": True, **extra})

    for pattern in (SUM_DONT, SUM_PAREN):
        for m in pattern.finditer(document.text):
            add("sum", m, {"total": _figure(m, "total", document), "first": _figure(m, "a", document),
                           "second": _figure(m, "b", document)}, "total == first + second")
    for m in SHARE.finditer(document.text):
        add("share", m, {"part": _figure(m, "part", document),
                         "whole": _figure(m, "whole", document),
                         "share": _figure(m, "share", document)}, "share == part / whole")
    for m in [*COMPLEMENT.finditer(document.text), *COMPLEMENT_EN.finditer(document.text)]:
        add("complement", m, {"first": _figure(m, "p", document),
                              "rest": _figure(m, "q", document)}, "first + rest == '100 %'")
    for start, end, figures in _part_claims(document):
        add("comparison", _Span(document.text, start, end), figures, "part <= whole", "part")
    # The readers of claims that span sentences, each giving (name, start, end, fields). A
    # whole's stretch runs from its first part, sentences before it: read last, it yields to
    # any claim read inside it.
    readers: list[Callable[[Document], list[tuple[str, int, int, dict[str, Any]]]]] = [
        compared_claims, implied_claims, result_claims, whole_claims]
    if data is not None:
        # Read last: a figure that another claim reads is that claim's.
        owned = owned_lines(data)
        readers.append(lambda document: tie_out_claims(document, data))
        readers.append(lambda document: repeated_claims(document, owned))
    for reader in readers:
        for name, start, end, fields in reader(document):
            kind, claim_figures, relation = fields.pop("kind"), fields.pop("figures"), \
                fields.pop("relation")
            add(kind, _Span(document.text, start, end), claim_figures, relation, name, **fields)
    return claims


class _Span:
    """A stretch of the document found without one regex, read as `add` reads a match."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, _: int = 0) -> str:
        return self._text[self._start:self._end]
