"""Runs every applicable rule over a plan and collects all findings into a `Report`."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import get_args

from budgetcheck.judge.types import Mode, Settings
from budgetcheck.numbers.amount import Rounding
from budgetcheck.numbers.formatting import Lang
from budgetcheck.numbers.notation import parse_amount
from budgetcheck.plan.figures import FigureIndex
from budgetcheck.plan.model import Plan
from budgetcheck.report import Finding, Passed, Report
from budgetcheck.rules.catalogue import load_builtin_rules, load_plugin_rules
from budgetcheck.rules.context import Context
from budgetcheck.rules.registry import REGISTRY, rule_functions


def tolerance_value(tolerance: str | Decimal | None) -> Decimal:
    if tolerance is None:
        return Decimal(0)
    value = tolerance if isinstance(tolerance, Decimal) else \
        parse_amount(tolerance, round_thousands=False).value
    if value < 0:
        raise ValueError(f"a tolerance cannot be negative: {str(tolerance)!r}")
    return value


def selected_codes(select: str | Iterable[str] | None) -> set[str] | None:
    """The rule codes `select` names (a list, or one string of codes separated by commas), in
    any case, a prefix naming every code it begins ("BC3": the claims); None (every rule) when
    it names none. An empty or unknown code is refused: a typo would otherwise check nothing,
    and pass."""
    if not select:
        return None
    codes = select.split(",") if isinstance(select, str) else list(select)
    if not codes:
        return None
    named = {code.strip().upper() for code in codes}
    if "" in named:
        raise ValueError(f"an empty rule code in {','.join(codes)!r}")
    wanted = {code for code in REGISTRY if any(code.startswith(name) for name in named)}
    unknown = sorted(name for name in named if not any(c.startswith(name) for c in REGISTRY))
    if unknown:
        raise ValueError(f"unknown rule code {', '.join(unknown)}; `budgetcheck rules` lists "
                         "them")
    return wanted


def _wanted(select: str | Iterable[str] | None,
            ignore: str | Iterable[str] | None) -> set[str] | None:
    """The codes to check: the selected ones (every one for None) less the ignored ones."""
    wanted, ignored = selected_codes(select), selected_codes(ignore)
    if ignored is None:
        return wanted
    return (set(REGISTRY) if wanted is None else wanted) - ignored


def _refuse_unknown(name: str, value: object, choices: object) -> None:
    """A library caller's typo ("stict") must not check the plan another way, or fail only
    when the report is built."""
    allowed = get_args(choices)
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")


def check(plan: Plan, mode: Mode = "rounding", *, tolerance: str | Decimal | None = None,
          lang: Lang | None = None, rounding: Rounding = "nearest",
          select: str | Iterable[str] | None = None, plan_file: str | None = None,
          plugins: bool = True, ignore: str | Iterable[str] | None = None) -> Report:
    """Check a plan with every rule (or the `select`ed codes) and return all findings.

    - `plan`: what `load` returned (or a `Plan` built by hand).
    - `mode`: "rounding" (the default) judges every relation on the intervals the printed
      precision allows: an error only when no rounding explains the difference, a note when
      rounding does; "strict" accepts no difference; "absolute" accepts up to `tolerance`.
    - `tolerance`: the difference "absolute" mode accepts, as printed ("0,05 M$") or a
      `Decimal` of dollars; refused when negative.
    - `lang`: "fr" or "en", the language of the messages; None is the plan's own.
    - `rounding`: "nearest" (figures were rounded) or "truncate" (their digits were dropped).
    - `select`: codes to check, a list or one string "BC101,BC103" (any case; a prefix such
      as "BC3" names every code it begins); None is every code. A finding is kept when its
      own code is selected.
    - `ignore`: codes not to check, written as `select` is; they win over `select`.
    - `plan_file`: the file name the report names (the plan's source document otherwise).
    - `plugins`: run the rules of installed plugins too (`budgetcheck.rules` entry points).

    Raises `ValueError` for a setting it does not have (`mode="stict"`, an unknown code)."""
    _refuse_unknown("mode", mode, Mode)
    _refuse_unknown("rounding", rounding, Rounding)
    if lang is not None:  # None: the plan's language
        _refuse_unknown("lang", lang, Lang)
    load_builtin_rules()
    if plugins:
        load_plugin_rules()
    if mode == "absolute" and tolerance is None:
        raise ValueError("absolute mode needs a tolerance, e.g. '0,05 M$'")
    settings = Settings(mode=mode, tolerance=tolerance_value(tolerance), rounding=rounding)
    ctx = Context(plan, FigureIndex(plan), settings, lang or plan.plan.language, plan.plan.source,
                  REGISTRY)
    wanted = _wanted(select, ignore)
    findings: list[Finding] = []
    passed: list[Passed] = []
    for function, codes in rule_functions():
        if wanted is not None and wanted.isdisjoint(codes):
            continue
        ctx.code = codes[0]
        for result in function(plan, ctx):
            if result.code not in codes:
                raise ValueError(f"rule {codes[0]} yielded a {result.code} finding; a rule "
                                 f"yields only the codes it is registered for ({', '.join(codes)})")
            if wanted is not None and result.code not in wanted:
                continue
            if isinstance(result, Passed):
                passed.append(result)
            else:
                findings.append(result)
    findings.sort(key=lambda f: (f.line or 0, f.code, f.table or "", f.row or "",
                                 f.column or "", f.subject))
    return Report(document=plan.plan.source, plan_file=plan_file, language=ctx.lang, mode=mode,
                  findings=findings, passed=passed)
