"""Real published statements (`fixtures/real/`), checked as a new user would check them.

Each fixture keeps the figures and row labels exactly as printed, with its source address in a
header comment. Before the checker is trusted with one, the test adds its figures by hand
(`Decimal`, below); then the checker must find no error in it, and must find an error, at the
changed line, for every figure moved by a tenth of its section (the largest figure of its
column among the rows around it that no heading interrupts) and for every pair of adjacent
digits swapped.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from budgetcheck import check, load
from budgetcheck.cli import main

from .conftest import ROOT

REAL = ROOT / "fixtures" / "real"
FIXTURES = sorted(REAL.glob("*.md")) + sorted(REAL.glob("*.txt"))

#: The conventions of issue "Real statements as published", each with the real fixtures that
#: exercise it ([] where no stored real statement shows it yet: invented tests cover those).
CONVENTIONS: dict[str, list[str]] = {
    "(in thousands of dollars) above the table": ["phac-2013-14-financial-position.en.md",
                                                  "phac-2013-14-operations.en.md",
                                                  "eccc-2013-financial-position.en.md",
                                                  "eccc-2021-financial-position.en.md",
                                                  "eccc-2022-financial-position.en.md"],
    "the unit on the line of the years, (in thousands of dollars) 2021 2020": [
        "eccc-2021-financial-position.en.txt"],
    "one space between a label and its figures (text as the page gives it)": [
        "eccc-2021-financial-position.en.txt"],
    "a footer after the last row (The accompanying notes form...)": [
        "eccc-2021-financial-position.en.txt"],
    "(in dollars) above the table": ["scc-2012-13-financial-position.en.md"],
    "title above a period line (As at March 31)": ["phac-2013-14-financial-position.en.md",
                                                   "scc-2012-13-financial-position.en.md"],
    "section headings with no figures (Liabilities, Financial assets)": [
        "phac-2013-14-financial-position.en.md", "scc-2012-13-financial-position.en.md"],
    "a sub-heading inside a section (Sales of goods and services)": [
        "phac-2013-14-operations.en.md"],
    "a negative line in brackets (Revenues earned on behalf of Government)": [
        "phac-2013-14-operations.en.md"],
    "net debt = liabilities - financial assets": ["phac-2013-14-financial-position.en.md",
                                                  "eccc-2013-financial-position.en.md",
                                                  "eccc-2021-financial-position.en.md",
                                                  "eccc-2021-financial-position.en.txt",
                                                  "eccc-2022-financial-position.en.md"],
    "net financial position = non-financial assets - net debt": [
        "phac-2013-14-financial-position.en.md", "eccc-2013-financial-position.en.md",
        "eccc-2022-financial-position.en.md"],
    "result labels in capitals (DEPARTMENTAL NET DEBT)": ["eccc-2013-financial-position.en.md"],
    "financial assets held on behalf of Government, in brackets": [
        "eccc-2013-financial-position.en.md", "eccc-2021-financial-position.en.md",
        "eccc-2022-financial-position.en.md"],
    "a total of one row (Total non-financial assets)": ["phac-2013-14-financial-position.en.md"],
    "a total of totals (Total = financial + non-financial assets)": [
        "scc-2012-13-financial-position.en.md"],
    "the same label in two tables (Total)": ["scc-2012-13-financial-position.en.md"],
    "two tables in one document": ["scc-2012-13-financial-position.en.md"],
    "currency signs as column markers ($143,152 in a thousands table)": [
        "eccc-2013-financial-position.en.md", "eccc-2021-financial-position.en.md",
        "eccc-2021-financial-position.en.txt", "eccc-2022-financial-position.en.md"],
    "a zero dash inside a row (Expenses incurred on behalf of Government -)": [
        "cfia-2011-12-operations.en.txt"],
    "$ and a space before the first and last figures ($ 370,294)": [
        "cfia-2011-12-operations.en.txt"],
    "three columns with headings one space apart (2012 Planned Results 2012 2011 Restated)": [
        "cfia-2011-12-operations.en.txt"],
    "rows that leave the planned column blank (government funding)": [
        "cfia-2011-12-operations.en.txt"],
    "net cost of operations = total expenses - total revenues": ["cfia-2011-12-operations.en.txt"],
    "a statement of cash flows (cash used in operating activities)": [
        "pslrb-2012-future-cash-flow.en.txt", "dnd-2012-13-future-cash-flow.en.txt"],
    "net cash provided by Government = -(operating + capital), printed negative": [
        "dnd-2012-13-future-cash-flow.en.txt"],
    "no column headings in the stored copy (Column 1, Column 2)": [
        "pslrb-2012-future-cash-flow.en.txt"],
    "a statement that does not add up as printed (by rounding its subtotals)": [
        "dnd-2012-13-future-cash-flow.en.txt"],
    "a label on one line and its figures below it, past a blank line": [
        "eccc-2025-26-future-oriented-operations.en.txt"],
    "headings stacked one a line (Forecast results / 2024-25 / Planned results / 2025-26)": [
        "eccc-2025-26-future-oriented-operations.en.txt"],
    "a row whose last figure is on the next line ($ 3,219,585 / $ 3,207,599)": [
        "eccc-2025-26-future-oriented-operations.en.txt"],
    "a future-oriented statement of operations of a departmental plan": [
        "eccc-2025-26-future-oriented-operations.en.txt"],
    "a condensed statement: totals only, and a Difference column": [
        "acoa-2025-26-condensed-operations.en.txt"],
    "bulleted item labels (• Internal Services) above their figures": [
        "polar-2024-25-future-oriented-operations.en.txt"],
    "(in dollars) with figures in the hundreds of millions, $ with no space": [
        "prairiescan-2024-25-future-oriented-operations.en.txt"],
    "a negative expense line (Expenses incurred on behalf of government)": [
        "prairiescan-2024-25-future-oriented-operations.en.txt"],
    "revenues that net to nil printed - - ": ["cta-2024-25-future-oriented-operations.en.txt"],
    "no unit line, dollars (headings are years)": [
        "cta-2024-25-future-oriented-operations.en.txt",
        "lobbying-2023-24-future-oriented-operations.en.txt"],
    "a section heading on the line of the first item (Expenses Registration, ...)": [
        "lobbying-2023-24-future-oriented-operations.en.txt"],
    "a summary table, one row per entity: total assets = liabilities + equity, across": [
        p.name for p in sorted(REAL.glob("crown-corporations-*.md"))],
    "total revenues = appropriations + revenues (third parties), across": [
        p.name for p in sorted(REAL.glob("crown-corporations-*.md"))],
    "net income = total revenues - expenses, across (a warning: income taxes)": [
        p.name for p in sorted(REAL.glob("crown-corporations-*.md"))],
    "columns of words and identifiers beside the figures (OrgID, Type, IFRS)": [
        p.name for p in sorted(REAL.glob("crown-corporations-*.md"))],
    "the unit inside the title (Annual Report 2014-2015; in thousands of dollars)": [
        p.name for p in sorted(REAL.glob("crown-corporations-*.md"))],
    "a negative with a minus sign (-6,869,098)": ["crown-corporations-2017-18-q3.en.md"],
    "the unit in brackets on its own line under the title ((Second Quarter ...; in thousands ...))": [
        "crown-corporations-2018-19-q2.en.md"],
    "a negative total expenses (-130,981) in a summary row": [
        "crown-corporations-2018-19-q2.en.md"],
    "a figure copied from the next row (Bank of Canada's expenses = BDC's), a BC110 warning": [
        "crown-corporations-2018-19-q2.en.md"],
    "a summary table that does not add up across as printed": [
        "crown-corporations-2017-18-q3.en.md"],
    "a Notes column of references (2, 9, 10, -) beside the figures": [
        "nz-ird-2024-comprehensive-revenue-expense.en.md", "apsc-2017-18-financial-position.en.md"],
    "the unit in every column heading (Actual 2024 ($000), 30 June 2024 $’000)": [
        "nz-ird-2024-comprehensive-revenue-expense.en.md",
        "vic-acfe-2023-24-five-year-summary.en.md"],
    "$ on every figure of a thousands table ($726,530)": [
        "nz-ird-2024-comprehensive-revenue-expense.en.md"],
    "a nil result printed - (revenue = expenses in the budget)": [
        "nz-ird-2024-comprehensive-revenue-expense.en.md"],
    "the labels between the columns of figures": [
        "bc-2004-05-estimated-statement-of-operations.en.md"],
    "footnote numbers run into labels and headings (Health4, Estimates2 2003/04)": [
        "bc-2004-05-estimated-statement-of-operations.en.md"],
    "surplus (deficit) = revenue - expenses, then + a forecast allowance": [
        "bc-2004-05-estimated-statement-of-operations.en.md"],
    "a provincial budget's statement of operations (Crown corporations' earnings an item)": [
        "bc-2004-05-estimated-statement-of-operations.en.md"],
    "a summary of key figures: totals printed without their items (Total assets)": [
        "vic-acfe-2023-24-five-year-summary.en.md"],
    "columns of dates, five years (30 June 2024 ... 30 June 2020)": [
        "vic-acfe-2023-24-five-year-summary.en.md"],
    "a statement of cash flows that does not add up as printed (signs lost in print)": [
        "nz-ird-2024-cash-flows.en.md"],
    "negatives printed $(389,256), a dollar sign outside the brackets": [
        "nz-ird-2024-cash-flows.en.md"],
    "a percentage-change column, (new - old) / old (BC111)": [
        "rye-2013-town-operating-budget.en.txt"],
    "a $ change column beside the years (2013 $ Change = 2013 - 2012)": [
        "rye-2013-town-operating-budget.en.txt"],
    "a caption of words before the years on the heading line (Town Operating Budget 2011 ...)": [
        "rye-2013-town-operating-budget.en.txt"],
    "a summary of department totals, their items on other pages (Police Total, Total DPW)": [
        "rye-2013-town-operating-budget.en.txt"],
    "a municipal budget": ["rye-2013-town-operating-budget.en.txt", "veazie-town-budget.en.txt",
                           "saint-jean-sur-richelieu-2016-budget.fr.txt"],
    "the French edition of a summary table (Total des actifs, Avoir, Charges; 30 172; - nil)": [
        "crown-corporations-2016-17-q1.fr.md", "crown-corporations-2023-24-q2.fr.md"],
    "negative expenses making net income exceed revenues (Charges (729 517))": [
        "crown-corporations-2023-24-q2.fr.md"],
    "a French statement of financial position (Total des passifs, Dette nette ministérielle)": [
        "eccc-2021-financial-position.fr.md"],
    "a bracket with a space inside (( 15 731))": ["eccc-2021-financial-position.fr.md"],
    "a pipe table without its outer pipes, the years a few lines above the header": [
        "oct-2018-balance-sheet.fr.md"],
    "subtotals printed with no label under a rule (|, ||), their cells shifted left": [
        "oct-2018-balance-sheet.fr.md"],
    "a balance sheet: assets = liabilities + equity as two unlabelled totals": [
        "oct-2018-balance-sheet.fr.md"],
    "a line that ends with Markdown's line break (68,805 (10,777)\\)": [
        "cfia-2011-12-operations.en.txt"],
    "an accumulated deficit as an item of equity, Total equity below it": [
        "aus-senate-2019-20-financial-position.en.txt"],
    "a table with no unit line and no column headings, found by its total": [
        "veazie-town-budget.en.txt"],
    "figures with cents ($342,000.00), a reserve in brackets taken off (Reserves (150,000.00))": [
        "veazie-town-budget.en.txt"],
    "a subtotal, then a total of it and the rows after (Sub Total, Reserves, Overlay)": [
        "veazie-town-budget.en.txt"],
    "a row of another kind after the last total (Estimated Mill Rate 0.01719)": [
        "veazie-town-budget.en.txt"],
    "a French table: figures grouped by spaces, each followed by its $ (100 351 $)": [
        "saint-jean-sur-richelieu-2016-budget.fr.txt"],
    "a column heading alone with its unit in brackets (Montant (M$))": [
        "saint-jean-sur-richelieu-2016-budget.fr.txt"],
    "a title with a year above the next table (Dépenses 2016), not a row of the first": [
        "saint-jean-sur-richelieu-2016-budget.fr.txt"],
    "headings stacked one a line, each with its unit (2020 / $’000 / 2019 / $’000)": [
        "aus-senate-2019-20-financial-position.en.txt"],
    "note references between the label and the figures (2.1A, 2.2, 3A)": [
        "aus-senate-2019-20-financial-position.en.txt"],
    "an Original Budget column beside the actuals": [
        "aus-senate-2019-20-financial-position.en.txt"],
    "net assets = total assets - total liabilities; equity items below": [
        "aus-senate-2019-20-financial-position.en.txt"],
    "surplus = revenue from government - net cost of services": [
        p.name for p in sorted(REAL.glob("aus-senate-20*-comprehensive-income.en.txt"))],
    "a bare number as note reference before the figures (Depreciation 4 158 624 400)": [
        "aus-senate-2018-19-comprehensive-income.en.txt",
        "aus-senate-2016-17-comprehensive-income.en.txt"],
    "a footnote digit run into a label or heading (Suppliers2, Budget1, Budget 1)": [
        "aus-senate-2018-19-comprehensive-income.en.txt",
        "aus-senate-2015-16-comprehensive-income.en.txt"],
    "a result label in brackets ((Deficit))": ["aus-senate-2015-16-comprehensive-income.en.txt"],
    "a total printed twice (Total other revenue)": [
        "aus-senate-2015-16-comprehensive-income.en.txt"],
    "headings stacked with a blank line above them": [
        "aus-senate-2015-16-comprehensive-income.en.txt"],
    "five columns of forward estimates, headings over three stacked lines, $'000' units": [
        "aus-senate-2025-26-budget-income-statement.en.txt"],
    "a budget total that lost digits in print (3,675 for 31,675)": [
        "aus-senate-2025-26-budget-income-statement.en.txt"],
    "a table copied one cell a line, set out as Markdown; blank note cells": [
        "apsc-2017-18-financial-position.en.md"],
    "zero forms ($ -, - $, nil, néant)": [],
    "negative forms ($ (1,234), (1 234) $)": ["rye-2013-town-operating-budget.en.txt"],
}


_TEXT_FIGURE = re.compile(r"(?<![^ ])\$?(?:\([0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]{2})?\)"
                          r"|[0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]{2})?|-?[0-9]+\.[0-9]+%|0\.[0-9]+)(?= |$)")
#: French figures, grouped by spaces, end with their dollar sign ("100 351 $") or their cell
#: ("8 148 |", "(217 284) |").
_FRENCH_FIGURE = re.compile(r"(?<![^ ])(?:\([0-9]{1,3}(?: [0-9]{3})*\)|[0-9]{1,3}(?: [0-9]{3})*)"
                            r"(?= \$| \|)")


_NOTE_FIRST = re.compile(r"^.*[a-z] [0-9]+(?:\.[0-9]+)? [0-9(]")  # "... amortisation 4 158 ..."
_DATE = re.compile(r"\b(?:January|March|June|September|December) [0-9]"
                   r"|\b[0-9]{1,2} (?:March|June|September|December)\b")


def _value(text: str) -> Decimal:
    value = Decimal(text.strip("$()-%").replace(",", "").replace(" ", ""))
    return -value if "(" in text or text.startswith("-") else value


_MARKDOWN_FIGURE = re.compile(r"^\$?(?:\(?[0-9]{1,3}(?:,[0-9]{3})*\)?|-[0-9]{1,3}(?:,[0-9]{3})*)$")
#: The same in a French table: digits grouped by spaces ("(7 501 380)").
_FRENCH_CELL = re.compile(r"^(?:\( ?[0-9]{1,3}(?: [0-9]{3})*\)|[0-9]{1,3}(?: [0-9]{3})*)(?: \$)?$")
#: Columns of numbers that are not figures: identifiers and note references.
_NOT_FIGURES = {"OrgID", "Notes"}


def _figure_cells(path: Path) -> list[tuple[int, str, Decimal, str]]:
    """(line, text, value, column heading) of every figure of a statement, read by hand: in
    Markdown the cells of each table row that are figures (the label and the words of a summary
    table left out, and identifiers); in text the figures that end a row's line (the heading
    line of years left out, and the heading is ""). Brackets and a minus are negatives."""
    found = []
    text = path.read_text(encoding="utf-8")
    # a table set out without its outer pipes ("Trésorerie | 3 716 $ |") is read as text
    markdown = path.suffix == ".md" and "\n|---" in text
    lines = text.splitlines()
    headings: list[str] = []
    for number, line in enumerate(lines, 1):
        if markdown:
            if number < len(lines) and lines[number].startswith("|---"):
                headings = [c.strip() for c in line.strip("|").split("|")]
                continue  # the headings: years, not figures
            if not line.startswith("| ") or "---" in line:
                continue
            cells = [c.strip() for c in line.strip("|").split("|")]
            found += [(number, text, _value(text), heading)
                      for text, heading in zip(cells, headings)
                      if heading not in _NOT_FIGURES and (_FRENCH_CELL if ".fr." in path.name
                                                          else _MARKDOWN_FIGURE).match(text)]
            continue
        if line.startswith("(") and re.search("[a-z]", line) or _DATE.search(line) \
                or re.match(r"^ *(?:Notes )?(?:19|20)[0-9]{2}$|^Budget ?[0-9]$|^ +[0-9]\. ", line):
            # the unit line, "As at March 31", a heading stacked alone ("Notes 2020", "2019",
            # "Budget 1"), a footnote ("  1. The department's ...")
            continue
        pattern = _FRENCH_FIGURE if ".fr." in path.name else _TEXT_FIGURE
        found += [(number, m.group(), _value(m.group()), "") for m in pattern.finditer(line)]
    if not markdown:  # a note reference before a row's figures is not one ("4 158 624 400")
        runs = [sum(1 for f in found if f[0] == n) for n in {f[0] for f in found}]
        width = max(set(runs), key=runs.count) if runs else 0
        notes = {n for n in {f[0] for f in found} if _NOTE_FIRST.match(lines[n - 1]) and
                 sum(1 for f in found if f[0] == n) == width + 1}
        found = [f for k, f in enumerate(found) if f[0] not in notes or
                 k == 0 or found[k - 1][0] == f[0]]
    return found


def _figures(path: Path) -> list[tuple[int, str, Decimal]]:
    return [(n, text, value) for n, text, value, _ in _figure_cells(path)]


def _row(path: Path, label: str) -> list[Decimal]:
    line = next(x for x in path.read_text(encoding="utf-8").splitlines()
                if x.startswith(f"| {label} |"))
    return [_value(c.strip()) for c in line.strip("|").split("|")[1:]]


def _rows(path: Path, label: str) -> list[list[Decimal]]:
    """Every row of that label, in order (a label printed twice, in two sections)."""
    return [[_value(c.strip()) for c in x.strip("|").split("|")[1:]]
            for x in path.read_text(encoding="utf-8").splitlines() if x.startswith(f"| {label} |")]


def _sum(path: Path, *labels: str) -> list[Decimal]:
    rows = [_row(path, label) for label in labels]
    return [sum(column, Decimal(0)) for column in zip(*rows)]


def test_the_fixtures_add_up_by_hand() -> None:
    """Every total and result of every fixture, added from its printed figures."""
    pos = REAL / "phac-2013-14-financial-position.en.md"
    assert _sum(pos, "Accounts payable and accrued liabilities (note 6)",
                "Vacation pay and compensatory leave", "Employee future benefits (note 7)",
                "Other liabilities") == _row(pos, "Total net liabilities") == [90342, 109677]
    assert _sum(pos, "Due from Consolidated Revenue Fund",
                "Accounts receivable and advances (note 8)") == \
        _row(pos, "Total net financial assets") == [67075, 72833]
    net_debt = [a - b for a, b in zip(_row(pos, "Total net liabilities"),
                                      _row(pos, "Total net financial assets"))]
    assert net_debt == _row(pos, "Agency net debt") == [23267, 36844]
    assert _row(pos, "Tangible capital assets (note 9)") == _row(pos, "Total non-financial assets")
    assert [a - b for a, b in zip(_row(pos, "Total non-financial assets"), net_debt)] == \
        _row(pos, "Agency net financial position") == [102780, 91935]

    ops = REAL / "phac-2013-14-operations.en.md"
    assert _sum(ops, "Public health infrastructure", "Health promotion and disease prevention",
                "Health security", "Internal services") == _row(ops, "Total expenses") == \
        [621394, 584912]
    assert _sum(ops, "Rights and privileges", "Services of a non-regulatory nature",
                "Lease and use of public property", "Interest", "Other",
                "Revenues earned on behalf of Government") == _row(ops, "Total revenues") == \
        [50, 50]

    scc = REAL / "scc-2012-13-financial-position.en.md"
    assert _sum(scc, "Due from Consolidated Revenue Fund",
                "Accounts receivable and advances (Note 6)") == \
        _row(scc, "Total financial assets") == [3887642, 3763543]
    assert _sum(scc, "Prepaid expenses", "Tangible capital assets (Note 7)") == \
        _row(scc, "Total non-financial assets") == [2479409, 1491391]
    assert _sum(scc, "Total financial assets", "Total non-financial assets") == \
        [6367051, 5254934]
    liabilities = _sum(scc, "Accounts payable and accrued liabilities (Note 8)",
                       "Vacation pay and compensatory leave", "Employee future benefits (Note 9b)",
                       "Other liabilities (Note 10)")
    assert liabilities == [6327686, 6480023]

    for name, liabilities_label, net_debt_label, position_label in (
            ("eccc-2013-financial-position.en.md", "Total net liabilities",
             "DEPARTMENTAL NET DEBT", "DEPARTMENTAL NET FINANCIAL POSITION"),
            ("eccc-2021-financial-position.en.md", "Total liabilities", "Departmental net debt",
             "Departmental net financial position"),
            ("eccc-2022-financial-position.en.md", "Total liabilities", "Departmental net debt",
             "Departmental net financial position")):
        path = REAL / name
        lines = path.read_text(encoding="utf-8").splitlines()
        labels = [x.split(" | ")[0].strip("| ") for x in lines if x.startswith("| ") and
                  " | " in x]
        block = labels[labels.index("Liabilities") + 1:labels.index(liabilities_label)]
        assert _sum(path, *block) == _row(path, liabilities_label), name
        gross = _sum(path, "Due from Consolidated Revenue Fund")
        held = [r for r in (_row(path, "Total financial assets held on behalf of Government")
                            if name.startswith("eccc-2013") else
                            _rows(path, "Accounts receivable and advances (Note 9)")[1])]
        receivable = _rows(path, "Accounts receivable and advances (Note 9)")[0]
        assert [g + r for g, r in zip(gross, receivable)] == _row(path,
                                                                 "Total gross financial assets")
        net_assets = [g + h for g, h in zip(_row(path, "Total gross financial assets"), held)]
        assert net_assets == _row(path, "Total net financial assets"), name
        debt = [a - b for a, b in zip(_row(path, liabilities_label), net_assets)]
        assert debt == _row(path, net_debt_label), name
        non_financial = _sum(path, "Prepaid expenses", *[x for x in labels if
                                                         x.startswith(("Inventory", "Tangible"))])
        assert non_financial == _row(path, "Total non-financial assets"), name
        assert [a - b for a, b in zip(non_financial, debt)] == _row(path, position_label), name
    cfia = REAL / "cfia-2011-12-operations.en.txt"
    by_line = {n: [v for m, _, v in _figures(cfia) if m == n] for n in range(1, 50)}
    expenses = [sum(c) for c in zip(*[by_line[n] + [0] * (3 - len(by_line[n]))
                                      for n in range(15, 20)])]
    assert expenses[0] == 816587  # the dash of "on behalf of Government" is nil in 2012 planned
    assert [e + x for e, x in zip(expenses[1:], by_line[20])] == by_line[21][1:] == \
        [884525, 839040]
    assert [sum(c) for c in zip(*(by_line[n] for n in range(23, 31)))] == by_line[31] == \
        [52578, 57560, 56041]
    assert [e - r for e, r in zip(by_line[21], by_line[31])] == by_line[32] == \
        [764009, 826965, 782999]
    funding = [sum(c) for c in zip(*(by_line[n] for n in range(34, 39)))]
    assert [c - f for c, f in zip(by_line[32][1:], funding)] == [68805, -10777]  # line 39
    assert [b - a for b, a in zip(by_line[40], [68805, -10777])] == by_line[41] == [26862, 95667]

    pslrb = REAL / "pslrb-2012-future-cash-flow.en.txt"
    lines = {n: [v for m, _, v in _figures(pslrb) if m == n] for n in range(1, 40)}
    operating = [sum(c) for c in zip(*(lines[n] for n in (12, 14, 15, 18, 19, 20, 21)))]
    assert operating == [13756, 13997] and lines[22] == [13756, 13995]  # 2 apart: rounding
    assert [o + c for o, c in zip(lines[22], lines[24])] == [13978, 14595]
    assert lines[27] == [13979, 14595]  # 1 apart in the first column: rounding

    dnd = REAL / "dnd-2012-13-future-cash-flow.en.txt"
    lines = {n: [v for m, _, v in _figures(dnd) if m == n] for n in range(1, 40)}
    operating = [sum(c) for c in zip(*(lines[n] for n in range(16, 27) if n not in (17, 22)))]
    assert operating == [17105420, 15872513] and lines[27] == [17105420, 15872511]
    capital = [sum(c) for c in zip(*(lines[n] for n in (29, 30, 31)))]
    assert capital == [4120130, 4373316] and lines[32] == [4120130, 4373315]
    # Net cash provided is minus the two printed totals: 2 apart in 2013, which no rounding of
    # the printed subtotals explains (each is known to 0.5): the one error of the corpus.
    assert [-(o + c) for o, c in zip(lines[27], lines[32])] == [-21225550, -20245826]
    assert lines[33] == [-21225550, -20245828]

    foso = REAL / "eccc-2025-26-future-oriented-operations.en.txt"
    lines = {n: [v for m, _, v in _figures(foso) if m == n] for n in range(1, 70)}
    lines[55] += lines.pop(56)  # the net cost's second figure, printed on the next line
    expenses = [sum(c) for c in zip(*(lines[n] for n in (23, 27, 31, 35, 39)))]
    assert expenses == lines[40] == [3328475, 3310847]
    revenues = [sum(c) for c in zip(*(lines[n] for n in (45, 49, 53)))]
    assert revenues == lines[54] == [108890, 103248]
    assert [e - r for e, r in zip(expenses, revenues)] == lines[55] == [3219585, 3207599]

    def by_line(name: str) -> dict[int, list[Decimal]]:
        path = REAL / name
        found: dict[int, list[Decimal]] = {}
        for n, _, v in _figures(path):
            found.setdefault(n, []).append(v)
        return found

    def row(name: str, label: str) -> list[Decimal]:
        """The figures of the row labelled so: on its line, or on the next (label above)."""
        rows = by_line(name)
        lines = (REAL / name).read_text(encoding="utf-8").splitlines()
        number = next(n for n, x in enumerate(lines, 1) if x.strip().lstrip("• ").startswith(label))
        return rows.get(number) or rows[number + 1]

    def add(name: str, *labels: str) -> list[Decimal]:
        return [sum(c, Decimal(0)) for c in zip(*(row(name, label) for label in labels))]

    acoa = "acoa-2025-26-condensed-operations.en.txt"
    expenses, revenues, net = (row(acoa, x) for x in ("Total expenses", "Total revenues",
                                                      "Net cost of operations"))
    assert [e - r for e, r in zip(expenses, revenues)] == net  # in every column
    assert [x[1] - x[0] for x in (expenses, revenues, net)] == [x[2] for x in (expenses,
                                                                                 revenues, net)]
    polar = "polar-2024-25-future-oriented-operations.en.txt"
    assert add(polar, "Polar Science", "Internal Services") == row(polar, "Total expenses") == \
        [46928781, 41757766]
    assert [e - r for e, r in zip(row(polar, "Total expenses"), row(polar, "Total revenues"))] \
        == row(polar, "Net cost of operations") == [46573556, 41384780]
    prairies = "prairiescan-2024-25-future-oriented-operations.en.txt"
    assert add(prairies, "Innovation", "Community Initiatives", "Business Growth",
               "Business Services", "Internal Services", "Expenses incurred") == \
        row(prairies, "Total expenses") == [368546483, 308870420]
    assert add(prairies, "Amortization of discount", "Services to other", "Interest", "Other",
               "Revenues earned") == row(prairies, "Total revenues") == [560, 407]
    assert [e - r for e, r in zip(row(prairies, "Total expenses"),
                                  row(prairies, "Total revenues"))] == \
        row(prairies, "Net cost of operations") == [368545923, 308870013]
    cta = "cta-2024-25-future-oriented-operations.en.txt"
    assert add(cta, "Independent regulatory", "Internal services") == \
        row(cta, "Total expenses") == row(cta, "Net cost of operations") == [59209012, 62304539]
    assert add(cta, "Revenues from fines", "Revenues earned") == [0, 0]  # "Total revenues - -"
    lobbying = "lobbying-2023-24-future-oriented-operations.en.txt"
    assert add(lobbying, "Expenses Registration", "Internal services") == \
        row(lobbying, "Total") == row(lobbying, "Net cost of operations") == [6343379, 6487223]
    assert row(lobbying, "Results") == [0, 0]

    # the text layout of 2021 prints the very figures of its table
    text = REAL / "eccc-2021-financial-position.en.txt"
    table = REAL / "eccc-2021-financial-position.en.md"
    assert [v for _, _, v in _figures(text)] == [v for _, _, v in _figures(table)]


def _labelled(path: Path) -> dict[str, list[Decimal]]:
    """The figures of each row of a Markdown statement by its label: the row's cell of words,
    wherever it stands (British Columbia prints it between the columns of years)."""
    rows: dict[int, list[Decimal]] = {}
    for number, _, value, _ in _figure_cells(path):
        rows.setdefault(number, []).append(value)
    lines = path.read_text(encoding="utf-8").splitlines()
    return {next(c.strip() for c in lines[n - 1].strip("|").split("|")
                 if c.strip() and not _MARKDOWN_FIGURE.match(c.strip())): figures
            for n, figures in rows.items()}


def _add(rows: dict[str, list[Decimal]], *labels: str, signs: tuple[int, ...] = ()) -> list[Decimal]:
    signs = signs or (1,) * len(labels)
    return [sum((sign * v for sign, v in zip(signs, column)), Decimal(0))
            for column in zip(*(rows[label] for label in labels))]


def test_the_statements_of_other_governments_add_up_by_hand() -> None:
    nz = _labelled(REAL / "nz-ird-2024-comprehensive-revenue-expense.en.md")
    assert _add(nz, "Revenue from the Crown", "Other revenue") == nz["Total revenue"] == \
        [733442, 749516, 737642, 756290]
    assert _add(nz, "Personnel", "Operating", "Amortisation, depreciation and impairment",
                "Capital charge") == nz["Total expenses"] == [704455, 725007, 737642, 756290]
    # the budget and forecast columns print "-" for a surplus of nil: revenue = expenses there
    assert _add(nz, "Total revenue", "Total expenses", signs=(1, -1)) == \
        [*nz["Net surplus and total comprehensive revenue and expense"], 0, 0] == \
        [28987, 24509, 0, 0]

    bc = _labelled(REAL / "bc-2004-05-estimated-statement-of-operations.en.md")
    assert _add(bc, "Taxation", "Natural Resource", "Fees and licences", "Investment Earnings4",
                "Miscellaneous", "Contributions from the Federal Government",
                "Net earnings of Self-Supported Crown Corporations and Agencies") == \
        bc["Total Revenue"] == [28996000, 29488000, 30429000]
    assert _add(bc, "Health4", "Social Services", "Education4",
                "Protection of persons and property", "Transportation4",
                "Natural resources and economic development", "Other.", "General Government",
                "Interest4") == bc["Total Expenses"] == [30730000, 31032000, 30229000]
    before = bc["Surplus/ (Deficit) before Forecast Allowance"]
    assert _add(bc, "Total Revenue", "Total Expenses", signs=(1, -1)) == before == \
        [-1734000, -1544000, 200000]
    assert _add(bc, "Surplus/ (Deficit) before Forecast Allowance", "Forecast Allowance") == \
        bc["Surplus/(Deficit)."] == [-2234000, -1644000, 100000]

    vic = _labelled(REAL / "vic-acfe-2023-24-five-year-summary.en.md")
    assert _add(vic, "Total income from transactions", "Total expenses from transactions",
                signs=(1, -1)) == vic["Net result from transactions"] == \
        [3386, 3552, 301, 3555, 2441]
    assert _add(vic, "Net result from transactions",
                "Other economic flows included in net result") == \
        vic["Net result for the period"] == [3377, 3548, 311, 3677, 2521]
    # total assets and total liabilities are printed without their items: no relation
    assert vic["Total assets"] == [31807, 30355, 28833, 26179, 19981]


def _text_rows(name: str) -> dict[str, list[Decimal]]:
    """The figures of each row of a text fixture by its label (the text before its first
    figure, its runs of spaces made one), the last row of a label kept."""
    path = REAL / name
    lines = path.read_text(encoding="utf-8").splitlines()
    rows: dict[int, list[Decimal]] = {}
    for number, _, value, _ in _figure_cells(path):
        rows.setdefault(number, []).append(value)
    labels = {n: " ".join(re.split(r" [$(0-9-]", lines[n - 1], maxsplit=1)[0].split())
              for n in rows}
    return {labels[n]: figures for n, figures in sorted(rows.items())}


def test_the_municipal_budgets_add_up_by_hand() -> None:
    """Three town budgets: a French table of receipts and one of spending (figures grouped by
    spaces, each with its $), a table with cents and a bracketed reserve, and a summary of
    department totals with a $ change and a % change column."""
    quebec = REAL / "saint-jean-sur-richelieu-2016-budget.fr.txt"
    by_line: dict[int, list[Decimal]] = {}
    for number, _, value, _ in _figure_cells(quebec):
        by_line.setdefault(number, []).append(value)
    receipts = [v for n in range(11, 17) for v in by_line[n]]
    spending = [v for n in range(22, 35) for v in by_line[n]]
    assert len(receipts) == 6 and len(spending) == 13
    assert sum(receipts) == by_line[17][0] == sum(spending) == by_line[35][0] == 154561

    town = _text_rows("veazie-town-budget.en.txt")
    assert _add(town, "Tax Collectors Revenue", "Treasurer’s Revenue", "Town Clerk’s Revenue",
                "School Balance Forward", "State Aid To Education",
                "Property Taxes to be Raised") == town["Total Revenues"] == \
        [Decimal("4738338.64")]
    assert _add(town, "General Government", "Fix Costs Group", "Public Works", "Fire Department",
                "Police Department", "Parks & Rec. Department", "Capital Improvements/ Reserves",
                "Sewer District Assessment", "County Tax", "Educational Expense") == \
        town["Sub Total"] == [Decimal("4838338.64")]
    assert _add(town, "Sub Total", "Reserves", "Overlay") == town["Total Expenditures"] == \
        town["Total Revenues"]  # the reserve is printed in brackets: taken off

    rye = _text_rows("rye-2013-town-operating-budget.en.txt")
    assert len(rye) == 12
    for label, (_, y2012, y2013, change, percent) in rye.items():
        assert y2013 - y2012 == change, label
        assert abs(change / y2012 * 100 - percent) <= Decimal("0.05"), label  # to one place
    assert rye["Police Total"] == [1128592, 1217965, 1271106, 53141, Decimal("4.4")]


def test_the_french_statements_of_financial_position_add_up_by_hand() -> None:
    """ECCC's French edition of 2021 prints the figures of the English one; the Ontario College
    of Teachers' balance sheet prints its subtotals with no label (read by line here)."""
    fr = _labelled(REAL / "eccc-2021-financial-position.fr.md")
    en = _labelled(REAL / "eccc-2021-financial-position.en.md")
    assert sorted(map(tuple, fr.values())) == sorted(map(tuple, en.values()))
    liabilities = [k for k in fr if k.startswith(("Créditeurs", "Indemnités", "Revenus",
                                                  "Obligation", "Avantages", "Passif",
                                                  "Autres"))]
    assert len(liabilities) == 8
    assert _add(fr, *liabilities) == fr["Total des passifs"] == [1016348, 804183]
    assert _add(fr, "Montant à recevoir du Trésor", "Débiteurs et avances (note 9)") != \
        fr["Total des actifs financiers bruts"]  # the label is printed twice: the last kept
    assert _add(fr, "Total des passifs", "Total des actifs financiers", signs=(1, -1)) == \
        fr["Dette nette ministérielle"] == [381238, 357951]
    assert _add(fr, "Total des actifs non financiers", "Dette nette ministérielle",
                signs=(1, -1)) == fr["Situation financière nette ministérielle"] == [177559, 148512]

    path = REAL / "oct-2018-balance-sheet.fr.md"
    by_line: dict[int, list[Decimal]] = {}
    for number, _, value, _ in _figure_cells(path):
        by_line.setdefault(number, []).append(value)

    def add(*numbers: int) -> list[Decimal]:
        return [sum(c, Decimal(0)) for c in zip(*(by_line[n] for n in numbers))]

    assert add(17, 18, 19, 20) == by_line[23] == [12408, 13278]  # current assets
    assert add(23, 24) == by_line[27] == by_line[49] == [41007, 42303]  # assets = the total
    assert add(32, 33, 34, 35) == by_line[38] == [5923, 6111]  # current liabilities
    assert by_line[41] == [13342, 21431] and by_line[42] == [7743]  # "-" for 2017
    assert [by_line[41][0] + by_line[42][0], by_line[41][1]] == by_line[45] == [21085, 21431]
    assert add(38, 39, 45) == by_line[49]  # liabilities and equity


