"""The integer path of sums (`judge.scaled`) against the `Decimal` interval path it replaces:
the same readings digit for digit, and on random tables the same report, verdicts, intervals
and messages alike."""

from __future__ import annotations

from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetcheck import check
from budgetcheck.judge import linear, scaled
from budgetcheck.numbers.amount import Amount
from budgetcheck.numbers.interval import EXACT
from budgetcheck.numbers.notation import format_amount, parse_amount
from budgetcheck.plan.model import Cell, Plan
from budgetcheck.rules import structure

D = Decimal


@st.composite
def amounts(draw: st.DrawFn) -> Amount:
    """A dollar figure as a table prints it: any sign, zero included, 0 to 2 decimals, in $, k$,
    M$ or G$, sometimes exact (a computed value)."""
    n = draw(st.one_of(st.just(0), st.integers(-10**9, 10**9)))
    places = draw(st.integers(0, 2))
    return Amount(D(n).scaleb(-places), draw(st.sampled_from([0, 3, 6, 9])), "$",
                  exact=draw(st.booleans()))


signed_terms = st.lists(st.tuples(st.sampled_from([1, -1]), amounts().map(
    lambda a: Cell(str(a), 1, a))), min_size=1, max_size=12)


def same_decimal(a: Decimal, b: Decimal) -> bool:
    """Equal value, exponent and sign: what a message prints is the same."""
    return a.as_tuple() == b.as_tuple()


@given(amounts())
def test_a_scaled_figure_is_its_value_in_whole_last_digits(amount: Amount) -> None:
    n, e = amount.scaled
    assert e == amount.exponent
    assert D(n).scaleb(e, EXACT) == amount.value


def test_a_bare_integer_keeps_the_integer_it_was_read_as() -> None:
    assert parse_amount("(1 234)").scaled == (-1234, 0)
    assert parse_amount("17,6 M$").scaled == (176, 5)
    assert parse_amount("0,0 M$").scaled == (0, 5)


@given(signed_terms)
def test_integer_sums_are_the_decimal_fold_digit_for_digit(terms: list) -> None:
    by_decimal = linear.decimal_sums(terms)
    by_integers = scaled.scaled_sums(terms)
    if by_integers is None:  # a zero reading: its sign is the Decimal fold's to decide
        assert any(x == 0 for x in by_decimal)
    else:
        assert all(map(same_decimal, by_integers, by_decimal)), (by_integers, by_decimal)
    assert all(map(same_decimal, linear.sums(terms), by_decimal))


@given(amounts(), st.lists(amounts(), min_size=1, max_size=8), st.booleans())
def test_the_gap_of_a_sum_is_the_decimal_difference_and_reach(stated: Amount, members: list,
                                                              force_equal: bool) -> None:
    if force_equal:  # equal sums are the case that matters; random ones rarely are
        with localcontext(EXACT):
            total = sum((m.value for m in members), D(0))
        stated = parse_amount(format_amount(Amount(total, 0, "$"), "en"), round_thousands=False)
    cells = [Cell(str(a), 1, a) for a in (stated, *members)]
    found = scaled.gap(cells[0], cells[1:])
    assert found is not None
    difference, reach = found
    unit = D(1).scaleb(scaled.BASE)
    with localcontext(EXACT):
        assert difference * unit == stated.value - sum(m.value for m in members)
        # each rounded figure may be off by half its last digit
        assert reach * unit / 2 == stated.half_unit + sum(m.half_unit for m in members)


def test_a_sum_with_a_figure_not_in_dollars_has_no_gap() -> None:
    dollars, percent = parse_amount("5 M$"), parse_amount("5 %")
    assert scaled.gap(Cell("5 M$", 1, dollars), [Cell("5 %", 1, percent)]) is None
    assert scaled.gap(Cell("5 %", 1, percent), [Cell("5 M$", 1, dollars)]) is None


@st.composite
def tables(draw: st.DrawFn) -> dict:
    """A table of rows × three columns and a Total column, with a Total row, whose totals are the
    sums of its figures moved by nothing, by a rounding's worth or by far more: every verdict."""
    scale = draw(st.sampled_from([0, 3, 6]))
    places = draw(st.integers(0, 2))
    unit = D(1).scaleb(-places)

    def text(units: int) -> str:
        return format_amount(Amount(D(units) * unit, scale, "$"), "fr")

    moved = st.sampled_from([0, 0, 1, -1, 2, 500])
    figures = st.one_of(st.just(0), st.integers(-10**6, 10**7))
    rows, sums, line = [], [0, 0, 0], 10
    for r in range(draw(st.integers(1, 6))):
        values = [draw(figures) for _ in range(3)]
        sums = [a + b for a, b in zip(sums, values)]
        cells = {f"c{i}": text(v) for i, v in enumerate(values)}
        cells["total"] = text(sum(values) + draw(moved))
        rows.append({"key": f"r{r}", "label": f"Ligne {r}", "line": line, "cells": cells})
        line += 1
    total = {f"c{i}": text(v + draw(moved)) for i, v in enumerate(sums)}
    total["total"] = text(sum(sums) + draw(moved))
    rows.append({"key": "total", "label": "Total", "role": "total", "line": line,
                 "cells": total})
    return {"plan": {"organisation": "Hypothesis", "fiscal_year": "2025", "language": "fr",
                     "source": "generated.txt"},
            "tables": [{"id": "t", "number": 1, "title": "Flux", "line": 5, "scale": scale,
                        "columns": [{"key": f"c{i}", "label": f"C{i}"} for i in range(3)]
                        + [{"key": "total", "label": "Total", "role": "total"}],
                        "rows": rows}]}


def _decimal_gap(stated: Cell, members: list[Cell]) -> tuple[int, int] | None:
    """No gap when the Decimal sum is exact, else one that rounding cannot explain: the check
    then reads and judges the sum as it did before integers (`readings_of`, `verdict`)."""
    if any(c.amount.unit != "$" for c in (stated, *members)):
        return None
    with localcontext(EXACT):
        return (0, 0) if stated.value == sum(m.value for m in members) else (1, 0)


@pytest.mark.parametrize("mode", ["rounding", "strict"])
@given(data=tables())
def test_the_integer_path_gives_the_report_of_the_decimal_path(data: dict, mode: str) -> None:
    plan = Plan.model_validate(data)
    by_integers = check(plan, mode)  # type: ignore[arg-type]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(linear, "scaled_sums", lambda terms: None)
        patch.setattr(structure, "gap", _decimal_gap)
        by_decimal = check(plan, mode)  # type: ignore[arg-type]
    assert by_integers.model_dump() == by_decimal.model_dump()
    assert by_integers == by_decimal
