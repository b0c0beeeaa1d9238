"""Findings and the report: what a check found, with where every figure involved was printed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    SerializerFunctionWrapHandler,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_serializer,
    model_serializer,
)

Severity = Literal["error", "warning", "note"]
SEVERITY_ORDER = {"note": 0, "warning": 1, "error": 2}


def plain_decimal(value: Any) -> Any:
    """Exact decimals as plain strings: "96400000", never "9.64E+7", no trailing zeros."""
    if isinstance(value, (Decimal, int)) or isinstance(value, str):
        try:
            number = Decimal(value)
        except InvalidOperation:
            return value
        if not number.is_finite():
            return None
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -10:
            number = number.quantize(Decimal("1e-10"))  # a quotient: ten places are plenty
        text = format(number, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return value


DecimalText = Annotated[str, BeforeValidator(plain_decimal)]


class FigureRef(NamedTuple):
    """One printed figure a finding involves. A named tuple, not a model: a note on a column
    total lists every figure of the column, and a national budget has thousands of such notes."""

    ident: str
    text: str
    line: int | None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    place: str | None = None  # where a workbook or a PDF shows it: "Budget!C12"


def _refs_as_given(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """A list the checker built of `FigureRef`s is kept as it is: validating each of its tuples
    again cost more than the rest of a note on a column of 200 figures. Anything else (a report
    read back from JSON, a list of dicts) is validated field by field."""
    if type(value) is list and all(type(ref) is FigureRef for ref in value):
        return value
    return handler(value)


class Finding(BaseModel):
    """One discrepancy: its rule `code` and `name`, `severity`, the `message` in the report's
    language, the document (`path`) and the `lines` of every figure involved (`line` the one it
    is about), the `table`/`row`/`column` it concerns, the `stated` and `computed` values and
    the `allowed` interval (plain decimal strings, exact), the `hints` of what slip would
    explain it, the `relation` judged and the `figures` it involves. `inferred` marks a
    relation the checker found itself (BC107, BC108)."""

    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    severity: Severity
    message: str
    path: str
    lines: list[int]
    line: int | None = Field(None, description="The line of the figure the finding is about "
                             "(the stated side); `lines` lists every figure involved.")
    table: str | None = None
    row: str | None = None
    column: str | None = None
    stated: DecimalText | None = None
    computed: DecimalText | None = None
    difference: DecimalText | None = None
    allowed: tuple[DecimalText | None, DecimalText | None] | None = Field(
        default=None, description="Where the stated value may lie for the relation to hold; a side "
        "is null when it has no bound (a hedged figure: \"au moins 6 M$\" may be printed "
        "at most 5,6 M$ when the parts give 5 M$).")
    hints: list[str] = Field(default_factory=list)
    relation: str | None = None
    subject: str = Field("", description="What was checked: a row, a column, a relation id.")
    inferred: bool = False
    figures: Annotated[list[FigureRef], WrapValidator(_refs_as_given)] = Field(
        default_factory=list)
    place: str | None = Field(default=None, description="Where a workbook or a PDF shows the "
                              "figure the finding is about, when a line is not all: "
                              "\"Budget!C12\" (the sheet and cell).")

    #: What builds the `DEFERRED` fields of a finding made by `deferred`, until they are read.
    _pending: Callable[[], Finding] | None = PrivateAttr(None)

    @classmethod
    def deferred(cls, build: Callable[[], Finding], **given: Any) -> Finding:
        """A finding whose wording, quoted numbers and figures (`DEFERRED`) are built by
        `build` when first read: a note a check hides (`-q`) or a baseline drops costs what its
        identity costs. `given` is every other field, as validated values; `build` returns the
        whole finding, and its other fields must agree with `given`."""
        finding = cls.__new__(cls)
        object.__setattr__(finding, "__dict__", {**_EAGER_DEFAULTS, **given})
        object.__setattr__(finding, "__pydantic_fields_set__", {*given, *DEFERRED})
        object.__setattr__(finding, "__pydantic_extra__", None)
        object.__setattr__(finding, "__pydantic_private__", {"_pending": build})
        return finding

    def _complete(self) -> None:
        """Build the deferred fields, once."""
        private = self.__pydantic_private__
        build = private.get("_pending") if private is not None else None
        if private is None or build is None:
            return
        built, given = build().__dict__, self.__dict__
        # In the fields' order, which is the order they are serialised in.
        object.__setattr__(self, "__dict__", {name: given[name] if name in given else built[name]
                                              for name in type(self).model_fields})
        private["_pending"] = None

    if not TYPE_CHECKING:  # to mypy a finding has its declared fields, not any attribute
        def __getattr__(self, name: str) -> Any:
            if name in DEFERRED and self.__pydantic_private__.get("_pending") is not None:
                self._complete()
                return self.__dict__[name]
            return super().__getattr__(name)

    # Whatever reads a finding whole reads it built: serialising, comparing, printing, pickling.
    @model_serializer(mode="wrap")
    def _built(self, handler: SerializerFunctionWrapHandler) -> Any:
        self._complete()
        return handler(self)

    def __eq__(self, other: object) -> bool:
        self._complete()
        if isinstance(other, Finding):
            other._complete()
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]  # its lists make it unhashable anyway

    def __repr_args__(self) -> Any:
        self._complete()
        return super().__repr_args__()

    def __getstate__(self) -> dict[Any, Any]:
        self._complete()
        return super().__getstate__()

    def __iter__(self) -> Iterator[tuple[str, Any]]:  # type: ignore[override]  # the same iterator, built first
        self._complete()
        return super().__iter__()

    @field_serializer("figures")
    def _figures_as_objects(self, figures: list[FigureRef]) -> list[dict[str, Any]]:
        # as when FigureRef was a model: {ident, text, ...}; a place only where there is one
        shown = [f._asdict() for f in figures]
        for data in shown:
            if data["place"] is None:
                del data["place"]
        return shown

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """Identity that survives edits elsewhere in the file (used by baselines)."""
        return (self.path, self.code, self.table or "", self.row or "",
                self.column or self.subject)


#: The fields of a `Finding.deferred` built when first read.
DEFERRED = ("message", "stated", "computed", "difference", "allowed", "hints", "figures")
#: The defaults of the other fields, which a deferred finding holds from the start.
_EAGER_DEFAULTS = {name: field.default for name, field in Finding.model_fields.items()
                   if name not in DEFERRED and not field.is_required()}


class Passed(BaseModel):
    model_config = ConfigDict(frozen=True)
    code: str
    subject: str
    relation: str | None = None
    inferred: bool = False
    line: int | None = None
    lines: list[int] = Field(default_factory=list)
    table: str | None = None
    row: str | None = None
    column: str | None = None


class Summary(BaseModel):
    errors: int = 0
    warnings: int = 0
    notes: int = 0
    passed: int = 0
    inferred: int = Field(0, description="Checks of relations the checker inferred (BC107), "
                          "whatever their verdict.")
    accepted: int = Field(0, description="Findings a baseline accepted, and so not reported.")
    hidden: int = Field(0, description="Findings below the severity `--show` reports.")


class Report(BaseModel):
    """What `check` found in one plan: the `findings` (errors, warnings and notes, in line
    order) and the checks that `passed`, with the `document`, the `plan_file` named, the
    `language` of the messages and the `mode`. `summary` counts them; `errors`, `warnings`,
    `notes` and `at_least(severity)` select them."""

    document: str
    plan_file: str | None = None
    language: Literal["fr", "en"]
    mode: str
    findings: list[Finding]
    passed: list[Passed] = Field(default_factory=list)
    accepted: int = Field(default=0, description="Findings left out because a baseline "
                          "accepts them.")
    hidden: int = Field(default=0, description="Findings left out because they are below the "
                        "severity shown (`--show`).")

    @property
    def summary(self) -> Summary:
        count = {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITY_ORDER}
        return Summary(errors=count["error"], warnings=count["warning"], notes=count["note"],
                       passed=len(self.passed),
                       inferred=sum(1 for x in self._checks() if x.inferred),
                       accepted=self.accepted, hidden=self.hidden)

    def shown(self, severity: Severity) -> Report:
        """The report with only the findings of `severity` or above (`--show`), the others
        counted in `hidden`."""
        kept = self.at_least(severity)
        if len(kept) == len(self.findings):
            return self
        return self.model_copy(update={"findings": kept,
                                       "hidden": self.hidden + len(self.findings) - len(kept)})

    def _checks(self) -> list[Finding | Passed]:
        return [*self.findings, *self.passed]

    @property
    def inferred(self) -> list[Finding | Passed]:
        """Every check of an inferred relation, passed or not, in line order."""
        return sorted((x for x in self._checks() if x.inferred),
                      key=lambda x: (x.line or 0, x.subject))

    def at_least(self, severity: Severity) -> list[Finding]:
        floor = SEVERITY_ORDER[severity]
        return [f for f in self.findings if SEVERITY_ORDER[f.severity] >= floor]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def notes(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "note"]
