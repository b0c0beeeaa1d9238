"""`--rules FILE`: the relations and claims of one plan file applied to another plan's figures.

References are by table id and row key (never by line), so next year's plan, a translated plan or
an edited copy is checked with the same rules. The rules file can be a whole plan file (its tables
are ignored) or a file of just `[[relations]]`, `[[claims]]` and `[[footnotes]]`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field

from budgetcheck.plan.model import Claim, Footnote, Frozen, Meta, Plan, Relation, Table
from budgetcheck.sources.data import (
    parse_data,
    read_text,
    refuse_too_many_relations,
)
from budgetcheck.sources.origin import Origin, Read
from budgetcheck.sources.validation import validated


class RulesFile(Frozen):
    plan: Meta | None = None
    tables: list[Table] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)


def read_rules(path: str | Path) -> tuple[RulesFile, str, str]:
    path = Path(path)
    shown = str(path)
    fmt = "json" if path.suffix.lower() == ".json" else "toml"
    text = read_text(path)
    data: Any = parse_data(text, fmt, shown)
    refuse_too_many_relations(data, shown)
    return validated(RulesFile, data, shown, text, fmt), text, fmt


def merge(plan: Plan, rules: RulesFile, shown: str) -> Plan:
    """The plan's own footnotes stay (they are the document's); the rules' relations and claims
    replace the plan's by id and are added otherwise."""
    def by_id(own: list[Any], extra: list[Any]) -> list[Any]:
        replaced = {item.id for item in extra}
        return [item for item in own if item.id not in replaced] + list(extra)

    own_notes = {n.id for n in plan.footnotes}
    footnotes = plan.footnotes + [n for n in rules.footnotes if n.id not in own_notes]
    data = plan.model_dump()
    data.update(footnotes=[n.model_dump() for n in footnotes],
                claims=[c.model_dump() for c in by_id(plan.claims, rules.claims)],
                relations=[r.model_dump() for r in by_id(plan.relations, rules.relations)])
    return validated(Plan, data, shown)


def apply_rules(read: Read, rules_path: str | Path) -> Read:
    """A plan with a rules file's relations and claims merged in; an expression of the rules is
    then located in the rules file, one of the plan's own in the plan file."""
    rules, text, fmt = read_rules(rules_path)
    merged = merge(read.plan, rules, str(rules_path))
    # The plan's own and the rules' together are held to the one limit.
    refuse_too_many_relations({"relations": merged.relations, "claims": merged.claims},
                              str(rules_path))
    kept = {"relations": _kept(read.plan.relations, rules.relations),
            "claims": _kept(read.plan.claims, rules.claims)}
    return Read(merged, Origin(str(rules_path), text, fmt, kept, read.origin))


def _kept(own: list[Any], extra: list[Any]) -> list[int]:
    """The indices of the plan's own items that the rules do not replace (`merge` keeps them
    first, in order)."""
    replaced = {item.id for item in extra}
    return [i for i, item in enumerate(own) if item.id not in replaced]
