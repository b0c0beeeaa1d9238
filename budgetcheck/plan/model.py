"""The typed plan: tables of printed figures, footnotes, prose claims and declared relations.

A figure's identity is (table, row key, column) or (claim/footnote id, figure name); its provenance
is the line of the source document it was printed on. Every printed figure keeps its text exactly
as printed; the parsed `Amount` (with its precision) is derived from that text once, at validation.
"""

from __future__ import annotations

from contextvars import ContextVar
from decimal import Decimal
from typing import Annotated, Any, Literal, cast

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from budgetcheck.numbers.amount import Amount, AmountError, Unit
from budgetcheck.numbers.formatting import Lang
from budgetcheck.numbers.notation import parse_amount, parse_bare_integer, parse_bare_integers
from budgetcheck.util.interning import interned

Key = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=80)]
Line = Annotated[int, Field(ge=1, le=10_000_000)]
RowRole = Literal["item", "subtotal", "total"]
ColumnRole = Literal["value", "total"]
Hedge = Literal["approx", "at_least", "more_than", "at_most", "less_than"]
ClaimKind = Literal["sum", "share", "ratio", "complement", "comparison", "target", "implied"]

#: Hedge words as printed, in both languages, and what they do to a figure's interval.
HEDGE_WORDS: dict[str, Hedge] = {
    "environ": "approx", "près de": "approx", "presque": "approx", "quelque": "approx",
    "about": "approx", "around": "approx", "approximately": "approx", "nearly": "approx",
    "roughly": "approx", "some": "approx",
    "au moins": "at_least", "at least": "at_least", "minimum": "at_least",
    "plus de": "more_than", "more than": "more_than", "over": "more_than", "above": "more_than",
    "au plus": "at_most", "at most": "at_most", "jusqu'à": "at_most", "up to": "at_most",
    "moins de": "less_than", "less than": "less_than", "under": "less_than",
}


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)


class Meta(Frozen):
    organisation: str
    title: str | None = None
    fiscal_year: str
    language: Lang
    currency: Literal["$"] = "$"
    source: str = Field(description="The document the lines refer to, relative to this file's "
                        "repository root (or absolute).")


