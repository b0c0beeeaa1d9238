"""The properties that make the checker trustworthy, on random plans."""

from __future__ import annotations

import copy
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from budgetcheck import check
from budgetcheck.numbers.notation import format_amount, parse_amount

from .strategies import build, exact_plans


@given(exact_plans())
def test_a_rounded_exact_plan_has_no_error(data):
    report = check(build(data), plugins=False)
    assert report.errors == [], [f.message for f in report.errors]


def all_cells(data):
    for t, table in enumerate(data["tables"]):
        for r, row in enumerate(table["rows"]):
            for column in row["cells"]:
                yield t, r, column


@given(exact_plans(), st.data())
def test_a_figure_moved_beyond_its_tolerance_is_caught_at_its_line(data, draw):
    cells = list(all_cells(data))
    t, r, column = draw.draw(st.sampled_from(cells))
    row = data["tables"][t]["rows"][r]
    lang = data["plan"]["language"]
    amount = parse_amount(row["cells"][column])
    # More than every rounding interval of the plan put together: nothing can explain it.
    slack = sum((parse_amount(data["tables"][i]["rows"][j]["cells"][c]).half_unit
                 for i, j, c in cells), Decimal(0))
    sign = draw.draw(st.sampled_from([1, -1]))
    moved = amount.value + sign * (2 * slack + Decimal(10) ** 6)
    digits = moved.scaleb(-6).quantize(amount.digits)
    row["cells"][column] = format_amount(type(amount)(digits, 6, "$"), lang)
    report = check(build(data), plugins=False)
    assert any(row["line"] in f.lines for f in report.errors), (column, row)


def keyset(findings):
    return {(f.code, f.table, f.row, f.column, f.subject if f.code == "BC201" else "")
            for f in findings}


@given(exact_plans(), st.data())
def test_strict_errors_include_rounding_errors(data, draw):
    # Perturb a figure a little, so that some plans have errors and some have notes.
    t, r, column = draw.draw(st.sampled_from(list(all_cells(data))))
    row = data["tables"][t]["rows"][r]
    amount = parse_amount(row["cells"][column])
    bump = draw.draw(st.integers(-3, 3)) * Decimal(10) ** amount.exponent
    row["cells"][column] = format_amount(
        type(amount)((amount.value + bump).scaleb(-6).quantize(amount.digits), 6, "$"),
        data["plan"]["language"])
    plan = build(data)
    rounding, strict = check(plan, plugins=False), check(plan, "strict", plugins=False)
    assert keyset(rounding.errors) <= keyset(strict.errors)
    assert keyset(rounding.notes) <= keyset(strict.errors)


def verdicts(report):
    return {(f.code, f.severity, f.table, f.row, f.column, f.stated, f.computed)
            for f in report.findings}


@given(exact_plans(), st.randoms())
def test_findings_do_not_depend_on_row_order(data, random):
    shuffled = copy.deepcopy(data)
    for table in shuffled["tables"]:
        items, total = table["rows"][:-1], table["rows"][-1]
        random.shuffle(items)
        table["rows"] = items + [total]
    assert verdicts(check(build(data), plugins=False)) == verdicts(
        check(build(shuffled), plugins=False))
