"""Rules that every table gets with no configuration: totals across, totals down, and shape."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from budgetcheck.judge.evaluate import Evaluator, judge, verdict
from budgetcheck.judge.linear import readings_of
from budgetcheck.judge.scaled import gap
from budgetcheck.judge.types import Outcome
from budgetcheck.judge.wording import say
from budgetcheck.numbers.amount import Amount, AmountError
from budgetcheck.numbers.notation import format_amount, parse_amount
from budgetcheck.plan.expr import Comparison, Ref, Sum
from budgetcheck.plan.model import Cell, Plan, Row, Table
from budgetcheck.report import Finding, Passed
from budgetcheck.rules.context import Context, Messages, figure_ref
from budgetcheck.rules.registry import rule

_QUARTER = re.compile(r"^(T|Q)[1-4]$", re.IGNORECASE)


def table_name(table: Table, ctx: Context) -> str:
    """"Tableau 4" for a numbered table, else its title (shortened), else its id."""
    if table.number is not None:
        return say("table", ctx.lang, number=table.number)
    title = table.title.strip()
    if not title:
        return table.id
    return title if len(title) <= 60 else title[:57].rstrip() + "…"


def summed_columns(table: Table) -> list[str]:
    """The keys of the value columns a row's total adds: all but a column of percentages or
    ratios ("% of total" beside a statement's figures), which adds to no dollars."""
    return [c.key for c in table.value_columns if not _all_ratios(table, c.key)]


def _all_ratios(table: Table, column: str) -> bool:
    """Every printed cell of the column is a percentage or a ratio (stops at the first dollar)."""
    printed = False
    for row in table.rows:
        cell = row.cells.get(column)
        if cell is not None:
            if cell.amount.unit == "$":
                return False
            printed = True
    return printed


def is_quarterly(table: Table) -> bool:
    keys = summed_columns(table)
    return len(keys) == 4 and all(_QUARTER.match(k) for k in keys)


def sum_check(ctx: Context, code: str, stated: Cell | None, members: list[Cell | None],
              source: str, subject: str) -> Finding | Passed | None:
    """Check that the `stated` cell equals the sum of the `members` (cells of one table, looked
    up by the caller); None when a cell is not printed (BC105 reports it). A printed total equal
    to the exact sum of dollar figures passes in every mode; otherwise the sums are read in one
    pass (`linear`), and a figure that is not in dollars, or truncation, goes through the
    evaluator; dollars and percentages together are a warning (`mixed_units`)."""
    printed = [m for m in members if m is not None]
    if stated is None or len(printed) < len(members):
        return None
    cells: list[Cell] = [stated, *printed]
    table, row, column = stated.table or "", stated.row or "", stated.column or ""
    # A table cell is never hedged, so a dollar cell reads as printed (`linear.plain`).
    in_dollars = gap(stated, printed)  # None: a figure is not in dollars
    if in_dollars is not None:
        difference, reach = in_dollars
        if difference == 0:
            return ctx.passed(code, subject, source, cells, table=table, row=row, column=column)
        readings = None
        if ctx.settings.rounding == "nearest":
            if ctx.settings.mode == "rounding" and 2 * abs(difference) <= reach:
                return ctx.deferred_note(code, cells, lambda: _judged(cells, source, ctx),
                                         subject, source, table=table, row=row, column=column)
            readings = readings_of([(1, stated)], [(1, c) for c in cells[1:]])
        if readings is not None:
            outcome = verdict(_comparison(cells, source), readings, ctx.settings)
            return ctx.from_outcome(code, outcome, subject, table=table, row=row, column=column)
    mixed = mixed_units(ctx, code, cells, subject)  # only a table not all in dollars can mix
    if mixed is not None:
        return mixed
    outcome = judge(_comparison(cells, source), Evaluator(ctx.index), ctx.settings)
    return ctx.from_outcome(code, outcome, subject, table=table, row=row, column=column)


def _judged(cells: list[Cell], source: str, ctx: Context) -> Outcome:
    """The outcome of `first == sum(rest)` over dollar cells, read in one pass (`linear`)."""
    readings = readings_of([(1, cells[0])], [(1, c) for c in cells[1:]])
    assert readings is not None, "dollar cells always have one-pass readings"
    return verdict(_comparison(cells, source), readings, ctx.settings)


def mixed_units(ctx: Context, code: str, cells: list[Cell], subject: str) -> Finding | None:
    """A warning when a sum the checker assumes (a total and its rows) would add dollars and a
    percentage or a ratio: that is no sum, and it cannot be judged; None when the units agree.
    `cells` is the stated cell, then the cells it should add up."""
    stated = cells[0]
    odd = [c for c in cells if c.amount.dimension != stated.amount.dimension]
    if not odd:
        return None
    figures = ", ".join(f"{ctx.label(c)} = {c.text}" for c in odd)
    return ctx.finding(code, "warning", f"{subject}{ctx.colon}" +
                       say("unverifiable_units", ctx.lang, figures=figures),
                       lines=[c.line for c in cells], table=stated.table, row=stated.row,
                       column=stated.column, subject=subject,
                       figures=[figure_ref(c) for c in cells])


def _comparison(cells: list[Cell], source: str) -> Comparison:
    """`first == sum(rest)` over located cells, as the evaluator reads relations."""
    first, *rest = cells
    return Comparison("==", _ref(first), Sum(tuple(_ref(c) for c in rest)), source)


def _ref(cell: Cell) -> Ref:
    assert cell.table is not None and cell.row is not None, "a table places its cells"
    return Ref(cell.table, cell.row, cell.column)


def _row_sums(plan: Plan, ctx: Context, quarterly: bool) -> Iterator[Finding | Passed]:
    for table in plan.tables:
        total = table.total_column
        if total is None or is_quarterly(table) != quarterly:
            continue
        values = summed_columns(table)
        if not values:
            continue
        code = "BC103" if quarterly else "BC101"
        columns = f"{values[0]}..{values[-1]}" if quarterly else "+".join(values)
        name = table_name(table, ctx)
        for row in table.rows:
            if total.key not in row.cells or not any(k in row.cells for k in values):
                continue
            source = f"{table.id}[{row.key}, {total.key}] == sum({', '.join(values)})"
            subject = ctx.say(code, "subject_row_total", table=name, row=row.label,
                          columns=columns, total=total.label)
            cells = row.cells
            result = sum_check(ctx, code, cells.get(total.key), [cells.get(k) for k in values],
                               source, subject)
            if result is not None:  # None: BC105 reports the missing cell itself
                yield result


_ROW_TOTAL_WORDS: Messages = {
    "subject_row_total": {
        "en": '{table}, row “{row}”: {columns} vs {total}',
        "fr": '{table}, ligne « {row} » : {columns} c. {total}',
    },
}


@rule("BC101", "row-total", messages=_ROW_TOTAL_WORDS)
def row_total(plan: Plan, ctx: Context) -> Iterator[Finding | Passed]:
    """A row's cells must add up to its Total column.

    ## What it does
    In every table with a column whose role is `total`, adds the row's value columns and
    compares the sum with the printed total, on the intervals the printed precision allows. A
    column printing only percentages or ratios (a share of the total) is not added.

    ## Why
    A row that does not add across is the commonest typing error in a plan's tables. Rounded
    figures rarely add exactly, so the rule reports an error only when no rounding of the printed
    figures can explain the difference, and a note when rounding does.

    ## Example
        Total* 26,4 M$ 21,9 M$ 17,5 M$ 31,2 M$ 98,1 M$   ->  BC101 error (97,0 computed)
    Tables whose value columns are the four quarters are checked by BC103 instead.
    """
    yield from _row_sums(plan, ctx, quarterly=False)


@rule("BC103", "quarterly-total", messages=_ROW_TOTAL_WORDS)
def quarterly_total(plan: Plan, ctx: Context) -> Iterator[Finding | Passed]:
    """The four quarters of a cash-flow row must add up to the year.

    ## What it does
    In tables whose value columns are T1..T4 (or Q1..Q4) and a Total column, adds each row's
    four quarters and compares with its annual total. Column totals (the Total row against the
    rows above it) are BC102, so a quarterly table is checked in both directions.

    ## Why
    Cash-flow tables are re-typed each quarter; one quarter changed without the year is a common
    slip, and a year that does not match the funding tables misleads every reader.

    ## Example
        ISDE — Phase 1*  17,6 M$  17,5 M$  14,1 M$  13,9 M$  63,2 M$
    63,1 computed against 63,2 printed: within the ±0,25 that five rounded figures allow, a note.
    """
    yield from _row_sums(plan, ctx, quarterly=True)


def summed_rows(table: Table, index: int) -> list[Row]:
    """The rows a total or subtotal adds: its `sum_of`, else the items since the last total."""
    row = table.rows[index]
    if row.sum_of is not None:
        wanted = set(row.sum_of)
        return [r for r in table.rows if r.key in wanted]
    stop = ("total",) if row.role == "total" else ("total", "subtotal")
    members: list[Row] = []
    for previous in reversed(table.rows[:index]):
        if previous.role in stop:
            break
        if previous.role == "item":
            members.append(previous)
    return list(reversed(members))


_COLUMN_TOTAL_WORDS: Messages = {
    "subject_column_total": {
        "en": '{table}, column {column}: rows vs “{row}”',
        "fr": '{table}, colonne {column} : lignes c. « {row} »',
    },
}


@rule("BC102", "column-total", messages=_COLUMN_TOTAL_WORDS)
def column_total(plan: Plan, ctx: Context) -> Iterator[Finding | Passed]:
    """A total row must equal the sum of the rows it totals, column by column.

    ## What it does
    For every row whose role is `total` or `subtotal`, adds the item rows it covers (its
    `sum_of` list, or the items since the previous total) in each column and compares with the
    printed figure.

    ## Why
    A total that does not match its rows means a row was added, dropped or changed after the
    total was computed, or the total itself was mistyped.

    ## Example
        Opérations et administration 5,6 M$
        Total 95,6 M$      ->  BC102 error: 94,6 computed, 1,0 apart
    """
    for table in plan.tables:
        if table.totals == "inferred":
            continue  # BC107 finds what these totals add up
        name = table_name(table, ctx)
        for i, row in enumerate(table.rows):
            if row.role == "item":
                continue
            members = summed_rows(table, i)
            if not members:
                continue
            for column in table.columns:
                if column.key not in row.cells:
                    continue
                subject = ctx.say("BC102", "subject_column_total", table=name,
                              column=column.label, row=row.label)
                key = column.key
                result = sum_check(ctx, "BC102", row.cells[key],
                                   [m.cells.get(key) for m in members],
                                   f"{table.id}[{row.key}, {key}] == sum(rows)", subject)
                if result is not None:
                    yield result


_MISSING_CELL_WORDS: Messages = {
    "missing_cell": {
        "en": ('no figure is printed in column {column}; a missing figure is not zero, so '
               'the totals that need it cannot be checked'),
        "fr": ('aucun chiffre n’est imprimé dans la colonne {column}; un chiffre absent '
               'n’est pas zéro, et les totaux qui en dépendent ne peuvent être vérifiés'),
    },
}


@rule("BC105", "missing-cell", "warning", messages=_MISSING_CELL_WORDS)
def missing_cell(plan: Plan, ctx: Context) -> Iterator[Finding]:
    """A row prints figures in some columns but not in all of them.

    ## What it does
    Reports each cell left empty in a row that has figures in other columns (rows with no
    figure at all are headings and are skipped). In a statement read without rules, a column of
    percentages ("% of total") is skipped too: the totals BC107 finds add dollars only.

    ## Why
    A missing figure is not zero: "0 $" or "—" says nothing was planned, an empty cell says
    nothing. The totals that need the cell cannot be checked, so they are not reported as passed.

    ## Example
        MEIE — Phase 1   5 M$   2,9 M$   (blank)   0 $   7,9 M$  ->  BC105 warning on T3
    """
    for table in plan.tables:
        columns = table.columns
        if table.totals == "inferred":
            columns = [c for c in columns if not _all_ratios(table, c.key)]
        for row in table.rows:
            if not row.cells:
                continue
            for column in columns:
                if column.key not in row.cells:
                    yield ctx.finding("BC105", "warning",
                                      f"{table_name(table, ctx)}, “{row.label}”: " +
                                      ctx.say("BC105", "missing_cell", column=column.label),
                                      lines=[row.line], table=table.id, row=row.key,
                                      column=column.key, subject=row.key)


_EXCESS_PRECISION_WORDS: Messages = {
    "excess_precision": {
        "en": ("{text} is written to {digits}, finer than the table's stated precision "
               '{precision}'),
        "fr": ('{text} est écrit à {digits} près, plus finement que la précision '
               '{precision} du tableau'),
    },
}


@rule("BC106", "excess-precision", "warning", messages=_EXCESS_PRECISION_WORDS)
def excess_precision(plan: Plan, ctx: Context) -> Iterator[Finding]:
    """A figure has more digits than the precision its table states.

    ## What it does
    When a table declares `precision` (say "0,1 M$"), reports figures written more finely
    ("1,03 M$").

    ## Why
    A figure with an extra digit is often a figure typed from another source, or a total typed
    with a stray digit; and the checker's tolerance follows the digits as written, so such a
    figure also narrows what rounding is allowed to explain.

    ## Example
        precision = "0,1 M$"   ...   1,03 M$   ->  BC106 warning
    """
    for table in plan.tables:
        if not table.precision:
            continue
        try:
            limit = parse_amount(table.precision, scale=table.scale, round_thousands=False).exponent
        except AmountError:
            continue
        for row in table.rows:
            for key, cell in row.cells.items():
                amount = cell.amount
                if not amount.exact and amount.exponent < limit:
                    step = Decimal(1).scaleb(amount.exponent - amount.scale)
                    digits = format_amount(Amount(step, amount.scale, amount.unit), ctx.lang)
                    yield ctx.finding(
                        "BC106", "warning", f"{table_name(table, ctx)}, “{row.label}”: " +
                        ctx.say("BC106", "excess_precision", text=cell.text, digits=digits,
                            precision=table.precision),
                        lines=[cell.line], table=table.id, row=row.key, column=key,
                        subject=row.key)