def test_a_statement_of_cash_flows_with_four_sign_slips_as_printed() -> None:
    """Inland Revenue's cash flows of 2024, added by hand: the totals of the printed figures,
    and the four places where a sign (or a digit) went missing in print, each an expected
    error (`EXPECTED_ERRORS`)."""
    cf = _labelled(REAL / "nz-ird-2024-cash-flows.en.md")
    operating = _add(cf, "Receipts from the Crown", "Receipts from other revenue",
                     "Payments to employees", "Payments to suppliers",
                     "Payments for capital charge", "Goods and services tax (net)")
    printed = cf["Net cash flow from operating activities"]
    assert [o - p for o, p in zip(operating, printed)] == [0, 2 * 2813, 0, 0]  # GST's sign, 2024
    sold = cf["Receipts from sale of property, plant and equipment"]  # "-" in 2024 and 2025
    bought = _add(cf, "Purchases of property, plant and equipment",
                  "Purchases of intangible assets")
    assert [*(s + b for s, b in zip(sold, bought)), bought[2]] == \
        cf["Net cash flow from investing activities"] == [-36685, -35027, -42902]
    assert bought[3] == -60000  # printed "$(60,00)": a digit short, and no figure to the test
    # 2024: 41,219 repaid is printed without its brackets; 2025: an injection of 800 makes
    # financing +800, printed (800)
    assert -41219 - 5500 == cf["Net cash flow from financing activities"][1]
    assert cf["Capital injections"][-1] == 800 == -cf["Net cash flow from financing activities"][-1]
    # 2023: the net increase is +6,602 (the cash rises from 46,663 to 53,265), printed (6,602)
    assert 104753 - 36685 - 61466 == 6602 == 53265 - 46663 == -cf[
        "Net increase or (decrease) in cash and cash equivalents"][0]


