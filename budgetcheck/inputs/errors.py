"""The errors of inputs that cannot be checked and outputs that cannot be written: one class per
code (BC901-BC908, and BC104 found while a plan is validated), each with its documentation.

The readers raise these; the rule catalogue reads their documentation (`budgetcheck explain BC904`),
so a code's words live in one place. `str()` of any of them is the one line a user sees:
`file:line: CODE data.path: message`.
"""

from __future__ import annotations

import inspect
from typing import ClassVar

from budgetcheck.util.oneline import printable


class PlanError(Exception):
    """A plan that cannot be checked, or an output that cannot be written.

    `path` is the file, `message` what is wrong with it, `line` the line it maps to (when
    known) and `data_path` the place in the data (`tables.0.rows.2.cells.T1`). The subclass says
    which code it is; `PlanError` itself is the schema violation (BC903) of older callers."""

    code: ClassVar[str] = "BC903"
    name: ClassVar[str] = "schema-violation"

    def __init__(self, path: str, message: str, *, line: int | None = None,
                 data_path: str | None = None) -> None:
        super().__init__(message)
        self.path, self.message, self.line, self.data_path = path, message, line, data_path

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt with its keywords when it crosses a process boundary (check --jobs).
        return (_rebuild, (type(self), self.path, self.message, self.line, self.data_path))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        at = f"{self.data_path}: " if self.data_path else ""
        # The checker's own messages may wrap; a key or a file name is shown escaped.
        return printable(f"{where}: {self.code} {at}{self.message}".replace("\n", " "))

    @classmethod
    def documentation(cls) -> str:
        """The class's doc as `budgetcheck explain` shows it (what it does / why / example)."""
        return inspect.cleandoc(cls.__doc__ or "")


def _rebuild(kind: type[PlanError], path: str, message: str, line: int | None,
             data_path: str | None) -> PlanError:
    return kind(path, message, line=line, data_path=data_path)


class UnreadableInput(PlanError):
    """The file cannot be read as a plan.

    ## What it does
    Reports a path that does not exist, a directory without plan files, a file that cannot be
    read, is not UTF-8 text, is empty, or is larger than the input limit (the message states the
    limit), and a file type no reader knows.

    ## Why
    Pre-commit runs on whatever is committed; the checker must say in one line what is wrong
    with which file, and exit with status 2, rather than fail with a traceback.

    ## Example
        budgetcheck check plan.toml   ->   plan.toml: BC901 file is not UTF-8 text (byte 0xff at offset 12)
    """

    code = "BC901"
    name = "unreadable-input"


class SyntaxViolation(PlanError):
    """The plan file is not valid TOML or JSON.

    ## What it does
    Reports the parser's message with the line (and column) where parsing stopped.

    ## Why
    A plan that does not parse cannot be checked at all; the line saves the author a search.

    ## Example
        plan.toml:12: BC902 invalid TOML: Expected '=' after a key in a key/value pair (at line 12, column 9)
    """

    code = "BC902"
    name = "syntax-error"


class SchemaViolation(PlanError):
    """The plan file parses but does not have the plan's shape.

    ## What it does
    Reports wrong types, unknown keys (typos), missing required fields, duplicate ids and
    figures that cannot be read, with the data path (tables.2.rows.5.cells.T1) and the line it
    maps to.

    ## Why
    Unknown keys are usually typos that would silently drop a figure from every check.

    ## Example
        plan.toml:40: BC903 tables.0.rows.2.celss: unknown key (a typo?); this key is not part of the plan format
    """

    code = "BC903"
    name = "schema-violation"


class InvalidAmount(PlanError):
    """A figure cannot be read as an amount.

    ## What it does
    Reports figure texts with no number, unknown units ("12 Z$"), badly grouped digits
    ("1 23 456"), or numbers beyond what any budget needs (more than 30 digits, beyond 10^18).

    ## Why
    A figure the checker cannot read would otherwise drop out of every total it belongs to.

    ## Example
        plan.toml:33: BC904 tables.0.rows.1.cells.T1.text: unknown unit 'Z$' in '1,5 Z$'
    """

    code = "BC904"
    name = "invalid-amount"


class InvalidExpression(PlanError):
    """A relation or claim uses something outside the relation language.

    ## What it does
    Relations are parsed with Python's `ast` and rebuilt from an allow-list (+, -, *, /, sum(),
    comparisons, references, amounts). Attribute access, calls, lambdas, comprehensions, `**`,
    names starting with `__` and over-long or over-deep expressions are refused by name.

    ## Why
    Rule files come from many hands; an expression must never be able to run code.

    ## Example
        relations.0.expr: '__import__('os')': function calls other than sum() are not allowed
    """

    code = "BC905"
    name = "invalid-expression"


class UnknownReference(PlanError):
    """A relation names a table, row, column or figure the plan does not have.

    ## What it does
    Resolves every reference of every relation and claim when the plan is loaded.

    ## Why
    A reference to a renamed row would otherwise make a check silently vanish.

    ## Example
        relations.3.expr: t4[autre]: table 't4' has no row 'autre'
    """

    code = "BC906"
    name = "unknown-reference"


class UnitMismatchError(PlanError):
    """A relation adds or compares dollars with a pure number.

    ## What it does
    Checks the units of both sides of every relation when the plan is loaded: dollars with
    dollars, ratios and percentages with pure numbers.

    ## Why
    "t1[total] == 95 %" compares money with a share; it is a mistake in the rule, not in the
    plan.

    ## Example
        relations.0.expr: '+' mixes dollars and a pure number (ratio or percentage)
    """

    code = "BC907"
    name = "unit-mismatch"


class OutputNotWritten(PlanError):
    """The report, baseline or schema cannot be written.

    ## What it does
    Reports an `-o` or `--write-baseline` path that is a directory, lies in a directory that
    does not exist, or cannot be written, before anything is written (exit status 2).

    ## Why
    The checker writes only what it is asked to write, and only whole files: it writes a
    temporary file beside the target and renames it, so an interrupted run leaves the old file
    intact.

    ## Example
        budgetcheck check -o reports/   ->   reports: BC908 is a directory; give a file name ...
    """

    code = "BC908"
    name = "output-not-written"


class DuplicateRowKey(SchemaViolation):
    """Two rows of one table share a key.

    ## What it does
    Refuses, when the plan is loaded (exit status 2), a table where two rows have the same key,
    naming the key and both rows.

    ## Why
    Relations and baselines name figures by (table, row, column); with two rows of the same key
    a reference would silently point at one of them, and a check could pass on the wrong
    figure. Documents read without rules get unique keys ("other", "other_2"), so only plan
    files can trip this.

    ## Example
        [[tables.rows]] key = "phase1" ... [[tables.rows]] key = "phase1"
        plan.toml:40: BC104 tables.0: duplicate row key 'phase1' in table 't1' (rows 0 and 3): ...
    """

    code = "BC104"
    name = "duplicate-row-key"


#: Every input and output error, in code order: the catalogue documents them from here.
INPUT_ERRORS: tuple[type[PlanError], ...] = (
    DuplicateRowKey, UnreadableInput, SyntaxViolation, SchemaViolation, InvalidAmount,
    InvalidExpression, UnknownReference, UnitMismatchError, OutputNotWritten)
