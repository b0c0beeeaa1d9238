"""budgetcheck: consistency checks for the financial tables of business and corporate plans.

    import budgetcheck
    plan = budgetcheck.load("fixtures/scale-ai-2023-2024.toml")
    report = budgetcheck.check(plan)            # mode="rounding" | "strict" | "absolute"
    for finding in report.findings:
        print(finding.code, finding.severity, finding.lines, finding.message)

Attributes are imported on first use so that `budgetcheck --version` stays fast.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "load": ("budgetcheck.api", "load"),
    "check": ("budgetcheck.engine", "check"),
    "rule": ("budgetcheck.rules.registry", "rule"),
    "Plan": ("budgetcheck.plan.model", "Plan"),
    "Report": ("budgetcheck.report", "Report"),
    "Finding": ("budgetcheck.report", "Finding"),
    "PlanError": ("budgetcheck.inputs.errors", "PlanError"),
    "Amount": ("budgetcheck.numbers.amount", "Amount"),
    "Interval": ("budgetcheck.numbers.interval", "Interval"),
    "parse_amount": ("budgetcheck.numbers.notation", "parse_amount"),
    "format_amount": ("budgetcheck.numbers.notation", "format_amount"),
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        module, attribute = _LAZY[name]
        return getattr(import_module(module), attribute)
    raise AttributeError(f"module 'budgetcheck' has no attribute {name!r}")
