"""The library's entry points for auditors: load a plan from a path, find plans in a folder.

`load` is the whole reading pipeline in one place: the reader of the file's format reads and
validates it (merging a rules file when one is given), then every relation and claim is checked
to be one the rules can judge.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from budgetcheck.inputs.errors import (
    InvalidExpression,
    PlanError,
    UnitMismatchError,
    UnknownReference,
    UnreadableInput,
)
from budgetcheck.judge.expressions import first_expression_problem
from budgetcheck.judge.types import UnitMismatch
from budgetcheck.plan.figures import ReferenceError_
from budgetcheck.plan.model import Plan
from budgetcheck.sources.origin import Read
from budgetcheck.sources.registry import READERS, is_plan_in_folder, known_suffixes, reader_for

BUNDLED_PLAN = "scale-ai-2023-2024.toml"


def bundled_plan_path() -> Path:
    """The Scale AI 2023-2024 plan shipped with the package (what `budgetcheck check` checks)."""
    return Path(str(resources.files("budgetcheck") / "data" / BUNDLED_PLAN))


def load(path: str | Path, rules: str | Path | None = None) -> Plan:
    """Load a plan file or a plan document, ready to `check`.

    `path` is a plan file (`.toml`, `.json`) or a document (`.txt`, `.md`, ...); the suffix
    chooses the reader. `rules` is an optional rules file (TOML or JSON) whose relations and
    claims are added to the plan's (replacing those of the same id), and whose tables tell a
    document's reader the row keys to use. Raises a `PlanError` (its subclass names the code,
    BC901-BC907) with the file, the line and the data path of the first problem."""
    path = Path(path)
    reader = reader_for(path)
    if reader is None and path.is_file():
        raise UnreadableInput(str(path), f"unsupported file type {path.suffix or '(none)'!r}; "
                              f"budgetcheck reads {known_suffixes()}")
    if reader is None:  # missing, a directory, a FIFO...: the plan-file reader says which
        reader = READERS[0]
    return checked(reader.read(path, rules))


def checked(read: Read) -> Plan:
    """The plan a reader read, once every expression in it has been parsed, resolved and
    unit-checked; else the error of the first that cannot be, located where it was written."""
    problem = first_expression_problem(read.plan)
    if problem is None:
        return read.plan
    loc, exc = problem
    kind: type[PlanError] = (UnknownReference if isinstance(exc, ReferenceError_) else
                             UnitMismatchError if isinstance(exc, UnitMismatch) else
                             InvalidExpression)
    shown, line, data_path = read.origin.locate(loc)
    raise kind(shown, str(exc), line=line, data_path=data_path)


def find_plans(directory: str | Path) -> list[Path]:
    """Plan files below a directory, in path order: the files a reader recognises as plans
    (.toml with a [plan] table, .json with "plan" and "tables"), hidden folders left out."""
    directory = Path(directory)
    return [candidate for candidate in sorted(directory.rglob("*"))
            if not any(part.startswith(".") for part in candidate.relative_to(directory).parts)
            and candidate.is_file() and is_plan_in_folder(candidate)]