class Cell:
    """One printed figure of a table: its text, the line it was printed on, its amount, and
    where it stands (table, row, column).

    A plain object rather than a model because a national budget has millions of them; pydantic
    still validates every cell (its schema below), and a figure that cannot be read is reported
    at its own data path. In a file a cell is its printed text or a table {text, line}.

    Its table places it (`located`), after which a cell is also the figure the rules judge: it
    has what `figures.Figure` has (ident, value, half unit; no hedge), so the figure index needs
    no second object per figure."""

    __slots__ = ("_amount", "_column", "_formula", "_fresh", "_line", "_one_column", "_place",
                 "_row", "_table", "_text")

    _text: str
    _line: int | None
    _amount: Amount
    _table: str | None
    _row: str | None
    _column: str | None
    _one_column: bool
    _fresh: tuple[int, Unit] | None  # read from a plan's data in this unit, not yet placed
    _place: str | None  # where a workbook or a PDF shows it: "Budget!C12", "page 3"
    _formula: str | None  # what a workbook computes it with: "SUM(B4:B9)"

    hedge: None = None  # a table figure is never hedged ("environ" belongs to prose)
    hedge_word: None = None

    def __init__(self, text: str, line: int | None = None, amount: Amount | None = None,
                 place: str | None = None, formula: str | None = None) -> None:
        self._text = text
        self._line = line
        self._place = place
        self._formula = formula
        # Read with the default unit here so a bad figure is reported at its own data path; the
        # table reads it again with its unit scale when it has one. A table prints every figure
        # to its unit, so the round-thousands rule of prose figures does not apply in tables.
        self._amount = amount if amount is not None else _read_cell(text)
        self._table = None
        self._row = None
        self._column = None
        self._one_column = False
        self._fresh = None

    def located(self, table: str, row: str, column: str, one_column: bool,
                amount: Amount | None = None) -> Cell:
        """This cell placed in its table (with its amount in the table's unit, if given)."""
        cell = Cell(self.text, self.line, amount if amount is not None else self.amount,
                    self.place, self.formula)
        cell._locate(table, row, column, one_column, None)
        return cell

    def _locate(self, table: str, row: str, column: str, one_column: bool,
                amount: Amount | None) -> None:
        """Set where the cell stands: only for a new cell, or one the reader just made."""
        if amount is not None:
            self._amount = amount
        self._table = table
        self._row = row
        self._column = column
        self._one_column = one_column
        self._fresh = None

    @property
    def text(self) -> str:
        """The figure as printed."""
        return self._text

    @property
    def line(self) -> int | None:
        """The line it was printed on."""
        return self._line

    @property
    def place(self) -> str | None:
        """Where a workbook or a PDF shows it, when a line is not all: "Budget!C12" (the sheet
        and cell), "page 3"."""
        return self._place

    @property
    def formula(self) -> str | None:
        """The formula a workbook computes the figure with, as written without its "="
        ("SUM(B4:B9)"); None for a figure typed in, or read from anything but a workbook."""
        return self._formula

    @property
    def amount(self) -> Amount:
        """The printed figure read, in its table's unit once the table has placed it."""
        return self._amount

    @property
    def table(self) -> str | None:
        return self._table

    @property
    def row(self) -> str | None:
        return self._row

    @property
    def column(self) -> str | None:
        return self._column

    @property
    def one_column(self) -> bool:
        """The table has one value column, so relations name the figure by its row alone."""
        return self._one_column

    @property
    def ident(self) -> str:
        return cell_ident(self.table or "", self.row or "", self.column or "", self.one_column)

    @property
    def value(self) -> Decimal:
        return self.amount.value

    @property
    def half(self) -> Decimal:
        return self.amount.half_unit

    def __reduce__(self) -> tuple[Any, ...]:  # for --jobs and copies
        if self.table is None:
            return (Cell, (self.text, self.line, self.amount, self.place, self.formula))
        return (_located_cell, (self.text, self.line, self.amount, self.table, self.row,
                                self.column, self.one_column, self.place, self.formula))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Cell) and self._identity() == other._identity()

    def _identity(self) -> tuple[Any, ...]:
        return (self.text, self.line, self.amount, self.table, self.row, self.column)

    __hash__ = None  # type: ignore[assignment]  # equal by value, so not hashable by identity

    def __repr__(self) -> str:
        return f"Cell(text={self.text!r}, line={self.line!r})"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        from pydantic_core import core_schema as cs

        long_form = cs.typed_dict_schema({
            "text": cs.typed_dict_field(cs.str_schema(max_length=200)),
            "line": cs.typed_dict_field(cs.nullable_schema(cs.int_schema(ge=1, le=10_000_000)),
                                        required=False),
            "place": cs.typed_dict_field(cs.str_schema(max_length=PLACE_CHARACTERS),
                                         required=False),
            "formula": cs.typed_dict_field(cs.str_schema(max_length=FORMULA_CHARACTERS),
                                           required=False),
        }, extra_behavior="forbid")
        # Most cells are short: their printed text alone, on the row's line. It is kept as it
        # is here, and read by its table a column at a time (`_short_cells_read`), or by its
        # row when the row is validated on its own: no Python call per cell.
        short_form = cs.str_schema(max_length=200)
        return cs.union_schema(
            [cs.is_instance_schema(Cell), short_form, long_form],
            serialization=cs.plain_serializer_function_ser_schema(_cell_data))

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: GetJsonSchemaHandler) -> Any:
        return {"anyOf": [{"type": "string", "maxLength": 200, "description": "the figure as "
                           "printed, on the row's line"},
                          {"type": "object", "properties": {
                              "text": {"type": "string", "maxLength": 200},
                              "line": {"anyOf": [{"type": "integer", "minimum": 1,
                                                  "maximum": 10_000_000}, {"type": "null"}]},
                              "place": {"type": "string", "maxLength": PLACE_CHARACTERS,
                                        "description": "where a workbook or a PDF shows it: "
                                        "\"Budget!C12\", \"page 3\""},
                              "formula": {"type": "string", "maxLength": FORMULA_CHARACTERS,
                                          "description": "the workbook's formula for it, "
                                          "without its \"=\": \"SUM(B4:B9)\""}},
                           "required": ["text"], "additionalProperties": False}],
                "title": "Cell", "description": "One printed figure of a table."}


#: A cell's place ("Budget!C12", "page 3") is at most this long (a sheet name is 31 at most).
PLACE_CHARACTERS = 64
#: A cell's formula is kept up to this length (a longer one is no SUM of a block anyway).
FORMULA_CHARACTERS = 200


def _cell_data(cell: Cell) -> dict[str, Any]:
    data: dict[str, Any] = {"text": cell.text, "line": cell.line}
    if cell.place is not None:
        data["place"] = cell.place
    if cell.formula is not None:
        data["formula"] = cell.formula
    return data


def cell_ident(table: str, row: str, column: str, one_column: bool) -> str:
    """How relations name a table figure: t1[phase1, T1], or t1[phase1] in a one-column table."""
    return f"{table}[{row}]" if one_column else f"{table}[{row}, {column}]"


