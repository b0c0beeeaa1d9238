"""Markdown pipe tables read as statements, where the cells are already separated:

    | (in thousands of dollars) | 2024 | 2023 |
    |---|---:|---:|
    | **Expenses** | | |
    | Salaries | 1,234,567 | 1,198,004 |

The rows' labels are the first column of words wherever it stands; columns of other words
("Type", "Accounting standard"), of identifiers and of note references are not figures.
"""

from __future__ import annotations

import re

from budgetcheck.numbers.amount import AmountError
from budgetcheck.numbers.notation import parse_amount
from budgetcheck.sources.statement import Statement, StatementRow
from budgetcheck.sources.statement_headings import STATEMENT_NAME, unit_in_title, unit_scale
from budgetcheck.sources.statement_lines import is_year

_MARKDOWN_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_EMPHASIS = re.compile(r"(\*\*|__)(.*?)\1")


def _cells(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [_EMPHASIS.sub(r"\2", c).strip() for c in re.split(r"(?<!\\)\|", body)]


def read_markdown_statements(raw_lines: list[str]) -> list[Statement]:
    """Every pipe table: a header row over a delimiter row ("|---|---:|"), then the rows, with
    or without their outer pipes ("Trésorerie | 3 716 $ | 6 067 $ |")."""
    statements = []
    i = 0
    while i < len(raw_lines):
        if "|" in raw_lines[i] and i + 1 < len(raw_lines) \
                and "|" in raw_lines[i + 1] and _MARKDOWN_RULE.match(raw_lines[i + 1].strip()):
            end = i + 2
            while end < len(raw_lines) and "|" in raw_lines[end]:
                end += 1
            statements.append(_markdown_table(raw_lines, i, end))
            i = end
        else:
            i += 1
    return [s for s in statements if sum(1 for r in s.rows if r.cells) >= 1]


#: A row of pipes only ("|", "||"): a rule under a block of rows, as converted pages print the
#: border above a subtotal.
_PIPES_ONLY = re.compile(r"^[|\s]+$")


def _year_headings(raw_lines: list[str], start: int, width: int) -> list[str] | None:
    """The headings of the figure columns when the header row has none: a row of years a few
    lines above it ("2018 | 2017 | |"), past rows of pipes."""
    for i in range(start - 1, max(-1, start - 6), -1):
        text = raw_lines[i].strip()
        if not text or _PIPES_ONLY.match(text):
            continue
        years = [c for c in _cells(text) if c]
        if "|" in text and len(years) == width and all(is_year(y) for y in years):
            return years
        return None
    return None


def _shifted(cells: list[str], label_at: int, figure_at: list[int]) -> list[str]:
    """A row whose empty label cell the page dropped ("12 408 | 13 278 | |": a subtotal with
    no label), put back in its columns; other rows as they are."""
    filled = [c for c in cells if c]
    if not cells or not cells[label_at] or not is_figure(cells[label_at]) \
            or len(filled) != len(figure_at) or not all(map(is_figure, filled)):
        return cells
    placed = [""] * len(cells)
    for j, text in zip(figure_at, filled):
        placed[j] = text
    return placed


#: Columns that hold neither the rows' labels nor figures: footnote references ("Notes") and
#: identifiers ("OrgID", "No."), which are numbers a total must not add.
_REFERENCE_HEADING = re.compile(r"^(?:notes?|r[ée]f(?:[ée]rences?)?\.?|org\s*id|id|no\.?|n[°º]|"
                                r"num[ée]ro|code|#)$", re.IGNORECASE)


_STRAY_SPACE = re.compile(r"^\(?\$?[0-9]{1,3}(?:,[0-9]{3})*, [0-9]{3}(?:,[0-9]{3})*\)?$")


def is_figure(text: str) -> bool:
    try:
        parse_amount(text, round_thousands=False)
    except AmountError:
        return False
    return True


def is_heading_row(cells: list[str]) -> bool:
    """Does a row of cells head a table's columns? Its cells after the first (the labels')
    are years or words, one at least ("", "2025", "2024"; "Financial information", "Planned",
    "Actual"), never figures."""
    others = [text for text in cells[1:] if text]
    return bool(others) and all(is_year(text) or not is_figure(text) for text in others)


def column_kinds(header: list[str], body: list[list[str]]) -> list[str]:
    """"label", "figure" or "skip" for each column of a pipe table. The labels are the first
    column mostly of words (a summary table may print an identifier, or figures, before it);
    the other columns of words ("Type", "Accounting standard"), the columns of references and
    the empty ones are left out; the rest are figures, their stray words refused later."""
    width = max([len(header), *map(len, body)])
    kinds = []
    for j in range(width):
        heading = header[j].strip() if j < len(header) else ""
        texts = [row[j] for row in body if j < len(row) and row[j]]
        figures = sum(map(is_figure, texts))
        if _REFERENCE_HEADING.match(heading) or not texts:
            kinds.append("skip")
        else:
            kinds.append("figure" if 2 * figures >= len(texts) else "words")
    label = kinds.index("words") if "words" in kinds else 0
    return ["label" if j == label else "skip" if kind == "words" else kind
            for j, kind in enumerate(kinds)]


def _markdown_table(raw_lines: list[str], start: int, end: int) -> Statement:
    header = _cells(raw_lines[start])
    body = [_cells(raw_lines[n]) for n in range(start + 2, end)]
    kinds = column_kinds(header, body)
    label_at = kinds.index("label")
    figure_at = [j for j, kind in enumerate(kinds) if kind == "figure"]
    header += [""] * (len(kinds) - len(header))
    leading: list[str] = []  # the header row's label when it is a section's heading ("Actif")
    years = _year_headings(raw_lines, start, len(figure_at)) \
        if not any(header[j] for j in figure_at) else None
    if years is not None:
        leading = [header[label_at]] if header[label_at] else []
        for j, year in zip(figure_at, years):
            header[j] = year
    above: list[tuple[str, int]] = []  # the text above the table, nearest first
    for i in range(start - 1, max(-1, start - 8), -1):
        text = raw_lines[i].strip()
        if not text or _PIPES_ONLY.match(text) or years is not None and "|" in text:
            continue
        if text.startswith("|"):
            break
        above.append((text, i + 1))
    rows = [[(text, number + 1) for text in cells] for number, cells in enumerate(body, start + 2)]
    return grid_statement(header, rows, kinds, above, start + 1, leading)


def grid_statement(header: list[str], rows: list[list[tuple[str, int]]], kinds: list[str],
                   above: list[tuple[str, int]], start_line: int,
                   leading: list[str] | None = None) -> Statement:
    """A statement from a table whose cells are already apart (a pipe table, an HTML table):
    its headings, its rows of (cell text, line), the kinds of its columns (`column_kinds`), and
    the text above it, nearest first, where its title and unit are looked for."""
    label_at = kinds.index("label")
    figure_at = [j for j, kind in enumerate(kinds) if kind == "figure"]
    header = header + [""] * (len(kinds) - len(header))
    title, title_line, scale = "Table", start_line, unit_scale(header[label_at])
    nearest: tuple[str, int] | None = None
    for text, number in above:
        if unit_scale(text) is not None:
            scale = unit_scale(text) if scale is None else scale
            continue
        if text.startswith("(") and text.endswith(")") and unit_in_title(text) is not None:
            # "(Second Quarter 2018-2019; in thousands of dollars)" under the name
            scale = unit_in_title(text) if scale is None else scale
            continue
        candidate = text.strip("#*_ ").strip(), number
        nearest = nearest or candidate
        if STATEMENT_NAME.search(candidate[0]):  # the name, above "As at March 31" and the like
            nearest = candidate
            break
    if nearest is not None:
        title, title_line = nearest
        scale = unit_in_title(title) if scale is None else scale
    if scale is None:  # "Actual 2024 ($000)": the unit in every heading of a figure column
        in_headings = {unit_in_title(header[j]) for j in figure_at}
        scale = in_headings.pop() if len(in_headings) == 1 else None
    statement = Statement(title, title_line, scale, columns=[header[j] for j in figure_at])
    statement.rows += [StatementRow(label, [start_line]) for label in leading or []]
    after_rule = False
    for placed in rows:
        texts = [text for text, _ in placed] + [""] * (len(kinds) - len(placed))
        first = min((n for text, n in placed if text), default=start_line)
        lines = [n for _, n in placed] + [first] * (len(kinds) - len(placed))
        if not any(texts):
            after_rule = True  # "|" / "||": the rule above a subtotal
            continue
        shifted = _shifted(texts, label_at, figure_at)
        if shifted is not texts:  # the cells slid left ("12 408 | 13 278 | |")
            lines = [first] * len(shifted)
        line = lines[label_at] if shifted[label_at] else first
        row = StatementRow(shifted[label_at], [line], line, after_rule=after_rule)
        after_rule = False
        for column, j in enumerate(figure_at):
            text = shifted[j]
            if _STRAY_SPACE.match(text):  # "4,059, 360": one figure, a space in its grouping
                row.repairs.append(text)
                text = text.replace(" ", "")
            if text:
                row.cells[column] = (text, lines[j])
        if not row.cells:
            row.line = None
        statement.rows.append(row)
    return statement
