"""An amount as it was printed: its digits, the unit scale it was written in, and so its precision.

"17,6 M$" is `Amount(Decimal("17.6"), scale=6)`: the value is 17 600 000 $ and, because the last
written digit is the hundred-thousands, the figure is known to ±50 000 $. The written precision lives
in the `Decimal` exponent itself (`Decimal("17.6")` has exponent -1, `Decimal("2")` exponent 0), so
"2 M$" and "2,0 M$" stay different amounts even though they are equal values.

A zero written in whole units ("0 $", "-", "—") is exactly zero; "0,0 M$" is a rounded figure.

Precision rule for round thousands: a whole figure in plain dollars whose last groups of three
digits are zeros ("51 000 $", "$1,200,000") is read as rounded to the last non-zero group, so
"51 000 $" is known to ±500 $. The notation parser applies that rule to figures in prose and
footnotes; table cells are read digit for digit (a table prints every figure to its unit).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Literal

from budgetcheck.numbers.formatting import format_digits
from budgetcheck.numbers.interval import EXACT, Interval

Unit = Literal["$", "%", ""]
Rounding = Literal["nearest", "truncate"]

#: Figures of any budget fit easily: a national budget is ~10^13 $, written to the cent at most.
MAX_DIGITS = 30
MAX_MAGNITUDE = 18  # 10^18 of the base unit
MIN_EXPONENT = -15

SCALE_SYMBOLS = {0: "", 3: "k", 6: "M", 9: "G"}


class AmountError(ValueError):
    """A figure that cannot be an amount: bad notation, or beyond what any budget needs."""


def check_decimal_bounds(value: Decimal, what: str = "figure") -> None:
    """Refuse decimals that no budget needs, before any arithmetic is done on them."""
    if not value.is_finite():
        raise AmountError(f"{what} is not a finite number: {value}")
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    if len(digits) > MAX_DIGITS:
        raise AmountError(f"{what} has {len(digits)} digits; at most {MAX_DIGITS} are accepted")
    if value != 0 and value.adjusted() > MAX_MAGNITUDE:
        raise AmountError(f"{what} is larger than 10^{MAX_MAGNITUDE}")
    if exponent < MIN_EXPONENT:
        raise AmountError(f"{what} has digits below 10^{MIN_EXPONENT}")


@lru_cache(maxsize=64)
def _half_unit(exponent: int) -> Decimal:
    return Decimal(5).scaleb(exponent - 1)


class Amount:
    """A printed figure. `digits` keeps the written precision in its exponent.

    - `digits`: the printed digits as a `Decimal` in the unit scale (`Decimal("17.6")`); its
      exponent is the last written digit, so the precision is kept.
    - `scale`: the unit scale written (0 "$", 3 "k$", 6 "M$", 9 "G$").
    - `unit`: "$", "%" or "" (a pure number such as a ratio).
    - `exact`: the figure is exact (a zero in whole units is, and so is a computed value).

    `interval()` is every value it could have had before rounding. Bounds beyond what any
    budget needs are refused with `AmountError`.

    Immutable (read-only properties over private slots, as `fractions.Fraction`); compared and
    hashed by (digits, scale, unit, exact), the digits by value as `Decimal` compares them."""

    __slots__ = ("_digits", "_scale", "_unit", "_exact", "_n", "_e", "_value")
    _digits: Decimal | None  # None until asked for, for a whole number (`whole`)
    # `scaled` as two slots, not a tuple (56 bytes a figure): n is None until first asked for,
    # unless the reader gave it
    _n: int | None
    _e: int
    _value: Decimal | None  # `value`, made on first use: relations read it again and again

    def __init__(self, digits: Decimal, scale: int = 0, unit: Unit = "$",
                 exact: bool = False) -> None:
        if scale not in SCALE_SYMBOLS:
            raise AmountError(f"unsupported unit scale 10^{scale}")
        self._digits, self._scale, self._unit, self._exact = digits, scale, unit, exact
        self._n = self._value = None
        check_decimal_bounds(self.value)
        if digits == 0:
            # There is no negative zero in a budget. A zero written in whole units ("0 $", and the
            # dashes the parser reads as 0) says "nothing", not "less than 0,5 $", so it is exact;
            # "0,0 M$" is a rounded figure like any other.
            self._digits, self._value = digits.copy_abs(), None
            if scale == 0 and self.exponent == 0:
                self._exact = True

    @classmethod
    def trusted(cls, digits: Decimal, scale: int, unit: Unit, exact: bool) -> Amount:
        """An amount from digits already read and bounded (a figure formatted for a message):
        skips the checks, which cost more than the rest of reading a figure."""
        amount = object.__new__(cls)
        amount._digits, amount._scale, amount._unit, amount._exact = digits, scale, unit, exact
        amount._n = amount._value = None
        return amount

    @classmethod
    def whole(cls, number: int, scale: int, unit: Unit) -> Amount:
        """A whole number printed in the unit `scale` (a bare table figure "1 234"), already
        bounded and not zero: its `Decimal` digits are made only if something asks for them,
        since sums are judged in integers (`scaled`)."""
        amount = object.__new__(cls)
        amount._digits, amount._scale, amount._unit, amount._exact = None, scale, unit, False
        amount._n, amount._e, amount._value = number, scale, None
        return amount

    @property
    def digits(self) -> Decimal:
        """The printed digits, in the unit scale; the exponent is the last written digit."""
        if self._digits is None:  # a whole number (`whole`)
            assert self._n is not None
            self._digits = Decimal(self._n)
        return self._digits

    @property
    def scale(self) -> int:
        """The power of ten of the unit written ("M$": 6, "k$": 3, "$": 0)."""
        return self._scale

    @property
    def unit(self) -> Unit:
        """"$", "%" or "" (a pure number)."""
        return self._unit

    @property
    def exact(self) -> bool:
        """True when the figure is known exactly (a zero in whole units, a computed value)."""
        return self._exact

    def _key(self) -> tuple[Decimal, int, str, bool]:
        return (self.digits, self._scale, self._unit, self._exact)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Amount):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"Amount(digits={self.digits!r}, scale={self._scale!r}, unit={self._unit!r}, "
                f"exact={self._exact!r})")

    def __reduce__(self) -> tuple[type[Amount], tuple[Decimal, int, Unit, bool]]:
        return (Amount, (self.digits, self._scale, self._unit, self._exact))

    def __copy__(self) -> Amount:
        return self  # immutable

    def __deepcopy__(self, memo: object) -> Amount:
        return self

    @property
    def value(self) -> Decimal:
        """The value in the base unit (dollars, percentage points, or a pure number)."""
        # In the exact context: the default one keeps 28 digits, and a figure may have 30.
        if self._value is None:
            self._value = self.digits.scaleb(self._scale, EXACT) if self._scale else self.digits
        return self._value

    @property
    def scaled(self) -> tuple[int, int]:
        """The value as a whole number of its last written digit: `(n, e)` with value
        n × 10^e in the base unit ("17,6 M$" is (176, 5)), for judging sums in integers."""
        if self._n is None:
            sign, digits, exponent = self.digits.as_tuple()
            assert isinstance(exponent, int)
            n = int("".join(map(str, digits))) if digits else 0
            self._n, self._e = -n if sign else n, exponent + self._scale
        return self._n, self._e

    @property
    def is_zero(self) -> bool:
        """The figure is a zero, told without making its value (a hint's index of a column
        asks it of every figure of the plan)."""
        return self._n == 0 if self._n is not None else self.digits == 0

    @property
    def exponent(self) -> int:
        """Power of ten of the last written digit, in the base unit."""
        return self.scaled[1]

    @property
    def half_unit(self) -> Decimal:
        """Half a unit of the last written digit: the rounding error a printed figure may carry."""
        return Decimal(0) if self.exact else _half_unit(self.exponent)

    def interval(self, rounding: Rounding = "nearest") -> Interval:
        """Every value this figure could have been before it was rounded (XBRL Calc 1.1 idea)."""
        value = self.value
        if self.exact:
            return Interval(value)
        if rounding == "nearest":
            return Interval.around(value, self.half_unit)
        step = Decimal(1).scaleb(self.exponent)
        # Truncation drops digits toward zero, so the true value lies further from zero; a
        # printed zero may have been a little more or a little less (Calculations 1.1).
        if value == 0:
            return Interval(-step, step)
        return Interval(value, value + step) if value > 0 else Interval(value - step, value)

    def point(self) -> Interval:
        return Interval(self.value)

    @property
    def dimension(self) -> str:
        return "$" if self.unit == "$" else "1"

    def as_number(self) -> Decimal:
        """The value in its dimension: dollars, or a pure number (95 % -> 0.95)."""
        return self.value.scaleb(-2) if self.unit == "%" else self.value

    def with_unit(self, unit: Unit) -> Amount:
        return Amount(self.digits, self.scale, unit, self.exact)

    def __str__(self) -> str:
        return format_digits(self.digits, SCALE_SYMBOLS[self.scale], self.unit, "en")