def _located_cell(text: str, line: int | None, amount: Amount, table: str, row: str,
                  column: str, one_column: bool, place: str | None = None,
                  formula: str | None = None) -> Cell:
    return Cell(text, line, amount, place, formula).located(table, row, column, one_column)


#: Set while a table validates its rows: it reads their short cells itself, a column at a time.
_READ_BY_TABLE: ContextVar[bool] = ContextVar("read_by_table", default=False)


def _short_cells_read(rows: list[Row], units: dict[str, tuple[int, Unit]],
                      unit: tuple[int, Unit], indexed: bool = True) -> None:
    """Every cell of `rows` still held as its data (its printed text, or { text, line, … })
    made a `Cell`, on its row's line unless it gives its own, read in its column's unit
    (`units`, else `unit`); a column of bare whole numbers is read at once
    (`parse_bare_integers`). A text that cannot be read is reported at its own data path (the
    row's index, unless not `indexed`, "cells" and the column), every such text of the rows at
    once, in the order the rows print them.

    A cell made here is held by this validation alone: its table may place it where it is
    rather than copy it (`Table._columns_known`); `_fresh` says in which unit it was read."""
    columns: dict[str, list[tuple[int, Row, str, dict[str, Any] | None]]] = {}
    for n, row in enumerate(rows):
        # still its data until read here, whatever the field's type says
        for key, value in cast("dict[str, object]", row.cells).items():
            if type(value) is str:
                columns.setdefault(key, []).append((n, row, value, None))
            elif isinstance(value, dict):
                columns.setdefault(key, []).append((n, row, value["text"], value))
    problems: list[tuple[int, int, InitErrorDetails]] = []
    for key, printed in columns.items():
        scale, unit_of = here = units.get(key, unit)
        texts = [text for _, _, text, _ in printed]
        for (n, row, text, full), amount in zip(printed,
                                                parse_bare_integers(texts, scale, unit_of)):
            if amount is None:
                try:
                    amount = parse_amount(text, scale=scale, unit=unit_of, round_thousands=False)
                except AmountError as exc:
                    problems.append((n, list(row.cells).index(key), InitErrorDetails(
                        type=PydanticCustomError("invalid_amount", str(exc)),
                        loc=(n, "cells", key) if indexed else ("cells", key),
                        input=full if full is not None else text)))
                    continue
            if full is None:
                cell = Cell(text, row.line, amount)
            else:
                line = full.get("line")
                cell = Cell(text, row.line if line is None else line, amount, full.get("place"),
                            full.get("formula"))
            cell._fresh = here
            row.cells[key] = cell
    if problems:
        problems.sort(key=lambda problem: problem[:2])
        raise ValidationError.from_exception_data("Table", [p for *_, p in problems])


def _read_cell(text: str) -> Amount:
    fast = parse_bare_integer(text)
    return fast if fast is not None else _parse_or_raise(text, round_thousands=False)


def _read_in_unit(text: str, scale: int, unit: Unit) -> Amount:
    """A cell's text read in the unit its table states (a bare number takes the table's scale
    and unit)."""
    fast = parse_bare_integer(text, scale, unit)
    if fast is not None:
        return fast
    return _parse_or_raise(text, scale=scale, unit=unit, round_thousands=False)


def _parse_or_raise(text: str, **options: Any) -> Amount:
    try:
        return parse_amount(text, **options)
    except AmountError as exc:
        # Typed, so that a reader reports it as an invalid amount (BC904), not a shape error.
        raise PydanticCustomError("invalid_amount", str(exc)) from None


class Column(Frozen):
    key: Key
    label: str
    role: ColumnRole = "value"
    unit: Unit | None = Field(None, description="Unit of this column's bare figures when it is "
                              "not the table's: '%' for a column headed \"% change\".")


class Row(Frozen):
    key: Key
    label: str
    line: Line | None = Field(None, description="Line of the row's figures (default for its cells).")
    # Tuples with a shared empty default: a national budget has hundreds of thousands of rows.
    label_lines: tuple[Line, ...] = ()
    role: RowRole = "item"
    markers: tuple[str, ...] = Field((), description="Footnote markers: *, **, ...")
    sum_of: list[Key] | None = Field(
        None, description="For a subtotal or total: the rows it adds (default: the items above).")
    cells: dict[Key, Cell]
    readings: tuple[tuple[str, ...], ...] = Field(
        (), description="Other ways to group the figures of the row's line, one a column, that "
        "the reader could not rule out (French digit groups one space apart: \"10 216 400\" in "
        "two columns); the cells hold the grouping kept.")
    repairs: tuple[str, ...] = Field(
        (), description="Figures of the row printed with a stray space inside their grouping "
        "(\"4,059, 360\"), as printed; the cells hold them joined.")

    @model_validator(mode="after")
    def _cells_on_the_rows_line(self) -> Row:
        """`cells = { T1 = "17,6 M$" }` is short for a cell printed on the row's line, and so is
        a cell `{ text = "17,6 M$" }` that gives no line. A short cell is read by the row's
        table, a column at a time, or here, in plain dollars, for a row validated on its own."""
        if not _READ_BY_TABLE.get():
            _short_cells_read([self], {}, (0, "$"), indexed=False)
        return self