def test_a_statement_of_financial_position_with_headings_one_a_line_adds_up_by_hand() -> None:
    path = REAL / "aus-senate-2019-20-financial-position.en.txt"
    by_line: dict[int, list[Decimal]] = {}
    for number, _, value in _figures(path):
        by_line.setdefault(number, []).append(value)
    lines = path.read_text(encoding="utf-8").splitlines()
    # the label: the words before the figures and the note reference ("2.1A", "2.2", "3A")
    label = {re.sub(r"( [0-9][.0-9]*[A-Z]?)?( (\(?[0-9][0-9,]*\)?|-))+$", "", lines[n - 1]): v
             for n, v in by_line.items()}

    def row(name: str) -> list[Decimal]:
        found = next(v for k, v in label.items() if k.startswith(name))
        return found + [Decimal(0)] * (3 - len(found))  # "54 - -": the dashes are nil

    def add(*names: str) -> list[Decimal]:
        return [sum(c, Decimal(0)) for c in zip(*(row(n) for n in names))]

    assert add("Cash and cash", "Trade and other") == row("Total financial assets") == \
        [12631, 12348, 11328]
    assert add("Property, plant", "Right of use", "Intangibles", "Inventories",
               "Prepayments") == row("Total non-financial assets") == [3320, 2516, 3084]
    assert add("Total financial assets", "Total non-financial assets") == \
        row("Total assets") == [15951, 14864, 14412]
    assert add("Suppliers", "Other payables") == row("Total payables") == [561, 470, 437]
    assert add("Total payables", "Total interest bearing", "Total provisions") == \
        row("Total liabilities") == [8352, 7386, 6762]
    assert [a - b for a, b in zip(row("Total assets"), row("Total liabilities"))] == \
        row("Net assets") == [7599, 7478, 7650]
    assert add("Contributed equity", "Reserves", "Accumulated deficit") == \
        row("Total equity") == row("Net assets")


