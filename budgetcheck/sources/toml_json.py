"""Load a plan file (TOML or JSON) into a validated `Plan`, or raise one `PlanError`.

Numbers are read as `Decimal` (never float). After the shape is validated, every relation and
claim expression is parsed, its references resolved and its units checked, so a plan that loads
is a plan every rule can evaluate.
"""

from __future__ import annotations

import json
import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from budgetcheck.inputs.errors import PlanError
from budgetcheck.inputs.files import read_text_file
from budgetcheck.judge.evaluate import Evaluator, check_dimensions
from budgetcheck.judge.types import UnitMismatch
from budgetcheck.plan.expr import ExpressionError, parse_expression, parse_relation
from budgetcheck.plan.figures import FigureIndex, ReferenceError_
from budgetcheck.plan.model import Plan
from budgetcheck.sources import PLAN_SUFFIXES  # noqa: F401  (re-exported)
from budgetcheck.sources.locate import line_of
from budgetcheck.util import limits


def read_text(path: Path, limit: int | None = None, kind: str = "plan file") -> str:
    """The file's text (at most `limit` bytes, a plan file's limit by default), or a PlanError
    saying in one line why it cannot be had."""
    return read_text_file(path, limits.PLAN_BYTES if limit is None else limit, kind)


def parse_data(text: str, fmt: str, shown: str) -> Any:
    if fmt == "json":
        def no_constants(name: str) -> Any:
            raise ValueError(f"{name} is not a number a plan can hold")
        try:
            data = json.loads(text, parse_float=_bounded_decimal, parse_int=_json_int,
                              parse_constant=no_constants)
        except json.JSONDecodeError as exc:
            raise PlanError(shown, f"invalid JSON: {exc.msg} (column {exc.colno})",
                            line=exc.lineno, code="BC902") from None
        except RecursionError:
            raise PlanError(shown, "invalid JSON: nested too deeply", code="BC902") from None
        except _OutOfBounds as exc:
            raise PlanError(shown, f"invalid JSON: {exc}", line=_line_of_text(text, exc.text),
                            code="BC902") from None
        except ValueError as exc:
            raise PlanError(shown, f"invalid JSON: {exc}", code="BC902") from None
        if _SURROGATE_ESCAPE.search(text):  # rare: only then look for one left unpaired
            _refuse_lone_surrogate(data, [], text, shown)
        return data
    try:
        return tomllib.loads(text, parse_float=_bounded_decimal)
    except _OutOfBounds as exc:
        raise PlanError(shown, f"invalid TOML: {exc}", line=_line_of_text(text, exc.text),
                        code="BC902") from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line = int(match.group(1)) if match else None
        raise PlanError(shown, f"invalid TOML: {message}", line=line, code="BC902") from None
    except RecursionError:
        raise PlanError(shown, "invalid TOML: nested too deeply", code="BC902") from None
    except ValueError as exc:  # an integer of more than 4 300 digits: Python will not read it
        long = re.search(r"[0-9_]{4000,}", text)
        raise PlanError(shown, f"invalid TOML: {str(exc).split(':')[0]}",
                        line=text.count("\n", 0, long.start()) + 1 if long else None,
                        code="BC902") from None


#: JSON may write half of a UTF-16 surrogate pair ("\ud800") on its own; Python decodes it to
#: a string that has no UTF-8 form, which would fail only when the report is written.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _refuse_lone_surrogate(value: Any, path: list[str | int], text: str, shown: str) -> None:
    """Report the first string holding a lone surrogate at its data path (a key, at the path of
    its object)."""
    if isinstance(value, str):
        found = _SURROGATE.search(value)
        if found:
            message = (f"invalid JSON: \\u{ord(found.group()):04x} is half of a UTF-16 "
                       "surrogate pair, not a character")
            raise PlanError(shown, message, line=line_of(text, path, "json"),
                            data_path=".".join(map(str, path)) or "(top level)", code="BC902")
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_lone_surrogate(key, path, text, shown)
            _refuse_lone_surrogate(item, [*path, key], text, shown)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_lone_surrogate(item, [*path, index], text, shown)


class _OutOfBounds(ValueError):
    def __init__(self, message: str, text: str) -> None:
        super().__init__(message)
        self.text = text


def _line_of_text(text: str, needle: str) -> int | None:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def _bounded_decimal(text: str) -> Decimal:
    """A number as an exact Decimal, refused (not computed) when no plan could hold it: turning
    1e999999999 into an integer later would take longer than the universe has."""
    digits = text.lstrip("+-").split("e")[0].split("E")[0]
    if len(digits) > 40:
        raise _OutOfBounds(f"number with {len(digits)} digits is not a number a plan can hold",
                           text)
    value = Decimal(text)
    if value.is_finite() and value and not -15 <= value.adjusted() <= 18:
        raise _OutOfBounds(f"{text} is beyond what a plan can hold (10^-15 to 10^18)", text)
    return value


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > 30:
        raise ValueError(f"integer with {len(text)} digits is not a number a plan can hold")
    return int(text)


