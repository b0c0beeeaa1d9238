"""Rules on a workbook's formulas: a total's =SUM range must cover the block of rows it totals."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, localcontext

from budgetcheck.numbers.interval import EXACT
from budgetcheck.plan.model import Cell, Plan, Row, Table
from budgetcheck.report import Finding, Severity
from budgetcheck.rules.context import Context, Messages, figure_ref
from budgetcheck.rules.registry import rule
from budgetcheck.rules.structure import table_name

#: "SUM(B4:B9)", "sum($B$4:$B$9)", "SUM(Budget!B4:B9)": one range of one column.
_SUM_RANGE = re.compile(r"^\s*SUM\(\s*(?:('[^']*(?:''[^']*)*'|[A-Za-z_][\w.]*)!)?"
                        r"\$?([A-Z]{1,3})\$?([0-9]{1,7})\s*:\s*\$?([A-Z]{1,3})\$?([0-9]{1,7})\s*\)\s*$",
                        re.IGNORECASE)
#: A place's sheet and column letters: "Budget!C12" -> ("Budget", "C").
_PLACE_COLUMN = re.compile(r"^(.*)!\$?([A-Z]{1,3})\$?[0-9]+$")

_WORDS: Messages = {
    "left_out": {
        "en": ("={formula} in {place} leaves out {rows} of the rows it totals ({block}): "
               "the total is {stated}, the rows add up to {computed}"),
        "fr": ("={formula} en {place} laisse de côté {rows} parmi les lignes qu’il totalise "
               "({block}) : le total est {stated}, les lignes font {computed}"),
    },
    "counted_twice": {
        "en": ("={formula} in {place} also adds {rows}, each a SUM of rows the range adds "
               "too: those rows are counted twice"),
        "fr": ("={formula} en {place} additionne aussi {rows}, chacune une SOMME de lignes "
               "que la plage additionne déjà : ces lignes sont comptées deux fois"),
    },
    "row": {"en": "row {line} (“{label}”, {text})", "fr": "la ligne {line} (« {label} », {text})"},
    "block": {"en": "rows {first}–{last}", "fr": "lignes {first} à {last}"},
}


def sum_range(cell: Cell) -> tuple[int, int] | None:
    """The sheet rows a cell's =SUM adds, first and last, when it is one range of the cell's own
    column ("SUM(B4:B9)" in column B); None for any other formula or cell."""
    found = _SUM_RANGE.match(cell.formula or "")
    place = _PLACE_COLUMN.match(cell.place or "")
    if found is None or place is None:
        return None
    sheet, left, top, right, bottom = found.groups()
    own_sheet, own = place.group(1), place.group(2).upper()
    if sheet is not None and _sheet_name(sheet) != _sheet_name(own_sheet):
        return None  # a range of another sheet: not the block above this cell
    if left.upper() != own or right.upper() != own:
        return None
    first, last = sorted((int(top), int(bottom)))
    return first, last


def _sheet_name(written: str) -> str:
    """A sheet's name as Excel compares it: unquoted ("'Town budget'"), in any case."""
    if written.startswith("'") and written.endswith("'"):
        written = written[1:-1].replace("''", "'")
    return written.casefold()


def block_above(table: Table, index: int, column: str) -> list[tuple[Row, Cell]]:
    """The rows a total at `index` totals in `column`: the figures right above it, up to a
    heading (a row with no figure), another total or a figure that is itself a formula."""
    block: list[tuple[Row, Cell]] = []
    for row in reversed(table.rows[:index]):
        if not row.cells or row.role != "item":
            break
        cell = row.cells.get(column)
        if cell is None:
            continue  # a figure missing in this column only (BC105 reports it)
        if cell.formula is not None:
            break
        block.append((row, cell))
    block.reverse()
    return block


def _row_words(ctx: Context, rows: list[tuple[Row, Cell]]) -> str:
    return ", ".join(ctx.say("BC114", "row", line=c.line, label=r.label, text=c.text)
                     for r, c in rows)


