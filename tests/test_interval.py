"""Interval arithmetic: sound (contains every result), exact where it can be, explicit on /0."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetcheck.numbers.interval import Interval

D = Decimal
values = st.decimals(min_value=-10**6, max_value=10**6, places=3, allow_nan=False,
                     allow_infinity=False)


@st.composite
def intervals_with_member(draw):
    a, b, t = draw(values), draw(values), draw(st.fractions(0, 1))
    lo, hi = min(a, b), max(a, b)
    member = lo + (hi - lo) * D(t.numerator) / D(t.denominator)
    return Interval(lo, hi), member.quantize(D("0.000001"), rounding="ROUND_HALF_EVEN").max(lo).min(hi)


@given(intervals_with_member(), intervals_with_member())
def test_operations_contain_every_pointwise_result(first, second):
    (a, x), (b, y) = first, second
    assert (a + b).contains(x + y)
    assert (a - b).contains(x - y)
    assert (a * b).contains(x * y)
    if not b.contains(0):
        quotient = a / b  # compare with the exact rational, not a 28-digit Decimal
        assert Fraction(quotient.lo) <= Fraction(x) / Fraction(y) <= Fraction(quotient.hi)


def test_division_by_an_interval_holding_zero_is_unbounded_not_a_crash():
    result = Interval(1, 2) / Interval(-1, 1)
    assert not result.is_bounded
    assert (Interval(1) / Interval(0)).is_bounded is False


def test_overlap_containment_and_distance():
    a, b = Interval(0, 10), Interval(5, 15)
    assert a.overlaps(b) and not a.contains(b) and a.contains(Interval(2, 3))
    assert Interval(0, 1).distance(Interval(3, 4)) == 2
    assert a.distance(b) == 0


def test_quotients_round_outward():
    third = Interval(1) / Interval(3)
    assert third.lo < third.hi  # 1/3 has no exact decimal: the bounds bracket it
    assert Fraction(third.lo) < Fraction(1, 3) < Fraction(third.hi)


def test_empty_interval_is_refused():
    with pytest.raises(ValueError):
        Interval(2, 1)
