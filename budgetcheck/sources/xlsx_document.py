"""XLSX workbooks as plans, with the standard library only (`zipfile`, `xml.etree`): each sheet
is a statement, read like a pipe table (`grid_statement`), every figure as the sheet displays it.

A cell holding 500 658,31 shown with `#,##0` is the figure "500,658", known to ±0,5: its
precision comes from its number format, not from the binary value stored. Shared and inline
strings, booleans and formulas' cached values are read, and each figure keeps its formula (a shared
one as its own cell has it) for the rule on SUM ranges (BC114); merged cells repeat a heading over
the columns they span. A figure's line is its row in the sheet and its place its cell
("Budget!C12"), and the table is named by its sheet ("Budget: …"). Protections: the archive's entry count and uncompressed size are bounded before
anything is inflated, and an XML part with a DTD is refused (no entity is ever expanded).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from pathlib import Path
from xml.etree import ElementTree

from budgetcheck.inputs.errors import UnreadableInput
from budgetcheck.inputs.files import read_bytes_file
from budgetcheck.plan.model import FORMULA_CHARACTERS
from budgetcheck.sources.document import statements_plan
from budgetcheck.sources.origin import Read
from budgetcheck.sources.statement import Statement
from budgetcheck.sources.statement_lines import is_year
from budgetcheck.sources.statement_markdown import (
    column_kinds,
    grid_statement,
    is_figure,
    is_heading_row,
)
from budgetcheck.util import limits
from budgetcheck.util.limits import LINE_FIGURES

#: An archive of more entries, or more bytes once inflated, is refused (a zip bomb).
MAX_ENTRIES = 10_000
MAX_INFLATED = 64 * 1024 * 1024
#: Rows of a sheet read at most (beyond, the figures limit refuses the plan anyway).
MAX_ROWS = 100_000
#: Rows under a heading row that may continue it ("2024-25" over "Planned" and "Actual").
MAX_HEADING_ROWS = 3

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
#: The number formats Excel builds in, by id (the ones statements use).
BUILTIN_FORMATS = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%",
                   10: "0.00%", 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)",
                   39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)", 49: "@"}
_CELL = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")


def _column_letters(index: int) -> str:
    """The letters of a column by its index from 0: A, …, Z, AA, …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def shown_number(value: str, fmt: str) -> str:
    """The number `value` (as stored) as the format `fmt` displays it: its decimals, its
    thousands separators, its percent sign, brackets for a negative when the format's second
    section has them, a "$" it writes; "General" shows the number as stored."""
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    sections = fmt.split(";")
    negative = number < 0
    section = sections[1] if negative and len(sections) > 1 else sections[0]
    plain = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.', "", section)
    if re.search(r"[dmy]", plain, re.IGNORECASE) and not re.search(r"[0#?]", plain):
        # a date ("yyyy-mm-dd", "d mmm yyyy"): the day it names, never a figure
        day = date(1899, 12, 30) + timedelta(days=int(number))
        return day.isoformat()
    if fmt.strip().lower() in ("general", "@", "") or not re.search(r"[0#?]", plain):
        # General shows at most 11 significant digits: a stored 3.0000000000000004 shows 3
        shown = Context(prec=11).create_decimal(number).normalize()
        return format(shown, "f")
    percent = "%" in plain
    decimals = len(re.sub(r"[^0#?]", "", plain.split(".")[1])) if "." in plain else 0
    scaled = number * 100 if percent else number
    rounded = abs(scaled).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}" if "," in plain else f"{rounded:.{decimals}f}"
    text += "%" if percent else ""
    text = f"${text}" if "$" in section else text
    if negative and rounded:
        text = f"({text})" if len(sections) > 1 and "(" in section else f"-{text}"
    return text


def _xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    try:
        raw = archive.read(name)
    except KeyError:
        return None
    if b"<!DOCTYPE" in raw[:4096].upper() or b"<!ENTITY" in raw.upper():
        raise ValueError(f"{name} declares a DTD or an entity")
    return ElementTree.fromstring(raw)


def _strings(archive: zipfile.ZipFile) -> list[str]:
    root = _xml(archive, "xl/sharedStrings.xml")
    if root is None:
        return []
    return ["".join(t.text or "" for t in item.iter(f"{{{_NS['m']}}}t"))
            for item in root.findall("m:si", _NS)]


def _formats(archive: zipfile.ZipFile) -> list[str]:
    """The number format of each cell style (by its index, a cell's `s`)."""
    root = _xml(archive, "xl/styles.xml")
    if root is None:
        return []
    custom = {int(f.get("numFmtId", "0")): f.get("formatCode", "General")
              for f in root.findall("m:numFmts/m:numFmt", _NS)}
    return [custom.get(int(xf.get("numFmtId", "0")),
                       BUILTIN_FORMATS.get(int(xf.get("numFmtId", "0")), "General"))
            for xf in root.findall("m:cellXfs/m:xf", _NS)]


