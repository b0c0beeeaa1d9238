"""Signed sums of printed dollar figures in scaled integers: the arithmetic of `linear` without
a `Decimal` per figure.

A printed figure is a whole number of its last written digit (`Amount.scaled`: "17,6 M$" is
176 × 10^5) and its rounding is half that digit. Counted in tenths of the finest digit of a sum,
every value and every half-unit is a whole number, so a sum's point, low and high readings are
three integer sums, exact for every figure the notation allows. They are turned back into
`Decimal`s with the exponents `Decimal` addition would have given (the finest of the terms'), so
messages read the same digits either way.

One thing integers do not carry: the sign of a zero. The `Decimal` fold adds lower bounds
rounding down, where 5 + (−5) is −0, and a message may print that sign. A sum with a zero
reading is therefore left to the `Decimal` fold (`None` here); it is rare and costs what it did.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from budgetcheck.judge.types import Signed
from budgetcheck.numbers.amount import MAX_MAGNITUDE, MIN_EXPONENT
from budgetcheck.numbers.interval import EXACT
from budgetcheck.plan.model import Cell


def scaled_sums(terms: Sequence[Signed]) -> tuple[Decimal, Decimal, Decimal, Decimal] | None:
    """What `linear.decimal_sums` gives — the point reading (low, high) and the rounded one (low,
    high) of a signed sum of plain figures — or None when a reading is zero (see above)."""
    if not terms:
        return None
    scaled = [(sign, term.amount.scaled, term.amount.exact) for sign, term in terms]
    finest = min(e for _, (_, e), _ in scaled)
    point = halves = 0  # in units of 10^(finest - 1)
    # Decimal addition keeps the finest exponent of its terms: of the values for the point
    # reading; for the rounded one, of value ± half-unit, a digit finer than a rounded value.
    rounded_exponent = finest
    for sign, (n, e), exact in scaled:
        shift = 10 ** (e - finest)
        point += sign * n * shift
        if not exact:
            halves += 5 * shift
            rounded_exponent = min(rounded_exponent, e - 1)
    point *= 10
    lo, hi = point - halves, point + halves
    if point == 0 or lo == 0 or hi == 0:
        return None
    at_point = Decimal(point // 10).scaleb(finest, EXACT)
    if halves == 0:
        return at_point, at_point, at_point, at_point
    step = 10 ** (rounded_exponent - finest + 1)  # exact: the Decimal sum is exact there too
    return (at_point, at_point, Decimal(lo // step).scaleb(rounded_exponent, EXACT),
            Decimal(hi // step).scaleb(rounded_exponent, EXACT))


#: Sums are compared in units of 10^BASE dollars, where every printed figure is whole (a figure
#: has no digit below 10^MIN_EXPONENT): one pass, no common exponent to find first.
BASE = MIN_EXPONENT
_POWERS = {e: 10 ** (e - BASE) for e in range(BASE, MAX_MAGNITUDE + 10)}


def gap(stated: Cell, members: Sequence[Cell]) -> tuple[int, int] | None:
    """How far the stated cell is from the sum of the member cells as printed, and how far
    rounding can explain: `(difference, reach)` in units of 10^BASE dollars, rounding explaining
    it when 2 × |difference| ≤ reach (the sum of every rounded figure's last digit, stated side
    included, each being off by half of it at most). None when a figure is not in dollars.

    Every figure of a table is in two such sums, so this reads the cells' and amounts' slots
    rather than their properties (which took half the time of a sum, measured)."""
    total = reach = 0
    for term in members:
        amount = term._amount
        if amount._unit != "$":
            return None
        n = amount._n
        if n is None:
            n, e = amount.scaled
        else:
            e = amount._e
        power = _POWERS.get(e) or _power(e)
        total += n * power
        if not amount._exact:
            reach += power
    amount = stated._amount
    if amount._unit != "$":
        return None
    n = amount._n
    if n is None:
        n, e = amount.scaled
    else:
        e = amount._e
    power = _POWERS.get(e) or _power(e)
    if not amount._exact:
        reach += power
    return n * power - total, reach


def _power(exponent: int) -> int:
    """10^(exponent - BASE) for an exponent the table does not hold (a zero written "0E+40")."""
    if exponent < BASE:
        raise ValueError(f"a figure has digits below 10^{BASE}")  # the notation refuses them
    power: int = 10 ** (exponent - BASE)
    return power
