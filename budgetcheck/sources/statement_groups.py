"""Lines of figures that group more than one way (French digit groups one space apart),
decided by the total below them."""

from __future__ import annotations

import itertools
import math
from decimal import Decimal

from budgetcheck.numbers.amount import AmountError
from budgetcheck.numbers.notation import parse_amount
from budgetcheck.sources.statement import TOTAL_LABEL, Statement, StatementRow


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
    _results_by_totals(statement)


def _figures(row: StatementRow) -> dict[int, Decimal | None]:
    return {c: _value(text) for c, (text, _) in row.cells.items()}


def _results_by_totals(statement: Statement) -> None:
    """A line still undecided that no total follows, "Net result 1 2 100 100 000": the one
    reading that is, in every column, the sum or the difference of two totals above it (a net
    cost is expenses less revenues, "Total expenses" − "Total revenues")."""
    totals: list[dict[int, Decimal | None]] = []
    for row in statement.rows:
        if row.readings and totals:
            options = [[row.cells[c][0] for c in sorted(row.cells)], *row.readings]
            scores = []
            for reading in options:
                _grouped(row, reading)
                figures = _figures(row)
                scores.append(max(_held(figures, a, b, sign) for k, a in enumerate(totals)
                                  for b in totals[k + 1:] for sign in (1, -1)) if
                              len(totals) >= 2 else 0)
            best = max(scores)
            if best == len(row.cells) and scores.count(best) == 1:  # in every column
                choice = options[scores.index(best)]
                _grouped(row, choice)
                row.readings = []
            else:
                _grouped(row, options[0])
        if TOTAL_LABEL.match(row.label) and row.cells:
            totals.append(_figures(row))


def _held(figures: dict[int, Decimal | None], a: dict[int, Decimal | None],
          b: dict[int, Decimal | None], sign: int) -> int:
    """In how many columns `figures` = a + sign × b, to two units (three rounded figures)."""
    held = 0
    for column, value in figures.items():
        x, y = a.get(column), b.get(column)
        if value is not None and x is not None and y is not None \
                and abs(value - (x + sign * y)) <= 2:
            held += 1
    return held
