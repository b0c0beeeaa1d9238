"""Financial statements with no rules written: the shape governments and companies share.

A title ("Statement of Operations", "État des résultats"), a unit line ("(in thousands of
dollars)", "(en milliers de dollars)"), column headings (years, quarters), section headings
("Expenses", "Charges"), rows of a label and one figure per column, total rows. Read from text
laid out in columns or from Markdown pipe tables. The tables come out with `totals = "inferred"`:
the checker finds what each total adds up (rule BC107) instead of being told.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from statistics import median

from budgetcheck.sources.statement_columns import labels_first
from budgetcheck.sources.statement_headings import (
    STATEMENT_NAME,
    by_years,
    continues_heading,
    header_columns,
    heading_words,
    is_header,
    nearest_column,
    unit_before_headings,
    unit_heading,
    unit_in_title,
    unit_scale,
)
from budgetcheck.sources.statement_lines import (
    SplitLine,
    assign,
    choose,
    expand,
    is_year,
    other_readings,
    plausible,
    split_line,
    unglue,
)

#: A row that is a total by its label: the checker reports an error when nothing matches it.
#: French also puts the word last: "Charges totales", "Revenus totaux".
TOTAL_LABEL = re.compile(r"^(?:grand\s+total|sous-total|sous\s+total|subtotal|sub-total|total|"
                         r"totaux|totals)\b|^[\w’' -]+\s(?:totale?s?|totaux)$", re.IGNORECASE)
_RULE_LINE = re.compile(r"^[\s\-=_—–]*[\-=_—–]{3,}[\s\-=_—–]*$")  # "------", not a lone dash
_CONNECTOR = re.compile(r"(?:\b(?:and|of|for|the|to|before|after|et|de|des|du|la|le|les|pour|"
                        r"avant|après|au|aux)|[,\-–(])$", re.IGNORECASE)


@dataclass
class StatementRow:
    label: str
    label_lines: list[int]
    line: int | None = None
    cells: dict[int, tuple[str, int]] = field(default_factory=dict)  # column index -> figure
    after_rule: bool = False
    readings: list[list[str]] = field(default_factory=list)  # other ways to group its figures
    repairs: list[str] = field(default_factory=list)  # its figures printed with a stray space
    places: dict[int, str] = field(default_factory=dict)  # column -> "Budget!C12" (workbooks)
    formulas: dict[int, str] = field(default_factory=dict)  # column -> "SUM(B4:B9)" (workbooks)


@dataclass
class Statement:
    title: str
    line: int
    scale: int | None = None
    columns: list[str] = field(default_factory=list)
    rows: list[StatementRow] = field(default_factory=list)
    notes: bool = False  # the headings have a "Note" column (references, not figures)


# -- plain text ---------------------------------------------------------------------------------

#: A figure grouped with commas, "12,345": a document that prints three of them groups its
#: digits so, and a space between two numbers there separates two figures.
_COMMA_GROUPED = re.compile(r"(?<![0-9,.])[0-9]{1,3}(?:,[0-9]{3})+(?![0-9,])")


def read_text_statements(raw_lines: list[str]) -> list[Statement]:
    lines = [expand(x) for x in raw_lines]
    space_groups = len(_COMMA_GROUPED.findall("\n".join(lines))) < 3
    if not space_groups:  # cells run together ("Revenue11,250,55911,310,567") set apart
        lines = [unglue(x) for x in lines]
    lines = labels_first(lines)  # "13,365,000   Taxation   14,185,000": the labels first
    splits = [split_line(x, space_groups) for x in lines]
    starts = _statement_starts(lines, splits)
    statements = []
    for n, start in enumerate(starts):
        end = _title_above(lines, splits, starts[n + 1]) if n + 1 < len(starts) else len(lines)
        statement = _read_block(lines, splits, start, end)
        if statement is not None and sum(1 for r in statement.rows if r.cells) >= 2:
            statements.append(statement)
    return statements


def _title_above(lines: list[str], splits: list[SplitLine], start: int) -> int:
    """The first of the lines right above a statement's start that are its title: text with no
    figure but a year ("Dépenses 2016" above "Montant (M$)"), not a row of the one before."""
    i = start
    while i > 0 and lines[i - 1].strip() and all(is_year(f.text) for f in splits[i - 1].fewest):
        i -= 1
    return i


def _statement_starts(lines: list[str], splits: list[SplitLine]) -> list[int]:
    """A statement starts at its unit line or its column headings, whichever comes first; a
    new one starts when such a line follows rows of figures. Before the first, a table that
    prints neither starts at its first row, if a total ends it (`_table_by_its_total`)."""
    starts: list[int] = []
    seen_rows = True
    for i, text in enumerate(lines):
        marker = unit_scale(text) is not None or is_header(text) \
            or unit_before_headings(text) is not None or unit_heading(text) is not None
        if marker and seen_rows:
            starts.append(i)
            seen_rows = False
        elif not marker and splits[i].has_figures and splits[i].label and starts \
                and not (heading_words(text) and not seen_rows):  # "Budget 1": a heading
            seen_rows = True
    unmarked = _table_by_its_total(lines, splits, starts[0] if starts else len(lines))
    return ([unmarked] if unmarked is not None else []) + starts


#: A row of a table printed with no unit line and no headings: a short line, a label of words
#: and its figures, none of them a year alone ("Recettes 2016" is a title).
MAX_ROW_LENGTH = 120
#: Rows of figures a table found by its total has at least, the total one of them.
MIN_UNMARKED_ROWS = 3


def _is_row(text: str, split: SplitLine) -> bool:
    return split.has_figures and bool(split.label) and len(text.strip()) <= MAX_ROW_LENGTH \
        and not all(is_year(f.text) for f in split.fewest) \
        and not re.search(r"[.;:!?]\s", split.label)  # a sentence is prose


def _table_by_its_total(lines: list[str], splits: list[SplitLine], limit: int) -> int | None:
    """Where a table with no unit line and no column headings begins, among the lines before
    `limit`: a run of rows (blank lines and short headings between them allowed, not prose) with
    the same number of figures, one of them after the first labelled a total ("Total
    Revenues"). It begins at its first row, or at the heading just above it when a title stands
    above that ("Means of Financing" / "Revenues" / "Tax Collectors Revenue $342,000.00")."""
    run: list[int] = []
    for i in range(limit + 1):
        text = lines[i] if i < limit else ""
        split = splits[i] if i < limit else None
        if split is not None and _is_row(text, split) and \
                (not run or len(split.fewest) == len(splits[run[0]].fewest)):
            run.append(i)
            continue
        if split is not None and run and (not text.strip() or not split.has_figures
                                          and len(text.split()) <= 6):
            continue  # a blank line or a heading inside the table
        totalled = any(TOTAL_LABEL.match(splits[k].label) for k in run[1:])
        if len(run) >= MIN_UNMARKED_ROWS and totalled:
            first = run[0]
            heading = first - 1
            if heading >= 1 and lines[heading].strip() and not splits[heading].has_figures \
                    and lines[heading - 1].strip():
                return heading
            return first
        run = [i] if split is not None and _is_row(text, split) else []
    return None


#: A line of prose, not a title: a sentence that ends with its full stop, or a long one.
_SENTENCE = re.compile(r"\w[.!?]$|^(?:\S+\s+){15}")


def _title(lines: list[str], start: int) -> tuple[str, int]:
    """The statement's title: the nearest text line above its unit line or headings that names a
    statement, else the nearest text line."""
    above: list[tuple[str, int]] = []
    for i in range(start - 1, max(-1, start - 8), -1):
        text = lines[i].strip()
        if not text:
            # A blank line ends the title block, unless what was found is only a period ("As
            # at March 31") and the name stands above it.
            if any(STATEMENT_NAME.search(x[0]) for x in above):
                break
            continue
        split = split_line(lines[i])
        if split.has_figures and split.label and split.gap >= 2:
            break  # a row of figures: the previous statement's
        above.append((text, i))
    above = [x for x in above if not _SENTENCE.search(x[0])]
    named = [x for x in above if STATEMENT_NAME.search(x[0])]
    pick = named[0] if named else (above[-1] if above else ("Statement", start))
    return pick[0].strip("#* "), pick[1] + 1


def _read_block(lines: list[str], splits: list[SplitLine], start: int, end: int) -> Statement | None:
    title, title_line = _title(lines, start)
    statement = Statement(title, title_line, unit_in_title(title))
    edges: list[int] = []
    stacked: list[str] = []  # the heading lines, each alone on its line (no two-space gap)
    i = start
    while i < end and (not lines[i].strip() or unit_scale(lines[i]) is not None
                       or is_header(lines[i]) or unit_before_headings(lines[i]) is not None
                       or not statement.columns and unit_heading(lines[i]) is not None
                       or stacked and heading_words(lines[i])
                       or statement.columns and continues_heading(lines[i], edges)):
        both = unit_before_headings(lines[i])
        line = lines[i] if both is None else both[1]  # the unit blanked: then its headings
        if both is not None:
            statement.scale = both[0]
        alone = unit_heading(line) if not statement.columns else None
        if alone is not None:  # "Montant (M$)": one column, its unit
            statement.columns, statement.scale = [alone[0]], alone[1]
        elif unit_scale(line) is not None:
            statement.scale = unit_scale(line)
        elif not is_header(line) and not (stacked and heading_words(line)):
            # the end of a heading: join it by right edges
            pieces = [(m.group(0), m.end()) for m in re.finditer(r"\S+(?: \S+)*", line)]
            below = {nearest_column(end, edges): text for text, end in pieces}
            statement.columns = [f"{label} {below[n]}" if n in below else label
                                 for n, label in enumerate(statement.columns)]
        else:
            if line.strip() and not re.search(r"\S\s{2,}\S", line.strip()):
                piece = re.sub(r"^notes?\s+", "", line.strip(), flags=re.IGNORECASE)
                if stacked and not any(map(is_year, stacked[-1].split())) \
                        and not any(map(is_year, piece.split())):
                    stacked[-1] += " " + piece  # "Original" / "Budget1": one heading
                else:
                    stacked.append(piece)
            upper, upper_edges = statement.columns, edges
            columns, edges = header_columns(line)
            if upper and all(map(is_year, upper + columns)):
                # years one a line ("2020" / "2019"): one column each, not one heading
                columns, edges = upper + columns, upper_edges + edges
            elif len(columns) == len(upper):  # headings on two lines: "Budget" / "2024"
                columns = [f"{a} {b}" for a, b in zip(upper, columns)]
            elif upper:  # "Budget  Actual" over "2025  2025  Variance": join by right edges
                columns = [_over(upper, upper_edges, label, edge)
                           for label, edge in zip(columns, edges)]
            statement.columns = columns
            statement.notes = statement.notes or bool(re.search(r"\bnotes?\b", line,
                                                                re.IGNORECASE))
        i += 1
    body = range(i, end)
    counts = [len(splits[k].fewest) for k in body if splits[k].has_figures]
    if not statement.columns:
        if not counts:
            return None
        width = max(set(counts), key=counts.count)
        statement.columns = [f"Column {n + 1}" for n in range(width)]
    elif counts and len(statement.columns) < (usual := max(set(counts), key=counts.count)):
        # Headings set one space apart ("2012 Planned Results 2012 2011 Restated") read as
        # fewer columns than the rows print: each heading starts at a year.
        text = " ".join(statement.columns)
        # or one a line: "Notes 2020" / "$’000" / "2019" / "$’000" / "Original Budget" / "$’000"
        regrouped = next((g for g in (stacked, by_years(text), by_years(text, ending=True))
                          if len(g) == usual), None)
        if regrouped is not None:
            statement.columns, edges = regrouped, []
    width = len(statement.columns)
    if not edges:
        edges = _edges_from_rows([splits[k] for k in body], width)
    pending: list[tuple[str, int]] = []
    after_rule = False
    for k in body:
        text = lines[k]
        if not text.strip():
            _flush_heading(statement, pending)
            pending = []
            continue
        if _RULE_LINE.match(text):
            _flush_heading(statement, pending)
            pending, after_rule = [], True
            continue
        split = splits[k]
        figures = plausible(split, choose(split, width, edges)) if split.has_figures else []
        if figures and not split.label and len(figures) > width:
            figures = []
        if figures and split.label and split.gap < 2 and len(figures) < width \
                and not _completed_below(splits, k, end, width - len(figures)):
            figures = []  # a number at the end of a sentence, not a column
        if not figures:
            pending.append((split.label or text.strip(), k + 1))
            continue
        label = split.label
        previous = statement.rows[-1] if statement.rows else None
        if not label and not pending and not after_rule and previous is not None \
                and previous.cells and max(n for _, n in previous.cells.values()) == k \
                and len(previous.cells) + len(figures) <= width:
            # "Net cost of operations ... $ 3,219,585" / "$ 3,207,599", or a table copied one
            # cell a line ("Cash" / "153" / "224"): the row goes on, its figures in the order
            # printed, one a column
            printed = [previous.cells[c] for c in sorted(previous.cells)]
            printed += [(figure.text, k + 1) for figure in figures]
            previous.cells = dict(enumerate(printed))
            continue
        if not label and not pending and previous is not None and not previous.cells \
                and previous.label_lines and k + 1 - previous.label_lines[-1] <= 3:
            # a label on its line, its figures a line or two below: "Conserving Nature" /
            # (blank) / "756,972 968,275"
            statement.rows.pop()
            pending = [(previous.label, previous.label_lines[-1])]
        if len(figures) > width:  # a note reference or a numbered label: give it back
            extra, figures = figures[: len(figures) - width], figures[len(figures) - width:]
            refs = " ".join(f.text for f in extra)
            label = f"{label} (note {refs})" if statement.notes else f"{label} {refs}"
            label = label.strip()
        if _wraps(pending, label):
            _flush_heading(statement, pending[:-1])
            label_parts = [pending[-1]] + ([(label, k + 1)] if label else [])
        else:
            _flush_heading(statement, pending)
            label_parts = [(label, k + 1)] if label else []
        pending = []
        row = StatementRow(" ".join(p for p, _ in label_parts).strip(), [n for _, n in label_parts],
                  k + 1, after_rule=after_rule)
        after_rule = False
        placed = assign(figures, edges) if len(figures) < width else \
            [(n, 0) for n in range(len(figures))]
        for figure, (column, _) in zip(figures, placed):
            row.cells[column] = (figure.text, k + 1)
        if len(figures) == width:
            row.readings = [[f.text for f in g] for g in other_readings(split, figures, edges)]
        row.repairs = split.repairs
        statement.rows.append(row)
    _flush_heading(statement, pending)
    _headings_stacked(statement)
    # What follows the last row of figures is the statement's footer ("The accompanying notes
    # form an integral part...", "Contingent liabilities (Note 13)"), not headings of rows.
    while statement.rows and not statement.rows[-1].cells:
        statement.rows.pop()
    return statement


def _completed_below(splits: list[SplitLine], k: int, end: int, missing: int) -> bool:
    """Does the next line carry, with no label, the figures a row lacks?"""
    below = splits[k + 1] if k + 1 < end else None
    return below is not None and below.has_figures and not below.label \
        and len(below.fewest) == missing


#: Headings stacked one a line are looked for among this many columns' lines (two a column).
MAX_STACKED_HEADINGS = 8


def _headings_stacked(statement: Statement) -> None:
    """Headings printed one a line above the first row ("Forecast results" / "2024-25" /
    "Planned results" / "2025-26") were read as rows with no figures: when the statement has
    no headings of its own and the first such rows, joined, are one heading per column, each
    ending with a year, they are its headings."""
    if not statement.columns or not all(c.startswith("Column ") for c in statement.columns):
        return
    leading = list(itertools.takewhile(lambda r: not r.cells, statement.rows))
    for count in range(2, min(len(leading), 2 * MAX_STACKED_HEADINGS) + 1):
        groups = by_years(" ".join(r.label for r in leading[:count]), ending=True)
        if len(groups) == len(statement.columns) and all(is_year(g.split()[-1]) for g in groups):
            statement.columns = groups
            del statement.rows[:count]
            return


def _over(upper: list[str], upper_edges: list[int], label: str, edge: int) -> str:
    """A lower heading with the upper heading that ends where it ends, if one does."""
    near = [(abs(e - edge), u) for u, e in zip(upper, upper_edges) if abs(e - edge) <= 3]
    return f"{min(near)[1]} {label}" if near else label


def _edges_from_rows(splits: list[SplitLine], width: int) -> list[int]:
    full = [s.fewest for s in splits if s.has_figures and s.unique and len(s.fewest) == width]
    if not full:
        return []
    return [int(median(g[n].end for g in full)) for n in range(width)]


def _wraps(pending: list[tuple[str, int]], label: str) -> bool:
    """Is the text line just above a row the start of its label? Yes when the row has no label
    of its own, starts in lower case, or the line above ends on a connecting word."""
    if not pending:
        return False
    return not label or label[:1].islower() or _CONNECTOR.search(pending[-1][0]) is not None


def _flush_heading(statement: Statement, pending: list[tuple[str, int]]) -> None:
    for text, number in pending:
        if text and not _RULE_LINE.match(text):
            statement.rows.append(StatementRow(text, [number]))
