"""Reading and writing amounts the way French and English plans print them.

French (Canadian): "171,8 M$", "171,8 millions de dollars", "1,17 milliard", "51 000 $" (space,
U+00A0 or U+202F between groups), "−5 397 $" (U+2212). English: "$171.8M", "$51,000", "$ 430,423",
"(5,397)". A lone "-", "–" or "—" is a written zero. `format_amount` writes an amount back so that
`parse_amount` reads the same amount again.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from budgetcheck.numbers.amount import MAX_MAGNITUDE, SCALE_SYMBOLS, Amount, AmountError, Unit
from budgetcheck.numbers.formatting import Lang, format_digits

SPACE_CHARS = "\u0020\u00a0\u202f\u2009\u2007\t"
_MINUS_CHARS = "-\u2212\u2012"
_ZERO_MARKS = {"-", "\u2013", "\u2014", "\u2212", "\u2012", "nil", "néant"}
MAX_TEXT = 200

# Suffixes after the number: (pattern, scale, unit or None for "no unit given")
_DOLLAR_WORDS = r"(?:\$|dollars?|de\s+\$|de\s+dollars|d['’]\s*\$|of\s+dollars|\$\s*dollars?)"
_SUFFIX_TABLE: list[tuple[str, int, Unit | None]] = [
    (r"", 0, None),
    (r"%", 0, "%"),
    (_DOLLAR_WORDS, 0, "$"),
    (r"(?:k\s*\$|k|thousands?(?:\s+" + _DOLLAR_WORDS + r")?)", 3, None),
    (r"(?:m\s*\$|m|mm|mil\.?|millions?(?:\s+" + _DOLLAR_WORDS + r")?)", 6, None),
    (r"(?:g\s*\$|md\s*\$|g|b|bn|milliards?(?:\s+" + _DOLLAR_WORDS + r")?|billions?(?:\s+"
     + _DOLLAR_WORDS + r")?)", 9, None),
]
_SUFFIXES: list[tuple[re.Pattern[str], int, Unit | None]] = [
    (re.compile(p + r"\Z", re.IGNORECASE), scale, unit) for p, scale, unit in _SUFFIX_TABLE
]
#: A decimal digit that is not one of 0 to 9 (Arabic-Indic, Devanagari, full-width, …).
_FOREIGN_DIGIT = re.compile(r"(?![0-9])\d")
_NUMBER = re.compile(r"[0-9][0-9.,\u0020]*\Z")


def normalise_spaces(text: str) -> str:
    for ch in SPACE_CHARS:
        text = text.replace(ch, " ")
    return re.sub(r" {2,}", " ", text).strip()


#: "1 234", "(5 397)", "-12", "1234567": whole numbers with no unit, grouped by threes with a space,
#: a no-break space or a narrow no-break space, or not grouped (at most 18 digits).
_BARE_INTEGER = re.compile(r"(\()?([-\u2212])?([0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3}){1,5}|[0-9]{1,18})(?(1)\))\Z")


def parse_bare_integer(text: str, scale: int = 0, unit: Unit = "$") -> Amount | None:
    """The common table cell without the general parser: what `parse_amount(text, scale=scale,
    unit=unit, round_thousands=False)` reads for a whole number with no unit, or None for
    anything else (and for a number too large in this unit)."""
    if text.isdigit() and text.isascii() and len(text) <= 18:  # "1234": no pattern needed
        value, negative = int(text), False
    elif _grouped_by_spaces(text):  # "12 345", the French table's figure
        value, negative = int(text.replace(" ", "")), False
    else:
        m = _BARE_INTEGER.match(text)
        if m is None:
            return None
        digits = m.group(3)
        if not digits.isdigit():  # grouped by threes
            digits = digits.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
        value = int(digits)
        negative = (m.group(1) is not None) != (m.group(2) is not None)
    if value == 0:  # exact in whole dollars or percent points, rounded in a scaled table
        return _ZERO_DOLLARS if scale == 0 and unit == "$" else Amount(Decimal(0), scale, unit)
    if value >= _TOO_LARGE[scale]:
        return None  # too large in this unit: the general parser refuses it, saying why
    return Amount.whole(-value if negative else value, scale, unit)


#: A column of whole numbers as a table prints them, one a line: not grouped, or grouped by
#: plain spaces ("12 345"); at most 18 digits each.
_PLAIN_COLUMN = re.compile(r"[0-9]{1,18}(?:\n[0-9]{1,18})*")
_GROUPED_COLUMN = re.compile(r"[0-9]{1,3}(?: [0-9]{3}){0,5}(?:\n[0-9]{1,3}(?: [0-9]{3}){0,5})*")


def parse_bare_integers(texts: list[str], scale: int = 0,
                        unit: Unit = "$") -> list[Amount | None]:
    """`parse_bare_integer` of each text, for a table's column at once: a column of plain or
    space-grouped whole numbers is told by one pattern and read by `int` in one pass (a third
    of the cost of reading its cells one by one)."""
    joined = "\n".join(texts)
    if _PLAIN_COLUMN.fullmatch(joined):
        values = list(map(int, texts))
    elif _GROUPED_COLUMN.fullmatch(joined):
        values = list(map(int, joined.replace(" ", "").split("\n")))
    else:
        return [parse_bare_integer(text, scale, unit) for text in texts]
    limit, whole = _TOO_LARGE[scale], Amount.whole
    # a zero is exact or not by its unit, and a figure too large is the general parser's to
    # refuse: both are read one by one
    return [whole(value, scale, unit) if 0 < value < limit else
            parse_bare_integer(text, scale, unit) for value, text in zip(values, texts)]


def _grouped_by_spaces(text: str) -> bool:
    """"1 234", "12 345 678": what `_BARE_INTEGER` matches grouped by plain spaces, told by
    string methods (a pattern match and its groups cost twice as much): one space before each
    group of three from the right, the first group one to three digits, at most 18 digits."""
    n = len(text)
    groups = n // 4  # the spaces, if each stands four characters from the next
    return (0 < groups <= 5 and n % 4 != 0 and text[-4::-4] == " " * groups
            and text.count(" ") == groups and text.isascii()
            and text.replace(" ", "").isdigit())


_ZERO_DOLLARS = Amount(Decimal(0), 0, "$")
#: The least whole number too large when written in a unit scale: its digits would reach past
#: 10^MAX_MAGNITUDE (at scale 0 the pattern's 18 digits never do).
_TOO_LARGE = {scale: 10 ** (MAX_MAGNITUDE + 1 - scale) for scale in SCALE_SYMBOLS}


def parse_amount(
    text: str,
    *,
    lang: Lang | None = None,
    scale: int | None = None,
    unit: Unit | None = None,
    round_thousands: bool = True,
) -> Amount:
    """Read one printed figure, French or English: "17,6 M$", "$17.6 million", "(1 234)", "95 %".

    - `text`: the figure as printed (at most 200 characters).
    - `lang`: "fr" or "en" when the figure's language is known (it decides what "1,234" is);
      None reads the figure's own hints (a decimal comma and "M$" are French).
    - `scale`, `unit`: what the figure means when it does not say, as in a table "in
      thousands of dollars" (scale 3, unit "$").
    - `round_thousands`: read "51 000 $" as rounded to the thousand (prose) rather than to the
      dollar (tables print every figure to its unit).

    Returns an `Amount` that keeps the written precision; raises `AmountError` (a ValueError)
    for a figure it cannot read or one beyond what any budget needs."""
    fast = _french_table_figure(text, scale, round_thousands)
    if fast is not None:
        return fast
    return parse_general(text, lang=lang, scale=scale, unit=unit, round_thousands=round_thousands)


def parse_general(text: str, *, lang: Lang | None = None, scale: int | None = None,
                  unit: Unit | None = None, round_thousands: bool = True) -> Amount:
    """`parse_amount` without its fast path for French table figures: every step, for any
    figure."""
    if len(text) > MAX_TEXT:
        raise AmountError(f"figure text is longer than {MAX_TEXT} characters")
    s = normalise_spaces(text)
    if not s:
        raise AmountError("empty figure")
    foreign = _FOREIGN_DIGIT.search(s)
    if foreign:  # "5٠0" is not 500: Python would read any script's digits as numbers
        raise AmountError(f"{text.strip()!r} is written with a digit of another script "
                          f"(U+{ord(foreign.group()):04X} {unicodedata.name(foreign.group(), '')}"
                          "); figures are written with the digits 0 to 9")
    s, negative, prefix_dollar, suffix_dollar = _peel_markers(s)
    if s.lower() in _ZERO_MARKS:  # "-", "$ -", "- $", "$ —", "nil", "néant"
        return Amount(Decimal(0), scale or 0, unit if unit is not None else "$", exact=True)

    m = re.match(r"[0-9][0-9.,\u0020]*", s)
    if not m:
        raise AmountError(f"no number in {text.strip()!r}")
    number, rest = m.group(0).rstrip(" ,."), s[len(m.group(0).rstrip(" ,.")) :].strip()
    found_scale, found_unit = _read_suffix(rest, text)
    if prefix_dollar or suffix_dollar:
        if found_unit == "%":
            raise AmountError(f"{text.strip()!r} has both '$' and '%'")
        found_unit = "$"
    suffix_style = (bool(rest) or suffix_dollar) and not prefix_dollar
    digits = _read_number(number, lang=lang, english_hint=prefix_dollar, french_hint=suffix_style,
                          original=text)
    final_scale = found_scale if found_scale is not None else (scale or 0)
    final_unit: Unit = found_unit if found_unit is not None else (unit if unit is not None else "$")
    if (
        round_thousands and final_unit == "$" and final_scale == 0
        and digits.as_tuple().exponent == 0 and digits >= 1000
    ):
        digits = _drop_round_thousands(digits)
    if negative:
        digits = -digits
    try:
        return Amount(digits, final_scale, final_unit)
    except AmountError as exc:
        raise AmountError(f"{text.strip()!r}: {exc}") from None


#: A French plan table's figure: "17,6 M$", "1,03 M$", "0 $", "2 M$", "51 000 $" (plain
#: spaces); a decimal comma with one, two or four to fifteen digits (three would be a
#: thousands comma in English), no sign.
_FRENCH_FIGURE = re.compile(
    r"([0-9]{1,3}(?: [0-9]{3}){1,10}|[0-9]{1,30})(?:,([0-9]{1,2}|[0-9]{4,15}))? ?([MmKkGg]?)\$\Z")
_LETTER_SCALES = {"": None, "k": 3, "m": 6, "g": 9}


def _french_table_figure(text: str, scale: int | None, round_thousands: bool) -> Amount | None:
    """What `parse_amount` reads for the commonest figure of a French plan's table, without
    its general steps (which cost ten times as much), or None for any other text, or for one
    the general parser must refuse, saying why."""
    m = _FRENCH_FIGURE.match(text)
    if m is None:
        return None
    integer, fraction, letter = m.groups()
    found = _LETTER_SCALES[letter.lower()]
    final_scale = found if found is not None else (scale or 0)
    if round_thousands and final_scale == 0 and not fraction and len(integer) >= 4:
        return None  # "51 000 $" in prose: rounded to the thousand, the general rule
    integer = integer.replace(" ", "")
    try:
        return Amount(Decimal(f"{integer}.{fraction}" if fraction else integer), final_scale,
                      "$")
    except AmountError:
        return None


_CURRENCY_PREFIXES = ("CA$", "C$", "$")


def _peel_markers(s: str) -> tuple[str, bool, bool, bool]:
    """The figure without the signs and currency marks around it, in any order: "(1,234)",
    "$ (1,234)", "$(1,234)", "(1 234) $", "-$5", "$ -", "- $". Returns (the rest, negative,
    a "$" before, a bare "$" after). A currency mark only says the column is in dollars: the
    figure keeps its table's unit scale unless it writes one ("M$", "k$", "millions")."""
    negative = prefix = suffix = False
    for _ in range(6):  # each mark at most once or twice; a bounded peel
        if s.lower() in _ZERO_MARKS:
            break
        if len(s) > 1 and s.startswith("(") and s.endswith(")"):
            negative, s = not negative, s[1:-1].strip()
        elif len(s) > 1 and s[0] in _MINUS_CHARS and s[1:].strip(" $"):  # not the dash of "- $"
            negative, s = not negative, s[1:].strip()
        elif not prefix and (cut := next((p for p in _CURRENCY_PREFIXES
                                          if s.upper().startswith(p)), None)):
            prefix, s = True, s[len(cut):].strip()
        elif not suffix and s.endswith("$") and _bare_dollar(s[:-1].rstrip()):
            suffix, s = True, s[:-1].rstrip()
        else:
            break
    return s, negative, prefix, suffix


