"""The fast paths give exactly what the general code gives: one-pass sums (`linear`) the
evaluator's readings, digit for digit; the bare-integer reader the general parser's amounts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetcheck.judge.evaluate import Evaluator, _readings, verdict
from budgetcheck.judge.linear import linear_readings, signed_refs
from budgetcheck.judge.types import Settings
from budgetcheck.numbers.amount import AmountError
from budgetcheck.numbers.notation import (
    _BARE_INTEGER,
    _french_table_figure,
    _grouped_by_spaces,
    parse_amount,
    parse_bare_integer,
    parse_bare_integers,
    parse_general,
)
from budgetcheck.plan.expr import BinOp, Comparison, Neg, Node, Ref, Sum
from budgetcheck.plan.figures import FigureIndex
from budgetcheck.plan.model import Cell, Column, Plan, Row, Table

# Printed figures of every shape a table holds: whole, decimals, zero, dash, negative.
figure_text = st.one_of(
    st.integers(0, 10**9).map(lambda n: f"{n:,}".replace(",", " ")),
    st.tuples(st.integers(0, 99_999), st.integers(0, 99)).map(lambda p: f"{p[0]},{p[1]:02d}"),
    st.tuples(st.integers(0, 999), st.integers(0, 9)).map(lambda p: f"{p[0]},{p[1]}"),
    st.sampled_from(["0", "—", "-", "0,0"]),
    st.integers(1, 10**6).map(lambda n: f"({n})"),
)


def plan_with(texts: list[str], scale: int, unit: str = "$") -> Plan:
    rows = [{"key": f"r{i}", "label": f"R{i}", "line": i + 1, "cells": {"v": text}}
            for i, text in enumerate(texts)]
    return Plan.model_validate({
        "plan": {"organisation": "T", "fiscal_year": "2024", "language": "fr", "source": "t.txt"},
        "tables": [{"id": "t", "title": "T", "scale": scale, "unit": unit,
                    "columns": [{"key": "v", "label": "V"}], "rows": rows}]})


@st.composite
def relations(draw: st.DrawFn) -> tuple[Plan, Comparison]:
    texts = draw(st.lists(figure_text, min_size=2, max_size=8))
    plan = plan_with(texts, draw(st.sampled_from([0, 3, 6])))
    refs: list[Node] = [Ref("t", f"r{i}", "v") for i in range(1, len(texts))]
    right: Node = Sum(tuple(refs))
    if len(refs) >= 2 and draw(st.booleans()):
        right = BinOp("-", refs[0], Sum(tuple(refs[1:])))
    if draw(st.booleans()):
        right = Neg(right) if draw(st.booleans()) else BinOp("+", right, Neg(refs[0]))
    return plan, Comparison("==", Ref("t", "r0", "v"), right, "t[r0] == ...")


def exact_tuple(value: Decimal) -> tuple:
    return value.as_tuple()  # sign, digits and exponent: the same text in every message


@given(relations())
def test_linear_readings_equal_the_evaluators_digit_for_digit(case):
    plan, comparison = case
    settings = Settings()
    evaluator = Evaluator(FigureIndex(plan))
    slow = _readings(comparison, evaluator, settings)
    fast = linear_readings(comparison, evaluator.index, evaluator.claim, evaluator.bindings,
                           settings)
    if fast is None:  # a negated partial sum: left to the evaluator
        assert signed_refs(comparison.right) is None
        return
    for name in ("stated", "computed", "rounded_stated", "rounded_computed"):
        a, b = getattr(slow, name), getattr(fast, name)
        assert (exact_tuple(a.interval.lo), exact_tuple(a.interval.hi)) == \
            (exact_tuple(b.interval.lo), exact_tuple(b.interval.hi)), name
        assert a.terms == b.terms and a.dim == b.dim and a.missing == b.missing
    for mode, tolerance in (("rounding", Decimal(0)), ("strict", Decimal(0)),
                            ("absolute", Decimal(500))):
        settings = Settings(mode=mode, tolerance=tolerance)  # type: ignore[arg-type]
        one, two = verdict(comparison, slow, settings), verdict(comparison, fast, settings)
        assert (one.verdict, one.allowed, one.tolerance, one.difference) == \
            (two.verdict, two.allowed, two.tolerance, two.difference)


def test_only_sums_and_differences_of_references_take_the_fast_path():
    a, b = Ref("t", "a", "v"), Ref("t", "b", "v")
    assert signed_refs(BinOp("+", a, Neg(b))) == [(1, a), (-1, b)]
    assert signed_refs(BinOp("-", BinOp("-", a, b), a)) == [(1, a), (-1, b), (-1, a)]
    assert signed_refs(Neg(Sum((a, b)))) is None  # negating a partial sum can flip a zero's sign
    assert signed_refs(BinOp("*", a, b)) is None
    assert signed_refs(BinOp("/", a, b)) is None


def test_percentages_and_truncation_go_to_the_evaluator():
    index = FigureIndex(plan_with(["5", "5"], 0, unit="%"))
    comparison = Comparison("==", Ref("t", "r0", "v"), Sum((Ref("t", "r1", "v"),)), "")
    assert linear_readings(comparison, index, None, {}, Settings()) is None
    assert linear_readings(comparison, FigureIndex(plan_with(["5", "5"], 0)), None, {},
                           Settings(rounding="truncate")) is None


@given(st.integers(-10**18 + 1, 10**18 - 1), st.sampled_from([" ", "\u00a0", "\u202f", ""]),
       st.sampled_from(["minus", "parentheses", "both"]), st.sampled_from([0, 3, 6, 9]),
       st.sampled_from(["$", "%", ""]))
def test_bare_integers_read_as_the_general_parser_reads_them(number, space, negative_style,
                                                            scale, unit):
    grouped = f"{abs(number):,}".replace(",", space)
    if number < 0:
        grouped = {"minus": f"-{grouped}", "parentheses": f"({grouped})",
                   "both": f"(-{grouped})"}[negative_style]
    try:
        general = parse_amount(grouped, scale=scale, unit=unit, round_thousands=False)
    except AmountError:  # too large in this scale: left to the general parser, which says so
        assert parse_bare_integer(grouped, scale, unit) is None
        return
    fast = parse_bare_integer(grouped, scale, unit)
    assert fast is not None
    assert (fast, fast.digits.as_tuple()) == (general, general.digits.as_tuple())


@given(st.lists(st.one_of(figure_text, st.integers(0, 10**19).map(str),
                          st.integers(0, 10**18).map(lambda n: f"{n:,}".replace(",", " "))),
                max_size=12),
       st.sampled_from([0, 3, 6, 9]), st.sampled_from(["$", "%", ""]))
def test_a_column_read_at_once_reads_as_its_cells_one_by_one(texts, scale, unit):
    at_once = parse_bare_integers(texts, scale, unit)
    one_by_one = [parse_bare_integer(text, scale, unit) for text in texts]
    assert at_once == one_by_one
    assert [a.digits.as_tuple() for a in at_once if a is not None] == \
        [a.digits.as_tuple() for a in one_by_one if a is not None]


def test_every_unreadable_cell_of_a_table_is_reported_in_the_order_printed():
    from pydantic import ValidationError

    rows = [{"key": f"r{i}", "label": f"R{i}", "line": i + 1,
             "cells": {"a": "1", "b": {"text": "2"}}} for i in range(4)]
    rows[3]["cells"]["a"] = "12 €"
    rows[1]["cells"]["b"] = {"text": "3 Q$", "line": 40}
    with pytest.raises(ValidationError) as caught:
        Table.model_validate({"id": "t", "title": "T", "columns": [
            {"key": "a", "label": "A"}, {"key": "b", "label": "B"}], "rows": rows})
    errors = caught.value.errors()
    assert [(e["type"], e["loc"]) for e in errors] == [
        ("invalid_amount", ("rows", 1, "cells", "b")), ("invalid_amount", ("rows", 3, "cells", "a"))]
    assert errors[0]["input"] == {"text": "3 Q$", "line": 40}


french_figure = st.builds(
    lambda integer, grouped, fraction, space, letter: (
        (f"{integer:,}".replace(",", " ") if grouped else str(integer))
        + (f",{fraction}" if fraction else "") + (" " if space else "") + letter + "$"),
    st.integers(0, 10**20), st.booleans(),
    st.one_of(st.just(""), st.text(alphabet="0123456789", min_size=1, max_size=6)),
    st.booleans(), st.sampled_from(["", "M", "m", "k", "K", "G", "g"]))


@given(french_figure, st.sampled_from([None, 0, 3, 6, 9]), st.booleans(),
       st.sampled_from([None, "fr", "en"]), st.sampled_from([None, "$", "%", ""]))
def test_a_french_table_figure_reads_as_the_general_parser_reads_it(text, scale, rounded,
                                                                    lang, unit):
    fast = _french_table_figure(text, scale, rounded)
    try:
        general = parse_general(text, lang=lang, scale=scale, unit=unit,  # type: ignore[arg-type]
                                round_thousands=rounded)
    except AmountError:
        assert fast is None  # refused by the general parser, which says why
        return
    if fast is not None:
        assert (fast, fast.digits.as_tuple()) == (general, general.digits.as_tuple())


@given(st.text(alphabet="0123456789 ", min_size=1, max_size=26))
def test_digits_grouped_by_spaces_are_told_as_the_pattern_tells_them(text):
    """The string-method test of "12 345" agrees with the bare-integer pattern."""
    assert _grouped_by_spaces(text) == (" " in text and _BARE_INTEGER.match(text) is not None)


def test_a_cell_that_gives_no_line_is_on_its_rows_line():
    """Short or long, a cell without a line of its own was printed on its row's line."""
    table = Plan.model_validate({
        "plan": {"organisation": "T", "fiscal_year": "2024", "language": "fr", "source": "t"},
        "tables": [{"id": "t", "title": "T", "columns": [{"key": k, "label": k} for k in "abc"],
                    "rows": [{"key": "r", "label": "R", "line": 9, "cells": {
                        "a": "1", "b": {"text": "2"}, "c": {"text": "3", "line": 10}}}]}],
    }).tables[0]
    assert [c.line for c in table.rows[0].cells.values()] == [9, 9, 10]


