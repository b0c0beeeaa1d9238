"""CSV and TSV files as plans, with the standard library's `csv`: each block of records (blank
records apart) is a statement, read like a pipe table (`grid_statement`).

The delimiter is sniffed among ",", ";", tab and "|" (";" is common in French files, whose
figures write their decimals with a comma); a block's records before its heading row are its
title and unit ("État des résultats", "(en milliers de dollars)"); its heading row is the first
whose cells after the labels' are years or words; a record with a label only is a section
heading. A
figure's line is the physical line its record starts on (a quoted cell may hold a line break).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from budgetcheck.inputs.errors import UnreadableInput
from budgetcheck.sources.data import read_text
from budgetcheck.sources.document import statements_plan
from budgetcheck.sources.origin import Read
from budgetcheck.sources.statement import Statement
from budgetcheck.sources.statement_markdown import column_kinds, grid_statement, is_heading_row
from budgetcheck.util import limits
from budgetcheck.util.limits import LINE_FIGURES

#: How much of the file the delimiter is sniffed from.
SNIFF_CHARACTERS = 8192

Record = tuple[int, list[str]]  # the line a record starts on, and its cells


def delimiter_of(text: str, suffix: str) -> str:
    """The file's delimiter: a tab for .tsv, else the one `csv.Sniffer` finds among ",", ";",
    tab and "|", else the most frequent of them on the first lines."""
    if suffix == ".tsv":
        return "\t"
    sample = text[:SNIFF_CHARACTERS]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in (";", "\t", "|", ",")}
        return max(counts, key=lambda d: counts[d])


def records(text: str, delimiter: str, shown: str) -> list[Record]:
    """Every record with the line it starts on, its cells stripped; a record of more cells than
    any statement prints is refused at its line."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    found: list[Record] = []
    line = 1
    try:
        for cells in reader:
            if len(cells) > LINE_FIGURES + 2:
                raise UnreadableInput(shown, f"a record of {len(cells):,} cells; the limit is "
                                      f"{LINE_FIGURES}", line=line)
            found.append((line, [c.replace("\u00a0", " ").strip() for c in cells]))
            line = reader.line_num + 1
    except csv.Error as error:
        raise UnreadableInput(shown, f"not CSV: {error}", line=line) from None
    return found


def _blocks(found: list[Record]) -> list[list[Record]]:
    """The records between blank ones; records of one cell alone (a title, a unit) go with the
    block below them."""
    blocks: list[list[Record]] = [[]]
    headed = False  # the current block has its heading row (one look per record)
    for record in found:
        if any(record[1]):
            blocks[-1].append(record)
            headed = headed or is_heading_row(record[1])
        elif headed:
            blocks.append([])
            headed = False
    return [b for b in blocks if b]


def _statement(block: list[Record]) -> Statement | None:
    """A block's statement: the records above its heading row (nearest first, as the text
    above a table), the heading row (the first whose cells after the labels' are years or
    words), the rows."""
    at = next((n for n, (_, cells) in enumerate(block) if is_heading_row(cells)), None)
    if at is None or at + 1 >= len(block):
        return None
    above = [(next(c for c in cells if c), line) for line, cells in reversed(block[:at])]
    header = block[at][1]
    rows = [[(text, line) for text in cells] for line, cells in block[at + 1:]]
    kinds = column_kinds(header, [cells for _, cells in block[at + 1:]])
    labels = [cells[kinds.index("label")] for _, cells in block[at + 1:]
              if len(cells) > kinds.index("label")]
    if not any(any(ch.isalpha() for ch in label) for label in labels):
        return None  # figures with no labels ("1,2"): no statement
    return grid_statement(header, rows, kinds, above, block[at][0])


def read_csv(path: str | Path, rules: str | Path | None = None) -> Read:
    """Read a CSV or TSV file: each block of records a statement (the checker infers its
    totals), aligned with a rules file's tables when one is given."""
    shown = str(path)
    # Excel on Windows writes its CSV files in the system's code page: Windows-1252 in French
    # and English, where every byte but five is a character
    text = read_text(Path(path), limits.DOCUMENT_BYTES, "document", legacy="cp1252")
    text = text.lstrip("\ufeff")
    found = records(text, delimiter_of(text, Path(path).suffix.lower()), shown)
    statements = [s for s in map(_statement, _blocks(found))
                  if s is not None and any(r.cells for r in s.rows)]
    words = "\n".join(" ".join(c for c in cells if c) for _, cells in found)
    return statements_plan(statements, words, shown, rules, "no table with figures (a heading "
                           "record, then rows of a label and figures) was found in this file")
