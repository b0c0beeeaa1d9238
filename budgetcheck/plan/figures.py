"""Every figure of a plan by identity, so rules speak of identities and reports of provenance."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from budgetcheck.numbers.amount import Amount
from budgetcheck.numbers.interval import Interval
from budgetcheck.plan.expr import ExpressionError, Ref
from budgetcheck.plan.model import Cell, Claim, Footnote, Hedge, Plan, Table, cell_ident


class ReferenceError_(ExpressionError):
    """A reference to a table, row, column or figure that the plan does not have."""


class Figure(Protocol):
    """A printed figure as a rule judges it, whatever printed it: a table's `Cell`, or a
    `NamedFigure` of the prose. Its identity is `ident` (and table, row, column for a table
    figure); its provenance is `text` and `line`."""

    @property
    def ident(self) -> str: ...
    @property
    def amount(self) -> Amount: ...
    @property
    def text(self) -> str: ...
    @property
    def line(self) -> int | None: ...
    @property
    def table(self) -> str | None: ...
    @property
    def row(self) -> str | None: ...
    @property
    def column(self) -> str | None: ...
    @property
    def hedge(self) -> Hedge | None: ...
    @property
    def hedge_word(self) -> str | None: ...
    @property
    def value(self) -> Decimal:
        """The amount's value in the base unit."""
    @property
    def half(self) -> Decimal:
        """Half a unit of the last printed digit (0 for an exact figure)."""


@dataclass(slots=True)
class NamedFigure:
    """A figure named in relations as `owner[name]`: a footnote's or claim's figure, or a table
    figure changed for a "what if". Treated as immutable; not frozen because a frozen dataclass
    pays for every field it sets."""

    ident: str
    amount: Amount
    text: str
    line: int | None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    hedge: Hedge | None = None
    hedge_word: str | None = None
    #: The amount's value and half unit, computed once: sums visit each figure several times.
    value: Decimal = field(init=False, repr=False, compare=False)
    half: Decimal = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.value = self.amount.value
        self.half = self.amount.half_unit


@dataclass(frozen=True, slots=True)
class Missing:
    """A reference to a cell the table does not print: missing is not zero."""

    ident: str
    table: str
    row: str
    column: str
    line: int | None


#: A table figure with its place in the table: (row index, column index).
Placed = tuple[tuple[int, int], "Figure"]


class TableCells(Mapping[tuple[str, str, str], Cell]):
    """Every table figure by (table, row, column), looked up in the plan itself: a located cell
    is a figure (see `model.Cell`), so the index holds no second object per figure."""

    def __init__(self, tables: list[Table]) -> None:
        self._rows = {t.id: {row.key: row.cells for row in t.rows} for t in tables}

    def __getitem__(self, key: tuple[str, str, str]) -> Cell:
        table, row, column = key
        rows = self._rows.get(table)
        cells = rows.get(row) if rows is not None else None
        if cells is None or column not in cells:
            raise KeyError(key)
        return cells[column]

    def __iter__(self) -> Iterator[tuple[str, str, str]]:
        for table, rows in self._rows.items():
            for row, cells in rows.items():
                for column in cells:
                    yield (table, row, column)

    def __len__(self) -> int:
        return sum(len(cells) for rows in self._rows.values() for cells in rows.values())