@pytest.mark.parametrize("text", ["1,234", "12 34", "(12", "12)", " 12", "1 234,5", "1.5",
                                  "12 M$", "1\u2009234", "—"])
def test_anything_but_a_bare_integer_goes_to_the_general_parser(text):
    assert parse_bare_integer(text) is None


@given(figure_text, st.sampled_from([0, 3, 6, 9]), st.sampled_from(["$", "%", ""]))
def test_a_cell_in_its_tables_unit_reads_as_the_general_parser_reads_it(text, scale, unit):
    """Cells are read once, in their table's unit and scale."""
    cell = plan_with([text], scale, unit).tables[0].rows[0].cells["v"]
    general = parse_amount(text, scale=scale, unit=unit, round_thousands=False)  # type: ignore[arg-type]
    assert (cell.amount, cell.amount.digits.as_tuple()) == (general, general.digits.as_tuple())


@given(figure_text, st.sampled_from([0, 3, 6, 9]), st.sampled_from(["$", "%", ""]))
def test_a_row_validated_on_its_own_takes_its_tables_unit(text, scale, unit):
    """A row read outside a table reads its cells in plain dollars; the table it joins reads
    them again in its own unit and places them, as if it had read the row itself."""
    row = Row.model_validate({"key": "r", "label": "R", "line": 4, "cells": {"v": text}})
    table = Table(id="t", title="T", scale=scale, unit=unit,  # type: ignore[arg-type]
                  columns=[Column(key="v", label="V")], rows=[row])
    cell = table.rows[0].cells["v"]
    read = plan_with([text], scale, unit).tables[0].rows[0].cells["v"]
    assert (cell.amount, cell.amount.digits.as_tuple()) == (read.amount,
                                                            read.amount.digits.as_tuple())
    assert (cell.table, cell.row, cell.column, cell.line) == ("t", "r", "v", 4)


