"""Amounts keep the precision they were written with; French and English notations."""

from __future__ import annotations

from decimal import Context, Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from budgetcheck.numbers.amount import Amount, AmountError
from budgetcheck.numbers.formatting import NBSP
from budgetcheck.numbers.interval import Interval, interval_sum
from budgetcheck.numbers.notation import format_amount, parse_amount
from budgetcheck.plan.model import Plan

D = Decimal


@pytest.mark.parametrize(("text", "value", "half"), [
    ("17,6 M$", "17600000", "50000"),
    ("128 M$", "128000000", "500000"),
    ("1,03 M$", "1030000", "5000"),
    ("2 M$", "2000000", "500000"),
    ("51 000 $", "51000", "500"),
    ("171,8 millions de $", "171800000", "50000"),
    ("171,8 millions de dollars", "171800000", "50000"),
    ("171,8 millions\nde $", "171800000", "50000"),
    ("1,17 milliard", "1170000000", "5000000"),
    ("51\u00a0000 $", "51000", "500"),
    ("51\u202f000\u00a0$", "51000", "500"),
    ("$171.8M", "171800000", "50000"),
    ("$51,000", "51000", "500"),
    ("$ 430,423", "430423", "0.5"),
    ("(5,397)", "-5397", "0.5"),
    ("\u22125 397", "-5397", "0.5"),
    ("95 %", "95", "0.5"),
    ("1,6 $", "1.6", "0.05"),
    ("$1.2B", "1200000000", "50000000"),
])
def test_parse_keeps_value_and_written_precision(text, value, half):
    amount = parse_amount(text)
    assert amount.value == D(value)
    assert amount.half_unit == D(half)
    assert amount.interval() == Interval(D(value) - D(half), D(value) + D(half))


@pytest.mark.parametrize("text", ["0 $", "-", "—", "–", "0"])
def test_written_zero_is_exact(text):
    amount = parse_amount(text)
    assert amount.exact and amount.interval() == Interval(0)


def test_zero_with_decimals_or_a_scale_is_rounded():
    assert parse_amount("0,0 M$").interval() == Interval(-50000, 50000)
    assert not parse_amount("0 M$").exact


def test_two_and_two_point_zero_differ():
    assert parse_amount("2 M$").half_unit == 10 * parse_amount("2,0 M$").half_unit
    assert parse_amount("2 M$").value == parse_amount("2,0 M$").value


def test_round_thousands_rule_is_only_for_plain_dollars():
    assert parse_amount("51 000 $").half_unit == 500
    assert parse_amount("1 200 000 $").half_unit == 500
    assert parse_amount("5 000 000 $").half_unit == 500_000
    assert parse_amount("51 001 $").half_unit == D("0.5")
    # Tables that state their unit read every digit: no rounding rule.
    assert parse_amount("51 000", round_thousands=False).half_unit == D("0.5")
    assert parse_amount("1,000", scale=3, lang="en", round_thousands=False).half_unit == 500


def test_language_decides_a_lone_comma():
    assert parse_amount("5,397", lang="en").value == 5397
    assert parse_amount("5,397", lang="fr").value == D("5.397")
    assert parse_amount("1,6").value == D("1.6")


def test_formats_canadian_french_and_english():
    assert format_amount(parse_amount("171,8 M$"), "fr") == f"171,8{NBSP}M$"
    assert format_amount(parse_amount("51 000 $"), "fr") == f"51{NBSP}000{NBSP}$"
    assert format_amount(parse_amount("171,8 M$"), "en") == "$171.8M"
    assert format_amount(parse_amount("51 000 $"), "en") == "$51,000"
    assert format_amount(parse_amount("(5,397)"), "en") == "-$5,397"
    assert format_amount(parse_amount("95 %"), "fr") == f"95{NBSP}%"


@pytest.mark.parametrize("text", ["", "abc", "12 Z$", "1 23 456 $", "1,2,3,4", "$5 %", "x" * 500])
def test_bad_figures_are_refused_with_a_message(text):
    with pytest.raises(AmountError) as info:
        parse_amount(text)
    assert str(info.value)