def _column_units(columns: list[Column], scale: int) -> dict[str, tuple[int, Unit]]:
    """The unit of each column that states its own; a column of percentages has no scale:
    "12.5" under "% change" is 12.5 %."""
    return {c.key: (0, c.unit) if c.unit == "%" else (scale, c.unit) for c in columns
            if c.unit is not None}


class Table(Frozen):
    id: Key
    number: int | None = None
    title: str
    line: Line | None = None
    scale: Literal[0, 3, 6, 9] = Field(0, description="Unit scale of figures printed without one "
                                       "(3 for a table 'in thousands of dollars').")
    unit: Unit = "$"
    precision: str | None = Field(
        None, description="Finest precision the table states, as a figure ('0,1 M$'); figures "
        "written with more digits are reported.")
    totals: Literal["declared", "inferred"] = Field(
        "declared", description="'declared': total rows add the items above them (or their "
        "`sum_of`), rule BC102. 'inferred': the checker finds what each total adds up, rule "
        "BC107 (statements read without rules).")
    columns: list[Column] = Field(min_length=1)
    rows: list[Row] = Field(min_length=1)

    @field_validator("rows", mode="wrap")
    @classmethod
    def _cells_in_table_unit(cls, rows: Any, handler: ValidatorFunctionWrapHandler,
                             info: ValidationInfo) -> Any:
        """Rows are validated knowing the table's scale and unit (fields before `rows`), and
        their short cells read in it, a column at a time."""
        unit = (info.data.get("scale", 0), info.data.get("unit", "$"))
        by_table = _READ_BY_TABLE.set(True)
        try:
            validated = handler(rows)
        finally:
            _READ_BY_TABLE.reset(by_table)
        _short_cells_read(validated, _column_units(info.data.get("columns") or [], unit[0]),
                          unit)
        return validated

    @model_validator(mode="after")
    def _columns_known(self) -> Table:
        known = {c.key for c in self.columns}
        if len(known) != len(self.columns):
            raise ValueError(f"table {self.id!r} has duplicate column keys")
        rows: dict[str, int] = {}
        for n, row in enumerate(self.rows):
            if row.key in rows:
                raise PydanticCustomError(
                    "duplicate_row_key",
                    f"duplicate row key {row.key!r} in table {self.id!r} (rows {rows[row.key]} "
                    f"and {n}): relations and baselines name rows by key, so each key must be "
                    "unique")
            rows[row.key] = n
        for row in self.rows:
            for member in row.sum_of or []:
                if member == row.key:
                    raise ValueError(f"row {row.key!r} lists itself in sum_of: a total cannot "
                                     "add itself")
                if member not in rows:
                    raise ValueError(f"row {row.key!r}: sum_of names {member!r}, which is not a "
                                     f"row of table {self.id!r}")
        for row in self.rows:
            unknown = set(row.cells) - known
            if unknown:
                raise ValueError(f"row {row.key!r} has cells for unknown columns "
                                 f"{sorted(unknown)}; the table's columns are {sorted(known)}")
        # Place every cell, in the table's unit. A cell the reader just made is placed where it
        # is (and was read in this unit, unless its row was validated on its own); any other (a
        # Row, and so its cells, may come from elsewhere, or be in another table too) is
        # replaced by a placed copy.
        unit = (self.scale, self.unit)
        units = _column_units(self.columns, self.scale)
        one_column = len(self.columns) == 1
        for row in self.rows:
            interned(row)
            cells = row.cells
            for key, cell in cells.items():
                here = units.get(key, unit)
                amount = None if cell._fresh == here else _read_in_unit(cell.text, *here)
                if cell._fresh:
                    cell._locate(self.id, row.key, key, one_column, amount)
                else:
                    cells[key] = cell.located(self.id, row.key, key, one_column, amount)
        return self

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)

    @property
    def value_columns(self) -> list[Column]:
        return [c for c in self.columns if c.role == "value"]

    @property
    def total_column(self) -> Column | None:
        return next((c for c in self.columns if c.role == "total"), None)


