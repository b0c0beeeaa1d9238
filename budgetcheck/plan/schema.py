"""The JSON Schema of the plan file format, as `budgetcheck schema` prints it."""

from __future__ import annotations

from budgetcheck.plan.model import Plan
from budgetcheck.util.jsontext import json_text
from budgetcheck.util.version import __version__

SCHEMA_ID = "https://budgetcheck.invalid/schema/plan-1.json"


def schema_text() -> str:
    schema = Plan.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
              "title": "budgetcheck plan", "description": f"Plan file format (budgetcheck "
              f"{__version__}): tables of printed figures, footnotes, claims and relations.",
              **{k: v for k, v in schema.items() if k != "title"}}
    return json_text(schema)