def test_a_cell_made_outside_the_plan_is_copied_not_moved():
    """Cells are immutable: a table places a copy of a cell it did not read itself."""
    mine = Cell("1 234", 7)
    row = Row(key="r", label="R", cells={"v": mine})
    table = Table(id="t", title="T", scale=3, columns=[Column(key="v", label="V")], rows=[row])
    placed = table.rows[0].cells["v"]
    assert (mine.table, mine.amount.scale) == (None, 0)
    assert (placed.table, placed.amount.scale, placed.value) == ("t", 3, Decimal(1_234_000))


def test_findings_share_their_set_of_given_fields_and_copies_do_not():
    from budgetcheck import check, load

    from .conftest import ROOT

    report = check(load(ROOT / "fixtures" / "scale-ai-2023-2024.toml"))
    first, second = report.passed[0], report.passed[1]
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
    assert first.model_fields_set >= {"code", "subject", "lines"}
    copy = first.model_copy(update={"inferred": True})
    assert "inferred" in copy.model_fields_set and "inferred" not in second.model_fields_set
    assert report.findings[0].model_dump(exclude_unset=True)["code"] == report.findings[0].code


def test_a_note_is_worded_only_when_something_reads_it(monkeypatch):
    # A generated plan rounded to k$: two sums in five are rounding notes. Its notes are worded
    # when a renderer shows them, not when the check finds them, nor when `-q` hides them.
    import sys

    from budgetcheck import check
    from budgetcheck.render import RenderOptions
    from budgetcheck.render.text import render
    from budgetcheck.rules.context import Context

    from .conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import plan_data
    finally:
        sys.path.remove(str(ROOT / "bench"))
    worded = []
    wording = Context.from_outcome

    def counted(self, *args, **kwargs):
        worded.append(args[0])
        return wording(self, *args, **kwargs)

    monkeypatch.setattr(Context, "from_outcome", counted)
    report = check(Plan.model_validate(plan_data(1000)))
    notes = report.notes
    assert len(notes) > 50 and report.errors == [] and worded == []
    quiet = render([report], RenderOptions(quiet=True))
    assert worded == [] and not any(note.subject in quiet for note in notes)
    shown = render([report], RenderOptions())
    assert len(worded) == len(notes)
    assert all(note.message in shown for note in notes)
    render([report], RenderOptions())
    assert len(worded) == len(notes)  # worded once


