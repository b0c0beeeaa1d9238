"""Closed intervals of exact decimals, the ground every relation is judged on.

Sums and products of figures of budget size are exact in the 60-digit context used here; when an
operation cannot be exact (a quotient, say), the lower bound is rounded down and the upper bound up,
so an interval always contains the true result. Dividing by an interval that contains zero does not
raise: it gives the unbounded interval, which `is_bounded` reports, because "nothing can be
concluded" is an answer a rule has to be able to state.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal, InvalidOperation
from typing import Callable, Iterable

_PRECISION = 60
_FLOOR = Context(prec=_PRECISION, rounding=ROUND_FLOOR, Emax=999, Emin=-999)
_CEILING = Context(prec=_PRECISION, rounding=ROUND_CEILING, Emax=999, Emin=-999)
#: For sums that must be exact (a total against its figures): budget figures have at most 30
#: digits, so no sum of them comes near 60, and the rounding direction never matters.
EXACT = _FLOOR
_INF = Decimal("Infinity")

Number = Decimal | int


def _down(op: Callable[[Context], Decimal]) -> Decimal:
    return op(_FLOOR)


def _up(op: Callable[[Context], Decimal]) -> Decimal:
    return op(_CEILING)


class Interval:
    """The closed interval [lo, hi]; a point when lo == hi."""

    __slots__ = ("lo", "hi")

    lo: Decimal
    hi: Decimal

    def __init__(self, lo: Number, hi: Number | None = None) -> None:
        if type(lo) is not Decimal:
            lo = Decimal(lo)
        if hi is None:
            hi = lo
        elif type(hi) is not Decimal:
            hi = Decimal(hi)
        if lo.is_nan() or hi.is_nan():
            raise ValueError("an interval bound cannot be NaN")
        if lo > hi:  # type: ignore[operator]
            raise ValueError(f"empty interval [{lo}, {hi}]")
        _SET_LO(self, lo)
        _SET_HI(self, hi)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Interval is immutable")

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def around(cls, centre: Number, radius: Number) -> Interval:
        centre, radius = Decimal(centre), Decimal(radius)
        if radius < 0:
            raise ValueError("radius must be non-negative")
        return cls(_down(lambda c: c.subtract(centre, radius)), _up(lambda c: c.add(centre, radius)))

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
        return self.lo.is_finite() and self.hi.is_finite()

    @property
    def is_point(self) -> bool:
        return self.lo == self.hi

    @property
    def width(self) -> Decimal:
        return self.hi - self.lo

    @property
    def midpoint(self) -> Decimal:
        if not self.is_bounded:
            raise ValueError("an unbounded interval has no midpoint")
        if not self.lo.compare_total(self.hi):  # a point, bounds written alike (sign, exponent)
            return self.lo  # what (lo + lo) / 2 gives, without a 60-digit division
        return _down(lambda c: c.divide(c.add(self.lo, self.hi), 2))

    @property
    def radius(self) -> Decimal:
        return _up(lambda c: c.divide(c.subtract(self.hi, self.lo), 2))

    def contains(self, other: Interval | Number) -> bool:
        if isinstance(other, Interval):
            return self.lo <= other.lo and other.hi <= self.hi
        return self.lo <= Decimal(other) <= self.hi

    __contains__ = contains

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def distance(self, other: Interval) -> Decimal:
        """How far apart two intervals are (0 when they overlap)."""
        if self.overlaps(other):
            return Decimal(0)
        return other.lo - self.hi if self.hi < other.lo else self.lo - other.hi

    def widen(self, amount: Number) -> Interval:
        amount = Decimal(amount)
        return Interval(self.lo - amount, self.hi + amount)

    # -- arithmetic ---------------------------------------------------------------------------
    @staticmethod
    def _coerce(other: object) -> Interval:
        if isinstance(other, Interval):
            return other
        if isinstance(other, (Decimal, int)):
            return Interval(other)
        return NotImplemented  # type: ignore[return-value]

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __pos__(self) -> Interval:
        return self

    def __add__(self, other: object) -> Interval:
        o = self._coerce(other)
        if o is NotImplemented:
            return NotImplemented
        if not (self.is_bounded and o.is_bounded):
            return _unbounded_sum(self, o)
        return Interval(_down(lambda c: c.add(self.lo, o.lo)), _up(lambda c: c.add(self.hi, o.hi)))

    __radd__ = __add__

    def __sub__(self, other: object) -> Interval:
        o = self._coerce(other)
        if o is NotImplemented:
            return NotImplemented
        return self + (-o)

    def __rsub__(self, other: object) -> Interval:
        o = self._coerce(other)
        if o is NotImplemented:
            return NotImplemented
        return o + (-self)

    def __mul__(self, other: object) -> Interval:
        o = self._coerce(other)
        if o is NotImplemented:
            return NotImplemented
        if not (self.is_bounded and o.is_bounded):
            return _unbounded_product(self, o)
        pairs = [(a, b) for a in (self.lo, self.hi) for b in (o.lo, o.hi)]
        return Interval(
            min(_down(lambda c, a=a, b=b: c.multiply(a, b)) for a, b in pairs),
            max(_up(lambda c, a=a, b=b: c.multiply(a, b)) for a, b in pairs),
        )

    __rmul__ = __mul__

    def __truediv__(self, other: object) -> Interval:
        o = self._coerce(other)
        if o is NotImplemented:
            return NotImplemented
        if o.contains(0) or not (self.is_bounded and o.is_bounded):
            return Interval.entire()
        pairs = [(a, b) for a in (self.lo, self.hi) for b in (o.lo, o.hi)]
        return Interval(
            min(_down(lambda c, a=a, b=b: c.divide(a, b)) for a, b in pairs),
            max(_up(lambda c, a=a, b=b: c.divide(a, b)) for a, b in pairs),
        )

    def __rtruediv__(self, other: object) -> Interval:
        o = self._coerce(other)
        if o is NotImplemented:
            return NotImplemented
        return o / self

    # -- comparison and display ---------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Interval):
            return NotImplemented
        return self.lo == other.lo and self.hi == other.hi

    def __hash__(self) -> int:
        return hash((self.lo, self.hi))

    def __repr__(self) -> str:
        return f"Interval({self.lo}, {self.hi})" if not self.is_point else f"Interval({self.lo})"

    def __str__(self) -> str:
        return f"[{self.lo}, {self.hi}]"


# The slots' own setters, which the immutability guard above does not stop (and which cost a
# third of `object.__setattr__`: intervals are made by the hundred thousand).
_SET_LO = Interval.lo.__set__  # type: ignore[attr-defined]
_SET_HI = Interval.hi.__set__  # type: ignore[attr-defined]


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