def _sheets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(name, part) of each sheet, in the workbook's order."""
    book = _xml(archive, "xl/workbook.xml")
    rels = _xml(archive, "xl/_rels/workbook.xml.rels")
    if book is None:
        return []
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("p:Relationship", _NS)} \
        if rels is not None else {}
    found = []
    for n, sheet in enumerate(book.findall("m:sheets/m:sheet", _NS), 1):
        target = targets.get(sheet.get(_REL), f"worksheets/sheet{n}.xml")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        found.append((sheet.get("name", f"Sheet{n}"), part.replace("xl/../", "")))
    return found


def _cell_text(cell: ElementTree.Element, strings: list[str], formats: list[str]) -> str:
    kind = cell.get("t", "n")
    value = cell.find("m:v", _NS)
    text = value.text if value is not None and value.text is not None else ""
    if kind == "s":
        index = int(text) if text.isdigit() else -1
        return strings[index].strip() if 0 <= index < len(strings) else ""
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{{{_NS['m']}}}t")).strip()
    if kind in ("str", "e"):
        return text.strip()
    if kind == "b":
        return "TRUE" if text == "1" else "FALSE"
    style = int(cell.get("s", "0")) if cell.get("s", "0").isdigit() else 0
    fmt = formats[style] if style < len(formats) else "General"
    return shown_number(text, fmt) if text else ""


#: A cell reference in a formula ("B4", "$B$4"), not a function's name nor a sheet's.
_REFERENCE = re.compile(r"(?<![A-Za-z0-9_.$])(\$?)([A-Z]{1,3})(\$?)([0-9]{1,7})(?![0-9A-Za-z_(!])")


def shifted(formula: str, columns: int, rows: int) -> str:
    """A shared formula as the cell `columns` right and `rows` down of its first cell has it:
    its relative references moved (`=SUM(B4:B6)` filled right is `=SUM(C4:C6)`), the ones
    anchored with "$" kept."""
    def move(found: re.Match[str]) -> str:
        fixed_column, letters, fixed_row, number = found.groups()
        if not fixed_column:
            letters = _column_letters(max(0, _column_index(letters) + columns))
        if not fixed_row:
            number = str(max(1, int(number) + rows))
        return f"{fixed_column}{letters}{fixed_row}{number}"

    return _REFERENCE.sub(move, formula)


def _formula(cell: ElementTree.Element, row: int, column: int,
             shared: dict[str, tuple[str, int, int]]) -> str | None:
    """The cell's formula without its "=", a shared one's as this cell has it; None if none."""
    element = cell.find("m:f", _NS)
    if element is None:
        return None
    text = (element.text or "").strip()
    group = element.get("si") if element.get("t") == "shared" else None
    if group is not None:
        if text:
            shared[group] = (text, row, column)
        elif group in shared:
            first, at_row, at_column = shared[group]
            text = shifted(first, column - at_column, row - at_row)
    return text[:FORMULA_CHARACTERS] or None


def _grid(sheet: ElementTree.Element, strings: list[str], formats: list[str],
          formulas: dict[tuple[int, int], str] | None = None) -> dict[int, dict[int, str]]:
    """Row number -> column index -> the text the cell displays; merged cells spread over
    their row (a heading spanning the columns of two years). `formulas`, when given, gets the
    formula of each cell that has one, by (row, column)."""
    rows: dict[int, dict[int, str]] = {}
    shared: dict[str, tuple[str, int, int]] = {}
    for row in sheet.iterfind("m:sheetData/m:row", _NS):
        for cell in row.iterfind("m:c", _NS):
            where = _CELL.match(cell.get("r", ""))
            if where is None:
                continue
            number = int(where.group(2))
            if number > MAX_ROWS:
                raise ValueError(f"a sheet of more than {MAX_ROWS:,} rows")
            column = _column_index(where.group(1))
            if column > LINE_FIGURES + 2:
                raise ValueError(f"a cell beyond column {LINE_FIGURES + 2} ({where.group(0)})")
            text = _cell_text(cell, strings, formats)
            if text:
                rows.setdefault(number, {})[column] = text
            if formulas is not None:
                formula = _formula(cell, number, column, shared)
                if formula is not None:
                    formulas[number, column] = formula
    for merged in sheet.iterfind("m:mergeCells/m:mergeCell", _NS):
        corners = [_CELL.match(part) for part in merged.get("ref", "").split(":")]
        if len(corners) != 2 or None in corners:
            continue
        first, last = corners
        assert first is not None and last is not None
        top, left = int(first.group(2)), _column_index(first.group(1))
        right = min(_column_index(last.group(1)), LINE_FIGURES + 2)
        heading = rows.get(top, {}).get(left)
        if heading is not None:
            for column in range(left + 1, right + 1):
                rows[top].setdefault(column, heading)
    return rows


