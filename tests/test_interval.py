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


# -- a complete numeric type: copies, pickles, equality consistent with arithmetic ------------

_bounds = st.decimals(min_value=-10**12, max_value=10**12, places=3, allow_nan=False,
                      allow_infinity=False)


@given(_bounds, _bounds)
def test_an_interval_survives_copy_deepcopy_and_pickle(a, b):
    import copy
    import pickle

    interval = Interval(min(a, b), max(a, b))
    for again in (copy.copy(interval), copy.deepcopy(interval),
                  pickle.loads(pickle.dumps(interval))):
        assert again == interval and hash(again) == hash(interval)
        assert (again.lo, again.hi) == (interval.lo, interval.hi)


@given(st.integers(-10**9, 10**9), st.integers(-10**9, 10**9))
def test_equality_with_a_number_is_that_of_its_point(n, m):
    assert (Interval(n) == n) and (Interval(n) == Decimal(n))
    assert (Interval(n) == m) == (n == m)
    assert hash(Interval(n)) == hash(n)  # equal objects hash alike
    # the same coercion rule as arithmetic: a number is its point interval
    assert Interval(n) + m == Interval(n + m) == n + Interval(m)
    assert Interval(n) - m == n - Interval(m) == Interval(n - m)
    assert Interval(n) * m == m * Interval(n) == Interval(n * m)
    assert Interval(min(n, m), max(n, m)) != n or n == m


def test_an_interval_is_read_only_and_refuses_what_it_cannot_add():
    interval = Interval(1, 2)
    with pytest.raises(AttributeError):
        interval.lo = Decimal(0)  # type: ignore[misc]
    with pytest.raises(TypeError):
        interval + 1.5  # type: ignore[operator]  # a float is not exact: no coercion
    assert (interval == "1") is False
    assert interval != 1.0 and Interval(1) != True  # noqa: E712 - a bool is not a number here
