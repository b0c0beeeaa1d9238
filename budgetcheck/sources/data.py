"""TOML and JSON text parsed into data, within limits: the files a plan or a rules file is
written in. Numbers are read as `Decimal` (never float), bounded as a budget's figures are."""

from __future__ import annotations

import json
import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from budgetcheck.inputs.errors import SyntaxViolation, UnreadableInput
from budgetcheck.inputs.files import read_text_file
from budgetcheck.plan.model import Plan
from budgetcheck.sources.locate import line_of
from budgetcheck.util import limits


def read_text(path: Path, limit: int | None = None, kind: str = "plan file",
              legacy: str | None = None) -> str:
    """The file's text (at most `limit` bytes, a plan file's limit by default), or a PlanError
    saying in one line why it cannot be had; `legacy`: the encoding of a file not in UTF-8."""
    return read_text_file(path, limits.PLAN_BYTES if limit is None else limit, kind, legacy)


def parse_data(text: str, fmt: str, shown: str) -> Any:
    if fmt == "json":
        def no_constants(name: str) -> Any:
            raise ValueError(f"{name} is not a number a plan can hold")
        try:
            data = json.loads(text, parse_float=_bounded_decimal, parse_int=_json_int,
                              parse_constant=no_constants)
        except json.JSONDecodeError as exc:
            raise SyntaxViolation(shown, f"invalid JSON: {exc.msg} (column {exc.colno})",
                            line=exc.lineno) from None
        except RecursionError:
            raise SyntaxViolation(shown, "invalid JSON: nested too deeply") from None
        except _OutOfBounds as exc:
            raise SyntaxViolation(shown, f"invalid JSON: {exc}", line=_line_of_text(text, exc.text)) from None
        except ValueError as exc:
            raise SyntaxViolation(shown, f"invalid JSON: {exc}") from None
        if _SURROGATE_ESCAPE.search(text):  # rare: only then look for one left unpaired
            _refuse_lone_surrogate(data, [], text, shown)
        return data
    try:
        return tomllib.loads(text, parse_float=_bounded_decimal)
    except _OutOfBounds as exc:
        raise SyntaxViolation(shown, f"invalid TOML: {exc}", line=_line_of_text(text, exc.text)) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line = int(match.group(1)) if match else None
        raise SyntaxViolation(shown, f"invalid TOML: {message}", line=line) from None
    except RecursionError:
        raise SyntaxViolation(shown, "invalid TOML: nested too deeply") from None
    except ValueError as exc:  # an integer of more than 4 300 digits: Python will not read it
        long = re.search(r"[0-9_]{4000,}", text)
        raise SyntaxViolation(shown, f"invalid TOML: {str(exc).split(':')[0]}",
                        line=text.count("\n", 0, long.start()) + 1 if long else None) from None


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
            raise SyntaxViolation(shown, message, line=line_of(text, path, "json"),
                            data_path=".".join(map(str, path)) or "(top level)")
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


def refuse_too_many_figures_in(data: dict[str, Any], shown: str) -> None:
    """Parsed plan data of more figures than the limit is refused before it is validated, which
    costs per figure."""
    _refuse_count(_raw_figures(data), shown)


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
        raise UnreadableInput(shown, f"the file has {count:,} relations and claims; the limit is "
                        f"{limits.PLAN_RELATIONS:,} (check --no-limits lifts it)")


def _refuse_count(count: int, shown: str) -> None:
    if count > limits.PLAN_FIGURES:
        raise UnreadableInput(shown, f"the plan has {count:,} figures; the limit is "
                        f"{limits.PLAN_FIGURES:,} (check --no-limits lifts it)")
