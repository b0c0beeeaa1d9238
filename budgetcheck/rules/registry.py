"""The registry of finding kinds: one entry per code, with its slug, its usual severity, its
documentation (*what it does / why / example*) and the rule function that yields it.

`budgetcheck rules`, `explain`, the SARIF rule metadata and the README's rule table are all
generated from it. A rule is a plain function `(plan, ctx) -> Iterable[Finding | Passed]`,
registered with `@rule` once per code it yields (its docstring documents the first; a second
code passes `doc=`). Third-party packages register theirs the same way, or expose such a
function in the `budgetcheck.rules` entry-point group.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from budgetcheck.rules.context import Context, Messages

if TYPE_CHECKING:
    from budgetcheck.plan.model import Plan
    from budgetcheck.report import Finding, Passed, Severity

RuleFunction = Callable[["Plan", "Context"], "Iterable[Finding | Passed]"]
AnyRule = TypeVar("AnyRule", bound=RuleFunction)


@dataclass(frozen=True)
class Rule:
    """One finding kind: a code and what is known of it."""

    code: str
    name: str
    severity: str  # the usual severity; a rule may report notes and warnings too
    doc: str
    #: The function that yields findings of this code (None: found by the readers).
    check: RuleFunction | None = None
    #: The templates of its messages, in both languages (the verdicts' are in judge.wording).
    messages: Messages = field(default_factory=dict)

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name


REGISTRY: dict[str, Rule] = {}
#: The codes each rule function yields, in the order they were registered.
_CODES: dict[RuleFunction, list[str]] = {}


def rule(code: str, name: str, severity: Severity = "error", *, doc: str | None = None,
         messages: Messages | None = None) -> Callable[[AnyRule], AnyRule]:
    """Register a rule function: `@budgetcheck.rule("X001", "large-commitment", "warning")`.

    - `code`: the stable code its findings carry ("BC101"; plugins use their own prefix).
    - `name`: a short slug ("row-total"), shown by `budgetcheck rules` and in SARIF.
    - `severity`: the usual severity of its findings ("error", "warning" or "note").
    - `doc`: the documentation of the code (*what it does / why / example*); the function's
      docstring when not given. Stack the decorator once per code a function yields.
    - `messages`: the templates of its messages by key and language (`{"missing": {"en":
      "...", "fr": "..."}}`), which the rule words with `ctx.say(code, key, **values)`.

    The function, `(plan, ctx) -> Iterable[Finding | Passed]`, is returned unchanged; it builds
    findings with `ctx.finding(code, severity, message, lines=...)`. Registering a code twice
    for two functions is refused."""

    def register(function: AnyRule) -> AnyRule:
        if code in REGISTRY and REGISTRY[code].check is not function:
            raise ValueError(f"rule code {code} is already registered to {REGISTRY[code].name}")
        text = doc if doc is not None else function.__doc__ or ""
        REGISTRY[code] = Rule(code, name, severity, inspect.cleandoc(text), function,
                              dict(messages or {}))
        codes = _CODES.setdefault(function, [])
        if code not in codes:
            codes.append(code)
        return function

    return register


def input_rule(code: str, name: str, doc: str) -> None:
    """Input problems are found by the readers, not by a rule function; their codes are
    registered so that `explain`, `--select` and the docs know them."""
    REGISTRY[code] = Rule(code, name, "error", inspect.cleandoc(doc))


def message(code: str, key: str, lang: str, **values: object) -> str:
    """A message of the kind `code`, in `lang` (English when the template has no such
    language), with `values` put in its template."""
    templates = REGISTRY[code].messages[key]
    return (templates.get(lang) or templates["en"]).format(**values)


def codes_of(function: RuleFunction) -> list[str]:
    """The codes a registered rule function yields ([] for a function not registered)."""
    return list(_CODES.get(function, ()))


def rule_functions() -> list[tuple[RuleFunction, list[str]]]:
    """Every rule function with the codes it yields, in the order of their first code."""
    seen: dict[RuleFunction, list[str]] = {}
    for code in sorted(REGISTRY):
        function = REGISTRY[code].check
        if function is not None:
            seen.setdefault(function, []).append(code)
    return list(seen.items())
