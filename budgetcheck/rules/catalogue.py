"""The whole catalogue: the built-in rule modules and the plugins' rules, loaded into the registry,
and the documentation of a code (`budgetcheck explain`)."""

from __future__ import annotations

import sys
from importlib.metadata import entry_points
from typing import Any

from budgetcheck.rules import (
    across,
    claims,
    difference,
    formulas,
    inferred,
    inputs,
    reading,
    relations,
    structure,
)
from budgetcheck.rules.registry import REGISTRY, Rule, codes_of, rule

#: The modules whose import registers the built-in rules.
BUILTIN_MODULES = (across, claims, difference, formulas, inferred, inputs, reading, relations,
                   structure)


def load_builtin_rules() -> dict[str, Rule]:
    """The registry, with every built-in rule in it (they register when their module is
    imported, which this module does)."""
    return REGISTRY


def load_plugin_rules() -> list[str]:
    """Register rules from the `budgetcheck.rules` entry-point group; returns their codes.

    Entry points are looked up once per import path: reading every installed distribution's
    metadata costs more than checking a plan, and a batch checks thousands of plans."""
    key = tuple(sys.path)
    if key not in _PLUGINS_BY_PATH:
        _PLUGINS_BY_PATH[key] = _find_plugin_rules()
    return list(_PLUGINS_BY_PATH[key])


_PLUGINS_BY_PATH: dict[tuple[str, ...], list[str]] = {}


def _find_plugin_rules() -> list[str]:
    codes = []
    for entry in entry_points(group="budgetcheck.rules"):
        function: Any = entry.load()
        own = codes_of(function)
        if not own:  # a plain function: registered under its entry point's name
            own = [f"X-{entry.name}"]
            rule(own[0], entry.name, "warning")(function)
        codes.extend(own)
    return codes


def get(code: str) -> Rule | None:
    load_builtin_rules()
    return REGISTRY.get(code.upper())


def explain(code: str) -> str:
    found = get(code)
    if found is None:
        raise KeyError(code)
    return f"{found.code} ({found.name}) — usual severity: {found.severity}\n\n{found.doc}\n"


def markdown_table() -> str:
    """The catalogue as the README's rule table: code, slug, usual severity, summary."""
    rows = ["| code | name | severity | what it reports |", "|---|---|---|---|"]
    for code, found in sorted(load_builtin_rules().items()):
        summary = found.summary.replace("|", "\\|")
        rows.append(f"| {code} | `{found.name}` | {found.severity} | {summary} |")
    return "\n".join(rows) + "\n"
