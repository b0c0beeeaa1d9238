"""BC108: a statement's difference column, matched to the two columns it subtracts."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from budgetcheck.judge.evaluate import Evaluator, judge
from budgetcheck.plan.expr import BinOp, Comparison, Neg, Ref, Sum
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


Fits = Callable[[Row, str, str, str], bool | None]


def _most_held(table: Table, target: Column, others: list[Column], fits: Fits) -> Pair | None:
    """Of the ordered pairs of `others`, the one `fits` holds on for most rows of the `target`
    column, if that is more than half the rows it can be checked on; else None."""
    best: Pair | None = None
    for first in others:
        for second in others:
            if first is second:
                continue
            verdicts = [fits(r, target.key, first.key, second.key) for r in table.rows]
            checked = [v for v in verdicts if v is not None]
            pair = Pair(first, second, sum(checked), len(checked))
            if best is None or pair.held > best.held:
                best = pair
    if best is None or best.held == 0 or 2 * best.held <= best.checked:
        return None
    return best


def best_pair(table: Table, difference: Column) -> Pair | None:
    """The two columns whose difference the column prints on most rows, if that is most of the
    rows it can be checked on; None when no pair explains the column."""
    others = [c for c in table.columns
              if c.key != difference.key and not DIFFERENCE_HEADING.search(c.label)]
    return _most_held(table, difference, others, _fits)


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


def _percent_fits(row: Row, percent: str, new: str, old: str) -> bool | None:
    """Does the row's percentage hold as (new − old) / old on the printed figures' rounding
    intervals? None when a cell is missing, not in the expected unit, or old may be nil."""
    cells = [row.cells.get(k) for k in (percent, new, old)]
    if any(c is None for c in cells):
        return None
    p, b, a = (c.amount for c in cells if c is not None)
    if p.unit != "%" or b.unit != "$" or a.unit != "$" or abs(a.value) <= a.half_unit:
        return None
    quotients = [(b.value + sb * b.half_unit) / (a.value + sa * a.half_unit)
                 for sb in (-1, 1) for sa in (-1, 1)]
    low, high = (100 * (q - 1) for q in (min(quotients), max(quotients)))
    return bool(p.value - p.half_unit <= high and low <= p.value + p.half_unit)


def best_percent_pair(table: Table, percent: Column) -> Pair | None:
    """The two dollar columns whose change, as a percentage of the older, the column prints on
    most rows (more than half of those it can be checked on); None when no pair explains it."""
    others = [c for c in table.columns if c.key != percent.key and c.unit != "%"
              and not DIFFERENCE_HEADING.search(c.label)]
    return _most_held(table, percent, others, _percent_fits)


def _percent_comparison(table: Table, row: Row, percent: Column, pair: Pair) -> Comparison:
    def ref(column: Column) -> Ref:
        return Ref(table.id, row.key, column.key)

    new, old = ref(pair.minuend), ref(pair.subtrahend)
    source = f"{ref(percent)} == ({new} - {old}) / {old}"
    return Comparison("==", ref(percent), BinOp("/", Sum((new, Neg(old))), old), source)


_PERCENT_WORDS: Messages = {
    "subject_percent": {
        "en": '{table}, “{row}”: {column} = ({new} − {old}) / {old}',
        "fr": '{table}, « {row} » : {column} = ({new} − {old}) / {old}',
    },
}


@rule("BC111", "inferred-percent-change", messages=_PERCENT_WORDS)
def inferred_percent_change(plan: Plan, ctx: Context) -> Iterator[Finding | Passed]:
    """A statement's percentage-change column must be the change of two columns over the older.

    ## What it does
    In tables read from a statement (`totals = "inferred"`), takes each column of percentages
    (headed "% change", "Change (%)", "Variation en %", "Percentage change": its bare figures
    are read as percentages), finds the two dollar columns whose change, (new − old) / old, it
    prints on most of its rows (more than half), and checks every row on the rounding
    intervals of the printed figures (a percentage printed to one decimal is known to ±0.05
    point). A row whose older figure may be nil is not checked. Reported as *inferred*; a row
    where it fails is an error.

    ## Why
    Budgets and annual reports print the change beside the two years; when a figure is revised
    the percentage is the one left behind, and no total shows it.

    ## Example
        Transportation   9,300   9,145   155   1.9   ->  BC111 error: (9,300 − 9,145) / 9,145
        = 1.69 %, 1.9 % printed
    """
    for table in plan.tables:
        if table.totals != "inferred":
            continue
        for percent in table.columns:
            if percent.unit != "%":
                continue
            pair = best_percent_pair(table, percent)
            if pair is None:
                continue
            for row in table.rows:
                if _percent_fits(row, percent.key, pair.minuend.key, pair.subtrahend.key) is None:
                    continue
                outcome = judge(_percent_comparison(table, row, percent, pair),
                                Evaluator(ctx.index), ctx.settings)
                subject = ctx.say("BC111", "subject_percent", table=table_name(table, ctx),
                                  row=row.label, column=percent.label,
                                  new=pair.minuend.label, old=pair.subtrahend.label)
                result = ctx.from_outcome("BC111", outcome, subject, table=table.id,
                                          row=row.key, column=percent.key)
                yield result.model_copy(update={"inferred": True})
