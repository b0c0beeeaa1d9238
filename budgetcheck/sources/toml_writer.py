"""Write a plan as TOML in the fixture's layout (the standard library reads TOML, not writes it)."""

from __future__ import annotations

import json
from typing import Any

from budgetcheck.plan.model import Plan
from budgetcheck.util.oneline import printable


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _string(text: str) -> str:
    """A TOML basic string: JSON escapes what TOML forbids but DEL, which TOML forbids too."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _key(key: str) -> str:
    return key if key.replace("_", "").replace("-", "").isalnum() and key.isascii() else \
        _string(key)


def _table(lines: list[str], header: str, data: dict[str, Any]) -> None:
    lines.append(header)
    for key, value in data.items():
        lines.append(f"{_key(key)} = {_value(value)}")
    lines.append("")


def plan_toml(plan: Plan, schema: str | None = "../docs/plan.schema.json") -> str:
    data = plan.model_dump(exclude_defaults=True)
    lines = [f"#:schema {schema}"] if schema else []
    # A comment ends at the line's end: a file name holding a line break must not end it.
    lines.append(f"# Extracted by budgetcheck from {printable(plan.plan.source)}")
    lines.append("")
    _table(lines, "[plan]", data["plan"])
    for table in data.get("tables", []):
        rows = table.pop("rows")
        _table(lines, "[[tables]]", table)
        for row in rows:
            cells = row.pop("cells")
            row["cells"] = {k: (c["text"] if c.get("line") == row.get("line")
                                and "place" not in c and "formula" not in c else c)
                            for k, c in cells.items()}
            _table(lines, "[[tables.rows]]", row)
    for section in ("footnotes", "relations", "claims"):
        for item in data.get(section, []):
            _table(lines, f"[[{section}]]", item)
    return "\n".join(lines).rstrip() + "\n"
