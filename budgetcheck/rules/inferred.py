"""BC107: the totals of statements read without rules, matched to what they add up."""

from __future__ import annotations

from collections.abc import Iterator

from budgetcheck.judge.evaluate import Evaluator, judge
from budgetcheck.numbers.formatting import Lang
from budgetcheck.plan.expr import Comparison, Neg, Node, Ref, Sum
from budgetcheck.plan.model import Column, Plan, Row, Table
from budgetcheck.report import Finding, Passed
from budgetcheck.rules.context import Context, Messages
from budgetcheck.rules.difference import DIFFERENCE_HEADING, best_pair
from budgetcheck.rules.inference import Candidate, infer
from budgetcheck.rules.registry import message, rule
from budgetcheck.rules.structure import mixed_units, table_name


def describe(table: Table, candidate: Candidate, lang: Lang) -> str:
    """The candidate as a reader says it: a run of rows, one row, or signed terms."""
    rows = table.rows
    members = candidate.members
    if all(sign == 1 for sign, _ in members):
        if len(members) == 1:
            return message("BC107", "how_one", lang, first=rows[members[0][1]].label)
        if candidate.kind != "combination":
            return message("BC107", "how_block", lang, n=len(members), first=rows[members[0][1]].label,
                       last=rows[members[-1][1]].label)
    quote = ("« {} »" if lang == "fr" else "“{}”").format
    parts = [("" if n == 0 and sign == 1 else " + " if sign == 1 else " − " if n else "−")
             + quote(rows[j].label) for n, (sign, j) in enumerate(members)]
    return message("BC107", "how_terms", lang, terms="".join(parts))


def comparison(table: Table, i: int, candidate: Candidate, column: str) -> Comparison:
    def ref(j: int) -> Ref:
        return Ref(table.id, table.rows[j].key, column)

    terms: tuple[Node, ...] = tuple(ref(j) if sign == 1 else Neg(ref(j))
                                    for sign, j in candidate.members)
    source = " ".join(("+ " if sign == 1 else "- ") + str(ref(j))
                      for sign, j in candidate.members).removeprefix("+ ")
    return Comparison("==", ref(i), Sum(terms), f"{ref(i)} == {source}")


_INFERRED_WORDS: Messages = {
    "subject_inferred": {
        "en": '{table}, “{row}” ({column}), inferred as {how}',
        "fr": '{table}, « {row} » ({column}), déduit comme {how}',
    },
    "subject_unmatched": {
        "en": ('{table}, “{row}” ({column}): no block of rows above and no combination of '
               'earlier totals matches; the nearest is {how}'),
        "fr": ('{table}, « {row} » ({column}) : aucun bloc de lignes au-dessus ni aucune '
               'combinaison des totaux précédents ne correspond; le plus proche est {how}'),
    },
    "how_block": {
        "en": 'the sum of the {n} rows “{first}” to “{last}”',
        "fr": 'la somme des {n} lignes « {first} » à « {last} »',
    },
    "how_one": {
        "en": 'the row “{first}”',
        "fr": 'la ligne « {first} »',
    },
    "how_terms": {
        "en": '{terms}',
        "fr": '{terms}',
    },
}


@rule("BC107", "inferred-total", messages=_INFERRED_WORDS)
def inferred_total(plan: Plan, ctx: Context) -> Iterator[Finding | Passed]:
    """The totals of a statement read without rules must add up to something above them.

    ## What it does
    In tables read from a statement (`totals = "inferred"`), finds what each total row adds up,
    the way audit tools "find all sums": the block of rows above it (since the section heading or
    the previous total), the rows of an enclosing section, the previous total plus or minus the
    rows since, or a signed combination of two or three earlier totals ("Net debt" = "Total
    liabilities" − "Total financial assets"). The first candidate that holds in every column,
    on the rounding intervals of the printed figures, is reported as an *inferred* relation.
    When none holds, the nearest candidate is reported as an error on the total's line with
    the difference. Rows whose role is `total` (the reader gives it to rows labelled "Total …",
    "Sous-total …") are always totals; result lines ("Net cost …", "Departmental net debt",
    "Operating income", "Surplus", "Excédent …", "… end of year") are totals when a candidate
    holds or is within 10 % (a typing error), and line items otherwise. A total with no rows
    to add (a condensed statement prints "Total expenses" alone) is not checked, but later
    result lines may combine it; so is a "Total …" right under a total or a result that no
    candidate explains in any column (a summary of key figures prints "Total assets" so). Only
    dollar figures are added: a percentage row or a "% of total" column is left out, and a
    difference column (BC108 checks it across) is not added down.

    ## Why
    Statements arrive without rules. Their totals still say what they add up, and a total that
    matches no block of rows and no combination of earlier totals was mistyped or its rows were
    changed after it was computed.

    ## Example
        Total des charges     1 810 956    ->  BC107 error: nearest is the sum of the 6 rows
                                               « Salaires … » à « Autres charges », 1 810 965
    """
    for table in plan.tables:
        if table.totals != "inferred":
            continue
        # A difference column (BC108) is not added down: each of its figures is the difference
        # of two rounded figures, so its totals hold only to their two roundings, and they hold
        # whenever the rows' differences and the two columns' totals do.
        differences = frozenset(c.key for c in table.columns
                                if DIFFERENCE_HEADING.search(c.label)
                                and best_pair(table, c) is not None)
        for i, fit, matched in infer(table, differences):
            row = table.rows[i]
            how = describe(table, fit.candidate, ctx.lang)
            for column in table.columns:
                if column.key in differences:
                    continue
                stated = row.cells.get(column.key)
                if stated is None or stated.amount.unit != "$":
                    continue
                members = [table.rows[j].cells.get(column.key) for _, j in fit.candidate.members]
                mixed = mixed_units(ctx, "BC107", [stated, *filter(None, members)],
                                    _subject(ctx, table, row, column, how, matched))
                if mixed is not None:
                    yield mixed.model_copy(update={"inferred": True})
                    continue
                outcome = judge(comparison(table, i, fit.candidate, column.key),
                                Evaluator(ctx.index), ctx.settings)
                if outcome.verdict == "unverifiable" and outcome.missing:
                    continue
                # A row that matched nothing as a whole may still add up in this column: its
                # check then says what it adds up to, not that nothing matches.
                held = matched or outcome.verdict in ("pass", "note")
                result = ctx.from_outcome("BC107", outcome,
                                          _subject(ctx, table, row, column, how, held),
                                          table=table.id, row=row.key, column=column.key)
                yield result.model_copy(update={"inferred": True})


def _subject(ctx: Context, table: Table, row: Row, column: Column, how: str, held: bool) -> str:
    """What the check of one column of an inferred total says it checked."""
    return ctx.say("BC107", "subject_inferred" if held else "subject_unmatched",
               table=table_name(table, ctx), row=row.label, column=column.label, how=how)