def _bare_dollar(before: str) -> bool:
    """Is a trailing "$" a currency mark on its own (not the "$" of "M$", "k$")?"""
    return before == "" or before[-1].isdigit() or before[-1] == ")" \
        or before.lower() in _ZERO_MARKS


def _read_suffix(rest: str, original: str) -> tuple[int | None, Unit | None]:
    rest = rest.strip().rstrip(".")
    for pattern, scale, unit in _SUFFIXES:
        if pattern.match(rest):
            if scale == 0 and unit is None:
                return None, None
            has_dollar = "$" in rest or "dollar" in rest.lower()
            # A dollar word alone ("dollars", "de dollars") names the currency, not a scale: the
            # figure keeps its table's. A percentage has no scale.
            given = scale if scale or unit == "%" else None
            return given, unit or ("$" if has_dollar or scale else None)
    raise AmountError(f"unknown unit {rest!r} in {original.strip()!r}")


def _read_number(number: str, *, lang: Lang | None, english_hint: bool, french_hint: bool,
                 original: str) -> Decimal:
    body = number
    if " " in body:
        groups = body.split(" ")
        tail = groups[-1]
        # Decimals can follow the last group: "1 234,5"
        last_int = re.split(r"[.,]", tail)[0]
        if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:-1])
                and len(last_int) == 3 and groups[0].isdigit()):
            raise AmountError(f"badly grouped digits in {original.strip()!r}")
        body = "".join(groups)
    has_comma, has_dot = "," in body, "." in body
    if has_comma and has_dot:
        decimal_sep = "." if body.rfind(".") > body.rfind(",") else ","
        group_sep = "," if decimal_sep == "." else "."
        integer, _, fraction = body.rpartition(decimal_sep)
        integer = _ungroup(integer, group_sep, original)
    elif has_comma or has_dot:
        sep = "," if has_comma else "."
        parts = body.split(sep)
        if len(parts) > 2:
            integer, fraction = _ungroup(body, sep, original), ""
        elif sep == "," and len(parts[1]) == 3 and _comma_groups(lang, english_hint, french_hint):
            integer, fraction = parts[0] + parts[1], ""
        else:
            integer, fraction = parts
    else:
        integer, fraction = body, ""
    if not integer.isdigit() or (fraction and not fraction.isdigit()):
        raise AmountError(f"cannot read the number in {original.strip()!r}")
    if len(integer) + len(fraction) > 40:
        raise AmountError(f"too many digits in {original.strip()!r}")
    try:
        return Decimal(f"{integer}.{fraction}" if fraction else integer)
    except InvalidOperation:  # pragma: no cover - guarded by the isdigit checks
        raise AmountError(f"cannot read the number in {original.strip()!r}") from None


