"""Writing digits the way each language does: the one piece of notation an `Amount` needs to print
itself, kept apart from parsing so that the amount module does not import the parser."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

Lang = Literal["fr", "en"]
NBSP = "\u00a0"

# English is Python's format; French groups with a no-break space, uses the decimal comma and
# the true minus sign.
_FRENCH = str.maketrans({",": NBSP, ".": ",", "-": "\u2212"})


def format_number(value: Decimal, lang: Lang, *, group: bool = True) -> str:
    """Digits with the language's separators, keeping the written precision."""
    # Python's own fixed-point format keeps every written digit ("17.60"), writes no exponent
    # ("1E+3" -> "1000") and keeps the sign of a zero; only the separators are the language's.
    text = format(value, ",f" if group else "f")
    return text.translate(_FRENCH) if lang == "fr" else text


def format_digits(digits: Decimal, symbol: str, unit: str, lang: Lang) -> str:
    """Written digits with their scale symbol ("M", "k", "") and unit ("$", "%", "")."""
    number = format_number(digits, lang)
    if unit == "%":
        return f"{number}{NBSP}%" if lang == "fr" else f"{number}%"
    if unit == "":
        return number + (f"{NBSP}{symbol}" if symbol and lang == "fr" else symbol)
    if lang == "fr":
        return f"{number}{NBSP}{symbol}$"
    sign, body = ("-", number[1:]) if number.startswith("-") else ("", number)
    en_symbol = {"G": "B", "k": "K"}.get(symbol, symbol)
    return f"{sign}${body}{en_symbol}"
