"""XLSX workbooks: each sheet a statement, each figure as the sheet displays it, at its row."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from budgetcheck import check, load
from budgetcheck.cli import main
from budgetcheck.sources.xlsx_document import shown_number

from .same_verdicts import TABLES, verdicts
from .xlsx_docs import Number, many_parts, with_dtd, workbook

THOUSANDS = "#,##0;(#,##0)"


def _budget(salaries_2024: str = "1100.2") -> dict[str, object]:
    return {"A1": "Statement of Operations", "A2": "(in thousands of dollars)",
            "B3": Number("2025"), "C3": Number("2024"), "A4": "Expenses",
            "A5": "Salaries", "B5": Number("1233.6", THOUSANDS),
            "C5": Number(salaries_2024, THOUSANDS),
            "A6": "Rent", "B6": Number("500.31", THOUSANDS), "C6": Number("-20", THOUSANDS),
            "A7": "Total expenses", "B7": Number("1734", THOUSANDS, "SUM(B5:B6)"),
            "C7": Number("1080", THOUSANDS, "SUM(C5:C6)")}


def test_a_sheet_is_judged_on_the_figures_it_displays(tmp_path: Path) -> None:
    """1 233,6 shown with #,##0 is "1,234", known to ±0,5; −20 in a format whose second section
    has brackets is "(20)"; the stored decimals beyond the display do not count."""
    path = tmp_path / "budget.xlsx"
    path.write_bytes(workbook({"Budget": _budget()}))
    plan = load(path)
    table = plan.tables[0]
    assert table.title == "Budget: Statement of Operations" and table.scale == 3
    assert [[c.text for c in r.cells.values()] for r in table.rows[1:]] == [
        ["1,234", "1,100"], ["500", "(20)"], ["1,734", "1,080"]]
    assert [r.line for r in table.rows[1:]] == [5, 6, 7]  # the sheet's rows
    assert check(plan).errors == []
    path.write_bytes(workbook({"Budget": _budget("1010")}))
    assert [(f.code, f.line) for f in check(load(path)).errors] == [("BC107", 7)]


@pytest.mark.parametrize(("value", "fmt", "shown"), [
    ("500658.31", "#,##0", "500,658"), ("500658.31", "0.00", "500658.31"),
    ("-1234.4", "#,##0;(#,##0)", "(1,234)"), ("-1234.4", "#,##0", "-1,234"),
    ("0.125", "0.0%", "12.5%"), ("1234", '"$"#,##0', "$1,234"), ("42", "General", "42"),
    ("0.1", "General", "0.1"), ("-0.2", "#,##0", "0"), ("12.5", "@", "12.5"),
    ("45382", "yyyy-mm-dd", "2024-03-31"), ("45382.5", "d mmm yyyy", "2024-03-31"),
    ("3.0000000000000004", "General", "3"), ("1234.5678", "General", "1234.5678"),
    ("1E+3", "General", "1000")])
def test_a_number_as_its_format_displays_it(value: str, fmt: str, shown: str) -> None:
    assert shown_number(value, fmt) == shown


def test_merged_headings_and_two_sheets(tmp_path: Path) -> None:
    """A heading merged over two columns ("2024-25" over "Planned" and "Actual") heads both;
    each sheet is its own table, named by the sheet."""
    first = {"A1": "Budget (in dollars)", "B2": "2024-25", "B3": "Planned", "C3": "Actual",
             "A4": "Roads", "B4": Number("100"), "C4": Number("90"),
             "A5": "Parks", "B5": Number("50"), "C5": Number("40"),
             "A6": "Total", "B6": Number("150"), "C6": Number("130")}
    second = {"A1": "Staff", "B1": "2024", "A2": "Clerks", "B2": Number("3"),
              "A3": "Total", "B3": Number("3")}
    path = tmp_path / "town.xlsx"
    path.write_bytes(workbook({"Operating": first, "People": second},
                              merged={"Operating": ["B2:C2"]}))
    tables = load(path).tables
    assert [t.title for t in tables] == ["Operating: Budget (in dollars)", "People"]
    assert [c.label for c in tables[0].columns] == ["2024-25 Planned", "2024-25 Actual"]
    assert check(load(path)).errors == []


def test_a_workbook_that_is_no_zip_a_zip_bomb_or_a_dtd_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("Roads,100\n", encoding="utf-8")
    many = tmp_path / "many.xlsx"
    many.write_bytes(many_parts(10_001))
    dtd = tmp_path / "dtd.xlsx"
    dtd.write_bytes(with_dtd(workbook({"Budget": _budget()}), "xl/sharedStrings.xml"))
    for path in (fake, many, dtd):
        assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3
    assert "not a zip" in err[0] and "10,001 parts" in err[1] and "DTD" in err[2]


def test_a_sum_that_leaves_a_row_out_is_caught_at_the_total(tmp_path: Path) -> None:
    """The classic spreadsheet error: the total's =SUM(B4:B5) leaves out row 6, and the sheet
    shows what the range adds. BC114 names the range and the row left out at the total's cell;
    the total no longer adds up to the rows above it either (BC107, every figure of the block
    among its lines). With the range mended, neither is reported."""
    cells = {"A1": "Budget (in dollars)", "B2": Number("2024"), "A3": "Expenses",
             "A4": "Roads", "B4": Number("100", "#,##0"),
             "A5": "Parks", "B5": Number("50", "#,##0"),
             "A6": "Library", "B6": Number("25", "#,##0"),
             "A7": "Total", "B7": Number("150", "#,##0", "SUM(B4:B5)")}
    path = tmp_path / "sum.xlsx"
    path.write_bytes(workbook({"Budget": cells}))
    errors = check(load(path), lang="en").errors
    assert [(f.code, f.line, f.place) for f in errors] == [("BC107", 7, "Budget!B7"),
                                                           ("BC114", 7, "Budget!B7")]
    assert {4, 5, 6} <= set(errors[0].lines)
    formula = errors[1]
    assert formula.lines == [6, 7] and formula.relation == "=SUM(B4:B5)"
    assert "=SUM(B4:B5) in Budget!B7 leaves out row 6 (“Library”, 25)" in formula.message
    # 150 printed, the block adds 100 + 50 + 25 = 175, known to ±0,5 for each of 4 figures
    assert (formula.stated, formula.computed, formula.allowed) == ("150", "175", ("173", "177"))
    cells["B7"] = Number("175", "#,##0", "SUM(B4:B6)")
    path.write_bytes(workbook({"Budget": cells}))
    assert check(load(path)).errors == []


def test_a_formula_filled_across_is_read_in_each_cell(tmp_path: Path) -> None:
    """Excel stores a formula filled right once (a shared formula): C7 and D7 hold only its
    group, and read as =SUM(C4:C5) and =SUM(D4:D6); D7's was typed over, a range of its own.
    The C column's range leaves out C6, which is zero: a warning; `extract` keeps the
    formulas, and the plan it writes gives the same findings."""
    cells = {"A1": "Budget (in dollars)", "B2": Number("2024"), "C2": Number("2025"),
             "D2": Number("2026"), "A3": "Expenses"}
    for row, label, values in ((4, "Roads", ("100", "110", "120")),
                               (5, "Parks", ("50", "55", "60")),
                               (6, "Library", ("25", "0", "30"))):
        cells[f"A{row}"] = label
        for column, value in zip("BCD", values):
            cells[f"{column}{row}"] = Number(value, "#,##0")
    cells.update({"A7": "Total", "B7": Number("175", "#,##0", "SUM(B4:B6)", shared="0"),
                  "C7": Number("165", "#,##0", shared="0"),
                  "D7": Number("210", "#,##0", "SUM(D4:D6)")})
    path = tmp_path / "filled.xlsx"
    path.write_bytes(workbook({"Budget": cells}))
    plan = load(path)
    total = plan.tables[0].rows[-1]
    assert [c.formula for c in total.cells.values()] == ["SUM(B4:B6)", "SUM(C4:C6)",
                                                         "SUM(D4:D6)"]
    assert check(plan).errors == [] and check(plan).warnings == []
    cells["C7"] = Number("165", "#,##0", shared="0")
    cells["B7"] = Number("150", "#,##0", "SUM(B4:B5)", shared="0")
    path.write_bytes(workbook({"Budget": cells}))
    report = check(load(path), lang="en")
    found = [(f.code, f.severity, f.place) for f in report.findings if f.code == "BC114"]
    assert found == [("BC114", "error", "Budget!B7"), ("BC114", "warning", "Budget!C7")]
    extracted = tmp_path / "filled.toml"
    assert main(["extract", str(path), "-o", str(extracted)]) == 0
    assert 'formula = "SUM(C4:C5)"' in extracted.read_text(encoding="utf-8")
    again = check(load(extracted), lang="en")
    assert [(f.code, f.line, f.message) for f in again.findings] == \
        [(f.code, f.line, f.message) for f in report.findings]


def test_a_shared_formula_moves_its_relative_references_only() -> None:
    from budgetcheck.sources.xlsx_document import shifted

    assert shifted("SUM(B4:B6)", 1, 0) == "SUM(C4:C6)"
    assert shifted("SUM($B4:B$6)", 2, 3) == "SUM($B7:D$6)"
    assert shifted("Z1+AA2", 1, 1) == "AA2+AB3"
    assert shifted("SUM(Budget!B4:B6)", 1, 0) == "SUM(Budget!C4:C6)"
    assert shifted("ROUND(B4,0)", 1, 0) == "ROUND(C4,0)"


def test_findings_name_the_sheet_and_cell_in_json_and_sarif(tmp_path: Path, capsys) -> None:
    """"Budget!B7": the finding's place and each figure's, in JSON and as SARIF logical
    locations; a sheet name with a space is quoted as Excel quotes it; `extract` keeps them."""
    import json
    cells = {"A1": "Budget (in dollars)", "B2": Number("2024"), "A3": "Roads",
             "B3": Number("100"), "A4": "Parks", "B4": Number("50"), "A5": "Total",
             "B5": Number("160")}
    path = tmp_path / "town.xlsx"
    path.write_bytes(workbook({"Town budget": cells}))
    assert main(["check", "--format", "json", str(path)]) == 1
    finding = json.loads(capsys.readouterr().out)["findings"][0]
    assert finding["line"] == 5 and finding["place"] == "'Town budget'!B5"
    assert {f["place"] for f in finding["figures"]} == {"'Town budget'!B3", "'Town budget'!B4",
                                                       "'Town budget'!B5"}
    assert main(["check", "--format", "sarif", str(path)]) == 1
    result = json.loads(capsys.readouterr().out)["runs"][0]["results"][0]
    assert result["locations"][0]["logicalLocations"] == [
        {"fullyQualifiedName": "'Town budget'!B5", "name": "B5", "kind": "resource"}]
    # text and Markdown show the cell beside the line
    assert main(["check", "--lang", "en", str(path)]) == 1
    assert f"{path}:5: BC107 error [inferred] ['Town budget'!B5] " in capsys.readouterr().out
    assert main(["check", "--format", "markdown", str(path)]) == 1
    assert f"`{path}:5 ('Town budget'!B5)`" in capsys.readouterr().out
    extracted = tmp_path / "town.toml"
    assert main(["extract", str(path), "-o", str(extracted)]) == 0
    again = check(load(extracted)).errors
    assert [(f.line, f.place) for f in again] == [(5, "'Town budget'!B5")]


@pytest.mark.parametrize(("formula", "place", "rows"), [
    ("SUM(B4:B9)", "Budget!B10", (4, 9)), ("sum($B$9:$B$4)", "Budget!B10", (4, 9)),
    ("SUM(budget!B4:B9)", "Budget!B10", (4, 9)),
    ("SUM('Town budget'!B4:B9)", "'Town budget'!B10", (4, 9)),
    ("SUM(Other!B4:B9)", "Budget!B10", None),  # another sheet's rows
    ("SUM(C4:C9)", "Budget!B10", None),  # another column's
    ("SUM(B4:C9)", "Budget!B10", None), ("SUM(B4:B9)+B2", "Budget!B10", None)])
def test_the_range_a_sum_adds_is_read_only_from_its_own_column(formula, place, rows) -> None:
    from budgetcheck.numbers.notation import parse_amount
    from budgetcheck.plan.model import Cell
    from budgetcheck.rules.formulas import sum_range

    assert sum_range(Cell("5", 10, parse_amount("5"), place, formula)) == rows


_PLAIN = re.compile(r"^(\()?(-)?([0-9]{1,3}(?:,[0-9]{3})*)(\.[0-9]+)?(\))?$")


def as_workbook(markdown: str) -> dict[str, object]:
    """A Markdown statement as a spreadsheet holds it: the text above the table in column A, a
    row a table row; a figure grouped with commas ("1,234", "(6,982,214)", "12.5") a number
    stored as such, shown by its number format (brackets for a negative where the statement
    prints them), any other cell ("$726,480", "—", a French "1 234") the text it prints; a
    blank line a blank row."""
    lines = [x for x in markdown.split("\n")]
    if lines[0].startswith("<!--"):
        lines = lines[lines.index("-->") + 1:]
    cells: dict[str, object] = {}
    row = 0
    for line in lines:
        if line.startswith("|---"):
            continue
        row += 1  # a blank line is a blank row: it sets tables apart
        if not line.strip():
            continue
        parts = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") \
            else [line.strip()]
        for n, text in enumerate(parts):
            if not text:
                continue
            ref = f"{chr(65 + n) if n < 26 else 'A' + chr(65 + n - 26)}{row}"
            plain = _PLAIN.match(text)
            if plain and n > 0 and bool(plain.group(1)) == bool(plain.group(5)):
                bracket, minus, digits, decimals, _ = plain.groups()
                places = len(decimals) - 1 if decimals else 0
                shown = "#,##0" + ("." + "0" * places if places else "")
                fmt = f"{shown};({shown})" if bracket else shown
                value = ("-" if bracket or minus else "") + digits.replace(",", "") + \
                    (decimals or "")
                cells[ref] = Number(value, fmt)
            else:
                cells[ref] = text
    return cells


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_a_real_statement_kept_in_a_workbook_gives_what_its_table_gives(path: Path,
                                                                      tmp_path: Path) -> None:
    target = tmp_path / (path.stem + ".xlsx")
    target.write_bytes(workbook({"Statement": as_workbook(path.read_text(encoding="utf-8"))}))
    from_book, from_table = check(load(target)), check(load(path))
    assert verdicts(from_book) == verdicts(from_table)
    assert len(from_book.passed) == len(from_table.passed) > 0


def test_a_sheet_of_two_tables_and_a_table_with_a_blank_row(tmp_path: Path) -> None:
    """A heading row after a blank row starts the sheet's next table (with its title above
    it); a blank row between the sections of one table starts none."""
    cells = {"A1": "Statement of Operations (in dollars)", "B2": Number("2025"),
             "A3": "Revenue", "B3": Number("100"), "A4": "Total revenue", "B4": Number("100"),
             # row 5 blank, inside the table
             "A6": "Salaries", "B6": Number("60"), "A7": "Rent", "B7": Number("30"),
             "A8": "Total expenses", "B8": Number("90"),
             # row 9 blank, then the next table, its title and headings
             "A10": "Statement of Financial Position (in dollars)", "B11": Number("2025"),
             "A12": "Cash", "B12": Number("40"), "A13": "Receivables", "B13": Number("5"),
             "A14": "Total assets", "B14": Number("45")}
    path = tmp_path / "two.xlsx"
    path.write_bytes(workbook({"Budget": cells}))
    plan = load(path)
    assert [t.title for t in plan.tables] == [
        "Budget: Statement of Operations (in dollars)",
        "Budget: Statement of Financial Position (in dollars)"]
    assert [r.label for r in plan.tables[0].rows] == ["Revenue", "Total revenue", "Salaries",
                                                      "Rent", "Total expenses"]
    assert check(plan).errors == []
    cells["B14"] = Number("54")
    path.write_bytes(workbook({"Budget": cells}))
    assert [(f.code, f.place) for f in check(load(path)).errors] == [("BC107", "Budget!B14")]