def _tables(rows: dict[int, dict[int, str]]) -> list[dict[int, dict[int, str]]]:
    """The tables of a sheet: a new one starts at a heading row below the rows of the one
    before and a blank row after them, with the lines of text just above it (its title and
    unit). A blank row inside a table (between its sections) starts none."""
    numbers = sorted(rows)
    width = max(max(cells) for cells in rows.values()) + 1

    def heading(number: int) -> bool:
        return is_heading_row([rows[number].get(j, "") for j in range(width)])

    def figures(number: int) -> bool:
        return any(is_figure(text) for j, text in rows[number].items() if j > 0)

    starts = [0]  # the index in `numbers` of each table's first row
    seen_figures = False
    top = 0  # where the run of contiguous rows without figures that ends above this one began
    for k, number in enumerate(numbers):
        if k and (figures(numbers[k - 1]) or numbers[k - 1] != number - 1):
            top = k  # the run is broken: by figures, or by a blank row
        if seen_figures and heading(number) and top > 0 and numbers[top] - numbers[top - 1] > 1:
            # a heading row set apart by a blank row, with the text lines just above it
            starts.append(top)
            seen_figures = False
            continue
        seen_figures = seen_figures or figures(number)
    bounds = [*starts[1:], len(numbers)]
    return [{n: rows[n] for n in numbers[start:end]} for start, end in zip(starts, bounds)]


def _statement(name: str, rows: dict[int, dict[int, str]],
               formulas: dict[tuple[int, int], str]) -> Statement | None:
    """A sheet's statement: its rows above the heading row (title, unit), the heading row (the
    first whose cells after the labels' are years or words), then its rows."""
    numbers = sorted(rows)
    width = max(max(cells) for cells in rows.values()) + 1

    def cells(number: int) -> list[str]:
        return [rows[number].get(j, "") for j in range(width)]

    at = next((n for n in numbers if is_heading_row(cells(n))), None)
    if at is None:
        return None
    above = [(" ".join(rows[n].values()), n) for n in reversed(numbers) if n < at]
    header = cells(at)
    body = [n for n in numbers if n > at]
    joined = 0
    while joined < len(body) and joined < MAX_HEADING_ROWS and 0 not in rows[body[joined]] \
            and all(is_year(text) or not is_figure(text) for text in rows[body[joined]].values()):
        # headings on two rows: "2024-25" merged over "Planned" and "Actual"
        header = [f"{a} {b}".strip() for a, b in zip(header, cells(body[joined]))]
        joined += 1
    body = body[joined:]
    kinds = column_kinds(header, [cells(n) for n in body])
    placed = [[(text, n) for text in cells(n)] for n in body]
    statement = grid_statement(header, placed, kinds, above, at)
    statement.title = f"{name}: {statement.title}" if statement.title != "Table" else name
    figure_at = [j for j, kind in enumerate(kinds) if kind == "figure"]
    sheet = name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) else \
        "'" + name.replace("'", "''") + "'"
    for row in statement.rows:  # each figure's cell: "Budget!C12", and its formula
        row.places = {c: f"{sheet}!{_column_letters(figure_at[c])}{line}"
                      for c, (_, line) in row.cells.items()}
        row.formulas = {c: formulas[line, figure_at[c]] for c, (_, line) in row.cells.items()
                        if (line, figure_at[c]) in formulas}
    return statement


def read_xlsx(path: str | Path, rules: str | Path | None = None) -> Read:
    """Read a workbook: each sheet a statement (the checker infers its totals)."""
    shown = str(path)
    raw = read_bytes_file(Path(path), limits.PLAN_BYTES, "workbook")
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise UnreadableInput(shown, "is not an XLSX workbook (not a zip archive)") from None
    entries = archive.infolist()
    inflated = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ENTRIES or inflated > MAX_INFLATED:
        raise UnreadableInput(shown, f"the workbook holds {len(entries):,} parts, "
                              f"{inflated:,} bytes once inflated; the limits are "
                              f"{MAX_ENTRIES:,} and {MAX_INFLATED:,}")
    try:
        strings, formats = _strings(archive), _formats(archive)
        statements = []
        for name, part in _sheets(archive):
            sheet = _xml(archive, part)
            if sheet is not None:
                formulas: dict[tuple[int, int], str] = {}
                grid = _grid(sheet, strings, formats, formulas)
                for table in _tables(grid) if grid else []:
                    statement = _statement(name, table, formulas)
                    if statement is not None and any(r.cells for r in statement.rows):
                        statements.append(statement)
    except (ElementTree.ParseError, ValueError, zipfile.BadZipFile) as error:
        raise UnreadableInput(shown, f"cannot be read as a workbook: {error}") from None
    words = "\n".join(r.label for s in statements for r in s.rows)
    return statements_plan(statements, words, shown, rules, "no sheet holds a table with "
                           "figures (a heading row, then rows of a label and figures)")
