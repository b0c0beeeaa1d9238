"""A plan's tables drawn for the HTML report: each with its title, unit line and period, the
cells a finding names outlined in its severity, the stated figure marked, and each marked cell
linked to the numbered findings about it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape

from budgetcheck.plan.model import Plan, Table
from budgetcheck.render.html_assets import SEVERITY_LOOK, UNIT_LINES
from budgetcheck.render.text import table_heading
from budgetcheck.report import SEVERITY_ORDER, Finding

CellKey = tuple[str, str, str]  # table, row, column keys


@dataclass
class Marks:
    """The findings about one cell: (number, severity) of those that state it, and of those
    that only involve it."""

    stated: list[tuple[int, str]] = field(default_factory=list)
    named: list[tuple[int, str]] = field(default_factory=list)

    def worst(self, marks: list[tuple[int, str]]) -> str:
        return max((severity for _, severity in marks), key=SEVERITY_ORDER.__getitem__)


def cell_ids(plan: Plan, report_number: int) -> dict[CellKey, str]:
    """An anchor for every cell, by position: keys may hold any character, positions do not."""
    return {(table.id, row.key, column.key): f"c{report_number}-{t}-{r}-{c}"
            for t, table in enumerate(plan.tables) for r, row in enumerate(table.rows)
            for c, column in enumerate(table.columns)}


def marks_of(findings: list[Finding]) -> dict[CellKey, Marks]:
    """Which findings state or involve each cell; `findings` numbered from 1."""
    marks: dict[CellKey, Marks] = {}
    for number, finding in enumerate(findings, 1):
        stated = None
        if finding.table and finding.row and finding.column:
            stated = (finding.table, finding.row, finding.column)
            marks.setdefault(stated, Marks()).stated.append((number, finding.severity))
        for figure in finding.figures:
            if not (figure.table and figure.row and figure.column):
                continue
            key = (figure.table, figure.row, figure.column)
            cell = marks.setdefault(key, Marks())
            # numbers grow: a figure listed twice by one finding is the last entry
            if key != stated and (not cell.named or cell.named[-1][0] != number):
                cell.named.append((number, finding.severity))
    return marks


def stated_cell(finding: Finding) -> CellKey | None:
    """The cell a finding is about: its stated figure's, else its first figure in a table."""
    if finding.table and finding.row and finding.column:
        return finding.table, finding.row, finding.column
    for figure in finding.figures:
        if figure.table and figure.row and figure.column:
            return figure.table, figure.row, figure.column
    return None


def unit_line(table: Table, fiscal_year: str, words: Mapping[str, str], lang: str) -> str:
    """"(in thousands of dollars) · fiscal year 2023-2024": what the statement's unit line
    says, from the scale the figures were read in."""
    if table.unit == "%":
        unit = words["percent"]
    elif table.unit == "":
        unit = words["plain"]
    else:
        unit = UNIT_LINES[lang][table.scale]
    return f"({unit}) · {words['fiscal_year']} {fiscal_year}"


def table_html(table: Table, plan: Plan, marks: Mapping[CellKey, Marks],
               ids: Mapping[CellKey, str], finding_ids: Mapping[int, str],
               inferred: Mapping[CellKey, str], words: Mapping[str, str], lang: str) -> str:
    title = table_heading(table, lang)
    head = "".join(f"<th scope=\"col\">{escape(c.label)}</th>" for c in table.columns)
    rows = []
    for row in table.rows:
        markers = escape("".join(row.markers))
        tds = [f"<th scope=\"row\">{escape(row.label)}{markers}</th>"]
        for column in table.columns:
            key = (table.id, row.key, column.key)
            cell = row.cells.get(column.key)
            classes, extra = ["num"], ""
            mark = marks.get(key)
            refs = ""
            if mark is not None:
                every = mark.stated + mark.named
                if mark.stated:
                    worst = mark.worst(mark.stated)
                    classes += ["stated", f"sev-{worst}"]
                    extra = f" data-icon=\"{SEVERITY_LOOK[worst][0]}\""
                else:
                    classes += ["named", f"sev-{mark.worst(mark.named)}"]
                refs = "<sup class=\"refs\">" + "".join(
                    f"<a href=\"#{finding_ids[n]}\" title=\"{words['see']} {n}\">{n}</a>"
                    for n, _ in every) + "</sup>"
            elif key in inferred:
                classes.append("inferred")
                extra = f" title=\"{escape(inferred[key])}\""
            text = escape(cell.text) if cell else ""
            line = f" data-line=\"{cell.line}\"" if cell and cell.line else ""
            tds.append(f"<td id=\"{ids[key]}\" class=\"{' '.join(classes)}\"{extra}{line} "
                       f"data-cell=\"{escape(table.id)}.{escape(row.key)}.{escape(column.key)}\">"
                       f"{text}{refs}</td>")
        rows.append(f"<tr class=\"{escape(row.role)}\">{''.join(tds)}</tr>")
    return (f"<section class=\"table\"><h3>{escape(title)}</h3>"
            f"<p class=\"unit-line\">{escape(unit_line(table, plan.plan.fiscal_year, words, lang))}"
            f"</p>\n<table class=\"plan\"><thead><tr><th></th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></section>")
