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


#: The severities as `explain` and `rules` write them in French.
_SEVERITY_FR = {"error": "erreur", "warning": "avertissement", "note": "remarque"}


def doc_in(found: Rule, lang: str) -> str:
    """A rule's documentation in `lang` (French when it has it; English otherwise)."""
    if lang == "fr":
        from budgetcheck.rules.docs_fr import DOCS

        return DOCS.get(found.code, found.doc)
    return found.doc


def summary_in(found: Rule, lang: str) -> str:
    """A rule's one-sentence summary in `lang` (its doc's first paragraph)."""
    if lang != "fr" or found.doc == doc_in(found, lang):
        return found.summary
    return doc_in(found, lang).strip().split("\n\n")[0].replace("\n", " ")


def explain(code: str, lang: str = "en") -> str:
    found = get(code)
    if found is None:
        raise KeyError(code)
    if lang == "fr":
        severity = _SEVERITY_FR.get(found.severity, found.severity)
        return (f"{found.code} ({found.name}) — sévérité habituelle : {severity}\n\n"
                f"{doc_in(found, lang)}\n")
    return f"{found.code} ({found.name}) — usual severity: {found.severity}\n\n{found.doc}\n"


def markdown_table() -> str:
    """The catalogue as the README's rule table: code, slug, usual severity, summary."""
    rows = ["| code | name | severity | what it reports |", "|---|---|---|---|"]
    for code, found in sorted(load_builtin_rules().items()):
        summary = found.summary.replace("|", "\\|")
        rows.append(f"| {code} | `{found.name}` | {found.severity} | {summary} |")
    return "\n".join(rows) + "\n"
