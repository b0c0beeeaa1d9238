"""Statements that print a column of figures left of their labels, read as if the labels came
first.

B.C.'s estimated statements and New Zealand's statements print the prior year's figures, then the
labels, then this year's ("   13,365,000    13,669,000    Taxation    14,185,000"). The text
reader expects the labels first, so such a table is turned around at the column where its labels
start: what stands left of it moves, in the same order and spacing, to the right of everything
else. The lines keep their numbers, and each piece keeps its place relative to the pieces of the
same column, so headings still stand over their figures.
"""

from __future__ import annotations

import re
from collections import Counter

from budgetcheck.sources.statement_lines import tokens

#: Rows of figures-then-words a table needs before it is turned around.
MIN_ROWS = 3
#: How far above the first such row its headings may start.
HEADING_LINES = 8
#: A figure that looks like money rather than an item's number: grouped, signed, in brackets,
#: in dollars, or of four digits or more.
_MONEY = re.compile(r"[$(),\u00a0\u202f]|[0-9]{4}")
#: What a line that starts with a figure starts with.
_FIGURE_STARTS = frozenset("0123456789$(-\u2212")


def labels_first(lines: list[str]) -> list[str]:
    """The lines with each table that prints figures left of its labels turned around; the
    other lines as they are."""
    rows = [(i, start) for i, line in enumerate(lines)
            if (start := _label_start(line)) is not None]
    if len(rows) < MIN_ROWS:
        return lines
    out = list(lines)
    for block in _blocks(rows):
        column = Counter(start for _, start in block).most_common(1)[0][0]
        aligned = [i for i, start in block if start == column]
        if len(aligned) < MIN_ROWS:
            continue
        first, last = aligned[0], aligned[-1]
        top = first
        while top > 0 and first - top < HEADING_LINES and not _crosses(lines[top - 1], column):
            top -= 1
        span = [i for i in range(top, last + 1) if not _crosses(lines[i], column)]
        width = max(len(lines[i][column:].rstrip()) for i in span) + 4
        for i in span:
            right, left = lines[i][column:].rstrip(), lines[i][:column].rstrip()
            if right.strip():  # a line left of the column only (a title) stays where it is
                out[i] = (right.ljust(width) + left).rstrip() if left.strip() else right
    return out


def _label_start(line: str) -> int | None:
    """Where the label of a row that prints figures before it starts, or None."""
    if line.lstrip()[:1] not in _FIGURE_STARTS:
        return None  # most lines, at a glance: a label or a heading first
    found = tokens(line)
    k = next((n for n, t in enumerate(found) if t.kind == "word"), None)
    if not k:  # no word, or a word first
        return None
    leading = found[:k]
    if not any(t.kind == "number" and _MONEY.search(t.text) for t in leading):
        return None
    if found[k].start - leading[-1].end < 2:
        return None  # "2024 Budget": a heading, one space apart
    return found[k].start


def _blocks(rows: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The rows in runs not more than a few lines apart (wrapped labels, section headings)."""
    blocks: list[list[tuple[int, int]]] = [[rows[0]]]
    for row in rows[1:]:
        if row[0] - blocks[-1][-1][0] > HEADING_LINES:
            blocks.append([])
        blocks[-1].append(row)
    return blocks


def _crosses(line: str, column: int) -> bool:
    """Text runs across the column (a title, a sentence, a heading of words one space apart):
    the line cannot be cut there. A cut is clean after two spaces, or where nothing precedes."""
    left = line[:column]
    return len(line) > column and bool(left.strip()) and not left.endswith("  ")
