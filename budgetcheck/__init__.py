"""budgetcheck: consistency checks for the financial tables of business and corporate plans.

    import budgetcheck
    plan = budgetcheck.load("fixtures/scale-ai-2023-2024.toml")
    report = budgetcheck.check(plan)            # mode="rounding" | "strict" | "absolute"
    for finding in report.findings:
        print(finding.code, finding.severity, finding.lines, finding.message)

The library: `load` (a plan file or a document -> `Plan`), `check` (`Plan` -> `Report` of
`Finding`s), `rule` (register a rule of your own; it gets a `Context`), `Amount` and `Interval` (a printed figure and
the values it stands for), `parse_amount` and `format_amount` (French and English notation),
`PlanError` (an input that cannot be checked). Attributes are imported on first use, so that
`budgetcheck --version` stays fast; type checkers see the real types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from budgetcheck.util.version import __version__

if TYPE_CHECKING:
    from budgetcheck.api import load
    from budgetcheck.engine import check
    from budgetcheck.inputs.errors import PlanError
    from budgetcheck.numbers.amount import Amount
    from budgetcheck.numbers.interval import Interval
    from budgetcheck.numbers.notation import format_amount, parse_amount
    from budgetcheck.plan.model import Plan
    from budgetcheck.report import Finding, Report
    from budgetcheck.rules.context import Context
    from budgetcheck.rules.registry import rule

_LAZY = {
    "load": ("budgetcheck.api", "load"),
    "check": ("budgetcheck.engine", "check"),
    "rule": ("budgetcheck.rules.registry", "rule"),
    "Context": ("budgetcheck.rules.context", "Context"),
    "Plan": ("budgetcheck.plan.model", "Plan"),
    "Report": ("budgetcheck.report", "Report"),
    "Finding": ("budgetcheck.report", "Finding"),
    "PlanError": ("budgetcheck.inputs.errors", "PlanError"),
    "Amount": ("budgetcheck.numbers.amount", "Amount"),
    "Interval": ("budgetcheck.numbers.interval", "Interval"),
    "parse_amount": ("budgetcheck.numbers.notation", "parse_amount"),
    "format_amount": ("budgetcheck.numbers.notation", "format_amount"),
}

__all__ = ["Amount", "Context", "Finding", "Interval", "Plan", "PlanError", "Report", "__version__",
           "check", "format_amount", "load", "parse_amount", "rule"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        module, attribute = _LAZY[name]
        value = getattr(import_module(module), attribute)
        globals()[name] = value  # imported once
        return value
    raise AttributeError(f"module 'budgetcheck' has no attribute {name!r}")


def __dir__() -> list[str]:
    # help(budgetcheck) and completion list the library, which __getattr__ imports on use.
    return sorted({*globals(), *_LAZY})
