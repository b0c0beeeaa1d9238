"""Every relation and claim of a plan parsed, its references resolved and its units checked,
so that a plan that loads is a plan every rule can evaluate."""

from __future__ import annotations

from collections.abc import Iterator

from budgetcheck.judge.evaluate import Evaluator, check_dimensions
from budgetcheck.plan.expr import ExpressionError, parse_expression, parse_relation
from budgetcheck.plan.figures import FigureIndex
from budgetcheck.plan.model import Claim, Plan

Location = list[str | int]


def _expressions(plan: Plan) -> Iterator[tuple[Location, str, Claim | None]]:
    for i, relation in enumerate(plan.relations):
        yield ["relations", i, "expr"], relation.expr, None
    for i, claim in enumerate(plan.claims):
        yield ["claims", i, "relation"], claim.relation, claim
        for j, extra in enumerate(claim.also):
            yield ["claims", i, "also", j], extra, claim
        for j, candidate in enumerate(claim.candidates):
            yield ["claims", i, "candidates", j], candidate, claim


def first_expression_problem(plan: Plan) -> tuple[Location, ExpressionError | ArithmeticError] | None:
    """The data path and the error of the first expression that cannot be judged, or None.

    The error is an `ExpressionError` (a `ReferenceError_` for an unknown reference, a
    `UnitMismatch` for dollars compared with a pure number) or an arithmetic error."""
    index: FigureIndex | None = None
    for loc, expression, claim in _expressions(plan):
        index = index or FigureIndex(plan)
        try:
            if loc[-2] == "candidates":
                Evaluator(index, claim).value(parse_expression(expression), "stated")
            else:
                check_dimensions(parse_relation(expression), Evaluator(index, claim))
        except (ExpressionError, ArithmeticError) as exc:
            return loc, exc
    return None