SENATE = sorted(REAL.glob("aus-senate-20*-comprehensive-income.en.txt"))
_SENATE_ROW = re.compile(r"^(?P<label>.*?[^0-9 ,()-]\S*?)(?P<figures>(?: +(?:\(?[0-9][0-9,.]*\)?|-)){3,4}) *$")


def _senate_rows(path: Path) -> dict[str, list[Decimal]]:
    """Each row by its label (the note reference and the footnote digit left out), its three
    figures read by hand: "-" is nil, a fourth number in front is a note reference."""
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        found = _SENATE_ROW.match(line)
        if not found or line.startswith(("  1.", "  2.")):
            continue
        figures = found.group("figures").split()
        figures = figures[-3:]  # "Depreciation and amortisation 4 158 624 400"
        label = re.sub(r"( [0-9]+(?:\.[0-9]+)?[A-Z]?)$", "", found.group("label")).rstrip("0123456789")
        rows.setdefault(label, [Decimal(0) if f == "-" else _value(f) for f in figures])
    return rows


@pytest.mark.parametrize("path", SENATE, ids=lambda p: p.name)
def test_the_senate_statements_of_comprehensive_income_add_up_by_hand(path: Path) -> None:
    rows = _senate_rows(path)
    labels = list(rows)

    def block(first: str, last: str) -> list[Decimal]:
        names = labels[labels.index(first):labels.index(last)]
        return [sum(c, Decimal(0)) for c in zip(*(rows[n] for n in names))]

    def minus(a: list[Decimal], b: list[Decimal]) -> list[Decimal]:
        return [x - y for x, y in zip(a, b)]

    assert block("Employee benefits", "Total expenses") == rows["Total expenses"]
    income = next(x for x in labels if x.startswith(("Total other revenue", "Total own-source")))
    first_income = labels[labels.index("Total expenses") + 1]
    assert block(first_income, income) == rows[income]
    assert minus(rows["Total expenses"], rows[income]) == rows["NET COST OF SERVICES"]
    result = next(x for x in labels if "eficit" in x)
    assert minus(rows["Revenue from government"], rows["NET COST OF SERVICES"]) == rows[result]
    other = next(x for x in labels if x.startswith("Total other comprehensive"))
    assert rows["Changes in asset revaluation reserve"] == rows[other]
    total = next(x for x in labels if x.startswith("Total comprehensive"))
    assert [a + b for a, b in zip(rows[result], rows[other])] == rows[total]
    assert len(rows) >= 12


