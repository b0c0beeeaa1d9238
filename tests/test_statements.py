"""Statements read with no rules: layouts, both languages, totals found by themselves."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetcheck import check, load
from budgetcheck.sources.statement_headings import unit_scale
from budgetcheck.sources.statement_lines import choose, split_line

from .conftest import ROOT
from .statement_docs import render, statements

STATEMENTS = ROOT / "fixtures" / "statements"


def inferred(report):
    """{(row label, column label): how} for every inferred relation that holds."""
    return {(p.row, p.column): p.subject.split("inferred as ")[-1].split("déduit comme ")[-1]
            for p in report.passed if p.inferred}


@pytest.mark.parametrize("name", ["ministere-ponts.fr.txt", "harbourview.en.txt",
                                  "coop-boreale-budget.en.md", "coop-boreale-budget.fr.md",
                                  "northern-research-council.en.txt", "coastal-affairs.en.txt"])
def test_consistent_statements_have_no_findings(name):
    report = check(load(STATEMENTS / name))
    assert [f.message for f in report.findings] == []
    plan = load(STATEMENTS / name)
    total_cells = 0
    for table in plan.tables:
        assert table.totals == "inferred"
        total_cells += sum(len(r.cells) for r in table.rows
                           if re.match(r"(?i)total|net|coût de fonctionnement net|surplus|excédent"
                                                r"|departmental net (?:debt|financial position)$", r.label))
    assert report.summary.inferred == total_cells > 0


def test_net_lines_are_combinations_of_earlier_totals():
    found = inferred(check(load(STATEMENTS / "harbourview.en.txt")))
    assert found[("net_debt", "y2024")] == "“Total liabilities” − “Total financial assets”"
    assert found[("net_financial_position", "y2023")] == \
        "“Total non-financial assets” − “Net debt”"
    assert found[("total_expenses", "y2024")].startswith("the sum of the 5 rows")
    french = inferred(check(load(STATEMENTS / "ministere-ponts.fr.txt")))
    after = [v for (row, col), v in french.items() if row.startswith("cout_de_fonctionnement_net_apres")]
    assert after and all(v.endswith("− « Total du financement du gouvernement et des transferts »")
                         for v in after)


def test_a_qualified_net_line_is_a_result_too(tmp_path):
    """Federal departments print "Departmental net debt" and "Departmental net financial
    position": the result noun after a qualifier is still a result line, found as a combination,
    and a slip in it is an error at its line (it was taken for a line item and never checked)."""
    found = inferred(check(load(STATEMENTS / "coastal-affairs.en.txt")))
    assert found[("departmental_net_debt", "y2025")] == \
        "“Total net liabilities” − “Total net financial assets”"
    assert found[("departmental_net_financial_position", "y2024")] == \
        "“Total non-financial assets” − “Departmental net debt”"
    text = (STATEMENTS / "coastal-affairs.en.txt").read_text(encoding="utf-8")
    wrong = tmp_path / "coastal-affairs.en.txt"
    wrong.write_text(text.replace("$ 564,264", "$ 546,264"), encoding="utf-8")
    report = check(load(wrong))
    assert [(f.code, f.line, f.column) for f in report.errors] == [("BC107", 36, "y2025")]
    assert report.errors[0].stated == "546264000" and report.errors[0].computed == "564264000"


def test_statement_figures_keep_their_text_scale_and_line():
    plan = load(STATEMENTS / "ministere-ponts.fr.txt")
    table = plan.tables[0]
    assert table.scale == 3 and [c.label for c in table.columns] == ["2024", "2023"]
    rows = {r.key: r for r in table.rows}
    loss = rows["perte_gain_sur_alienation_d_immobilisations"]
    assert loss.cells["y2024"].text == "(5 397)" and loss.cells["y2024"].amount.value == -5397000
    assert loss.cells["y2023"].amount.value == 0 and loss.cells["y2023"].amount.exact
    assert rows["interets"].cells["y2024"].text == "1\u00a0250"
    assert rows["autres_charges"].cells["y2023"].amount.value == 11871000
    wrapped = next(r for k, r in rows.items() if k.startswith("cout_de_fonctionnement_net_avant"))
    assert wrapped.label_lines == (24, 25) and wrapped.line == 25
    assert rows["charges"].cells == {}  # a section heading
    english = load(STATEMENTS / "harbourview.en.txt")
    first = {r.key: r for r in english.tables[0].rows}
    assert first["accounts_payable_and_accrued_liabilities_note_6"].cells["y2024"].text == \
        "$ 430,423"
    assert [t.title for t in english.tables] == ["Statement of Financial Position (unaudited)",
                                                  "Statement of Operations"]


@pytest.mark.parametrize("name, errors", [
    ("harbourview-errors.en.txt", {(21, "y2024"), (47, "y2024"), (56, "y2024")}),
    ("ministere-ponts-erreurs.fr.txt", {(22, "y2023"), (25, "y2023")}),
])
def test_statements_with_errors(name, errors):
    report = check(load(STATEMENTS / name))
    found = {(f.line, f.column) for f in report.errors}
    assert found == errors
    assert all(f.inferred and f.code == "BC107" and f.allowed for f in report.errors)


def test_a_transposed_total_gets_its_hint_and_values():
    report = check(load(STATEMENTS / "harbourview-errors.en.txt"))
    total = next(f for f in report.errors if f.line == 47)
    assert total.stated == "347520000" and total.computed == "347250000"
    assert total.difference == "270000" and total.allowed == ("347247000", "347253000")
    assert total.lines == list(range(42, 48)) and total.row == "total_expenses"
    assert any("transposed" in h for h in total.hints)


def test_line_splitting_in_french_uses_the_columns():
    # "20 000 18 500" is two figures; "123 456 789" with two columns needs the column edges.
    split = split_line("  Ventes 20 000 18 500")
    assert [f.text for f in choose(split, 2, [])] == ["20 000", "18 500"]
    split = split_line("Autres            123 456 789")
    assert [f.text for f in choose(split, 2, [25, 29])] == ["123 456", "789"]
    assert [f.text for f in choose(split, 2, [21, 29])] == ["123", "456 789"]
    split = split_line("Perte  (5 397)   (2 950)")
    assert [f.text for f in choose(split, 2, [])] == ["(5 397)", "(2 950)"]
    split = split_line("Salaries .......  $ 1,234,567    1,198,004*")
    assert split.label == "Salaries"
    assert [f.text for f in choose(split, 2, [])] == ["$ 1,234,567", "1,198,004"]


@pytest.mark.parametrize("line, scale", [
    ("(in thousands of dollars)", 3), ("(en milliers de dollars)", 3),
    ("(in thousands of dollars, unless otherwise noted)", 3),
    ("(en milliers de dollars, sauf indication contraire)", 3),
    ("(in millions of Canadian dollars)", 6), ("(en millions de dollars canadiens)", 6),
    ("(thousands of dollars)", 3), ("(In thousands of CAD)", 3), ("(in $ thousands)", 3),
    ("All figures in thousands of dollars.", 3), ("Tous les montants sont en milliers de dollars.", 3),
    ("Amounts in $000s", 3), ("($000)", 3), ("(000 $)", 3), ("(k$)", 3), ("(en M$)", 6),
    ("(en G$)", 9), ("(en milliards de dollars)", 9), ("(en dollars)", 0), ("(dollars)", 0),
    ("Millions", None), ("Dollars", None), ("Expenses", None), ("(5 397)", None),
    ("Total in millions of dollars", None),
    (("The council spent most of the grant in thousands of small dollars amounts to many groups "
      "in the north in thousands of dollars"), None),
])
def test_unit_lines_as_statements_write_them(line, scale):
    assert unit_scale(line) == scale


def test_a_quarterly_text_statement_keeps_its_year_column(tmp_path):
    """"T1 … T4 Année" (or "Total"): the fifth heading is a column, the year the quarters add
    up to. It was dropped, and each row's first quarter slid into its label, so every check ran
    on the wrong cells and passed."""
    plan = load(STATEMENTS / "cooperative-fjord-budget.fr.txt")
    table = plan.tables[0]
    assert [(c.label, c.role) for c in table.columns] == [
        ("T1", "value"), ("T2", "value"), ("T3", "value"), ("T4", "value"), ("Année", "total")]
    sales = next(r for r in table.rows if r.label == "Ventes")
    assert sales.cells["t1"].text == "1 250" and sales.cells["annee"].text == "6 070"
    report = check(plan)
    assert report.findings == []
    assert sum(p.code == "BC103" for p in report.passed) == 7
    text = (STATEMENTS / "cooperative-fjord-budget.fr.txt").read_text(encoding="utf-8")
    wrong = tmp_path / "fjord.fr.txt"
    wrong.write_text(text.replace("1 410     1 530", "1 140     1 530"), encoding="utf-8")
    found = {(f.code, f.line) for f in check(load(wrong)).errors}
    assert ("BC103", 7) in found and ("BC107", 9) in found


def test_a_share_column_is_no_summand_and_no_missing_figure():
    """"% of total" beside a quarterly budget: the rows still add across (BC103), the
    percentages are in no sum, and the result line that prints no share is not a warning."""
    for name, year in (("harbour-trust-budget.en.txt", "Total"),
                       ("acme-robotics-budget.en.md", "FY 2026")):
        plan = load(STATEMENTS / name)
        table = plan.tables[0]
        assert table.scale == 3 and table.total_column.label == year
        report = check(plan)
        assert report.findings == []
        rows = {r.key for r in table.rows if r.cells}
        assert {p.row for p in report.passed if p.code == "BC103"} == rows
        assert {(p.row, p.column) for p in report.passed if p.row == "operating_income"} >= {
            ("operating_income", c.key) for c in table.columns if c.key != "of_total"}
    assert plan.tables[0].title == "Acme Robotics — 2026 operating budget"


def test_a_municipal_statement_and_its_surplus():
    report = check(load(STATEMENTS / "ville-saint-alban.fr.txt"))
    assert report.findings == []
    assert {p.row for p in report.passed if p.inferred} == {
        "total_des_revenus", "total_des_charges", "excedent_deficit_de_l_exercice"}


def test_headings_on_two_lines_and_dollar_columns(tmp_path):
    path = tmp_path / "budget.txt"
    path.write_text("Town of Example\nSchedule of Expenses\n(in dollars)\n\n"
                    "                         Budget       Actual      Actual\n"
                    "                           2024         2024        2023\n"
                    "Roads                $   12,000   $   11,500  $   10,900\n"
                    "Parks                     4,000        4,250       3,990\n"
                    "Total                $   16,000   $   15,750  $   14,890\n", encoding="utf-8")
    plan = load(path)
    assert [c.label for c in plan.tables[0].columns] == ["Budget 2024", "Actual 2024",
                                                          "Actual 2023"]
    report = check(plan)
    assert report.findings == [] and report.summary.inferred == 3


def test_a_column_with_no_heading_is_named_by_its_place(tmp_path):
    path = tmp_path / "budget.md"
    path.write_text("| | 2023 | |\n|---|---|---|\n| Revenue | 1 | 2 |\n| Costs | 1 | 1 |\n"
                    "| Total | 2 | 9 |\n", encoding="utf-8")
    plan = load(path)  # an empty heading used to stop the reader with an IndexError
    assert [c.label for c in plan.tables[0].columns] == ["2023", "(column 3)"]
    report = check(plan)
    assert [(f.code, f.column, f.line) for f in report.errors] == [("BC107", "column_3", 5)]
    # The row matches nothing in every column, but its 2023 column adds up, and says so.
    [held] = [p.subject for p in report.passed if p.inferred]
    assert "2023" in held and ("déduit comme" in held or "inferred as" in held)
    assert "aucun bloc" not in held and "no block" not in held


def test_a_ratio_row_is_left_out_of_the_sums_and_a_mixed_column_is_a_warning(tmp_path):
    path = tmp_path / "budget.md"
    path.write_text("| Item | 2023 | 2024 |\n|---|---|---|\n| A | 1,0 M$ | 1,0 M$ |\n"
                    "| Share | 40 % | 2,0 M$ |\n| B | 1,5 M$ | 1,5 M$ |\n"
                    "| Total | 2,5 M$ | 4,5 M$ |\n", encoding="utf-8")
    report = check(load(path))  # adding 40 % to dollars stopped the checker (UnitMismatch)
    assert [(f.code, f.severity, f.column) for f in report.findings] == [
        ("BC107", "warning", "y2023")]
    assert "(Table, “Share”, 2023 = 40 %)" in report.findings[0].message
    assert [(p.column, p.inferred) for p in report.passed] == [("y2024", True)]
    ratio_row = tmp_path / "ratio.md"
    ratio_row.write_text("| Item | 2023 |\n|---|---|\n| A | 1,0 M$ |\n| Share | 40 % |\n"
                         "| B | 1,5 M$ |\n| Total | 2,5 M$ |\n", encoding="utf-8")
    held = check(load(ratio_row))
    assert held.findings == [] and [p.inferred for p in held.passed] == [True]


def test_no_statement_in_prose(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("Dear members,\nIn 2024 we spent 1,234 dollars on paint.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "budgetcheck", "check", str(path)],
                            capture_output=True, text=True)
    # a letter with an amount and nothing to check in it: read, and said so (exit 0)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == (f"{path}: nothing to check: no total, relation or claim the "
                             "checker can verify was found\n")


def test_every_format_says_inferred(tmp_path):
    path = STATEMENTS / "harbourview-errors.en.txt"

    def run(fmt):
        return subprocess.run([sys.executable, "-m", "budgetcheck", "check", "--format", fmt,
                               str(path)], capture_output=True, text=True, cwd=ROOT).stdout

    data = json.loads(run("json"))
    assert all(f["inferred"] for f in data["findings"])
    assert data["summary"]["inferred"] == len(data["inferred"]) == 16  # 5 + 3 totals, 2 years
    assert {i["verdict"] for i in data["inferred"]} == {"pass", "error"}
    sarif = json.loads(run("sarif"))
    assert all(r["properties"]["inferred"] for r in sarif["runs"][0]["results"])
    assert "error (inferred)" in run("markdown") and "Inferred relations" in run("markdown")
    assert "(inferred)" in run("github")
    assert "[inferred]" in run("text")
    html = run("html")
    assert 'class="num inferred"' in html and '<em class="inferred">inferred</em>' in html


def test_extracted_statement_checks_the_same(tmp_path):
    source = STATEMENTS / "harbourview-errors.en.txt"
    out = subprocess.run([sys.executable, "-m", "budgetcheck", "extract", str(source)],
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout
    (tmp_path / "harbour.toml").write_text(out, encoding="utf-8")
    again = check(load(tmp_path / "harbour.toml"))
    first = check(load(source))
    assert [(f.code, f.line, f.row, f.column, f.stated) for f in again.findings] == \
        [(f.code, f.line, f.row, f.column, f.stated) for f in first.findings]


def write(tmp_path_factory, text, layout):
    suffix = ".md" if layout.startswith("markdown") else ".html" if layout.startswith("html") \
        else ".txt"
    path = tmp_path_factory.mktemp("st") / f"s{suffix}"
    path.write_text(text, encoding="utf-8")
    return path


@given(statements())
def test_a_rounded_statement_has_no_error(tmp_path_factory, drawn):
    text, rows, (_lang, _years, layout, _sep) = drawn
    report = check(load(write(tmp_path_factory, text, layout)))
    assert report.errors == [], (text, [f.message for f in report.errors])
    totals = [r for r in rows if r.kind in ("total", "net")]
    difference = "-difference" in layout  # each row's difference holds (not added down)
    expected = sum(len(r.values) for r in totals)
    expected += difference * sum(1 for r in rows if r.values)
    assert report.summary.inferred == expected, (text, [p.subject for p in report.passed])


@given(statements(), st.data())
def test_a_changed_figure_of_the_first_section_is_caught_at_its_line(tmp_path_factory, drawn,
                                                                       data):
    _, rows, (lang, years, layout, sep) = drawn
    first_total = next(i for i, r in enumerate(rows) if r.kind == "total")
    target = data.draw(st.sampled_from([r for r in rows[:first_total + 1] if r.values]))
    column = data.draw(st.integers(0, years - 1))
    members = sum(1 for r in rows[:first_total] if r.values)
    delta = data.draw(st.integers(members + 2, 10**6)) * data.draw(st.sampled_from([1, -1]))
    target.values[column] += Decimal(delta * 1000)  # the totals keep their printed values
    text = render(rows, lang, years, layout, sep)
    report = check(load(write(tmp_path_factory, text, layout)))
    assert any(target.line in f.lines and f.code == "BC107" for f in report.errors), \
        (text, [f.message for f in report.findings])


def test_a_condensed_statement_prints_totals_without_their_rows(tmp_path):
    """The departmental plans' future-oriented statement: "Total expenses" and "Total revenues"
    with no rows under them, then the net cost. The two totals cannot be checked (each was an
    error against the other), and the net cost is their difference in every column."""
    name = "northern-affairs-future-oriented.en.md"
    report = check(load(STATEMENTS / name))
    assert report.findings == []
    found = {(p.row, p.column): p.subject.split("inferred as ")[-1]
             for p in report.passed if p.code == "BC107"}
    # in the two columns of figures; the Difference column is not added down (BC108 checks it)
    assert len(found) == 2 and set(found.values()) == {"“Total expenses” − “Total revenues”"}
    # The Difference column is the planned results minus the forecast, on all three rows.
    assert sorted(p.line for p in report.passed if p.code == "BC108" and p.inferred) == [5, 6, 7]
    text = (STATEMENTS / name).read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_text(text.replace("| 601,706,730 |", "| 601,076,730 |"), encoding="utf-8")
    errors = check(load(path)).errors
    assert sorted((f.code, f.line) for f in errors) == [("BC107", 7), ("BC108", 7)]
    error = next(f for f in errors if f.code == "BC107")
    assert error.line == 7 and error.row.startswith("net_cost_of_operations")
    assert any("transposed" in h for h in error.hints)


def test_a_difference_column_is_one_column_minus_another(tmp_path):
    """BC108: "Variance" under a heading on two lines ("Budget  Actual" over "2025  2025
    Variance") is Budget − Actual on every row; a variance left unchanged when its actual was
    revised is an error at its line. The same statement laid out in text, with the heading
    over three ragged lines and a caption over the labels, is read the same."""
    text = ("Town of Riverbend\nSchedule of Operating Expenses\n(in thousands of dollars)\n\n"
            "                               Budget       Actual\n"
            "                                 2025         2025     Variance\n"
            "General government              4,210        4,105          105\n"
            "Protection services             6,880        7,020         (140)\n"
            "Transportation                  9,300        9,145          155\n"
            "Total expenses                 20,390       20,270          120\n")
    path = tmp_path / "riverbend.en.txt"
    path.write_text(text, encoding="utf-8")
    plan = load(path)
    assert [c.label for c in plan.tables[0].columns] == ["Budget 2025", "Actual 2025", "Variance"]
    report = check(plan)
    assert report.findings == []
    held = [p for p in report.passed if p.code == "BC108"]
    assert len(held) == 4 and all(p.subject.endswith("Variance = Budget 2025 − Actual 2025")
                                  for p in held)
    path.write_text(text.replace("9,145          155", "9,245          155"), encoding="utf-8")
    errors = {(f.code, f.line) for f in check(load(path)).errors}
    assert ("BC108", 9) in errors
    # The departmental plans' layout as text: a caption, headings over three ragged lines.
    doc = tmp_path / "future.en.txt"
    doc.write_text(
        "Future-oriented condensed statement of operations\n(dollars)\n\n"
        "Financial information            2024–25 forecast    2025–26 planned     Difference\n"
        "                                          results            results      (planned\n"
        "                                                                        minus forecast)\n"
        "Total expenses                        602,911,230        588,405,117     (14,506,113)\n"
        "Total revenues                          1,204,500          1,310,000         105,500\n"
        "Net cost of operations before\n"
        "government funding and transfers      601,706,730        587,095,117     (14,611,613)\n",
        encoding="utf-8")
    plan = load(doc)
    assert [c.label for c in plan.tables[0].columns] == [
        "2024–25 forecast results", "2025–26 planned results",
        "Difference (planned minus forecast)"]
    report = check(plan)
    assert report.findings == [] and len(report.passed) == 5  # 2 net costs, 3 differences


def test_currency_signs_zero_dashes_and_bracketed_negatives_of_published_statements(tmp_path):
    """The forms of the departmental statements, on an invented statement: a "$" on the first
    and total rows of a thousands table marks the column, "$ -" is nil, "$ (34,686)" a negative
    earned on behalf of Government; the total of revenues nets to nil."""
    text = ("Future-Oriented Condensed Statement of Operations\n(in thousands of dollars)\n\n"
            "                                        2024-25          2025-26\n"
            "Salaries                          $ 126,317        $ 120,000\n"
            "Transfer payments                     8,000            8,500\n"
            "Total expenses                    $ 134,317        $ 128,500\n"
            "Sales of goods and services          34,686           30,000\n"
            "Revenues earned on behalf of\nGovernment                        $ (34,686)       $ (30,000)\n"
            "Total revenues                          $ -              - $\n"
            "Net cost of operations            $ 134,317        $ 128,500\n")
    path = tmp_path / "condensed.en.txt"
    path.write_text(text, encoding="utf-8")
    plan = load(path)
    cells = {row.key: row.cells for row in plan.tables[0].rows}
    assert cells["salaries"]["y2024_25"].amount.value == 126_317_000  # thousands, not dollars
    assert cells["total_revenues"]["y2025_26"].amount.value == 0
    report = check(plan)
    assert report.errors == [], [f.message for f in report.errors]
    path.write_text(text.replace("$ (30,000)", "$ (3,000)"), encoding="utf-8")
    assert any(10 in f.lines for f in check(load(path)).errors)


def test_an_html_comment_is_not_read_and_keeps_the_line_numbers(tmp_path):
    path = tmp_path / "with-source.en.md"
    path.write_text("<!--\nSource: https://example.gc.ca/2013-2014/fofs (read 2026-12-01)\n-->\n"
                    "Statement of Operations\n(in thousands of dollars)\n\n"
                    "| | 2025 | 2026 |\n|---|---|---|\n| Salaries | 10 | 12 |\n| Rent | 5 | 6 |\n"
                    "| Total expenses | 15 | 20 |\n", encoding="utf-8")
    report = check(load(path))
    assert [(f.code, f.line) for f in report.errors] == [("BC107", 11)]
    assert load(path).tables[0].title == "Statement of Operations"


def _checked(tmp_path, text, name="doc.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return check(load(path)), path


def test_a_table_with_no_unit_line_and_no_headings_is_found_by_its_total(tmp_path):
    """A town's budget page: a title, section headings and rows of a label and one figure, no
    unit line, no column headings. Found by the total that ends a run of rows; the section
    heading above the first row is kept, the title above it stays the title."""
    text = ("The council met on Monday and adopted the budget after a long debate.\n\n"
            "Means of Financing\nRevenues\nExcise Tax $120,000.00\nFees 30,500.50\n"
            "Grants 9,499.50\nTotal Revenues $160,000.00\nExpenses\nRoads $100,000.00\n"
            "Library 60,000.00\nTotal Expenditures $160,000.00\n")
    report, path = _checked(tmp_path, text)
    assert report.errors == []
    assert sorted(p.line for p in report.passed if p.code == "BC107") == [8, 12]
    table = load(path).tables[0]
    assert table.title == "Means of Financing"
    assert [r.label for r in table.rows][:2] == ["Revenues", "Excise Tax"]
    report, _ = _checked(tmp_path, text.replace("9,499.50", "9,949.50"))
    assert [(f.code, f.line) for f in report.errors] == [("BC107", 8)]


def test_figures_in_prose_or_a_list_with_no_total_are_not_a_table(tmp_path, capsys):
    """No table is made of them; the document is read all the same, and its report says that
    nothing in it could be checked (exit 0): a folder of press releases can be checked. A text
    with no figure at all is no document (BC901)."""
    prose = ("Dear members,\nThe hall cost 1,234 dollars. The roof cost 5,678 dollars.\n"
             "In total we spent 6,912 dollars: a total we are proud of 3.\n")
    path = tmp_path / "doc.txt"
    for text in (prose, "Roads 100\nLibrary 60\nParks 40\n"):
        path.write_text(text, encoding="utf-8")
        plan = load(path)
        assert plan.tables == [] and plan.claims == []
        assert main_exit(path, "--lang", "en") == 0
        assert capsys.readouterr().out == (f"{path}: nothing to check: no total, relation or "
                                           "claim the checker can verify was found\n")
    path.write_text("Dear members,\nthe hall is finished.\n", encoding="utf-8")
    assert main_exit(path) == 2
    assert "no claim and no figure was found" in capsys.readouterr().err


def main_exit(path, *options):
    from budgetcheck.cli import main
    return main(["check", *options, str(path)])


def test_a_summary_of_department_totals_is_not_added_down(tmp_path):
    """"Police Total", "Total DPW": each department's total, its items on other pages; no row
    above shares its name and the table has no section headings. A bare "Total" and a total of
    a class ("Total expenses") are checked wherever they stand."""
    summary = ("Town Operating Budget 2012 2013\nTown Hall Government 1,521,107 1,480,146\n"
               "Police Total 1,217,965 1,271,106\nFire Total 1,260,004 1,331,595\n"
               "Total DPW 1,453,040 1,511,017\n")
    report, _ = _checked(tmp_path, summary + "Total 5,452,116 5,593,864\n")
    assert report.errors == []
    assert [p.row for p in report.passed if p.code == "BC107"] == ["total", "total"]
    report, _ = _checked(tmp_path, summary + "Total 5,452,116 5,593,964\n")
    assert [(f.code, f.line) for f in report.errors] == [("BC107", 6)]
    classes = "(in dollars)\nSalaries 5,000 6,000\nRent 3,000 3,000\nTotal expenses 9,000 9,000\n"
    report, _ = _checked(tmp_path, classes)
    assert [(f.code, f.line, f.column) for f in report.errors] == [("BC107", 4, "column_1")]


def test_a_caption_before_the_years_heads_the_labels(tmp_path):
    """"Town Operating Budget 2011 2012 2013 2013 $ Change 2013 % Change": the words before the
    first year head the labels, the columns are the years and the two changes. A row whose
    figures look like years ("Grants 2000 2010") is not a heading line."""
    from budgetcheck.sources.statement_headings import header_columns, is_header
    line = "Town   Operating Budget 2011 2012 2013 2013 $       Change 2013 % Change"
    assert is_header(line)
    assert not is_header("Grants 2000 2010") and not is_header("Grants 2000 2010 2040")
    assert header_columns("Renseignements financiers Prévisions des résultats 2023-2024 "
                           "Résultats prévus 2024-2025")[0] == \
        ["Prévisions des résultats 2023-2024 Résultats prévus 2024-2025"]  # regrouped later
    text = (f"{line}\nRoads  $  100  $  120  $  130  $  10 8.3%\n"
            "Parks  $  50  $  40  $  30  $  (10) -25.0%\n")
    report, path = _checked(tmp_path, text)
    assert report.errors == []
    columns = [c.label for c in load(path).tables[0].columns]
    assert columns == ["2011", "2012", "2013", "2013 $ Change", "2013 % Change"]
    assert sorted(p.code for p in report.passed) == ["BC108", "BC108", "BC111", "BC111"]


def test_french_rows_one_space_apart_with_their_dollar_after_each_figure(tmp_path):
    """"59 209 012 $ 58 209 012 $ (1 000 000) $" and "— $ (1 000) $ (1 000) $": a line that
    ends with its "$" writes it after each figure, so each "$" closes a figure (and "— $" is
    nil); the headings one space apart keep their words ("Prévisions des résultats")."""
    text = ("État des résultats prospectif condensé pour l’exercice se terminant le 31 mars 2025 "
            "(en dollars)\n\nRenseignements financiers Prévisions des résultats 2023-2024 "
            "Résultats prévus 2024-2025 Écart\n"
            "Total des charges 59 209 012 $ 58 209 012 $ (1 000 000) $\n"
            "Total des revenus — $ (1 000) $ (1 000) $\n"
            "Coût de fonctionnement net avant le financement du gouvernement et les transferts "
            "59 209 012 $ 58 210 012 $ (999 000) $\n")
    report, path = _checked(tmp_path, text, "plan.fr.txt")
    assert report.errors == [] and report.warnings == []
    table = load(path).tables[0]
    assert [c.label for c in table.columns] == ["Prévisions des résultats 2023-2024",
                                               "Résultats prévus 2024-2025", "Écart"]
    assert [c.text for c in table.rows[1].cells.values()] == ["—", "(1 000) $", "(1 000) $"]
    assert sum(1 for p in report.passed if p.code == "BC108") == 3
    report, _ = _checked(tmp_path, text.replace("58 210 012 $ (999", "58 210 012 $ (990"),
                         "plan.fr.txt")
    assert [(f.code, f.line) for f in report.errors] == [("BC108", 6)]


def test_a_column_heading_alone_with_its_unit_starts_a_table(tmp_path):
    """"Recettes 2016" / "Montant (M$)" / rows: the heading names the column, its brackets the
    unit; the next table's title ("Dépenses 2016") is not a row of the first."""
    text = ("Recettes 2016\nMontant (M$)\nTaxes 100 351 $\nSubventions 6 490 $\n"
            "Total  106 841 $\n\nDépenses 2016\nMontant (M$)\nPolice 19 392 $\n"
            "Incendie 87 449 $\nTotal 106 841 $\n")
    report, path = _checked(tmp_path, text, "budget.fr.txt")
    assert report.errors == []
    tables = load(path).tables
    assert [t.title for t in tables] == ["Recettes 2016", "Dépenses 2016"]
    assert [[r.label for r in t.rows] for t in tables] == [["Taxes", "Subventions", "Total"],
                                                           ["Police", "Incendie", "Total"]]
    assert tables[0].columns[0].label == "Montant" and tables[0].scale == 6


def test_a_table_of_labels_with_no_french_words_is_reported_in_english(tmp_path):
    report, _ = _checked(tmp_path, "(in dollars)\nRoads 1,100 120\nParks 50 40\n"
                                   "Total 1,150 160\n")
    assert report.errors == [] and load(tmp_path / "doc.txt").plan.language == "en"


def test_a_pipe_table_without_outer_pipes_and_subtotals_with_no_label(tmp_path):
    """A converted page: rows without their outer pipes, the years a few lines above a header
    that is the first section's heading, rules printed as rows of pipes, and subtotals with no
    label whose figures slid into the label's cell ("12 408 | 13 278 | |")."""
    text = ("Bilan\n(en milliers de dollars)\n2018 | 2017 | |\n|\n||\nActif | ||\n---|---|---|\n"
            "Trésorerie | 3 716 $ | 6 067 $ |\nPlacements (note 2) | 8 148 | 6 641 |\n|\n||\n"
            "11 864 | 12 708 | |\nImmobilisations | 28 599 | 29 025 |\n|\n||\n"
            "40 463 $ | 41 733 $ | |\n")
    report, path = _checked(tmp_path, text, "bilan.fr.md")
    assert report.errors == []
    table = load(path).tables[0]
    assert [c.label for c in table.columns] == ["2018", "2017"] and table.scale == 3
    assert [(r.label, r.role) for r in table.rows] == [
        ("Actif", "item"), ("Trésorerie", "item"), ("Placements (note 2)", "item"),
        ("(total)", "total"), ("Immobilisations", "item"), ("(total)", "total")]
    assert sorted(p.line for p in report.passed if p.code == "BC107") == [12, 12, 16, 16]
    report, _ = _checked(tmp_path, text.replace("11 864 | 12 708", "11 864 | 12 780"),
                         "bilan.fr.md")
    # the total still adds up from the items: only the subtotal is wrong
    assert [(f.code, f.line) for f in report.errors] == [("BC107", 12)]


def test_an_accumulated_deficit_is_an_item_of_equity_when_a_total_follows(tmp_path):
    """In the equity section "Accumulated deficit" is an item of "Total equity"; at the foot of
    a statement with no total after it, it is the result (net assets less the rest)."""
    head = ("Statement of financial position\n(in thousands of dollars)\n2020 2019\n"
            "Total assets 15,951 14,864\nTotal liabilities 8,352 7,386\n"
            "Net assets 7,599 7,478\nEQUITY\nContributed equity 2,915 2,514\n"
            "Reserves 11,347 11,347\nAccumulated deficit (6,663) (6,383)\n")
    report, path = _checked(tmp_path, head + "Total equity 7,599 7,478\n")
    assert report.errors == []
    found = inferred(report)
    assert found[("total_equity", "y2020")].startswith("the sum of the 3 rows")
    report, _ = _checked(tmp_path, head + "Total equity 7,599 7,487\n")
    assert [(f.code, f.line) for f in report.errors] == [("BC107", 11)]
    report, _ = _checked(tmp_path, head)  # no total: the deficit is the balance's result
    assert inferred(report)[("accumulated_deficit", "y2020")] == \
        "“Net assets” − “Contributed equity” − “Reserves”"


def test_a_line_ending_with_a_markdown_break_keeps_its_last_figure(tmp_path):
    text = "(in dollars)\n2024 2023\nSalaries 1,000 900\nRent 500 (400)\\\nTotal 1,500 500\n"
    report, path = _checked(tmp_path, text)
    assert report.errors == []
    assert [c.text for c in load(path).tables[0].rows[1].cells.values()] == ["500", "(400)"]


def test_a_year_range_split_after_its_dash_is_one_heading(tmp_path):
    text = ("Statement of Operations\n(in thousands of dollars)\n"
            "                     2017- 18      2016- 17\nSalaries             1,000         900\n"
            "Rent                   500         400\nTotal expenses       1,500       1,300\n")
    report, path = _checked(tmp_path, text)
    assert report.errors == []
    table = load(path).tables[0]
    assert [c.label for c in table.columns] == ["2017-18", "2016-17"]
    assert [r.label for r in table.rows] == ["Salaries", "Rent", "Total expenses"]


def test_a_table_copied_one_cell_a_line(tmp_path):
    """A page's table copied to text one cell a line: the years one a line are the columns,
    each label is followed by its figures, each figure keeps its own line."""
    text = ("Statement of financial position\n(in thousands of dollars)\n2020\n2019\n2018\n"
            "Cash\n153\n224\n210\nReceivables\n12,478\n12,124\n11,118\n"
            "Total financial assets\n12,631\n12,348\n11,328\n")
    report, path = _checked(tmp_path, text)
    assert report.errors == [] and sum(1 for p in report.passed if p.code == "BC107") == 3
    table = load(path).tables[0]
    assert [c.label for c in table.columns] == ["2020", "2019", "2018"]
    assert [[c.line for c in r.cells.values()] for r in table.rows] == [[7, 8, 9], [11, 12, 13],
                                                                        [15, 16, 17]]
    report, _ = _checked(tmp_path, text.replace("12,124", "12,142"))
    errors = [(f.code, f.line, f.lines) for f in report.errors]
    assert len(errors) == 1 and errors[0][0] == "BC107" and 12 in errors[0][2]


def test_cells_a_page_ran_together_are_set_apart(tmp_path):
    """A page's table copied to text with nothing between its cells: in a document that groups
    digits with commas a group of three cannot go on, so "11,250,55911,310,567" is two figures
    and "Revenue11,250,559" a label and its figure."""
    from budgetcheck.sources.statement_lines import unglue
    assert unglue("Other Operating Revenue11,250,55911,310,567") == \
        "Other Operating Revenue 11,250,559 11,310,567"
    assert unglue("Bad Debts$19,762,031$20,502,287") == "Bad Debts $19,762,031 $20,502,287"
    assert unglue("(2,458)(2,602)") == "(2,458) (2,602)"
    for kept in ("Health4 10,345 11,000", "Total $ 1,234.56 $ 2,000.00", "Cash 2.1A 1,234"):
        assert unglue(kept) == kept
    text = ("Statement of Operations\n\nYear to Date September 30, 2016ActualBudget\n"
            "Patient Revenue$19,762,031$20,502,287\nOther Operating Revenue11,250,55911,310,567\n"
            "Total Revenues 31,012,590 31,812,854\nSalaries and Wages17,685,59318,868,577\n"
            "Interest Expense28,25845,120\nTotal Expense 17,713,851 18,913,697\n"
            "Operating Gain / (Loss) 13,298,739 12,899,157\n")
    report, _ = _checked(tmp_path, text)
    assert report.errors == []
    assert sorted(p.row for p in report.passed if p.code == "BC107") == [
        "operating_gain_loss", "operating_gain_loss", "total_expense", "total_expense",
        "total_revenues", "total_revenues"]
    report, _ = _checked(tmp_path, text.replace("Wages17,685,593", "Wages17,685,539"))
    assert [(f.code, f.line) for f in report.errors] == [("BC107", 9)]


def test_keys_of_labels_printed_many_times_are_handed_out_in_order():
    """"Item" a thousand times: item, item_2, … with no search through the keys before; a key
    taken by a label of its own ("Item 2" -> item_2) is skipped."""
    from budgetcheck.sources.text_plan import UniqueKeys
    keys = UniqueKeys()
    assert [keys.take("item") for _ in range(3)] == ["item", "item_2", "item_3"]
    assert keys.take("item_4") == "item_4" and keys.take("item") == "item_5"
    assert len({keys.take("row") for _ in range(1000)}) == 1000


PRIOR_YEAR_FIRST = """ESTIMATED STATEMENT OF OPERATIONS
($000)

   Estimates     Forecast                                   Estimates
    2024/25       2024/25                                    2025/26
                              Revenue
   13,365,000    13,669,000   Taxation                      14,185,000
    3,416,000     3,701,000   Natural resources              3,432,000
    1,036,000       908,000   Investment earnings              826,000
   17,817,000    18,278,000   Total revenue                 18,443,000
"""


def test_a_statement_printing_the_prior_years_left_of_its_labels(tmp_path):
    """As B.C.'s estimated statements print it: two columns of figures, the labels, then the
    year estimated. It reads as if the labels came first, on the lines as printed; a figure
    changed on the left is caught at its line."""
    report, path = _checked(tmp_path, PRIOR_YEAR_FIRST)
    table = load(path).tables[0]
    assert table.title == "ESTIMATED STATEMENT OF OPERATIONS" and table.scale == 3
    assert [c.label for c in table.columns] == ["Estimates 2025/26", "Estimates 2024/25",
                                                "Forecast 2024/25"]
    assert [(r.label, r.line) for r in table.rows] == [
        ("Revenue", None), ("Taxation", 7), ("Natural resources", 8),
        ("Investment earnings", 9), ("Total revenue", 10)]
    assert [c.text for c in table.rows[1].cells.values()] == ["14,185,000", "13,365,000",
                                                              "13,669,000"]
    assert report.errors == [] and sum(1 for p in report.passed if p.code == "BC107") == 3
    wrong, _ = _checked(tmp_path, PRIOR_YEAR_FIRST.replace("3,701,000", "3,710,000"))
    assert [(f.code, f.line, f.column) for f in wrong.errors] == [("BC107", 10, "forecast_2024_25")]


def test_item_numbers_before_labels_are_no_column_of_figures(tmp_path):
    """A numbered list ("1  Salaries …") is not a column of figures printed left of labels."""
    text = ("Statement of Operations\n(in dollars)\n                           2025      2024\n"
            "1   Salaries            1,234     1,100\n2   Rent                  500       400\n"
            "3   Supplies              100        90\n    Total expenses      1,834     1,590\n")
    report, path = _checked(tmp_path, text)
    table = load(path).tables[0]
    assert [c.label for c in table.columns] == ["2025", "2024"]
    assert [r.label for r in table.rows] == ["1 Salaries", "2 Rent", "3 Supplies",
                                            "Total expenses"]
    assert report.errors == []
