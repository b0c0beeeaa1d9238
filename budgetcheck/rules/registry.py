"""The rule catalogue is data: `budgetcheck rules`, `explain`, SARIF metadata and the docs read it.

A rule is a plain function `(plan, ctx) -> Iterable[Finding | Passed]`, registered with `@rule`.
Third-party packages register theirs the same way, or expose such a function (decorated or not)
in the `budgetcheck.rules` entry-point group.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

if TYPE_CHECKING:
    from budgetcheck.plan.model import Plan
    from budgetcheck.report import Finding, Passed, Severity
    from budgetcheck.rules.context import Context

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
