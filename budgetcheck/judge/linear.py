"""Signed sums of printed dollar figures, read in one pass: the fast path of `judge`.

Most relations in a plan are sums: a row across, a column down, a total of named rows, a footnote's
"A includes B and C". For these the six readings `judge` asks for (stated, rounded and point, on
each side) follow from three running sums per side, so a relation over n figures costs n steps
and builds no interval per figure. The readings are the ones the evaluator gives — same values,
same decimal exponents, so the same messages. Anything else (a hedge, a percentage or ratio, a
product or quotient, a missing cell, an unknown, truncation) goes through the evaluator.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from budgetcheck.judge.scaled import scaled_sums
from budgetcheck.judge.types import Readings, Settings, Signed, Value
from budgetcheck.numbers.interval import CEILING, FLOOR, Interval
from budgetcheck.plan.expr import BinOp, Comparison, Neg, Node, Ref, Sum
from budgetcheck.plan.figures import Figure, FigureIndex, Missing
from budgetcheck.plan.model import Claim


def signed_refs(node: Node, sign: int = 1) -> list[tuple[int, Ref]] | None:
    """The references of a sum or difference with their signs; None for any other expression.

    Only single figures are negated here: the evaluator negates a whole partial sum at once,
    which can turn the sign of an exact zero, and the readings must match it digit for digit."""
    if isinstance(node, Ref):
        return [(sign, node)]
    if isinstance(node, Neg):
        return [(-sign, node.operand)] if isinstance(node.operand, Ref) else None
    parts: list[tuple[Node, int]]
    if isinstance(node, Sum):
        parts = [(item, sign) for item in node.items]
    elif isinstance(node, BinOp) and node.op == "+":
        parts = [(node.left, sign), (node.right, sign)]
    elif isinstance(node, BinOp) and node.op == "-" and isinstance(node.right, Ref):
        parts = [(node.left, sign), (node.right, -sign)]
    else:
        return None
    out: list[tuple[int, Ref]] = []
    for part, part_sign in parts:
        refs = signed_refs(part, part_sign)
        if refs is None:
            return None
        out += refs
    return out


def linear_readings(comparison: Comparison, index: FigureIndex, claim: Claim | None,
                    bindings: Mapping[str, object], settings: Settings) -> Readings | None:
    """The readings of a relation between signed sums of plain dollar figures, or None."""
    if settings.rounding != "nearest":
        return None
    sides = []
    for node in (comparison.left, comparison.right):
        refs = signed_refs(node)
        if refs is None:
            return None
        terms: list[Signed] = []
        for sign, ref in refs:
            if ref.row is None and ref.source in bindings:
                return None
            resolved = index.resolve(ref, claim)
            figures = [t for t in resolved if not isinstance(t, Missing)]
            if not resolved or len(figures) < len(resolved):
                return None  # an unknown, or a missing cell: the evaluator says which
            terms += [(sign, t) for t in figures]
        sides.append(terms)
    return readings_of(sides[0], sides[1])


def plain(term: Figure) -> bool:
    """A figure whose stated reading is its printed value: dollars, no hedge."""
    return term.amount.unit == "$" and term.hedge is None


def readings_of(left: Sequence[Signed], right: Sequence[Signed]) -> Readings | None:
    """Readings of `left == right` (either side a signed sum), or None if a figure is not plain."""
    if not left or not right or not all(plain(t) for _, t in left) \
            or not all(plain(t) for _, t in right):
        return None
    (pl_lo, pl_hi, lo_l, hi_l), (pr_lo, pr_hi, lo_r, hi_r) = sums(left), sums(right)
    terms_l, terms_r = [t for _, t in left], [t for _, t in right]
    p_left, p_right = Interval(pl_lo, pl_hi), Interval(pr_lo, pr_hi)
    return Readings(Value(p_left, "$", terms_l), Value(p_right, "$", terms_r),
                    Value(Interval(lo_l, hi_l), "$", terms_l),
                    Value(Interval(lo_r, hi_r), "$", terms_r), p_left, p_right, (left, right))


def sums(terms: Sequence[Signed]) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """The point reading (low, high) and the rounded one (low, high) of a signed sum of plain
    figures: in scaled integers (`scaled`), or by the `Decimal` fold when a reading is zero."""
    return scaled_sums(terms) or decimal_sums(terms)


def decimal_sums(terms: Sequence[Signed]) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """A signed sum folded in order as the evaluator folds intervals, in the interval module's
    contexts (exact for budget figures): lower bounds added rounding down and upper bounds
    rounding up, which decides the sign of an exact zero; for the point reading (low, high) and
    the rounded one (low, high)."""
    down, up = FLOOR.add, CEILING.add
    first = True
    p_lo = p_hi = lo = hi = Decimal(0)
    for sign, term in terms:
        value, half = term.value, term.half
        if sign > 0:
            t_point = value
            t_lo, t_hi = (value, value) if not half else (FLOOR.subtract(value, half),
                                                          up(value, half))
        else:
            t_point = -value
            t_lo, t_hi = (-value, -value) if not half else (-up(value, half),
                                                            -FLOOR.subtract(value, half))
        if first:
            p_lo = p_hi = t_point
            lo, hi, first = t_lo, t_hi, False
        else:
            p_lo, p_hi = down(p_lo, t_point), up(p_hi, t_point)
            lo, hi = down(lo, t_lo), up(hi, t_hi)
    return p_lo, p_hi, lo, hi
