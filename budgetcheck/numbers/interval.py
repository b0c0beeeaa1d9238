"""Closed intervals of exact decimals, the ground every relation is judged on.

Sums and products of figures of budget size are exact in the 60-digit context used here; when an
operation cannot be exact (a quotient, say), the lower bound is rounded down and the upper bound up,
so an interval always contains the true result. Dividing by an interval that contains zero does not
raise: it gives the unbounded interval, which `is_bounded` reports, because "nothing can be
concluded" is an answer a rule has to be able to state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal, InvalidOperation

_PRECISION = 60
#: Lower bounds are rounded down, upper bounds up, when an operation cannot be exact.
FLOOR = Context(prec=_PRECISION, rounding=ROUND_FLOOR, Emax=999, Emin=-999)
CEILING = Context(prec=_PRECISION, rounding=ROUND_CEILING, Emax=999, Emin=-999)
#: For sums that must be exact (a total against its figures): budget figures have at most 30
#: digits, so no sum of them comes near 60, and the rounding direction never matters.
EXACT = FLOOR
_INF = Decimal("Infinity")

Number = Decimal | int


def _coerce(other: object) -> Interval | None:
    """The one coercion rule: an interval is itself, an int or a Decimal its point interval."""
    if isinstance(other, Interval):
        return other
    if isinstance(other, (Decimal, int)) and not isinstance(other, bool):
        return Interval(other)
    return None


def _operators(operation: Callable[[Interval, Interval], Interval]) -> tuple[
        Callable[[Interval, object], Interval], Callable[[Interval, object], Interval]]:
    """The forward and reflected operators of a binary operation on intervals (the way
    `fractions.Fraction` makes its operators): the other operand coerced once, by `_coerce`,
    and NotImplemented for anything else, so Python tries the other operand's operator."""

    def forward(a: Interval, b: object) -> Interval:
        other = _coerce(b)
        return NotImplemented if other is None else operation(a, other)

    def reverse(b: Interval, a: object) -> Interval:
        other = _coerce(a)
        return NotImplemented if other is None else operation(other, b)

    forward.__name__ = f"__{operation.__name__.strip('_')}__"
    reverse.__name__ = f"__r{operation.__name__.strip('_')}__"
    forward.__doc__ = reverse.__doc__ = operation.__doc__
    return forward, reverse