def test_decimal_context_is_guarded():
    with pytest.raises(AmountError, match="digits"):
        parse_amount("1" * 45)
    with pytest.raises(AmountError, match="larger"):
        Amount(D("1E+25"))
    with pytest.raises(AmountError, match="below"):
        Amount(D("1E-30"))
    with pytest.raises(AmountError, match="finite"):
        Amount(D("NaN"))


def test_truncation_interval_lies_away_from_zero():
    amount = parse_amount("17,6 M$")
    assert amount.interval("truncate") == Interval(D("17600000"), D("17700000"))
    negative = parse_amount("-17,6 M$")
    assert negative.interval("truncate") == Interval(D("-17700000"), D("-17600000"))


# -- round trips -------------------------------------------------------------------------------

def canonical_amounts():
    """Amounts as the parser produces them (the round-thousands rule shapes plain dollars)."""
    money = st.builds(
        lambda mantissa, places, scale, negative: Amount(
            D(mantissa).scaleb(-places) * (-1 if negative else 1), scale, "$"),
        st.integers(0, 10**9), st.integers(0, 3), st.sampled_from([3, 6, 9]), st.booleans())
    dollars = st.builds(
        lambda mantissa, places, negative: Amount(
            D(mantissa).scaleb(-places) * (-1 if negative else 1), 0, "$"),
        st.integers(0, 999).filter(lambda m: True), st.integers(0, 2), st.booleans())
    thousands = st.builds(
        lambda mantissa, groups: Amount(D(mantissa).scaleb(3 * groups), 0, "$"),
        st.integers(1, 10**6).filter(lambda m: m % 1000 != 0), st.integers(1, 3))
    percent = st.builds(lambda m, p: Amount(D(m).scaleb(-p), 0, "%"),
                        st.integers(0, 10**5), st.integers(0, 2))
    return st.one_of(money, dollars, thousands, percent)


def same_amount(a: Amount, b: Amount) -> bool:
    return (a.value == b.value and a.exponent == b.exponent and a.unit == b.unit
            and a.exact == b.exact)


@given(canonical_amounts(), st.sampled_from(["fr", "en"]))
def test_format_then_parse_gives_the_same_amount(amount, lang):
    text = format_amount(amount, lang)
    assert same_amount(parse_amount(text, lang=lang), amount), text


@given(canonical_amounts(), st.sampled_from(["fr", "en"]))
def test_parse_then_format_is_stable(amount, lang):
    text = format_amount(amount, lang)
    assert format_amount(parse_amount(text, lang=lang), lang) == text


@given(canonical_amounts())
def test_french_and_english_texts_read_the_same(amount):
    fr, en = format_amount(amount, "fr"), format_amount(amount, "en")
    assert same_amount(parse_amount(fr, lang="fr"), parse_amount(en, lang="en"))


# -- intervals of rounded figures --------------------------------------------------------------

exact_values = st.decimals(min_value=D("-1e9"), max_value=D("1e9"), places=4,
                           allow_nan=False, allow_infinity=False)


def rounded(value: Decimal, exponent: int) -> Amount:
    """Print `value` to the 10^exponent; a whole-dollar "0 $" would claim exactness, so a value
    that rounds to zero is printed with the scale that keeps it a rounded figure."""
    digits = value.quantize(D(1).scaleb(exponent))
    if digits == 0 and value != 0:
        return Amount(digits.scaleb(-3), 3, "$")
    return Amount(digits, 0, "$")


@given(exact_values, st.integers(-2, 5))
def test_interval_of_rounded_figure_contains_the_exact_value(value, exponent):
    assert rounded(value, exponent).interval().contains(value)


@given(st.lists(st.tuples(exact_values, st.integers(-2, 5)), min_size=1, max_size=12))
def test_interval_sum_contains_the_exact_sum(items):
    total = interval_sum(rounded(v, e).interval() for v, e in items)
    assert total.contains(sum((v for v, _ in items), D(0)))


@given(exact_values, st.integers(-2, 5))
def test_truncated_interval_contains_the_exact_value(value, exponent):
    step = D(1).scaleb(exponent)
    truncated = (value / step).to_integral_value(rounding="ROUND_DOWN") * step
    assume(truncated != 0 or value == 0)
    amount = Amount(truncated.quantize(step), 0, "$")
    assert amount.interval("truncate").contains(value)