def _comma_groups(lang: Lang | None, english_hint: bool, french_hint: bool) -> bool:
    """Is the single comma in "5,397" a thousands separator? In English yes, in French it is the
    decimal comma; with no language, a leading "$" says English and a trailing unit says French."""
    if lang is not None:
        return lang == "en"
    return english_hint or not french_hint


def _ungroup(text: str, sep: str, original: str) -> str:
    groups = text.split(sep)
    if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
        raise AmountError(f"badly grouped digits in {original.strip()!r}")
    return "".join(groups)


def _drop_round_thousands(digits: Decimal) -> Decimal:
    text = str(digits)
    dropped = 0
    while text.endswith("000") and len(text) > 3:
        text, dropped = text[:-3], dropped + 3
    return Decimal(text).scaleb(dropped) if dropped else digits


# -- formatting --------------------------------------------------------------------------------

def format_amount(amount: Amount, lang: Lang) -> str:
    """A printed figure as the language writes it: "17,6 M$" in French, "$17.6M" in English.

    - `amount`: the figure, written with its own digits (its precision is kept: "2,0 M$").
    - `lang`: "fr" (no-break spaces, decimal comma, true minus) or "en"."""
    return format_digits(amount.digits, SCALE_SYMBOLS[amount.scale], amount.unit, lang)


def format_value(value: Decimal, lang: Lang, *, unit: Unit = "$", scale: int = 0,
                 places: int | None = None) -> str:
    """A computed value (not a printed figure) in the unit of the figures it came from."""
    shown = value.scaleb(-scale)
    if places is not None:
        shown = shown.quantize(Decimal(1).scaleb(-places))
    else:
        shown = _trim(shown)
    if not shown.is_finite():
        return "∞"
    if shown == 0:
        shown = shown.copy_abs()  # no "−0": there is no negative zero in a budget
    # Only formatted, so the bounds an Amount checks (for arithmetic) do not apply.
    return format_amount(Amount.trusted(shown, scale, unit, True), lang)


def _trim(value: Decimal) -> Decimal:
    """Drop trailing zeros of a computed value without going to scientific notation."""
    if value == 0:
        return Decimal(0)
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    assert isinstance(exponent, int)
    return normal.quantize(Decimal(1)) if exponent > 0 else normal
