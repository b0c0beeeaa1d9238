"""Sharing what pydantic would keep once per instance, for the models a plan has by the million."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

_FIELD_SETS: dict[frozenset[str], set[str]] = {}


def interned(model: M) -> M:
    """The model, with its set of explicitly given field names shared with every model given
    the same names. Pydantic keeps that set per instance (728 bytes for five to eight names, as
    much as the rest of a passed check or a table row); the models here are frozen, so nothing
    adds to the set, and `model_copy` gives a copy its own."""
    names = model.__pydantic_fields_set__
    object.__setattr__(model, "__pydantic_fields_set__",
                       _FIELD_SETS.setdefault(frozenset(names), names))
    return model