class FigureIndex:
    """Resolves references; built once per plan (linear in the number of rows and figures)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.tables = {t.id: t for t in plan.tables}
        self.named: dict[str, dict[str, Figure]] = {}
        self.cells = TableCells(plan.tables)
        self._by_value: tuple[list[Decimal], list[tuple[Interval, int, Figure]], Decimal] | \
            None = None
        self.rows: dict[str, dict[str, int]] = {
            t.id: {row.key: i for i, row in enumerate(t.rows)} for t in plan.tables}
        owners: list[Footnote | Claim] = [*plan.footnotes, *plan.claims]
        #: Footnotes and claims by id: what a figure `owner[name]` belongs to.
        self.owners: dict[str, Footnote | Claim] = {owner.id: owner for owner in owners}
        for owner in owners:
            self.named[owner.id] = {
                name: NamedFigure(f"{owner.id}[{name}]", fig.amount, fig.text, fig.line,
                           hedge=fig.hedge_kind, hedge_word=fig.hedge)
                for name, fig in owner.figures.items()
            }

    def all_terms(self) -> list[Figure]:
        return [*self.cells.values(), *(t for d in self.named.values() for t in d.values())]

    def resolve(self, ref: Ref, claim: Claim | None = None) -> list[Figure | Missing]:
        """The figures a reference stands for (several for a row range)."""
        if ref.row is not None and ref.column is not None and ref.row_end is None:
            # One named cell, the commonest reference: ids are unique across tables, footnotes
            # and claims, so a cell found under this key is the cell the full lookup would find.
            term = self.cells.get((ref.source, ref.row, ref.column))
            if term is not None:
                return [term]
        if ref.row is None:
            if claim is not None and ref.source in self.named.get(claim.id, {}):
                return [self.named[claim.id][ref.source]]
            if claim is not None and ref.source == claim.unknown:
                return []
            where = f"claim {claim.id!r}" if claim else "a relation"
            raise ReferenceError_(f"unknown name {ref.source!r} in {where}; write table[row] "
                                  f"or table[row, column] for a table figure")
        if ref.source in self.named:
            if ref.column is not None or ref.row_end is not None:
                raise ReferenceError_(f"{ref}: a footnote or claim figure is written "
                                      f"{ref.source}[name]")
            figures = self.named[ref.source]
            if ref.row not in figures:
                raise ReferenceError_(f"{ref}: {ref.source!r} has no figure {ref.row!r} "
                                      f"(it has {', '.join(sorted(figures)) or 'none'})")
            return [figures[ref.row]]
        table = self.tables.get(ref.source)
        if table is None:
            raise ReferenceError_(f"{ref}: no table, footnote or claim is called {ref.source!r}")
        column = self._column(table, ref)
        keys = self._row_keys(table, ref)
        return [self._cell(table, key, column) for key in keys]

    def _column(self, table: Table, ref: Ref) -> str:
        if ref.column is None:
            if len(table.columns) != 1:
                raise ReferenceError_(f"{ref}: table {table.id!r} has {len(table.columns)} "
                                      f"columns; name one: {ref.source}[{ref.row}, column]")
            return table.columns[0].key
        if table.column(ref.column) is None:
            raise ReferenceError_(f"{ref}: table {table.id!r} has no column {ref.column!r} "
                                  f"(it has {', '.join(c.key for c in table.columns)})")
        return ref.column

    def _row_keys(self, table: Table, ref: Ref) -> list[str]:
        order = self.rows[table.id]
        for key in (ref.row, ref.row_end):
            if key is not None and key not in order:
                raise ReferenceError_(f"{ref}: table {table.id!r} has no row {key!r}")
        assert ref.row is not None
        if ref.row_end is None:
            return [ref.row]
        first, last = order[ref.row], order[ref.row_end]
        if first > last:
            raise ReferenceError_(f"{ref}: row {ref.row!r} comes after {ref.row_end!r}")
        return [r.key for r in table.rows[first : last + 1] if r.role == "item"]

    def _cell(self, table: Table, row: str, column: str) -> Figure | Missing:
        term = self.cells.get((table.id, row, column))
        if term is not None:
            return term
        line = next((r.line for r in table.rows if r.key == row), None)
        ident = cell_ident(table.id, row, column, len(table.columns) == 1)
        return Missing(ident, table.id, row, column, line)

    def column_figures(self, table: str, column: str | None, first: int,
                       last: int) -> list[tuple[tuple[int, int], Figure]]:
        """The printed non-zero dollar figures of one column in rows `first` to `last` (by
        their index in the table), each with its place (row index, column index): read from
        those rows alone, so a hint costs the rows it spans, not its table."""
        found = self.tables.get(table)
        if found is None or column is None:
            return []
        at = next((n for n, c in enumerate(found.columns) if c.key == column), 0)
        start = max(first, 0)
        placed: list[tuple[tuple[int, int], Figure]] = []
        for r, row in enumerate(found.rows[start:last + 1], start):
            cell = row.cells.get(column)
            if cell is not None and nonzero_dollars(cell):
                placed.append(((r, at), cell))
        return placed

    def row_figures(self, table: str, row: str | None) -> list[tuple[tuple[int, int], Figure]]:
        """The printed non-zero dollar figures of one row, each with its place."""
        found = self.tables.get(table)
        r = self.rows.get(table, {}).get(row or "")
        if found is None or r is None:
            return []
        order = {c.key: n for n, c in enumerate(found.columns)}
        return [((r, order.get(key, 0)), cell) for key, cell in found.rows[r].cells.items()
                if nonzero_dollars(cell)]

    def dollar_figures(self) -> list[Figure]:
        """Distinct printed dollar figures, for hints and implied values."""
        return [t for t in self.all_terms() if nonzero_dollars(t)]

    def dollar_figures_within(self, interval: Interval) -> list[Figure]:
        """The `dollar_figures` whose rounding interval overlaps the bounded `interval`, in
        their order: by bisection over the figures sorted once by their lower bound, so an
        implied value on a plan of 10^5 figures does not read every one of them."""
        if self._by_value is None:
            spans = sorted(((t.amount.interval(), n, t) for n, t in
                            enumerate(self.dollar_figures())), key=lambda s: (s[0].lo, s[1]))
            widest = max((span.width for span, _, _ in spans), default=Decimal(0))
            self._by_value = ([span.lo for span, _, _ in spans], spans, widest)
        lows, spans, widest = self._by_value
        first = bisect_left(lows, interval.lo - widest)
        last = bisect_right(lows, interval.hi)
        found = sorted((n, t) for span, n, t in spans[first:last] if span.overlaps(interval))
        return [t for _, t in found]


def significant_unit(amount: Amount) -> Decimal:
    """One unit of the last significant (non-zero) digit: "environ 70" -> 10, "151" -> 1."""
    digits = amount.digits
    if digits == 0:
        return Decimal(0)
    normal = digits.normalize()
    exponent = normal.as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(1).scaleb(exponent + amount.scale)


def nonzero_dollars(figure: Figure) -> bool:
    """A printed dollar figure that is not zero: what a hint may say was left out, and what an
    implied value may be."""
    return figure.amount.unit == "$" and not figure.amount.is_zero
