"""Hints on errors: what single slip would explain the difference.

Each hint is tested the same way: change one printed figure as the slip would have it, judge the
relation again, and keep the hint only if the relation then holds. Nothing is guessed from the
size of the difference alone.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations
from typing import TYPE_CHECKING, Iterator

from .amount import Amount, AmountError
from .evaluate import Evaluator, Outcome, Settings, judge
from .figures import FigureIndex, Missing, Term
from .i18n import say
from .notation import format_amount

if TYPE_CHECKING:
    from .engine import Context

MAX_HINTS = 4
#: Figure counts up to which pairs and triples of figures are searched for the difference.
PAIR_LIMIT = 400
TRIPLE_LIMIT = 60


class _Override(FigureIndex):
    """The plan's index with one figure replaced, for "what if" judgments."""

    def __init__(self, base: FigureIndex, ident: str, amount: Amount) -> None:
        self.__dict__.update(base.__dict__)
        self._ident, self._amount = ident, amount

    def resolve(self, ref, claim=None):  # type: ignore[no-untyped-def]
        items = FigureIndex.resolve(self, ref, claim)
        return [_replace(t, self._amount)
                if not isinstance(t, Missing) and t.ident == self._ident else t for t in items]


def _replace(term: Term, amount: Amount) -> Term:
    return Term(term.ident, amount, term.text, term.line, term.table, term.row, term.column,
                term.hedge, term.hedge_word)


def _holds_with(outcome: Outcome, ctx: Context, term: Term, amount: Amount) -> bool:
    evaluator = Evaluator(_Override(ctx.index, term.ident, amount), outcome.claim)
    strict = Settings(mode="strict" if ctx.settings.mode == "strict" else "rounding",
                      rounding=ctx.settings.rounding)
    try:
        return judge(outcome.comparison, evaluator, strict).verdict in ("pass", "note")
    except (AmountError, ArithmeticError, ValueError):
        return False


def _transpositions(amount: Amount) -> Iterator[Amount]:
    sign, digits, exponent = amount.digits.as_tuple()
    for i in range(len(digits) - 1):
        if digits[i] == digits[i + 1]:
            continue
        swapped = list(digits)
        swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
        yield Amount(Decimal((sign, tuple(swapped), exponent)), amount.scale, amount.unit)


def hints_for(outcome: Outcome, ctx: Context) -> list[str]:
    hints: list[str] = []
    terms = [t for t in outcome.terms if not t.amount.exact or t.amount.value == 0]
    lang = ctx.lang
    for term in terms:
        for swapped in _transpositions(term.amount):
            if _holds_with(outcome, ctx, term, swapped):
                hints.append(say("hint_transposed", lang, ident=term.ident, text=term.text,
                                 swapped=format_amount(swapped, lang)))
                break
    # Any large enough change satisfies an inequality: a sign flip "explains" every failed
    # "part <= whole", so it is no hint there.
    equality = outcome.comparison.op == "=="
    for term in terms if equality else ():
        if term.amount.value != 0:
            flipped = Amount(-term.amount.digits, term.amount.scale, term.amount.unit)
            if _holds_with(outcome, ctx, term, flipped):
                hints.append(say("hint_sign", lang, ident=term.ident,
                                 value=format_amount(flipped, lang)))
    for term in terms:
        for factor in (Decimal(1000), Decimal("0.001"), Decimal(1000000), Decimal("0.000001")):
            try:
                slipped = Amount(term.amount.digits * factor, term.amount.scale, term.amount.unit)
            except AmountError:
                continue
            if _holds_with(outcome, ctx, term, slipped):
                hints.append(say("hint_unit", lang, ident=term.ident,
                                 factor=format_amount(Amount(factor.normalize(), 0, ""), lang)))
                break  # the nearest slip; ×0.000001 also satisfies what ×0.001 satisfies
    hints += _difference_matches(outcome, ctx)
    change = _smallest_change(outcome, ctx, terms)
    if change:
        hints.append(change)
    return hints[:MAX_HINTS + 1]


def _difference_matches(outcome: Outcome, ctx: Context) -> list[str]:
    """The difference equals a figure left out, or a sum of two or three: a row left out?
    Only figures on the relation's own lines are tried (`_line_mates`): a plan of a few hundred
    figures has some pair or triple near any difference, and a sum of figures from other rows
    and columns explains nothing."""
    diff = outcome.difference
    if diff is None or diff == 0 or outcome.stated.dim != "$" or outcome.computed.dim != "$":
        return []
    figures = _line_mates(outcome, ctx)
    tolerance = outcome.tolerance
    target = abs(diff)
    scale = ctx.display_scale(outcome.terms)

    def close(total: Decimal, parts: tuple[Term, ...]) -> bool:
        slack = tolerance + sum((p.amount.half_unit for p in parts), Decimal(0))
        return abs(total - target) <= slack

    found: list[tuple[Term, ...]] = [(t,) for t in figures if close(abs(t.amount.value), (t,))]
    if not found and len(figures) <= PAIR_LIMIT:
        found = [p for p in combinations(figures, 2)
                 if close(abs(p[0].amount.value + p[1].amount.value), p)][:3]
    if not found and len(figures) <= TRIPLE_LIMIT:
        found = [p for p in combinations(figures, 3)
                 if close(abs(sum((x.amount.value for x in p), Decimal(0))), p)][:3]
    return [say("hint_equals", ctx.lang, diff=ctx.money(target, scale),
                figures=" + ".join(f"{t.ident} ({t.text})" for t in group))
            for group in found[:2]]


def _line_mates(outcome: Outcome, ctx: Context) -> list[Term]:
    """The dollar figures a relation may have left out or counted twice: the figures it adds
    itself, then those in a table it reads from on the column its figures of that table share (a
    row left out) or on the row they share (a column left out)."""
    lines: dict[str, tuple[set[str | None], set[str | None]]] = {}
    for term in outcome.terms:
        if term.table:
            rows, columns = lines.setdefault(term.table, (set(), set()))
            rows.add(term.row)
            columns.add(term.column)
    involved = {t.ident for t in outcome.terms}
    mates = [t for t in outcome.computed.terms if t.amount.unit == "$" and t.amount.value != 0]
    for figure in ctx.index.dollar_figures():
        if figure.table not in lines or figure.ident in involved:
            continue
        rows, columns = lines[figure.table]
        if (len(columns) == 1 and figure.column in columns) or \
                (len(rows) == 1 and figure.row in rows):
            mates.append(figure)
    return mates


def _smallest_change(outcome: Outcome, ctx: Context, terms: list[Term]) -> str | None:
    """For additive relations: the one figure whose change by the difference fixes it."""
    diff = outcome.difference
    if diff is None or ctx.settings.mode == "absolute":
        return None
    best: tuple[Decimal, Term, Amount] | None = None
    for term in terms:
        if term.amount.unit != "$":
            continue
        for delta in (diff, -diff):
            try:
                value = (term.amount.value + delta).scaleb(-term.amount.scale)
                candidate = Amount(value.quantize(term.amount.digits), term.amount.scale, "$")
            except (AmountError, ArithmeticError):
                continue
            if _holds_with(outcome, ctx, term, candidate):
                size = abs(delta) / max(abs(term.amount.value), Decimal(1))
                if best is None or size < best[0]:
                    best = (size, term, candidate)
                break
    if best is None:
        return None
    _, term, candidate = best
    return say("hint_change", ctx.lang, ident=term.ident, text=term.text,
               value=format_amount(candidate, ctx.lang))
