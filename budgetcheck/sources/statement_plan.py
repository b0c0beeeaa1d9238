"""Statements (from text or Markdown) as plan data: tables whose totals the checker infers.

Also reads Markdown pipe tables, where the cells are already separated:

    | (in thousands of dollars) | 2024 | 2023 |
    |---|---:|---:|
    | **Expenses** | | |
    | Salaries | 1,234,567 | 1,198,004 |
"""

from __future__ import annotations

import itertools
import math
import re
from decimal import Decimal
from typing import Any

from budgetcheck.numbers.amount import AmountError
from budgetcheck.numbers.notation import parse_amount
from budgetcheck.sources.statement import (
    STATEMENT_NAME,
    Statement,
    StatementRow,
    read_text_statements,
    unit_in_title,
    unit_scale,
)
from budgetcheck.sources.statement_lines import is_year
from budgetcheck.sources.text_plan import _unique, guess_language, slug

#: A row that is a total by its label: the checker reports an error when nothing matches it.
#: French also puts the word last: "Charges totales", "Revenus totaux".
TOTAL_LABEL = re.compile(r"^(?:grand\s+total|sous-total|sous\s+total|subtotal|sub-total|total|"
                         r"totaux|totals)\b|^[\w’' -]+\s(?:totale?s?|totaux)$", re.IGNORECASE)
#: A column after four quarters that is their year: "Total", "FY 2026", "Year", "Annuel", "2026".
_YEAR_TOTAL = re.compile(r"^(?:total\b.*|(?:fy|exercice|ann[ée]e|year|annual|annuel(?:le)?|"
                         r"full[- ]year)\b.*|(?:19|20)[0-9][0-9](?:\s*[-–/]\s*[0-9]{2,4})?)$",
                         re.IGNORECASE)
#: A column of percentages by its heading: "% change", "Change (%)", "Variation en %",
#: "Percentage change": its bare figures are percentages, whatever the table's unit.
PERCENT_HEADING = re.compile(r"%|\bper\s?cent|\bpourcentage\b|\bpercentage\b", re.IGNORECASE)
_QUARTER_LABEL = re.compile(r"^[TQ][1-4]\b", re.IGNORECASE)
_MARKDOWN_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_EMPHASIS = re.compile(r"(\*\*|__)(.*?)\1")


