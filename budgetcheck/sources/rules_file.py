"""`--rules FILE`: the relations and claims of one plan file applied to another plan's figures.

References are by table id and row key (never by line), so next year's plan, a translated plan or
an edited copy is checked with the same rules. The rules file can be a whole plan file (its tables
are ignored) or a file of just `[[relations]]`, `[[claims]]` and `[[footnotes]]`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from budgetcheck.inputs.errors import PlanError
from budgetcheck.plan.model import Claim, Footnote, Frozen, Meta, Plan, Relation, Table
from budgetcheck.sources.locate import line_of
from budgetcheck.sources.toml_json import (
    check_expressions,
    parse_data,
    read_text,
    refuse_too_many_relations,
)


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
    try:
        return RulesFile.model_validate(data), text, fmt
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        loc = list(error["loc"])
        raise PlanError(shown, str(error["msg"]).removeprefix("Value error, "),
                        line=line_of(text, loc, fmt), data_path=".".join(map(str, loc))) from None


def merge(plan: Plan, rules: RulesFile) -> Plan:
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
    return Plan.model_validate(data)


def apply_rules(plan: Plan, rules_path: str | Path) -> Plan:
    rules, text, fmt = read_rules(rules_path)
    try:
        merged = merge(plan, rules)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        raise PlanError(str(rules_path), str(error["msg"]).removeprefix("Value error, "),
                        data_path=".".join(map(str, error["loc"]))) from None
    # The plan's own and the rules' together are held to the one limit.
    refuse_too_many_relations({"relations": merged.relations, "claims": merged.claims},
                              str(rules_path))
    # References are resolved against the plan's tables; errors point into the rules file.
    check_expressions(merged, text, fmt, str(rules_path),
                      offsets={"relations": len(merged.relations) - len(rules.relations),
                               "claims": len(merged.claims) - len(rules.claims)})
    return merged
