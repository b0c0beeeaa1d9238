"""Structural rules on small hand-made tables (English statements with subtotals, gaps, typos)."""

from __future__ import annotations

import pytest

from budgetcheck import check
from budgetcheck.plan.model import Plan


def plan(rows, columns=None, **table):
    columns = columns or [{"key": "y2024", "label": "2024"}]
    return Plan.model_validate({
        "plan": {"organisation": "Maple Widgets Ltd.", "fiscal_year": "2024", "language": "en",
                 "source": "statement.txt"},
        "tables": [{"id": "ops", "number": 1, "title": "Statement of operations",
                    "columns": columns, "rows": rows, **table}]})


def row(key, line, role="item", **cells):
    return {"key": key, "label": key.replace("_", " ").title(), "line": line, "role": role,
            "cells": cells}


def findings(p, code, mode="rounding"):
    return [f for f in check(p, mode, plugins=False).findings if f.code == code]


def test_subtotals_and_a_grand_total():
    rows = [row("salaries", 3, y2024="1,200"), row("rent", 4, y2024="300"),
            row("operating", 5, "subtotal", y2024="1,500"),
            row("grants", 6, y2024="250"), row("interest", 7, y2024="50"),
            row("transfers", 8, "subtotal", y2024="300"),
            row("total", 9, "total", y2024="1,800")]
    assert check(plan(rows, scale=3), plugins=False).errors == []
    rows[-1]["cells"]["y2024"] = "1,900"
    errors = findings(plan(rows, scale=3), "BC102")
    assert [(f.row, f.line, f.stated, f.computed) for f in errors if f.severity == "error"] == [
        ("total", 9, "1900000", "1800000")]


def test_sum_of_names_the_rows_a_total_adds():
    rows = [row("revenue", 3, y2024="5,000"), row("expenses", 4, y2024="3,800"),
            {**row("net", 5, "total", y2024="1,200"), "sum_of": ["revenue"]}]
    # "net" is not revenue + expenses; with sum_of = [revenue] it is checked against revenue only.
    errors = findings(plan(rows, scale=3), "BC102")
    assert errors and errors[0].computed == "5000000"


def test_row_total_across_non_quarter_columns():
    columns = [{"key": "ops", "label": "Operating"}, {"key": "cap", "label": "Capital"},
               {"key": "all", "label": "Total", "role": "total"}]
    rows = [row("ottawa", 3, ops="$1,234", cap="$466", all="$1,700"),
            row("toronto", 4, ops="$2,000", cap="$500", all="$2,600")]
    found = findings(plan(rows, columns), "BC101")
    assert [(f.row, f.severity, f.line) for f in found] == [("toronto", "error", 4)]
    assert "$2,600 printed, $2,500 computed" in found[0].message


def test_missing_cell_is_not_zero():
    columns = [{"key": q, "label": q} for q in ("Q1", "Q2", "Q3", "Q4")] + [
        {"key": "Total", "label": "Total", "role": "total"}]
    rows = [row("a", 3, Q1="1", Q2="2", Q4="4", Total="7"), row("b", 4, Q1="1", Q2="1", Q3="1",
                                                                Q4="1", Total="4"),
            row("total", 5, "total", Q1="2", Q2="3", Q3="1", Q4="5", Total="11")]
    p = plan(rows, columns)
    missing = findings(p, "BC105")
    assert [(f.row, f.column, f.severity, f.line) for f in missing] == [("a", "Q3", "warning", 3)]
    report = check(p, plugins=False)
    # Totals that need the missing cell are neither errors nor passes.
    assert not any(f.row == "a" and f.code == "BC103" for f in report.findings)
    assert not any(f.column == "Q3" and f.code == "BC102" for f in report.findings)
    assert not any("Q3" in p_.subject and p_.code == "BC102" for p_ in report.passed)


def test_duplicate_row_keys_are_refused():
    rows = [row("a", 3, y2024="1"), row("a", 4, y2024="2"), row("total", 5, "total", y2024="3")]
    with pytest.raises(ValueError, match="duplicate row key 'a'.*rows 0 and 1"):
        plan(rows)


def test_excess_precision_against_the_stated_precision():
    rows = [row("a", 3, y2024="1,03 M$"), row("b", 4, y2024="2,1 M$"),
            row("total", 5, "total", y2024="3,1 M$")]
    found = findings(plan(rows, precision="0,1 M$"), "BC106")
    assert [(f.row, f.line) for f in found] == [("a", 3)]
    assert findings(plan(rows), "BC106") == []


@pytest.mark.parametrize("mode", ["rounding", "strict"])
def test_exact_totals_pass_in_every_mode(mode):
    rows = [row("a", 3, y2024="1,5 M$"), row("b", 4, y2024="2,5 M$"),
            row("total", 5, "total", y2024="4,0 M$")]
    report = check(plan(rows), mode, plugins=False)
    assert report.findings == [] and len(report.passed) == 1


@pytest.mark.parametrize("expr", ["ops[a] / ops[b] == 2", "2 == ops[a] / ops[b]",
                                  "ops[a] / ops[b] >= 2", "ops[a] / (ops[b] - ops[b]) == 2"])
def test_a_relation_that_divides_by_zero_is_unverifiable_not_passed(expr):
    """"1 M$ / 0 $ == 2" is possible for some value of the quotient, which is any number; it is
    not shown true. On the left or the right, whatever the comparison, it is a BC202 warning."""
    p = Plan.model_validate({**plan([row("a", 3, y2024="1,000"), row("b", 4, y2024="0")])
                             .model_dump(), "relations": [{"id": "r", "expr": expr}]})
    report = check(p, plugins=False)
    assert [(f.code, f.severity) for f in report.findings if f.subject == "r" or
            f.relation == expr] == [("BC202", "warning")]
    assert not any(x.code == "BC201" for x in report.passed)


def test_a_percentage_among_the_rows_a_total_adds_is_a_warning_not_a_crash():
    rows = [row("salaries", 3, y2024="1,200"), row("share", 4, y2024="60 %"),
            row("total", 5, "total", y2024="1,200")]
    report = check(plan(rows, scale=3), plugins=False)  # stopped with UnitMismatch
    [warning] = report.warnings
    assert (warning.code, warning.line, warning.lines) == ("BC102", 5, [3, 4, 5])
    assert "percentage or ratio (Table 1, “Share” = 60 %)" in warning.message
    assert report.errors == [] and not any(p.code == "BC102" for p in report.passed)