@given(st.lists(figure_text, min_size=1, max_size=30), st.sampled_from([0, 3, 6]),
       st.integers(-10**9, 10**10), st.integers(0, 10**8))
def test_the_figures_near_a_value_are_the_ones_a_scan_finds(texts, scale, low, width):
    # BC306 looks for a printed figure of the implied value by bisection; a scan of every
    # figure is what it replaces.
    from budgetcheck.numbers.interval import Interval

    index = FigureIndex(plan_with(texts, scale))
    wanted = Interval(Decimal(low), Decimal(low + width))
    scanned = [t for t in index.dollar_figures() if t.amount.interval().overlaps(wanted)]
    assert index.dollar_figures_within(wanted) == scanned
    for figure in index.dollar_figures():  # each figure is found at its own value
        assert figure in index.dollar_figures_within(figure.amount.interval())


@pytest.mark.parametrize("text, fast", [("17,6 M$", True), ("0 $", True), ("1 234,5 k$", True),
                                        ("51 000 $", False), ("1,234 M$", False),
                                        ("(1,2 M$)", False), ("$17.6M", False),
                                        ("17,6\u00a0M$", False)])
def test_the_french_table_figures_the_fast_path_takes(text, fast):
    """Prose's round thousands, a comma that may group thousands, signs, English and other
    spaces are the general parser's."""
    assert (_french_table_figure(text, None, True) is not None) == fast
