"""The one way a reader turns pydantic's `ValidationError` into the input error a user sees.

The model's own validators raise typed pydantic errors (`invalid_amount`, `duplicate_row_key`),
so the code of the error is read from the error's type, never guessed from its message.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from budgetcheck.inputs.errors import DuplicateRowKey, InvalidAmount, PlanError, SchemaViolation
from budgetcheck.sources.locate import line_of

Model = TypeVar("Model", bound=BaseModel)

#: The error types of the plan's validators that have a code of their own.
_CODED: dict[str, type[PlanError]] = {"invalid_amount": InvalidAmount,
                                      "duplicate_row_key": DuplicateRowKey}


def validated(model: type[Model], data: Any, shown: str, text: str = "",
              fmt: str = "toml") -> Model:
    """`model` validated from `data`, or the error of its first problem, located in `text`
    (the source the data was parsed from, when there is one) and counting the others."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise input_error(exc, shown, text, fmt) from None
    except RecursionError:
        raise SchemaViolation(shown, "data is nested too deeply") from None


def input_error(exc: ValidationError, shown: str, text: str = "", fmt: str = "toml") -> PlanError:
    errors = exc.errors(include_url=False)
    # A typo'd key also makes the real key "missing": report the typo, it explains both.
    error = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = [p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
    kind = _CODED.get(error["type"], SchemaViolation)
    if kind is InvalidAmount and isinstance(error.get("input"), dict) and "text" in error["input"]:
        loc.append("text")  # a figure that cannot be read: point at its text
    more = exc.error_count() - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
    return kind(shown, _plain_message(error) + suffix,
                line=line_of(text, loc, fmt) if text else None,
                data_path=".".join(str(p) for p in loc) or "(top level)")


def _plain_message(error: Any) -> str:
    if error["type"] == "missing":
        return "required field is missing"
    if error["type"] == "extra_forbidden":
        return "unknown key (a typo?); this key is not part of the plan format"
    return str(error["msg"]).removeprefix("Value error, ")
