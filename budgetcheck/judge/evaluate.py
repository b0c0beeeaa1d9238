"""Evaluating relations on intervals, and the verdict each mode gives.

Two readings of every figure:
- *stated*: the figure exactly as printed (a point), except where the figure itself says it is
  approximate: a hedge ("environ 70" is 60..80), or a percentage or ratio in a relation that
  divides or multiplies by it (a quotient is always a rounded figure, so in `part / whole ==
  share` "95 %" means 94,5..95,5 %; in "85 % + 15 % = 100 %" the percentages are exact parts).
- *rounded*: every value the printed figure could have had before rounding to its last digit.
- *point*: every figure exactly as printed, hedges and all (the central value of an implied figure).

Verdicts (rounding mode): the stated reading holds -> pass; only the rounded reading holds ->
note (rounding explains it); not even that -> error. Strict mode has no notes; absolute mode
accepts a stated difference up to a fixed tolerance as a note.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from budgetcheck.judge.linear import linear_readings
from budgetcheck.judge.types import (
    Outcome,
    Reading,
    Readings,
    Settings,
    UnitMismatch,
    Value,
    Verdict,
)
from budgetcheck.numbers.amount import Rounding
from budgetcheck.numbers.interval import Interval
from budgetcheck.plan.expr import (
    AmountLiteral,
    BinOp,
    Comparison,
    ExpressionError,
    Neg,
    Node,
    Number,
    Ref,
    Sum,
)
from budgetcheck.plan.figures import Figure, FigureIndex, Missing, significant_unit
from budgetcheck.plan.model import Claim


def term_interval(term: Figure, reading: Reading, rounding: Rounding = "nearest",
                  quotient: bool = True) -> Interval:
    """The interval a figure stands for in a reading. `quotient` says the relation divides or
    multiplies by its ratios and percentages, which are then rounded quotients themselves."""
    amount = term.amount
    inherently_rounded = amount.unit in ("%", "") and quotient
    if reading == "point":
        interval = amount.point()
    elif reading == "rounded" or inherently_rounded:
        interval = amount.interval(rounding)
    else:
        interval = amount.point()
    if term.hedge is not None and reading != "point":
        interval = _hedged(interval, term)
    if amount.unit == "%":
        interval = Interval(interval.lo.scaleb(-2), interval.hi.scaleb(-2))
    return interval


def _hedged(interval: Interval, term: Figure) -> Interval:
    big = Interval.entire()
    if term.hedge == "approx":
        unit = significant_unit(term.amount)
        return Interval(term.amount.value - unit, term.amount.value + unit)
    if term.hedge in ("at_least", "more_than"):
        return Interval(interval.lo, big.hi)
    if term.hedge in ("at_most", "less_than"):
        return Interval(big.lo, interval.hi)
    return interval


class Evaluator:
    def __init__(self, index: FigureIndex, claim: Claim | None = None,
                 bindings: dict[str, Value] | None = None) -> None:
        self.index = index
        self.claim = claim
        self.bindings = bindings or {}
        self.quotient = True  # set per relation by `judge`

    def value(self, node: Node, reading: Reading, rounding: Rounding = "nearest") -> Value:
        if isinstance(node, Ref):
            if node.row is None and node.source in self.bindings:
                return self.bindings[node.source]
            return self._ref(node, reading, rounding)
        if isinstance(node, AmountLiteral):
            return Value(node.amount.point() if node.amount.unit != "%" else
                         Interval(node.amount.value.scaleb(-2)), node.amount.dimension)
        if isinstance(node, Number):
            return Value(Interval(node.value), "1")
        if isinstance(node, Neg):
            inner = self.value(node.operand, reading, rounding)
            return Value(-inner.interval, inner.dim, inner.terms, inner.missing)
        if isinstance(node, Sum):
            return _fold([self.value(i, reading, rounding) for i in node.items], "+")
        if isinstance(node, BinOp):
            return _combine(node.op, self.value(node.left, reading, rounding),
                            self.value(node.right, reading, rounding))
        raise ExpressionError(f"cannot evaluate {node!r}")  # pragma: no cover

    def _ref(self, ref: Ref, reading: Reading, rounding: Rounding) -> Value:
        resolved = self.index.resolve(ref, self.claim)
        if not resolved:  # the claim's unknown, with nothing bound to it
            return Value(Interval.entire(), None)
        parts: list[Value] = []
        for item in resolved:
            if isinstance(item, Missing):
                parts.append(Value(Interval.entire(), "$", missing=[item]))
            else:
                parts.append(Value(term_interval(item, reading, rounding, self.quotient),
                                   item.amount.dimension, [item]))
        return _fold(parts, "+")


def _fold(values: list[Value], op: str) -> Value:
    total = values[0]
    for v in values[1:]:
        total = _combine(op, total, v)
    return total


def _combine(op: str, a: Value, b: Value) -> Value:
    dim = _dimension(op, a.dim, b.dim)
    ops: dict[str, Callable[[Interval, Interval], Interval]] = {
        "+": lambda x, y: x + y, "-": lambda x, y: x - y,
        "*": lambda x, y: x * y, "/": lambda x, y: x / y,
    }
    return Value(ops[op](a.interval, b.interval), dim, a.terms + b.terms, a.missing + b.missing)


def _dimension(op: str, a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        known = a or b
        return known if op in "+-" else None
    if op in "+-":
        if a != b:
            raise UnitMismatch(f"'{op}' mixes {_unit_name(a)} and {_unit_name(b)}")
        return a
    if op == "*":
        if a == "$" and b == "$":
            raise UnitMismatch("multiplying dollars by dollars has no meaning in a budget")
        return "$" if "$" in (a, b) else "1"
    if a == b:
        return "1"
    if a == "1" and b == "$":
        raise UnitMismatch("dividing a pure number by dollars has no meaning in a budget")
    return "$"


def _unit_name(dim: str) -> str:
    return "dollars" if dim == "$" else "a pure number (ratio or percentage)"


def check_dimensions(comparison: Comparison, evaluator: Evaluator) -> None:
    """Raise UnitMismatch when the two sides cannot be compared, and ReferenceError_ when a
    reference names nothing (load-time validation). Only the units are worked out, not the
    intervals: the rules evaluate those, once."""
    left = dimension_of(comparison.left, evaluator)
    right = dimension_of(comparison.right, evaluator)
    if left and right and left != right:
        raise UnitMismatch(f"compares {_unit_name(left)} with {_unit_name(right)}")


def dimension_of(node: Node, evaluator: Evaluator) -> str | None:
    """The dimension `Evaluator.value` gives a node ("$", "1", or None for an unknown), with
    the same errors, without its interval arithmetic."""
    if isinstance(node, Ref):
        if node.row is None and node.source in evaluator.bindings:
            return evaluator.bindings[node.source].dim
        resolved = evaluator.index.resolve(node, evaluator.claim)
        if not resolved:
            return None
        dims = ["$" if isinstance(item, Missing) else item.amount.dimension for item in resolved]
        return _folded_dimension(dims, "+")
    if isinstance(node, AmountLiteral):
        return node.amount.dimension
    if isinstance(node, Number):
        return "1"
    if isinstance(node, Neg):
        return dimension_of(node.operand, evaluator)
    if isinstance(node, Sum):
        return _folded_dimension([dimension_of(i, evaluator) for i in node.items], "+")
    if isinstance(node, BinOp):
        return _dimension(node.op, dimension_of(node.left, evaluator),
                          dimension_of(node.right, evaluator))
    raise ExpressionError(f"cannot evaluate {node!r}")  # pragma: no cover


def _folded_dimension(dims: Sequence[str | None], op: str) -> str | None:
    total = dims[0]
    for dim in dims[1:]:
        total = _dimension(op, total, dim)
    return total


def holds(op: str, left: Interval, right: Interval) -> bool:
    """Can the relation be true for some values inside both intervals?"""
    if op == "==":
        return left.overlaps(right)
    if op in ("<=", "<"):
        return left.lo <= right.hi if op == "<=" else left.lo < right.hi
    return left.hi >= right.lo if op == ">=" else left.hi > right.lo


def has_product(node: Node | Comparison) -> bool:
    if isinstance(node, (BinOp, Comparison)):
        own = isinstance(node, BinOp) and node.op in "*/"
        return own or has_product(node.left) or has_product(node.right)
    if isinstance(node, Neg):
        return has_product(node.operand)
    if isinstance(node, Sum):
        return any(has_product(i) for i in node.items)
    return False


def judge(comparison: Comparison, evaluator: Evaluator, settings: Settings) -> Outcome:
    evaluator.quotient = has_product(comparison)
    readings = linear_readings(comparison, evaluator.index, evaluator.claim, evaluator.bindings,
                               settings)
    if readings is None:
        readings = _readings(comparison, evaluator, settings)
    return verdict(comparison, readings, settings, evaluator.claim)


def _readings(comparison: Comparison, evaluator: Evaluator, settings: Settings) -> Readings:
    value = evaluator.value
    return Readings(value(comparison.left, "stated", settings.rounding),
                    value(comparison.right, "stated", settings.rounding),
                    value(comparison.left, "rounded", settings.rounding),
                    value(comparison.right, "rounded", settings.rounding),
                    value(comparison.left, "point").interval,
                    value(comparison.right, "point").interval)


def verdict(comparison: Comparison, readings: Readings, settings: Settings,
            claim: Claim | None = None) -> Outcome:
    """The verdict of each mode on a relation's readings, with the tolerance and the interval
    the stated side was allowed to be in."""
    stated, computed = readings.stated, readings.computed
    r_stated, r_computed = readings.rounded_stated, readings.rounded_computed
    p_left, p_right = readings.point_left, readings.point_right
    terms = stated.terms + computed.terms
    rounded = sum(1 for t in terms if not t.amount.exact)
    difference = (p_left.midpoint - p_right.midpoint
                  if p_left.is_bounded and p_right.is_bounded else None)
    tolerance = Decimal(0)
    if r_stated.interval.is_bounded and r_computed.interval.is_bounded:
        tolerance = (r_stated.interval.width + r_computed.interval.width) / 2

    def outcome(verdict: Verdict, allowed: Interval | None) -> Outcome:
        return Outcome(verdict, comparison, stated, computed, r_stated, r_computed, allowed,
                       tolerance, rounded, claim, difference, readings.signed)

    if stated.missing or computed.missing or _undecidable(comparison.op, stated, computed):
        return outcome("unverifiable", None)
    if holds(comparison.op, stated.interval, computed.interval):
        return outcome("pass", _allowed(stated, stated, computed))
    if settings.mode == "strict":
        return outcome("error", _allowed(stated, stated, computed))
    if settings.mode == "absolute":
        widened = computed.interval.widen(settings.tolerance)
        loose = Value(widened, computed.dim, computed.terms)
        kept: Verdict = "note" if holds(comparison.op, stated.interval, widened) else "error"
        return outcome(kept, _allowed(stated, stated, loose))
    kept = "note" if holds(comparison.op, r_stated.interval, r_computed.interval) else "error"
    return outcome(kept, _allowed(stated, r_stated, r_computed))


def _undecidable(op: str, stated: Value, computed: Value) -> bool:
    """Nothing can be concluded: either side may be any number (a quotient by a figure that may
    be zero: "1 M$ / 0 $ == 2" is possible, not true), or the computed side is unbounded in an
    equality. A stated side bounded on one side only is a hedge ("au moins 100 M$"), which an
    equality can still judge; so can an inequality against a half-open computed side."""
    def anything(value: Value) -> bool:
        return not value.interval.lo.is_finite() and not value.interval.hi.is_finite()

    if anything(stated) or anything(computed):
        return True
    return op == "==" and not computed.interval.is_bounded


def _allowed(stated: Value, wide: Value, computed: Value) -> Interval | None:
    """Where the stated side's printed value may lie for the relation to hold: the computed
    interval, widened by how far the stated side's own reading reaches around its value."""
    s, w, c = stated.interval, wide.interval, computed.interval
    if not c.is_bounded:
        return None
    if s.is_bounded and w.is_bounded:
        point = s.midpoint
        return Interval(c.lo - (w.hi - point), c.hi + (point - w.lo))
    # A hedge: "au moins 6 M$" holds while the computed side reaches the printed figure's
    # lowest reading, so the figure may be printed up to that, and as low as anything.
    if s.lo.is_finite() and w.lo.is_finite() and not s.hi.is_finite():
        return Interval(_NO_BOUND_BELOW, c.hi + (s.lo - w.lo))
    if s.hi.is_finite() and w.hi.is_finite() and not s.lo.is_finite():
        return Interval(c.lo - (w.hi - s.hi), _NO_BOUND_ABOVE)
    return None


