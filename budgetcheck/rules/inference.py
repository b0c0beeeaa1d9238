"""Finding what a statement's totals add up, the way audit tools "find all sums".

Pure functions over a table: for each total-like row, the candidate relations in the order a
reader would try them (the block of rows just above; the rows since each section heading; the
previous total plus or minus the rows since; a signed combination of two or three earlier
totals), and a fast test of each on the rounding intervals of the printed figures. The rule
(`inferred.py`) re-judges the relation it keeps with the engine, so every verdict, note and hint
is the engine's own.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

from ..model import Row, Table

#: Result lines that may be a combination of earlier totals: "Net cost of operations",
#: "Excédent (déficit) de l'exercice", "Net debt". Reported only when close to a candidate.
RESULT_LABEL = re.compile(
    r"^(?:net\b|co[uû]t (?:de fonctionnement )?net|r[ée]sultats? net|r[ée]sultat de l|"
    r"exc[ée]dent|d[ée]ficit|surplus|solde|dette nette|actifs? (?:financiers )?nets?|"
    r"passifs? nets?|situation financi[èe]re nette|b[ée]n[ée]fice net|perte nette|"
    r"(?:annual|accumulated) (?:surplus|deficit)|(?:augmentation|diminution) nette|"
    r"(?:increase|decrease) in net|profit|loss for|income (?:before|for)|"
    r".*(?:end of (?:the )?(?:year|period)|fin de l['’]exercice|fin de la p[ée]riode))",
    re.IGNORECASE)
#: The same nouns after a qualifier: "Departmental net debt", "Departmental net financial
#: position" (federal departments print them so), and the results of an operating budget:
#: "Operating income", "Gross margin", "Résultat d'exploitation".
RESULT_NOUN = re.compile(
    r"\bnet (?:debt|financial (?:position|assets|liabilities)|assets|liabilities|position|"
    r"cost of operations)\b|\b(?:operating|net) (?:income|loss|profit|surplus|deficit)\b|"
    r"\bgross (?:profit|margin)\b|\br[ée]sultat d['’]exploitation\b|\bmarge brute\b|"
    r"\bdette nette\b|\bsituation financi[èe]re nette\b|"
    r"\bactifs? financiers nets\b|\bco[uû]t de fonctionnement net\b", re.IGNORECASE)
NOT_RESULT = re.compile(r"beginning|d[ée]but|opening|ouverture|provided by|fournie par",
                        re.IGNORECASE)
MAX_EARLIER_TOTALS = 12
#: A result line whose nearest candidate is further than this is a line item, not a total.
RESULT_NEAR = Decimal("0.10")


@dataclass(frozen=True)
class Candidate:
    """`row` = sum of sign × member over the members, by row index."""

    kind: str  # block, section, items, previous, combination
    members: tuple[tuple[int, int], ...]  # (sign, row index)


@dataclass
class Fit:
    candidate: Candidate
    failing: list[str]  # columns where the candidate does not hold
    checked: int  # columns where it could be checked
    worst: Decimal  # the largest relative difference among failing columns

    @property
    def matches(self) -> bool:
        return self.checked > 0 and not self.failing


def is_total(row: Row) -> bool:
    """A row the reader marked as a total by its label ("Total …", "Sous-total …")."""
    return row.role in ("total", "subtotal")


def in_dollars(row: Row) -> bool:
    """A row of amounts; a row of percentages or ratios ("Share of the total 60 %") is part of
    no sum of dollars."""
    return any(cell.amount.unit == "$" for cell in row.cells.values())


def is_result(row: Row) -> bool:
    label = row.label
    return bool(RESULT_LABEL.match(label) or RESULT_NOUN.search(label)) \
        and not NOT_RESULT.search(label)


def candidates(table: Table, i: int, covered: set[int], totals: list[int]) -> Iterator[Candidate]:
    rows = table.rows
    headings = [j for j in range(i) if not rows[j].cells]
    previous_total = max((j for j in totals if j < i), default=-1)

    def top_level(start: int, items_only: bool = False) -> tuple[tuple[int, int], ...]:
        return tuple((1, j) for j in range(start + 1, i)
                     if in_dollars(rows[j]) and j not in covered
                     and not (items_only and j in totals))

    seen: set[tuple[tuple[int, int], ...]] = set()

    def fresh(kind: str, members: tuple[tuple[int, int], ...]) -> Iterator[Candidate]:
        key = tuple(sorted(members))
        if len(members) == 1 and members[0][1] in totals:
            return  # "Total revenues" = "Total expenses" alone is no relation anyone prints
        if members and key not in seen:
            seen.add(key)
            yield Candidate(kind, members)

    nearest_heading = headings[-1] if headings else -1
    yield from fresh("block", top_level(max(previous_total, nearest_heading)))
    for heading in reversed([-1, *headings]):
        yield from fresh("section", top_level(heading))
        yield from fresh("items", tuple((1, j) for j in range(heading + 1, i)
                                        if rows[j].cells and j not in totals))
    if previous_total >= 0:
        after = top_level(previous_total)
        if after:
            yield from fresh("previous", ((1, previous_total), *((-1, j) for _, j in after)))
            yield from fresh("previous", ((1, previous_total), *after))
    earlier = [j for j in totals if j < i and j not in covered][-MAX_EARLIER_TOTALS:]
    for size in (2, 3):
        for group in itertools.combinations(earlier, size):
            for signs in itertools.product((1, -1), repeat=size):
                if all(sign == -1 for sign in signs):
                    continue
                # Terms added come first: "non-financial assets − net debt" reads as printed.
                members = sorted(zip(signs, group), key=lambda m: -m[0])
                yield from fresh("combination", tuple(members))


def fit(table: Table, i: int, candidate: Candidate) -> Fit:
    """Does the candidate hold in every column, on the printed figures' rounding intervals?"""
    row = table.rows[i]
    failing: list[str] = []
    checked = 0
    worst = Decimal(0)
    for column, cell in row.cells.items():
        if cell.amount.unit != "$":
            continue  # a percentage or ratio column does not add up
        member_cells = [(sign, table.rows[j].cells.get(column)) for sign, j in candidate.members]
        if any(c is None or c.amount.unit != "$" for _, c in member_cells):
            continue  # a missing cell is not zero, a percentage adds to no dollars: unchecked
        checked += 1
        stated = cell.amount
        computed = sum((sign * c.amount.value for sign, c in member_cells  # type: ignore[union-attr]
                        ), Decimal(0))
        tolerance = stated.half_unit + sum((c.amount.half_unit  # type: ignore[union-attr]
                                            for _, c in member_cells), Decimal(0))
        difference = abs(stated.value - computed)
        if difference > tolerance:
            failing.append(column)
            scale = max(abs(stated.value), abs(computed), Decimal(1))
            worst = max(worst, difference / scale)
    return Fit(candidate, failing, checked, worst)


def infer(table: Table) -> Iterator[tuple[int, Fit, bool]]:
    """(row index, the fit kept, whether it matched) for each total found in the table."""
    covered: set[int] = set()
    totals: list[int] = []
    for i, row in enumerate(table.rows):
        certain = is_total(row)
        if not row.cells or not (certain or is_result(row)):
            continue
        best: Fit | None = None
        for candidate in candidates(table, i, covered, totals):
            result = fit(table, i, candidate)
            if result.matches:
                best = result
                break
            if result.checked and (best is None or _closer(result, best)):
                best = result
        if best is None:
            if certain:  # a condensed statement prints totals without their rows
                totals.append(i)
            continue
        if not best.matches and not certain and best.worst > RESULT_NEAR:
            continue  # a result-like label far from every candidate: a line item after all
        totals.append(i)
        if best.matches:
            covered.update(j for _, j in best.candidate.members)
        yield i, best, best.matches


def _closer(a: Fit, b: Fit) -> bool:
    return (len(a.failing), a.worst) < (len(b.failing), b.worst)