def test_a_budget_whose_total_lost_two_digits_in_print_adds_up_by_hand() -> None:
    path = REAL / "aus-senate-2025-26-budget-income-statement.en.txt"
    lines = {n: [v for m, _, v in _figures(path) if m == n] for n in range(1, 60)}
    expenses = [sum(c) for c in zip(lines[32], lines[33], lines[34])]
    assert expenses == [31810, 32012, 31675, 32057, 32515]
    assert lines[35] == [31810, 32012, 3675, 32057, 32515]  # 31,675 printed without its "31"
    assert lines[40] == lines[39] and lines[43] == lines[42]  # totals of one row
    assert [a + b for a, b in zip(lines[40], lines[43])] == lines[44]


def test_a_statement_of_financial_position_with_a_notes_column_adds_up_by_hand() -> None:
    path = REAL / "apsc-2017-18-financial-position.en.md"
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if line.startswith("| ") and len(cells) == 5 and re.match(r"^(?:[0-9(]|-$)", cells[2]) \
                and "$" not in cells[2]:  # not the headings
            rows[cells[0]] = [Decimal(0) if c == "-" else _value(c) for c in cells[2:]]

    def add(*labels: str) -> list[Decimal]:
        return [sum(c, Decimal(0)) for c in zip(*(rows[label] for label in labels))]

    assert add("Cash and cash equivalents", "Trade and other receivables") == \
        rows["Total financial assets"] == [18031, 22869, 24111]
    assert add("Building leasehold Improvements", "Plant and equipment", "Intangibles",
               "Inventories", "Prepayments paid") == rows["Total non-financial assets"]
    assert add("Total financial assets", "Total non-financial assets") == rows["Total assets"]
    assert add("Suppliers", "Prepayments received", "Other payables") == rows["Total payables"]
    assert add("Employee provisions", "Provision for restoration obligations") == \
        rows["Total provisions"]
    assert add("Total payables", "Total provisions") == rows["Total liabilities"]
    assert [a - b for a, b in zip(rows["Total assets"], rows["Total liabilities"])] == \
        rows["Net assets"] == [10205, 10988, 9762]
    assert add("Contributed equity", "Asset revaluation reserve", "Retained surplus") == \
        rows["Total equity"] == rows["Net assets"]