def validate(data: Any, text: str, fmt: str, shown: str) -> Plan:
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        # A typo'd key also makes the real key "missing": report the typo, it explains both.
        error = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        loc = [p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        if isinstance(error.get("input"), dict) and "text" in error["input"] \
                and error["type"] == "value_error":
            loc.append("text")  # a figure that cannot be read: point at its text
        data_path = ".".join(str(p) for p in loc) or "(top level)"
        message = _plain_message(error)
        more = exc.error_count() - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
        raise PlanError(shown, message + suffix, line=line_of(text, loc, fmt),
                        data_path=data_path, code=_code_for(message, loc)) from None
    except RecursionError:
        raise PlanError(shown, "data is nested too deeply", code="BC903") from None


def _plain_message(error: dict[str, Any]) -> str:
    message = str(error["msg"])
    message = message.removeprefix("Value error, ")
    if error["type"] == "missing":
        return "required field is missing"
    if error["type"] == "extra_forbidden":
        return "unknown key (a typo?); this key is not part of the plan format"
    return message


def _code_for(message: str, loc: list[Any]) -> str:
    if message.startswith("duplicate row key"):
        return "BC104"
    in_figure = "cells" in loc or "figures" in loc
    amount_words = ("unit", "digits", "number", "figure", "grouped")
    return "BC904" if in_figure and any(w in message for w in amount_words) else "BC903"


def check_expressions(plan: Plan, text: str, fmt: str, shown: str,
                      offsets: dict[str, int] | None = None) -> None:
    """Parse, resolve and unit-check every relation and claim: errors become PlanErrors.

    `offsets` says how many leading relations/claims of `plan` did not come from `text` (a rules
    file merged into a plan): their errors are located in `text` with the index shifted."""
    offsets = offsets or {}
    jobs: list[tuple[list[str | int], str, Any]] = []
    for i, relation in enumerate(plan.relations):
        jobs.append((["relations", i, "expr"], relation.expr, None))
    for i, claim in enumerate(plan.claims):
        jobs.append((["claims", i, "relation"], claim.relation, claim))
        for j, extra in enumerate(claim.also):
            jobs.append((["claims", i, "also", j], extra, claim))
        for j, candidate in enumerate(claim.candidates):
            jobs.append((["claims", i, "candidates", j], candidate, claim))
    if not jobs:
        return
    index = FigureIndex(plan)
    for loc, expression, claim in jobs:
        try:
            if loc[-2] == "candidates":
                Evaluator(index, claim).value(parse_expression(expression), "stated")
            else:
                check_dimensions(parse_relation(expression), Evaluator(index, claim))
        except (ExpressionError, ArithmeticError) as exc:
            code = ("BC906" if isinstance(exc, ReferenceError_) else
                    "BC907" if isinstance(exc, UnitMismatch) else "BC905")
            shift = offsets.get(str(loc[0]), 0)
            where = [loc[0], int(loc[1]) - shift, *loc[2:]]
            raise PlanError(shown, str(exc), line=line_of(text, where, fmt),
                            data_path=".".join(map(str, where)), code=code) from None


def load_plan_file(path: str | Path, *, display: str | None = None) -> Plan:
    """Read, parse and validate a TOML or JSON plan file."""
    path = Path(path)
    shown = display or str(path)
    fmt = "json" if path.suffix.lower() == ".json" else "toml"
    text = read_text(path)
    return load_plan_text(text, fmt, shown)


def load_plan_text(text: str, fmt: str, shown: str) -> Plan:
    data = parse_data(text, fmt, shown)
    if not isinstance(data, dict):
        raise PlanError(shown, "the top level must be a table of plan, tables, ...",
                        code="BC903")
    _refuse_count(_raw_figures(data), shown)  # before validation, which costs per figure
    refuse_too_many_relations(data, shown)
    plan = validate(data, text, fmt, shown)
    check_expressions(plan, text, fmt, shown)
    return plan


def _raw_figures(data: dict[str, Any]) -> int:
    """The cells a parsed plan holds, counted before it is validated (a malformed part counts
    nothing: validation reports it)."""
    tables = data.get("tables")
    count = 0
    for table in tables if isinstance(tables, list) else ():
        rows = table.get("rows") if isinstance(table, dict) else None
        for row in rows if isinstance(rows, list) else ():
            cells = row.get("cells") if isinstance(row, dict) else None
            count += len(cells) if isinstance(cells, dict) else 0
    return count


def refuse_too_many_figures(plan: Plan, shown: str) -> None:
    """A plan of more figures than the stated limit is refused (checking it would take longer
    than the limits promise)."""
    _refuse_count(sum(len(row.cells) for table in plan.tables for row in table.rows), shown)


def refuse_too_many_relations(data: Any, shown: str) -> None:
    """A plan or rules file of more relations and claims than the stated limit is refused
    before any is parsed: each is judged, and each that fails is a finding."""
    if not isinstance(data, dict):
        return
    count = sum(len(data[k]) for k in ("relations", "claims") if isinstance(data.get(k), list))
    if count > limits.PLAN_RELATIONS:
        raise PlanError(shown, f"the file has {count:,} relations and claims; the limit is "
                        f"{limits.PLAN_RELATIONS:,} (check --no-limits lifts it)", code="BC901")


def _refuse_count(count: int, shown: str) -> None:
    if count > limits.PLAN_FIGURES:
        raise PlanError(shown, f"the plan has {count:,} figures; the limit is "
                        f"{limits.PLAN_FIGURES:,} (check --no-limits lifts it)", code="BC901")