class Interval:
    """The closed interval [lo, hi] of exact decimals; a point when lo == hi.

    - `lo`: the lower bound (an `int` or `Decimal`; -Infinity for no bound).
    - `hi`: the upper bound; omitted, the interval is the point `lo`. An empty interval
      (lo > hi) or a NaN bound is refused with `ValueError`.

    Immutable, hashable, and a number among numbers: an `int` or a `Decimal` is the point
    interval of its value, for arithmetic (`Interval(1) + 1`) and for equality alike
    (`Interval(1) == 1`; `Interval(1, 2) != 1`). Copies, deep copies and pickles are the same
    interval."""

    __slots__ = ("_lo", "_hi")

    def __init__(self, lo: Number, hi: Number | None = None) -> None:
        if type(lo) is not Decimal:
            lo = Decimal(lo)
        if hi is None:
            hi = lo
        elif type(hi) is not Decimal:
            hi = Decimal(hi)
        if lo.is_nan() or hi.is_nan():
            raise ValueError("an interval bound cannot be NaN")
        if lo > hi:
            raise ValueError(f"empty interval [{lo}, {hi}]")
        self._lo: Decimal = lo
        self._hi: Decimal = hi

    @property
    def lo(self) -> Decimal:
        """The lower bound (-Infinity when unbounded below)."""
        return self._lo

    @property
    def hi(self) -> Decimal:
        """The upper bound (Infinity when unbounded above)."""
        return self._hi

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def around(cls, centre: Number, radius: Number) -> Interval:
        centre, radius = Decimal(centre), Decimal(radius)
        if radius < 0:
            raise ValueError("radius must be non-negative")
        return cls(FLOOR.subtract(centre, radius), CEILING.add(centre, radius))

    @classmethod
    def entire(cls) -> Interval:
        """(-inf, +inf): what a quotient is when its divisor may be zero."""
        return cls(-_INF, _INF)

    @classmethod
    def hull(cls, intervals: Iterable[Interval]) -> Interval:
        items = list(intervals)
        return cls(min(i.lo for i in items), max(i.hi for i in items))

    # -- properties ---------------------------------------------------------------------------
    @property
    def is_bounded(self) -> bool:
        return self._lo.is_finite() and self._hi.is_finite()

    @property
    def is_point(self) -> bool:
        return self._lo == self._hi

    @property
    def width(self) -> Decimal:
        return self._hi - self._lo

    @property
    def midpoint(self) -> Decimal:
        if not self.is_bounded:
            raise ValueError("an unbounded interval has no midpoint")
        lo, hi = self._lo, self._hi
        if not lo.compare_total(hi):  # a point, bounds written alike (sign, exponent)
            return lo  # what (lo + lo) / 2 gives, without a 60-digit division
        return FLOOR.divide(FLOOR.add(lo, hi), 2)

    @property
    def radius(self) -> Decimal:
        return CEILING.divide(CEILING.subtract(self._hi, self._lo), 2)

    def contains(self, other: Interval | Number) -> bool:
        if isinstance(other, Interval):
            return self._lo <= other.lo and other.hi <= self._hi
        return self._lo <= Decimal(other) <= self._hi

    __contains__ = contains

    def overlaps(self, other: Interval) -> bool:
        return self._lo <= other.hi and other.lo <= self._hi

    def distance(self, other: Interval) -> Decimal:
        """How far apart two intervals are (0 when they overlap)."""
        if self.overlaps(other):
            return Decimal(0)
        return other.lo - self._hi if self._hi < other.lo else self._lo - other.hi

    def widen(self, amount: Number) -> Interval:
        amount = Decimal(amount)
        return Interval(self._lo - amount, self._hi + amount)

    # -- arithmetic: one coercion rule, operators made by `_operators` ------------------------
    def __neg__(self) -> Interval:
        return Interval(-self._hi, -self._lo)

    def __pos__(self) -> Interval:
        return self

    def _add(self, other: Interval) -> Interval:
        if not (self.is_bounded and other.is_bounded):
            return _unbounded_sum(self, other)
        return Interval(FLOOR.add(self._lo, other.lo), CEILING.add(self._hi, other.hi))

    def _sub(self, other: Interval) -> Interval:
        return self._add(-other)

    def _mul(self, other: Interval) -> Interval:
        if not (self.is_bounded and other.is_bounded):
            return _unbounded_product(self, other)
        pairs = [(a, b) for a in (self._lo, self._hi) for b in (other.lo, other.hi)]
        return Interval(min(FLOOR.multiply(a, b) for a, b in pairs),
                        max(CEILING.multiply(a, b) for a, b in pairs))

    def _truediv(self, other: Interval) -> Interval:
        if other.contains(0) or not (self.is_bounded and other.is_bounded):
            return Interval.entire()
        pairs = [(a, b) for a in (self._lo, self._hi) for b in (other.lo, other.hi)]
        return Interval(min(FLOOR.divide(a, b) for a, b in pairs),
                        max(CEILING.divide(a, b) for a, b in pairs))

    __add__, __radd__ = _operators(_add)
    __sub__, __rsub__ = _operators(_sub)
    __mul__, __rmul__ = _operators(_mul)
    __truediv__, __rtruediv__ = _operators(_truediv)

    # -- comparison, hashing, copying and display ---------------------------------------------
    def __eq__(self, other: object) -> bool:
        o = _coerce(other)
        if o is None:
            return NotImplemented
        return self._lo == o.lo and self._hi == o.hi

    def __hash__(self) -> int:
        # Equal objects hash alike: a point hashes as its value does (Interval(1) == 1).
        return hash(self._lo) if self._lo == self._hi else hash((self._lo, self._hi))

    def __reduce__(self) -> tuple[type[Interval], tuple[Decimal, Decimal]]:
        return (Interval, (self._lo, self._hi))

    def __copy__(self) -> Interval:
        return self  # immutable: a copy is the interval itself

    def __deepcopy__(self, memo: object) -> Interval:
        return self

    def __repr__(self) -> str:
        return f"Interval({self._lo}, {self._hi})" if not self.is_point else f"Interval({self._lo})"

    def __str__(self) -> str:
        return f"[{self._lo}, {self._hi}]"


def _unbounded_sum(a: Interval, b: Interval) -> Interval:
    lo = -_INF if (a.lo == -_INF or b.lo == -_INF) else a.lo + b.lo
    hi = _INF if (a.hi == _INF or b.hi == _INF) else a.hi + b.hi
    return Interval(lo, hi)


def _unbounded_product(a: Interval, b: Interval) -> Interval:
    """Products with an infinite bound: exact sign reasoning is not worth it; say 'anything'
    unless one factor is exactly zero."""
    if (a.is_point and a.lo == 0) or (b.is_point and b.lo == 0):
        return Interval(0)
    try:
        ends = [x * y for x in (a.lo, a.hi) for y in (b.lo, b.hi) if not (x == 0 or y == 0)]
        ends += [Decimal(0)] if (a.contains(0) or b.contains(0)) else []
        return Interval(min(ends), max(ends))
    except InvalidOperation:
        return Interval.entire()


def interval_sum(items: Iterable[Interval]) -> Interval:
    total = Interval(0)
    for item in items:
        total = total + item
    return total