SUMMARIES = sorted(REAL.glob("crown-corporations-*.md"))


#: The French edition's headings, by the English edition's.
_FRENCH_HEADINGS = {"des actifs": "assets", "des passifs": "liabilities", "avoir": "equity",
                    "crédits budgétaires": "appropriations",
                    "revenus (tiers)": "revenues (third parties)", "des revenus": "revenues",
                    "charges": "expenses", "bénéfice net (perte nette)": "net income (loss)"}


def _across(path: Path) -> dict[int, dict[str, Decimal]]:
    """Each row of a summary table: its line and its figures by column heading (English), a
    dash counted as nil."""
    rows: dict[int, dict[str, Decimal]] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, _, value, heading in _figure_cells(path):
        rows.setdefault(number, {})[heading.removeprefix("Total ").lower()] = value
    for number, row in rows.items():
        cells = [c.strip() for c in lines[number - 1].strip("|").split("|")]
        headings = _headings_above(lines, number)
        row.update({h.removeprefix("Total ").lower(): Decimal(0)
                    for h, c in zip(headings, cells) if c == "-"})
        for french, english in _FRENCH_HEADINGS.items():
            if french in row:
                row[english] = row.pop(french)
    return rows


@pytest.mark.parametrize("path", SUMMARIES, ids=lambda p: p.name)
def test_the_summary_tables_add_up_across_by_hand(path: Path) -> None:
    """Every row of the Crown corporations' tables: assets = liabilities + equity, and
    appropriations + revenues (third parties) = total revenues (one row of 2017-18 does not);
    where net income is not revenues − expenses (income taxes), the checker warns there."""
    rows = _across(path)
    assert len(rows) >= 5
    unbalanced, untaxed = [], []
    for number, row in rows.items():
        assert row["assets"] == row["liabilities"] + row["equity"], number
        appropriations = row.get("budgetary appropriations", row.get("appropriations"))
        assert appropriations is not None
        if appropriations + row["revenues (third parties)"] != row["revenues"]:
            unbalanced.append(number)
        if row["revenues"] - row["expenses"] != row["net income (loss)"]:
            untaxed.append(number)
    expected = [line for _, line, _ in EXPECTED_ERRORS.get(path.name, [])]
    assert unbalanced == expected
    report = check(load(path))
    assert sorted(f.line for f in report.warnings if f.code == "BC110") == untaxed
    assert sum(1 for p in report.passed if p.code == "BC109") == 2 * len(rows) - len(expected)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_fixture_opens_with_its_source_in_a_comment(path: Path) -> None:
    """Where the figures come from, in an HTML comment the reader skips (lines kept)."""
    text = path.read_text(encoding="utf-8")
    header = text[: text.index("-->")]
    assert text.startswith("<!--") and "Source:" in header and "http" in header
    assert re.search(r"read 2026-12-[0-9]{2}\)", header.replace("\n", " "))