@pytest.mark.parametrize("scale", [0, 3])
def test_a_thirty_digit_figure_keeps_every_digit_in_its_value(scale):
    """Python's default decimal context keeps 28 digits; an amount's value and a table cell's
    value must keep all the digits a figure may have (30), or a sum check could pass a total
    that differs in its last digits."""
    text = "123456789012345.678901234567890"
    exact = Decimal(text).scaleb(scale, Context(prec=60))
    assert len(exact.as_tuple().digits) == 30
    assert Amount(Decimal(text), scale).value.as_tuple() == exact.as_tuple()
    plan = Plan.model_validate({
        "plan": {"organisation": "X", "fiscal_year": "2024", "language": "en", "source": "x"},
        "tables": [{"id": "t", "title": "T", "scale": scale,
                    "columns": [{"key": "v", "label": "V"}],
                    "rows": [{"key": "r", "label": "R", "cells": {"v": text}}]}]})
    assert plan.tables[0].rows[0].cells["v"].value.as_tuple() == exact.as_tuple()


def test_a_printed_zero_truncated_may_have_been_a_little_either_side():
    """XBRL Calculations 1.1 (and Arelle): a value truncated to 0,0 M$ lies in (−0,1; +0,1) M$;
    a positive one lies above its print, a negative one below."""
    zero = parse_amount("0,0 M$")
    assert zero.interval("truncate") == Interval(Decimal("-1E5"), Decimal("1E5"))
    assert parse_amount("1,5 M$").interval("truncate") == Interval(Decimal("1.5E6"),
                                                                   Decimal("1.6E6"))
    assert parse_amount("-1,5 M$").interval("truncate") == Interval(Decimal("-1.6E6"),
                                                                    Decimal("-1.5E6"))
    assert parse_amount("0 $").interval("truncate") == Interval(0)  # exact: nothing at all


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False,
                   allow_infinity=False), st.sampled_from([0, 3, 6]))
def test_an_amount_is_immutable_and_survives_copy_and_pickle(digits, scale):
    import copy
    import pickle

    amount = Amount(digits, scale)
    for again in (copy.copy(amount), copy.deepcopy(amount), pickle.loads(pickle.dumps(amount))):
        assert again == amount and hash(again) == hash(amount)
        assert again.exponent == amount.exponent and again.interval() == amount.interval()
    with pytest.raises(AttributeError):
        amount.digits = Decimal(1)  # type: ignore[misc]


@pytest.mark.parametrize("text, value, scale", [
    # currency signs mark the column: the figure keeps its table's unit (thousands here)
    ("500 658 $", "500658000", 3), ("$ 1,234", "1234000", 3), ("$126,317,002", "126317002000", 3),
    ("5 dollars", "5000", 3),
    # zero forms, with and without the currency sign
    ("$ -", "0", 3), ("- $", "0", 3), ("$ —", "0", 3), ("–", "0", 3), ("nil", "0", 3),
    ("néant", "0", 3),
    # negative forms
    ("(1,234)", "-1234000", 3), ("$ (1,234)", "-1234000", 3), ("$(1,234)", "-1234000", 3),
    ("(1 234) $", "-1234000", 3), ("(1 234 $)", "-1234000", 3), ("($ 1,234)", "-1234000", 3),
    ("−1 234", "-1234000", 3), ("-1,234", "-1234000", 3), ("-$5", "-5000", 3), ("$-5", "-5000", 3),
    # only an explicit scale overrides the table's unit
    ("12,5 M$", "12500000", 6), ("3 k$", "3000", 3), ("$ 12.5M", "12500000", 6),
    ("12 %", "12", 0),
])
def test_the_forms_statements_print_in_a_thousands_table(text, value, scale):
    amount = parse_amount(text, scale=3, unit="$", round_thousands=False)
    assert (amount.value, amount.scale) == (Decimal(value), scale)


def test_a_currency_sign_alone_is_not_a_figure_and_prose_keeps_its_dollars():
    for text in ("$", "($)"):
        with pytest.raises(AmountError):
            parse_amount(text)
    # in prose (no table unit) a trailing "$" is dollars, with the round-thousands rule
    assert parse_amount("51 000 $").value == 51000 and parse_amount("51 000 $").exponent == 3
    assert parse_amount("1,5 $").value == Decimal("1.5")  # a suffix "$" is French style
