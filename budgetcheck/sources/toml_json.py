"""The reader of plan files (TOML or JSON): a validated `Plan`, with a rules file's relations and
claims merged in when one is given, or one input error. The plan's expressions are checked by the
loader (`api.load`) once the plan is read, with every other reader's.
"""

from __future__ import annotations

from pathlib import Path

from budgetcheck.inputs.errors import SchemaViolation
from budgetcheck.plan.model import Plan
from budgetcheck.sources.data import (
    parse_data,
    read_text,
    refuse_too_many_figures_in,
    refuse_too_many_relations,
)
from budgetcheck.sources.origin import Origin, Read
from budgetcheck.sources.rules_file import apply_rules
from budgetcheck.sources.validation import validated


def read_plan(path: str | Path, rules: str | Path | None = None) -> Read:
    """Read, parse and validate a TOML or JSON plan file, with the relations and claims of a
    rules file merged in when one is given."""
    path = Path(path)
    fmt = "json" if path.suffix.lower() == ".json" else "toml"
    read = _document_beside(read_plan_text(read_text(path), fmt, str(path)), path)
    if rules is None:
        return read
    return apply_rules(read, rules)


def read_plan_text(text: str, fmt: str, shown: str) -> Read:
    data = parse_data(text, fmt, shown)
    if not isinstance(data, dict):
        raise SchemaViolation(shown, "the top level must be a table of plan, tables, ...")
    refuse_too_many_figures_in(data, shown)  # before validation, which costs per figure
    refuse_too_many_relations(data, shown)
    plan = validated(Plan, data, shown, text, fmt)
    return Read(plan, Origin(shown, text, fmt))




def _document_beside(read: Read, path: Path) -> Read:
    """A plan file's `source` names its document; a relative one that is a file beside the plan
    file (`source = "report.txt"` in `plans/report.toml`) is cited by the path that reaches it
    from here (`plans/report.txt`), so a finding names a file the user can open: the bundled
    plan's document is installed beside it. Any other source is kept as written."""
    source = read.plan.plan.source
    try:
        beside = path.parent / source
        if not source or Path(source).is_absolute() or "://" in source or not beside.is_file():
            return read
    except (OSError, ValueError):  # not a path this system can have: a title, a NUL...
        return read
    meta = read.plan.plan.model_copy(update={"source": str(beside)})
    return Read(read.plan.model_copy(update={"plan": meta}), read.origin)