def test_every_convention_names_fixtures_that_exist() -> None:
    named = {name for fixtures in CONVENTIONS.values() for name in fixtures}
    assert named <= {p.name for p in FIXTURES}
    assert {p.name for p in FIXTURES} <= named  # every fixture is there for a reason


#: The errors a real statement has as printed: (code, line, column).
EXPECTED_ERRORS: dict[str, list[tuple[str, int, str]]] = {
    "dnd-2012-13-future-cash-flow.en.txt": [("BC107", 33, "results_2013")],
    # Inland Revenue's cash flows, as printed: GST's sign in 2024 (line 20); "$(60,00)" (25);
    # the repayment's brackets in 2024 and the sign of financing in 2025 (30); the net increase
    # of 2023 printed negative (31, and the cash at the end, 33, then disagrees with it); the
    # 2024 net increase agrees with the printed subtotals, not with the items they misadd (31).
    "nz-ird-2024-cash-flows.en.md": [
        ("BC107", 20, "actual_2024_000"), ("BC107", 25, "unaudited_forecast_2025_000"),
        ("BC107", 30, "actual_2024_000"), ("BC107", 30, "unaudited_forecast_2025_000"),
        ("BC107", 31, "actual_2023_000"), ("BC107", 31, "actual_2024_000"),
        ("BC107", 33, "actual_2023_000")],
    # The Senate's budget: 25,677 + 5,795 + 203 = 31,675 printed "3,675" (two digits lost)
    "aus-senate-2025-26-budget-income-statement.en.txt": [
        ("BC107", 35, "r_2026_27_forward_estimate")],
    # BDC: 0 + 340,643 printed as 1,376,695 (its net income, 818,263, is 1,376,695 − 558,432)
    "crown-corporations-2017-18-q3.en.md": [("BC109", 14, "total_revenues")],
}


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_a_real_statement_checked_without_rules_has_no_false_error(
        path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = check(load(path))
    expected = EXPECTED_ERRORS.get(path.name, [])
    assert [(f.code, f.line, f.column) for f in report.errors] == expected, \
        [f.message for f in report.errors]
    assert sum(1 for p in report.passed if p.inferred) >= 2  # its totals were found, and hold
    assert main(["check", str(path)]) == (1 if expected else 0)
    capsys.readouterr()


def _mutations(text: str) -> list[tuple[str, str]]:
    """Every pair of adjacent different digits swapped (the move by a tenth is `_moved`)."""
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    swaps = [text[:a] + text[b] + text[a] + text[b + 1:] for a, b in zip(digits, digits[1:])
             if b == a + 1 and text[a] != text[b]]
    return [("swap", s) for s in swaps]


def _moved(text: str, step: Decimal, french: bool = False) -> str:
    """The figure `text` moved up by `step`, written as it was: its dollar sign, brackets or
    minus, grouping (commas, or spaces in French), decimals and percent sign; by one unit of
    its last digit at least."""
    places = len(text.rstrip("%)").split(".")[1]) if "." in text else 0
    unit = Decimal(1).scaleb(-places)
    value = _value(text) + max(step.quantize(unit), unit)
    shown = f"{abs(value):,.{places}f}"
    shown = shown.replace(",", " ") if french else shown
    shown += "%" if text.endswith("%") else ""
    shown += " $" if text.endswith(" $") else ""
    if value < 0:
        shown = f"-{shown}" if text.startswith("-") or "(" not in text and "%" in text \
            else f"({shown})"
    return f"${shown}" if text.startswith("$") else shown


def _section_steps(path: Path, figures: list[tuple[int, str, Decimal, str]]) -> list[Decimal]:
    """A tenth of each figure's section: the largest figure of its column among the rows of
    figures around it that no heading or blank line interrupts (in text, the column is the
    figure's place on its line)."""
    by_line: dict[int, list[tuple[int, str, Decimal, str]]] = {}
    for figure in figures:
        by_line.setdefault(figure[0], []).append(figure)
    numbers = sorted(by_line)
    section_of: dict[int, int] = {}
    section = 0
    for n, number in enumerate(numbers):
        if n and number != numbers[n - 1] + 1:
            section += 1
        section_of[number] = section

    def column(figure: tuple[int, str, Decimal, str]) -> str:
        return figure[3] or str(by_line[figure[0]].index(figure))

    largest: dict[tuple[int, str], Decimal] = {}
    for figure in figures:
        key = (section_of[figure[0]], column(figure))
        largest[key] = max(largest.get(key, Decimal(0)), abs(figure[2]))
    return [largest[(section_of[f[0]], column(f))] / 10 for f in figures]


#: Lines whose figures no relation the checker finds covers, and why: a changed figure there
#: goes unnoticed. Everything else must be caught.
UNCHECKED: dict[str, dict[int, str]] = {
    # A five-year summary prints a cash flow, total assets and total liabilities alone.
    "vic-acfe-2023-24-five-year-summary.en.md": {n: "printed without the figures that make it"
                                                 for n in (18, 19, 20)},
    # The mill rate is the property taxes over a community value the table does not print.
    "veazie-town-budget.en.txt": {32: "a rate of a figure not in the table"},
}


#: Places on every line of a text fixture (its first figure = 0) that no relation checks.
UNCHECKED_PLACES: dict[str, frozenset[int]] = {
    # The $ and % changes are 2013 against 2012: nothing relates the 2011 column.
    "rye-2013-town-operating-budget.en.txt": frozenset({0}),
}


#: The columns of the Crown corporations' summary tables that no relation checks: a changed
#: figure there goes unnoticed.
UNCHECKED_COLUMNS: dict[str, str] = {
    "Total comprehensive income (loss)": "other comprehensive income is not in the table",
    "Borrowings": "no other column says what was borrowed",
    "Dividends": "no other column says what was paid",
    "Résultat global (perte globale)": "the French edition's Total comprehensive income (loss)",
    "Emprunts": "the French edition's Borrowings",
    "Dividendes": "the French edition's Dividends",
}
#: Columns that only the net result ties (BC110, a warning: income taxes are not in the table),
#: so a changed figure there is a warning at its line.
WARNED_COLUMNS = {"Net income (loss)", "Expenses", "Total expenses",
                  "Bénéfice net (perte nette)", "Charges"}


def _headings_above(lines: list[str], number: int) -> list[str]:
    """The headings of the Markdown table that line `number` is in."""
    start = max(n for n in range(number - 1) if lines[n + 1].startswith("|---"))
    return [c.strip() for c in lines[start].strip("|").split("|")]


def _places(line: str, text: str, column: int | None,
            unchecked: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Where the figure `text` is printed on its line: in a Markdown table, in the cell of its
    column (`column`, counted from the label's); in text, each place it stands alone but the
    places (first figure of the line = 0) that `unchecked` names."""
    if column is None:
        starts = [m.start() for m in _TEXT_FIGURE.finditer(line)]
        return [m.span() for m in re.finditer(rf"(?<![^ ]){re.escape(text)}(?= |$)", line)
                if m.start() not in [starts[n] for n in unchecked if n < len(starts)]]
    cells = line.split("|")
    start = sum(len(c) + 1 for c in cells[:column + 1])
    cell = cells[column + 1]
    return [(start + cell.index(text), start + cell.index(text) + len(text))] \
        if cell.strip() == text else []


def _shown(path: Path) -> set[tuple[str, str, str]]:
    return {(f.code, f.severity, f.message) for f in check(load(path)).findings}


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_figure_changed_is_caught_at_its_line(path: Path, tmp_path: Path) -> None:
    """A new error at the changed line (a new warning in the columns only BC110 ties): the
    findings the statement has as printed do not count."""
    lines = path.read_text(encoding="utf-8").split("\n")
    figures = _figure_cells(path)
    steps = _section_steps(path, figures)
    french = ".fr." in path.name
    baseline = _shown(path)
    missed, tried, skipped = [], 0, 0
    for (number, text, _, heading), step in zip(figures, steps):
        if heading in UNCHECKED_COLUMNS:
            skipped += 1
            continue
        flagged = ("error", "warning") if heading in WARNED_COLUMNS else ("error",)
        line = lines[number - 1]
        for kind, new in [*_mutations(text), ("tenth", _moved(text, step, french))]:
            for start, end in _places(line, text, _headings_above(lines, number).index(heading)
                                      if heading else None, UNCHECKED_PLACES.get(path.name,
                                                                                 frozenset())):
                edited = lines[:number - 1] + [line[:start] + new + line[end:]] + lines[number:]
                target = tmp_path / path.name
                target.write_text("\n".join(edited), encoding="utf-8")
                tried += 1
                found = check(load(target)).findings
                if not any(number in f.lines and f.severity in flagged
                           and (f.code, f.severity, f.message) not in baseline for f in found):
                    missed.append((number, text, new, kind))
    assert tried >= len(figures) - skipped >= 6  # every figure moved, and its digits swapped
    known = UNCHECKED.get(path.name, {})
    assert sorted({m[0] for m in missed} - set(known)) == [], missed
    assert not set(known) - {m[0] for m in missed}, "a known gap is closed: update UNCHECKED"
