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
    read = read_plan_text(read_text(path), fmt, str(path))
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