_NO_BOUND_BELOW, _NO_BOUND_ABOVE = Decimal("-Infinity"), Decimal("Infinity")


def solve(node: Node, name: str, target: Interval, evaluator: Evaluator,
          reading: Reading = "stated") -> Interval:
    """Every value of `name` (appearing once in `node`) for which `node` can equal `target`."""
    if isinstance(node, Ref) and node.row is None and node.source == name:
        return target
    if isinstance(node, Neg):
        return solve(node.operand, name, -target, evaluator, reading)
    if isinstance(node, Sum):
        node = _sum_as_binop(node)
    if not isinstance(node, BinOp):
        raise ExpressionError(f"cannot solve for {name!r} here")
    in_left = mentions(node.left, name)
    other = evaluator.value(node.right if in_left else node.left, reading).interval
    inner = node.left if in_left else node.right
    if node.op == "+":
        goal = target - other
    elif node.op == "-":
        goal = target + other if in_left else other - target
    elif node.op == "*":
        goal = target / other
    else:
        goal = target * other if in_left else other / target
    return solve(inner, name, goal, evaluator, reading)


def _sum_as_binop(node: Sum) -> Node:
    result: Node = node.items[0]
    for item in node.items[1:]:
        result = BinOp("+", result, item)
    return result


def mentions(node: Node, name: str) -> bool:
    """Does `node` use the bare name `name`?"""
    if isinstance(node, Ref):
        return node.row is None and node.source == name
    if isinstance(node, BinOp):
        return mentions(node.left, name) or mentions(node.right, name)
    if isinstance(node, Neg):
        return mentions(node.operand, name)
    if isinstance(node, Sum):
        return any(mentions(i, name) for i in node.items)
    return False
