"""The shared vocabulary of judging: settings, the values of a relation's sides, its readings
and its outcome. Its own module, so that the evaluator and the linear fast path both build them
without importing each other."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from budgetcheck.numbers.amount import Rounding
from budgetcheck.numbers.interval import Interval
from budgetcheck.plan.expr import Comparison, ExpressionError
from budgetcheck.plan.figures import Figure, Missing
from budgetcheck.plan.model import Claim

#: A figure of a signed sum: +1 or -1, and the figure.
Signed = tuple[int, Figure]

Reading = Literal["point", "stated", "rounded"]
Mode = Literal["rounding", "strict", "absolute"]
Verdict = Literal["pass", "note", "error", "unverifiable"]


class UnitMismatch(ExpressionError):
    """Adding or comparing dollars with a pure number (a ratio or a percentage)."""


@dataclass(frozen=True)
class Settings:
    mode: Mode = "rounding"
    tolerance: Decimal = Decimal(0)  # absolute mode, in base units ($)
    rounding: Rounding = "nearest"


@dataclass
class Value:
    interval: Interval
    dim: str | None  # "$", "1", or None (an unknown, not yet determined)
    terms: list[Figure] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)


@dataclass
class Outcome:
    verdict: Verdict
    comparison: Comparison
    stated: Value
    computed: Value
    rounded_stated: Value
    rounded_computed: Value
    allowed: Interval | None
    tolerance: Decimal  # half the combined width of the rounded readings
    rounded_terms: int
    claim: Claim | None = None

    @property
    def terms(self) -> list[Figure]:
        return self.stated.terms + self.computed.terms

    @property
    def missing(self) -> list[Missing]:
        return self.stated.missing + self.computed.missing

    point_difference: Decimal | None = None
    #: The two sides as signed figures when the relation is a sum of plain dollar figures read
    #: in one pass (`linear`): hints then judge a changed figure from the sums, in O(1).
    signed: tuple[Sequence[Signed], Sequence[Signed]] | None = None

    @property
    def difference(self) -> Decimal | None:
        """Stated minus computed, each side read exactly as printed (hedges set aside)."""
        return self.point_difference


@dataclass
class Readings:
    """A relation's two sides read three ways (see the module docstring)."""

    stated: Value
    computed: Value
    rounded_stated: Value
    rounded_computed: Value
    point_left: Interval
    point_right: Interval
    signed: tuple[Sequence[Signed], Sequence[Signed]] | None = None
