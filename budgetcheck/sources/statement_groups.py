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


Values = dict[int, Decimal | None]  # a row's figures by column (None: not a number)


def _figures(row: StatementRow) -> Values:
    return {c: _value(text) for c, (text, _) in row.cells.items()}


def _reading_values(reading: list[str] | tuple[str, ...]) -> Values:
    return {c: _value(text) for c, text in enumerate(reading)}


def _columns_held(fixed: dict[int, tuple[Decimal, int, bool]], parts: list[Values],
                  total: Values) -> int:
    """In how many columns the block adds up to the total, to the unit (or to one unit a row:
    the rows may be rounded): `fixed` is, per column, the sum, the count and whether all were
    numbers of the block's rows that read one way; `parts` the other rows, as read now."""
    held = 0
    for column, stated in total.items():
        value, count, clean = fixed.get(column, (Decimal(0), 0, True))
        for part in parts:
            if column in part:
                figure = part[column]
                clean = clean and figure is not None
                value += figure or 0
                count += 1
        if stated is not None and clean and abs(stated - value) <= count:
            held += 1
    return held


def _fixed_sums(rows: list[StatementRow]) -> dict[int, tuple[Decimal, int, bool]]:
    sums: dict[int, tuple[Decimal, int, bool]] = {}
    for row in rows:
        for column, figure in _figures(row).items():
            value, count, clean = sums.get(column, (Decimal(0), 0, True))
            sums[column] = (value + (figure or 0), count + 1, clean and figure is not None)
    return sums


#: Readings tried together for the rows of one block and its total (each row has at most four).
MAX_COMBINED_READINGS = 4096


def _grouped(row: StatementRow, reading: list[str] | tuple[str, ...]) -> None:
    line = next(iter(row.cells.values()))[1]
    row.cells = {c: (text, line) for c, text in enumerate(reading)}


def resolve_readings(statement: Statement) -> None:
    """Rows whose digit groups read more than one way ("1 234 567 890" in two columns) take
    the readings under which the rows above the next total add up to it in the most columns,
    the block's ambiguous rows and the total tried together; then a result line and the two
    totals it combines; then the blocks again, for a total the result line decided. When no
    way does better than every other, the rows keep their readings and BC112 warns."""
    _blocks_by_totals(statement)
    if _results_by_totals(statement):
        _blocks_by_totals(statement)


def _blocks_by_totals(statement: Statement) -> None:
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
        # each reading read once: a combination then costs a few additions a column
        fixed = _fixed_sums([r for r in block if not r.readings])
        values = [[_reading_values(o) for o in option] for option in options]
        in_block = [r is not row for r in unsure]
        printed_total = _figures(row)
        scores = []
        for picks in itertools.product(*(range(len(o)) for o in options)):
            parts = [values[k][p] for k, p in enumerate(picks) if in_block[k]]
            total = values[-1][picks[-1]] if not in_block[-1] else printed_total
            scores.append((_columns_held(fixed, parts, total),
                           tuple(options[k][p] for k, p in enumerate(picks))))
        best = max(score for score, _ in scores)
        winners = [combination for score, combination in scores if score == best]
        # the first that adds up best (the readings kept, when they do); a row whose reading
        # every such combination shares is decided, the others keep theirs and BC112 warns
        chosen = next((c for c in winners if c == scores[0][1]), winners[0])
        for k, (item, reading) in enumerate(zip(unsure, chosen)):
            _grouped(item, reading)
            decided = all(c[k] == reading for c in winners)
            item.readings = [] if decided else [o for o in options[k] if o != reading]


#: Earlier totals a net line may combine: the last few, as the checker's inference does.
MAX_EARLIER_TOTALS = 6


def _options(row: StatementRow) -> list[list[str]]:
    """The row's readings, the one kept first."""
    return [[row.cells[c][0] for c in sorted(row.cells)], *(list(r) for r in row.readings)]


def _results_by_totals(statement: Statement) -> bool:
    """A result line after the totals ("Net result (2 100) (100 000)") is the sum or the
    difference of two of the totals above it, in every column: the readings of the line and of
    those totals still undecided are tried together, and taken when one way does it and no
    other does ("Total des revenus 2 100 100 000" is then 2 100 | 100 000)."""
    totals: list[StatementRow] = []
    decided = False
    for row in statement.rows:
        if not row.cells:
            continue
        recent = totals[-MAX_EARLIER_TOTALS:]
        if len(recent) >= 2 and (row.readings or any(t.readings for t in recent)):
            decided = _decide_by_pairs(row, recent) or decided
        if TOTAL_LABEL.match(row.label):
            totals.append(row)
    return decided


def _decide_by_pairs(row: StatementRow, totals: list[StatementRow]) -> bool:
    """Whether a reading was decided."""
    winners: set[tuple[int, tuple[str, ...], int, tuple[str, ...], tuple[str, ...]]] = set()
    own_options = _options(row)
    mine = [_reading_values(o) for o in own_options]
    for k, first in enumerate(totals):
        for second in totals[k + 1:]:
            firsts, seconds = _options(first), _options(second)
            if len(firsts) * len(seconds) * len(mine) > MAX_COMBINED_READINGS:
                continue
            second_values = [_reading_values(o) for o in seconds]
            for i, a in enumerate(map(_reading_values, firsts)):
                for j, b in enumerate(second_values):
                    for m, figures in enumerate(mine):
                        if any(_held(figures, a, b, sign) == len(figures) for sign in (1, -1)):
                            winners.add((id(first), tuple(firsts[i]), id(second),
                                         tuple(seconds[j]), tuple(own_options[m])))
    if len(winners) != 1:
        return False  # nothing holds, or several ways do: the readings stay, BC112 warns
    [(first_id, first_reading, second_id, second_reading, own)] = winners
    for total in totals:
        for wanted, reading in ((first_id, first_reading), (second_id, second_reading)):
            if id(total) == wanted and total.readings:
                _grouped(total, reading)
                total.readings = []
    if row.readings:
        _grouped(row, own)
        row.readings = []
    return True


def _held(figures: Values, a: Values, b: Values, sign: int) -> int:
    """In how many columns `figures` = a + sign × b, to two units (three rounded figures)."""
    held = 0
    for column, value in figures.items():
        x, y = a.get(column), b.get(column)
        if value is not None and x is not None and y is not None \
                and abs(value - (x + sign * y)) <= 2:
            held += 1
    return held
