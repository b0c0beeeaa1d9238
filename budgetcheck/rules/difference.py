"""BC108: a statement's difference column, matched to the two columns it subtracts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from budgetcheck.judge.evaluate import Evaluator, judge
from budgetcheck.plan.expr import Comparison, Neg, Ref, Sum
from budgetcheck.plan.model import Column, Plan, Row, Table
from budgetcheck.report import Finding, Passed
from budgetcheck.rules.context import Context, Messages
from budgetcheck.rules.registry import rule
from budgetcheck.rules.structure import table_name

#: A heading that announces a difference: "Difference (planned minus forecast)", "Variance",
#: "Écart", "Change", "Variation". A percentage column under such a heading adds no dollars.
DIFFERENCE_HEADING = re.compile(r"\b(?:difference|différence|variance|change|écart|ecart|"
                                r"variation)\b|\b(?:minus|moins)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Pair:
    """`difference = minuend − subtrahend`, and on how many rows that holds."""

    minuend: Column
    subtrahend: Column
    held: int
    checked: int


def _fits(row: Row, difference: str, minuend: str, subtrahend: str) -> bool | None:
    """Does the row's difference hold on the printed figures' rounding intervals? None when a
    cell is missing or not in dollars."""
    amounts = [cell.amount for k in (difference, minuend, subtrahend)
               if (cell := row.cells.get(k)) is not None and cell.amount.unit == "$"]
    if len(amounts) < 3:  # a cell missing or not in dollars
        return None
    d, a, b = amounts
    slack = d.half_unit + a.half_unit + b.half_unit
    return bool(abs(d.value - (a.value - b.value)) <= slack)


def best_pair(table: Table, difference: Column) -> Pair | None:
    """The two columns whose difference the column prints on most rows, if that is most of the
    rows it can be checked on; None when no pair explains the column."""
    others = [c for c in table.columns
              if c.key != difference.key and not DIFFERENCE_HEADING.search(c.label)]
    best: Pair | None = None
    for minuend in others:
        for subtrahend in others:
            if minuend is subtrahend:
                continue
            verdicts = [_fits(r, difference.key, minuend.key, subtrahend.key) for r in table.rows]
            checked = [v for v in verdicts if v is not None]
            pair = Pair(minuend, subtrahend, sum(checked), len(checked))
            if best is None or pair.held > best.held:
                best = pair
    if best is None or best.held == 0 or 2 * best.held <= best.checked:
        return None
    return best


def _comparison(table: Table, row: Row, difference: Column, pair: Pair) -> Comparison:
    def ref(column: Column) -> Ref:
        return Ref(table.id, row.key, column.key)

    stated = ref(difference)
    source = f"{stated} == {ref(pair.minuend)} - {ref(pair.subtrahend)}"
    return Comparison("==", stated, Sum((ref(pair.minuend), Neg(ref(pair.subtrahend)))), source)


_DIFFERENCE_WORDS: Messages = {
    "subject_difference": {
        "en": '{table}, “{row}”: {column} = {minuend} − {subtrahend}',
        "fr": '{table}, « {row} » : {column} = {minuend} − {subtrahend}',
    },
}


@rule("BC108", "inferred-difference", messages=_DIFFERENCE_WORDS)
def inferred_difference(plan: Plan, ctx: Context) -> Iterator[Finding | Passed]:
    """A statement's difference column must be one of its columns minus another, row by row.

    ## What it does
    In tables read from a statement (`totals = "inferred"`), takes each column headed
    "Difference", "Variance", "Écart", "Change" or "… minus …", finds the two other columns
    whose difference it prints on most of its rows (more than half), and checks every row
    against them on the rounding intervals of the printed figures. The relation is reported as
    *inferred*; a row where it fails is an error with the figures, the difference and hints.
    A column that no pair explains (a percentage change, say) is left alone.

    ## Why
    Departmental plans and budgets print "planned minus forecast" beside the two figures; when
    one of them is revised, the difference is often left as it was.

    ## Example
        Total expenses   602,911,230   588,405,117   (14,560,113)   ->  BC108 error:
        588,405,117 − 602,911,230 = (14,506,113); digits transposed?
    """
    for table in plan.tables:
        if table.totals != "inferred":
            continue
        for difference in table.columns:
            if not DIFFERENCE_HEADING.search(difference.label):
                continue
            pair = best_pair(table, difference)
            if pair is None:
                continue
            for row in table.rows:
                if _fits(row, difference.key, pair.minuend.key, pair.subtrahend.key) is None:
                    continue
                outcome = judge(_comparison(table, row, difference, pair), Evaluator(ctx.index),
                                ctx.settings)
                subject = ctx.say("BC108", "subject_difference", table=table_name(table, ctx),
                              row=row.label, column=difference.label,
                              minuend=pair.minuend.label, subtrahend=pair.subtrahend.label)
                result = ctx.from_outcome("BC108", outcome, subject, table=table.id,
                                          row=row.key, column=difference.key)
                yield result.model_copy(update={"inferred": True})