def _cells(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [_EMPHASIS.sub(r"\2", c).strip() for c in re.split(r"(?<!\\)\|", body)]


def read_markdown_statements(raw_lines: list[str]) -> list[Statement]:
    statements = []
    i = 0
    while i < len(raw_lines):
        if raw_lines[i].lstrip().startswith("|") and i + 1 < len(raw_lines) \
                and _MARKDOWN_RULE.match(raw_lines[i + 1].strip()):
            end = i + 2
            while end < len(raw_lines) and raw_lines[end].lstrip().startswith("|"):
                end += 1
            statements.append(_markdown_table(raw_lines, i, end))
            i = end
        else:
            i += 1
    return [s for s in statements if sum(1 for r in s.rows if r.cells) >= 1]


#: Columns that hold neither the rows' labels nor figures: footnote references ("Notes") and
#: identifiers ("OrgID", "No."), which are numbers a total must not add.
_REFERENCE_HEADING = re.compile(r"^(?:notes?|r[ée]f(?:[ée]rences?)?\.?|org\s*id|id|no\.?|n[°º]|"
                                r"num[ée]ro|code|#)$", re.IGNORECASE)


def _is_figure(text: str) -> bool:
    try:
        parse_amount(text, round_thousands=False)
    except AmountError:
        return False
    return True


def _column_kinds(header: list[str], body: list[list[str]]) -> list[str]:
    """"label", "figure" or "skip" for each column of a pipe table. The labels are the first
    column mostly of words (a summary table may print an identifier, or figures, before it);
    the other columns of words ("Type", "Accounting standard"), the columns of references and
    the empty ones are left out; the rest are figures, their stray words refused later."""
    width = max([len(header), *map(len, body)])
    kinds = []
    for j in range(width):
        heading = header[j].strip() if j < len(header) else ""
        texts = [row[j] for row in body if j < len(row) and row[j]]
        figures = sum(map(_is_figure, texts))
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
    kinds = _column_kinds(header, body)
    label_at = kinds.index("label")
    figure_at = [j for j, kind in enumerate(kinds) if kind == "figure"]
    header += [""] * (len(kinds) - len(header))
    title, title_line, scale = "Table", start + 1, unit_scale(header[label_at])
    nearest: tuple[str, int] | None = None
    for i in range(start - 1, max(-1, start - 6), -1):
        text = raw_lines[i].strip()
        if not text:
            continue
        if unit_scale(text) is not None:
            scale = unit_scale(text) if scale is None else scale
            continue
        if text.startswith("(") and text.endswith(")") and unit_in_title(text) is not None:
            # "(Second Quarter 2018-2019; in thousands of dollars)" under the name
            scale = unit_in_title(text) if scale is None else scale
            continue
        if text.startswith("|"):
            break
        line = text.strip("#*_ ").strip(), i + 1
        nearest = nearest or line
        if STATEMENT_NAME.search(line[0]):  # the name, above "As at March 31" and the like
            nearest = line
            break
    if nearest is not None:
        title, title_line = nearest
        scale = unit_in_title(title) if scale is None else scale
    if scale is None:  # "Actual 2024 ($000)": the unit in every heading of a figure column
        in_headings = {unit_in_title(header[j]) for j in figure_at}
        scale = in_headings.pop() if len(in_headings) == 1 else None
    statement = Statement(title, title_line, scale, columns=[header[j] for j in figure_at])
    for number, cells in enumerate(body, start + 2):
        cells += [""] * (len(kinds) - len(cells))
        row = StatementRow(cells[label_at], [number + 1], number + 1)
        for column, text in enumerate(cells[j] for j in figure_at):
            if text:
                row.cells[column] = (text, number + 1)
        if not row.cells:
            row.line = None
        statement.rows.append(row)
    return statement


# -- plan data ----------------------------------------------------------------------------------

def _column_key(label: str) -> str:
    first = label.split()[0] if label.split() else label
    if is_year(first) and len(label.split()) == 1:
        return "y" + re.sub(r"[^0-9]+", "_", first).strip("_")
    return slug(label)


def _total_columns(labels: list[str]) -> set[int]:
    """A column headed "Total", and the column after four quarters that names their year."""
    totals = {n for n, label in enumerate(labels) if label.lower() == "total"}
    quarters = [n for n, label in enumerate(labels) if _QUARTER_LABEL.match(label)]
    if len(quarters) == 4 and quarters[-1] - quarters[0] == 3 and quarters[-1] + 1 < len(labels) \
            and _YEAR_TOTAL.match(labels[quarters[-1] + 1]):
        totals.add(quarters[-1] + 1)
    return totals


def table_data(statement: Statement, seen_ids: set[str]) -> dict[str, Any]:
    column_keys: set[str] = set()
    # A column with no heading ("| | 2023 | |") is named by its place, the rows' labels first.
    labels = [label.strip() or f"(column {n})" for n, label in enumerate(statement.columns, 2)]
    totals = _total_columns(labels)
    columns = [{"key": _unique(_column_key(label), column_keys), "label": label,
                **({"role": "total"} if n in totals else {}),
                **({"unit": "%"} if PERCENT_HEADING.search(label) else {})}
               for n, label in enumerate(labels)]
    if all(c.get("role") == "total" for c in columns):
        for column in columns:
            column.pop("role", None)
    row_keys: set[str] = set()
    rows = []
    for row in statement.rows:
        label = re.sub(r"\s+", " ", row.label).strip()
        if not label:
            label = "(total)" if row.after_rule else "(no label)"
        is_total = bool(TOTAL_LABEL.match(label)) or (row.after_rule and label == "(total)")
        data: dict[str, Any] = {"key": _unique(slug(label), row_keys), "label": label}
        if row.line is not None:
            data["line"] = row.line
        lines = [n for n in row.label_lines if n]
        if lines and lines != [row.line]:
            data["label_lines"] = lines
        if is_total and row.cells:
            data["role"] = "total"
        if row.readings:
            data["readings"] = row.readings
        data["cells"] = {columns[c]["key"]: (text if line == row.line else
                                             {"text": text, "line": line})
                         for c, (text, line) in sorted(row.cells.items())}
        rows.append(data)
    words = slug(statement.title).split("_")
    short = "_".join(w for w in words if w not in {"of", "the", "des", "de", "du", "la", "le",
                                                     "et", "and", "les"})[:32].rstrip("_")
    return {"id": _unique(short or "statement", seen_ids),
            "title": statement.title, "line": statement.line, "scale": statement.scale or 0,
            "totals": "inferred", "columns": columns, "rows": rows}


def _value(text: str) -> Decimal | None:
    try:
        return parse_amount(text, lang="fr", round_thousands=False).value
    except AmountError:
        return None


def _columns_held(rows: list[StatementRow], total: StatementRow) -> int:
    """In how many columns the rows add up to the total, to the unit (or to one unit a row:
    the rows may be rounded)."""
    held = 0
    for column, (text, _) in total.cells.items():
        stated = _value(text)
        parts = [_value(r.cells[column][0]) for r in rows if column in r.cells]
        if stated is None or any(p is None for p in parts):
            continue
        if abs(stated - sum(p for p in parts if p is not None)) <= len(parts):
            held += 1
    return held


#: Readings tried together for the rows of one block and its total (each row has at most four).
MAX_COMBINED_READINGS = 4096


def _grouped(row: StatementRow, reading: list[str] | tuple[str, ...]) -> None:
    line = next(iter(row.cells.values()))[1]
    row.cells = {c: (text, line) for c, text in enumerate(reading)}


def resolve_readings(statement: Statement) -> None:
    """Rows whose digit groups read more than one way ("1 234 567 890" in two columns) take
    the readings under which the rows above the next total add up to it in the most columns,
    the block's ambiguous rows and the total tried together; when no combination does better
    than every other, the rows keep their readings and BC112 warns."""
    start = 0
    for n, row in enumerate(statement.rows):
        if not row.cells:
            start = n + 1  # a section heading starts a block
            continue
        if not TOTAL_LABEL.match(row.label):
            continue
        block = statement.rows[start:n]
        start = n + 1
        unsure = [r for r in [*block, row] if r.readings]
        options = [[[r.cells[c][0] for c in sorted(r.cells)], *r.readings] for r in unsure]
        if not unsure or math.prod(map(len, options)) > MAX_COMBINED_READINGS:
            continue
        scores = []
        for combination in itertools.product(*options):
            for item, reading in zip(unsure, combination):
                _grouped(item, reading)
            scores.append((_columns_held(block, row), combination))
        best = max(score for score, _ in scores)
        winners = [combination for score, combination in scores if score == best]
        # the first that adds up best (the readings kept, when they do); a row whose reading
        # every such combination shares is decided, the others keep theirs and BC112 warns
        chosen = next((c for c in winners if c == scores[0][1]), winners[0])
        for k, (item, reading) in enumerate(zip(unsure, chosen)):
            _grouped(item, reading)
            decided = all(c[k] == reading for c in winners)
            item.readings = [] if decided else [o for o in options[k] if o != reading]


def statement_plan_data(text: str, source: str, markdown: bool) -> dict[str, Any]:
    raw_lines = text.lstrip("\ufeff").splitlines()
    statements = read_markdown_statements(raw_lines)
    if not statements and not markdown:
        statements = read_text_statements(raw_lines)
        for statement in statements:
            resolve_readings(statement)
    seen: set[str] = set()
    tables = [table_data(s, seen) for s in statements]
    years = [c["label"] for t in tables for c in t["columns"] if _starts_with_year(c["label"])]
    return {"plan": {"organisation": _organisation(raw_lines), "fiscal_year": years[0] if years
                     else "unknown", "language": _language(text), "source": source},
            "tables": tables}


def _starts_with_year(label: str) -> bool:
    words = label.split()  # a column heading may be empty ("| | 2023 |")
    return bool(words) and is_year(words[0])


def _organisation(raw_lines: list[str]) -> str:
    for line in raw_lines[:10]:
        text = line.strip().strip("#*_ ")
        if text and unit_scale(text) is None and not text.startswith("|"):
            return text[:120]
    return "unknown"


def _language(text: str) -> str:
    lowered = text.lower()
    if re.search(r"\ben (?:milliers|millions|dollars)\b|\btotal des\b|\bcharges\b|\brevenus\b",
                 lowered):
        return "fr"
    if re.search(r"\bin (?:thousands|millions|dollars)\b|\btotal (?:expenses|revenues?|assets)\b",
                 lowered):
        return "en"
    return guess_language(text)
