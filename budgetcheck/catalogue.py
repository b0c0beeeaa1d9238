"""The rule catalogue is data: `budgetcheck rules`, `explain`, SARIF metadata and the docs read it.

A rule is a plain function `(plan, ctx) -> Iterable[Finding | Passed]`, registered with `@rule`.
Third-party packages register theirs the same way, or expose such a function (decorated or not)
in the `budgetcheck.rules` entry-point group.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable

if TYPE_CHECKING:
    from .engine import Context
    from .model import Plan
    from .report import Finding, Passed, Severity

RuleFunction = Callable[["Plan", "Context"], "Iterable[Finding | Passed]"]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str  # the usual severity; a rule may report notes and warnings too
    doc: str
    check: RuleFunction | None = None

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name


REGISTRY: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity = "error") -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under a stable code and a slug name."""

    def register(function: RuleFunction) -> RuleFunction:
        if code in REGISTRY and REGISTRY[code].check is not function:
            raise ValueError(f"rule code {code} is already registered to {REGISTRY[code].name}")
        REGISTRY[code] = Rule(code, name, severity, inspect.cleandoc(function.__doc__ or ""),
                              function)
        function.budgetcheck_code = code  # type: ignore[attr-defined]
        return function

    return register


def input_rule(code: str, name: str, doc: str) -> None:
    """Input problems are found by the loader, not by a rule function; they are documented here."""
    REGISTRY[code] = Rule(code, name, "error", inspect.cleandoc(doc))


def load_builtin_rules() -> dict[str, Rule]:
    from .rules import claims, difference, inferred, inputs, relations, structure  # noqa: F401

    return REGISTRY


def load_plugin_rules() -> list[str]:
    """Register rules from the `budgetcheck.rules` entry-point group; returns their codes.

    Entry points are looked up once per import path: reading every installed distribution's
    metadata costs more than checking a plan, and a batch checks thousands of plans."""
    import sys

    key = tuple(sys.path)
    if key not in _PLUGINS_BY_PATH:
        _PLUGINS_BY_PATH[key] = _find_plugin_rules()
    return list(_PLUGINS_BY_PATH[key])


_PLUGINS_BY_PATH: dict[tuple[str, ...], list[str]] = {}


def _find_plugin_rules() -> list[str]:
    from importlib.metadata import entry_points

    codes = []
    for entry in entry_points(group="budgetcheck.rules"):
        function: Any = entry.load()
        code = getattr(function, "budgetcheck_code", None)
        if code is None:
            code = f"X-{entry.name}"
            rule(code, entry.name, "warning")(function)
        codes.append(code)
    return codes


def get(code: str) -> Rule | None:
    load_builtin_rules()
    return REGISTRY.get(code.upper())


def explain(code: str) -> str:
    found = get(code)
    if found is None:
        raise KeyError(code)
    return f"{found.code} ({found.name}) — usual severity: {found.severity}\n\n{found.doc}\n"