class ProseFigure(Frozen):
    """A figure printed in the prose or in a footnote, as the plan file writes it."""

    text: str = Field(max_length=200)
    line: Line
    hedge: str | None = Field(None, description="Hedge word as printed: environ, au moins, ...")
    unit: Unit | None = Field(None, description="Read the figure as this unit ('' for a ratio "
                              "such as '1,6 $ per dollar').")
    _amount: Amount = PrivateAttr()

    @model_validator(mode="after")
    def _parse(self) -> ProseFigure:
        if self.hedge is not None and self.hedge.lower() not in HEDGE_WORDS:
            raise ValueError(f"unknown hedge {self.hedge!r}; known: {', '.join(HEDGE_WORDS)}")
        amount = _parse_or_raise(self.text)
        self._amount = amount if self.unit is None else amount.with_unit(self.unit)
        return self

    @property
    def amount(self) -> Amount:
        return self._amount

    @property
    def hedge_kind(self) -> Hedge | None:
        return HEDGE_WORDS[self.hedge.lower()] if self.hedge else None


class Footnote(Frozen):
    id: Key
    table: Key | None = None
    marker: str
    text: str
    line: Line
    figures: dict[Key, ProseFigure] = Field(default_factory=dict)


class Claim(Frozen):
    """A statement of the prose that the figures must support."""

    id: Key
    kind: ClaimKind
    text: str
    lines: list[Line] = Field(min_length=1)
    figures: dict[Key, ProseFigure] = Field(default_factory=dict)
    relation: str = Field(max_length=2000, description="Expression over the claim's figures "
                          "(by name) and any figure of the plan.")
    also: list[str] = Field(default_factory=list, description="For a target: further relations "
                            "to the tables, reported together with `relation`.")
    unknown: Key | None = Field(None, description="A quantity the claim implies but does not "
                                "print; the checker solves for it.")
    unknown_label: str | dict[Lang, str] | None = Field(
        None, description="What reports call the unknown (\"Scale AI's spending\"), one text or "
        "one per language; its key otherwise.")
    candidates: list[str] = Field(default_factory=list, description="Expressions for figures the "
                                  "unknown could be, reported with the value they would give.")
    scope: str | dict[Lang, str] | None = Field(
        None, description="For a target: why it may differ from the tables (a difference of "
        "scope is a warning, not an error); one text, or one per language: "
        "{ fr = \"…\", en = \"…\" }.")

    def scope_in(self, lang: Lang) -> str | None:
        """The scope note in `lang`, else in the other language, else none."""
        return _in_language(self.scope, lang)

    def unknown_in(self, lang: Lang) -> str | None:
        """What the unknown is called in `lang`: its label, else its key."""
        return _in_language(self.unknown_label, lang) or self.unknown
    located: bool = Field(True, description="False when a rules file's claim could not be found "
                          "in the document it was applied to.")
    inferred: bool = Field(False, description="True for a claim the reader found in the prose "
                           "itself, with no rules file: its findings are marked inferred.")
    uncertain: bool = Field(False, description="True for a reading the checker is not sure "
                            "of (which figures are the parts of which whole): when it fails, "
                            "it is a warning, not an error.")


def _in_language(text: str | dict[Lang, str] | None, lang: Lang) -> str | None:
    """A text given once or per language: in `lang`, else in the other, else None."""
    if isinstance(text, dict):
        return text.get(lang) or next(iter(text.values()), None)
    return text


class Relation(Frozen):
    """A declared relation between figures: a cross-table or footnote check."""

    id: Key
    expr: str = Field(max_length=2000)
    description: str = ""
    footnote: Key | None = None


class Plan(Frozen):
    """A plan: its metadata (`plan`), its tables, the footnotes that say what includes or
    excludes what, the claims of its prose and the relations declared between its figures.

    Frozen and validated: every figure is read with its precision when the plan is built, and
    every relation and claim resolves (`budgetcheck.load` checks them). Build one with
    `Plan.model_validate(data)` from the plan-file format (`budgetcheck schema`)."""

    plan: Meta
    tables: list[Table] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> Plan:
        seen: dict[str, str] = {}
        for kind, items in (("table", self.tables), ("footnote", self.footnotes),
                            ("claim", self.claims), ("relation", self.relations)):
            for item in items:
                if item.id in seen:
                    raise ValueError(f"{kind} id {item.id!r} is already used by a {seen[item.id]}")
                seen[item.id] = kind
        return self

    def table(self, table_id: str) -> Table | None:
        return next((t for t in self.tables if t.id == table_id), None)