@rule("BC114", "sum-range", messages=_WORDS)
def sum_range_covers_its_block(plan: Plan, ctx: Context) -> Iterator[Finding]:
    """A total's =SUM range must cover the rows it totals, and only them.

    ## What it does
    In a table read from a workbook, takes each figure computed as the sum of one range of its
    own column (`=SUM(B4:B8)`) and compares the range with the block of rows right above the
    total (up to a heading, another total, or a figure that is itself a formula). It reports a
    row of the block the range leaves out, and a row the range adds that is itself a SUM of
    rows the range also adds.

    ## Why
    A row inserted at the end of a block, outside the range, is the classic spreadsheet error:
    the sheet still shows a total, computed without the row. The amounts rarely show it unless
    another table restates the total; the formula does.

    ## Example
        B4 100   B5 50   B6 25   B7 =SUM(B4:B5) 150   ->  BC114 error at Budget!B7:
        the range leaves out row 6 (“Library”, 25)
    A row left out whose figures are all zero is a warning: the total is right, for now.
    """
    for table in plan.tables:
        lines = {row.line: row for row in table.rows if row.line is not None}
        for index, row in enumerate(table.rows):
            for key, cell in row.cells.items():
                if cell.formula is None:
                    continue  # most figures: typed in, or not from a workbook
                covered = sum_range(cell)
                if covered is None or cell.line is None:
                    continue
                first, last = covered
                block = block_above(table, index, key)
                left_out = [(r, c) for r, c in block if not first <= (c.line or 0) <= last]
                if left_out:
                    yield _left_out(ctx, table, row, key, cell, block, left_out)
                twice = [(r, c) for n in range(first, last + 1) if (r := lines.get(n)) is not None
                         and (c := r.cells.get(key)) is not None and c is not cell
                         and (inner := sum_range(c)) is not None
                         and first <= inner[0] and inner[1] <= last]
                if twice:
                    yield _counted_twice(ctx, table, row, key, cell, twice)


def _left_out(ctx: Context, table: Table, row: Row, key: str, cell: Cell,
              block: list[tuple[Row, Cell]], left_out: list[tuple[Row, Cell]]) -> Finding:
    with localcontext(EXACT):  # budget figures add exactly
        computed = sum((c.value for _, c in block), Decimal(0))
        reach = cell.half + sum((c.half for _, c in block), Decimal(0))
        difference = cell.value - computed
    scale = ctx.display_scale([cell, *(c for _, c in block)])
    lines = [c.line or 0 for _, c in block]
    severity: Severity = "error" if any(c.value != 0 for _, c in left_out) else "warning"
    text = ctx.say("BC114", "left_out", formula=cell.formula, place=cell.place,
                   rows=_row_words(ctx, left_out),
                   block=ctx.say("BC114", "block", first=min(lines), last=max(lines)),
                   stated=ctx.money(cell.value, scale), computed=ctx.money(computed, scale))
    return ctx.finding("BC114", severity, f"{table_name(table, ctx)}, “{row.label}”{ctx.colon}"
                       + text, lines=[cell.line, *(c.line for _, c in left_out)],
                       table=table.id, row=row.key, column=key, subject=row.key,
                       relation=f"={cell.formula}", stated=cell.value, computed=computed,
                       difference=difference,
                       allowed=(computed - reach, computed + reach),
                       figures=[figure_ref(cell), *(figure_ref(c) for _, c in left_out)])


def _counted_twice(ctx: Context, table: Table, row: Row, key: str, cell: Cell,
                   twice: list[tuple[Row, Cell]]) -> Finding:
    text = ctx.say("BC114", "counted_twice", formula=cell.formula, place=cell.place,
                   rows=_row_words(ctx, twice))
    return ctx.finding("BC114", "error", f"{table_name(table, ctx)}, “{row.label}”{ctx.colon}"
                       + text, lines=[cell.line, *(c.line for _, c in twice)],
                       table=table.id, row=row.key, column=key, subject=row.key,
                       relation=f"={cell.formula}", stated=cell.value,
                       figures=[figure_ref(cell), *(figure_ref(c) for _, c in twice)])
