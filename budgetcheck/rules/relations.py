"""Declared relations: cross-table and footnote checks written as expressions in the plan file."""

from __future__ import annotations

from collections.abc import Iterator

from budgetcheck.judge.evaluate import Evaluator, judge
from budgetcheck.plan.expr import parse_relation
from budgetcheck.plan.model import Plan
from budgetcheck.report import Finding, Passed
from budgetcheck.rules.context import Context, Messages
from budgetcheck.rules.registry import rule

_UNVERIFIABLE = """A declared relation cannot be verified from the printed figures.

## What it does
Reported by the same evaluation as BC201 when a relation needs a cell the table leaves empty, or
divides by a value whose interval contains zero.

## Why
Saying "passed" for a relation that could not be evaluated would hide exactly the gaps an
auditor must see; saying "error" would cry wolf. A warning asks a person to look.

## Example
    t5[meie_phase1, T3] == '0 $'     with T3 left blank  ->  BC202 warning
"""


_RELATION_WORDS: Messages = {
    "subject_relation": {
        "en": 'relation ({expr})',
        "fr": 'relation ({expr})',
    },
}


@rule("BC201", "relation", messages=_RELATION_WORDS)
@rule("BC202", "relation-unverifiable", "warning", doc=_UNVERIFIABLE, messages=_RELATION_WORDS)
def declared_relation(plan: Plan, ctx: Context) -> Iterator[Finding | Passed]:
    """A declared relation between figures does not hold.

    ## What it does
    Evaluates each `[[relations]]` expression of the plan file (for example
    `t3[phase1] == t4[isde_phase1] + t4[meie_phase1]`) on the intervals the printed precision
    allows: an error when no rounding of the printed figures makes it true, a note when rounding
    explains the difference.

    ## Why
    Plans restate the same money in several tables and footnotes; the tables drift apart when
    one of them is revised. These relations are what an auditor ticks by hand.

    ## Example
        t4_3star[surplus] == t4[total] - t3[total]
    51 000 $ printed, 0,1 M$ computed: 94,7 and 94,6 are each rounded to ±0,05 M$, so the
    difference (49 000 $) is within ±100 500 $ — a note, not an error.
    """
    footnote_lines = {f.id: f.line for f in plan.footnotes}
    for relation in plan.relations:
        comparison = parse_relation(relation.expr)
        outcome = judge(comparison, Evaluator(ctx.index), ctx.settings)
        # worded only for a finding: a relation that holds is reported by its id
        label = None if outcome.verdict == "pass" else ctx.say(
            "BC201", "subject_relation", id=relation.id, expr=ctx.expression(relation.expr))
        extra = [footnote_lines[relation.footnote]] if relation.footnote in footnote_lines else []
        code = "BC202" if outcome.verdict == "unverifiable" else "BC201"
        yield ctx.from_outcome(code, outcome, relation.id, extra_lines=extra,
                               relation=relation.expr, label=label)
