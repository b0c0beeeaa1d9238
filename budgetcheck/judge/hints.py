"""Hints on errors: what single slip would explain the difference.

Each hint is tested the same way: change one printed figure as the slip would have it, judge the
relation again, and keep the hint only if the relation then holds. Nothing is guessed from the
size of the difference alone.

Judging again costs O(1) a candidate for the relations that are sums of plain dollar figures (every
total of a table, most footnotes): a one-figure change moves the difference between the two sides
by the figure's coefficient times its change, and the slack by the change of its half unit
(`_Sums`). Other relations (ratios, hedges, truncation) are judged again by the evaluator, and only
when they have at most `EVALUATED_LIMIT` figures. Figures left out are looked for among the
relation's own row or column, in sorted order (`_difference_matches`). So an error costs about what
its relation costs, whatever the size of the plan.
"""

from __future__ import annotations

import decimal
import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from functools import cached_property
from typing import Protocol

from budgetcheck.judge.evaluate import Evaluator, judge
from budgetcheck.judge.labels import figure_label
from budgetcheck.judge.types import Outcome, Settings
from budgetcheck.judge.wording import say
from budgetcheck.numbers.amount import Amount, AmountError
from budgetcheck.numbers.formatting import Lang
from budgetcheck.numbers.interval import CEILING, FLOOR
from budgetcheck.numbers.notation import format_amount
from budgetcheck.plan.expr import Ref
from budgetcheck.plan.figures import Figure, FigureIndex, Missing, NamedFigure, nonzero_dollars
from budgetcheck.plan.model import Claim

MAX_HINTS = 4
#: Figure counts up to which pairs and triples of figures are searched for the difference.
#: Beyond them a pair or triple near the difference is more likely chance than a row left out
#: (a 200-row column has 19 900 pairs).
PAIR_LIMIT = 100
TRIPLE_LIMIT = 30
#: A relation that is not a plain sum is judged again for each candidate; beyond this many
#: figures it gets no "what if" hints (a claim or footnote has a handful).
EVALUATED_LIMIT = 40
#: Sums of budget figures are exact here (the default context keeps 28 digits; a figure may have
#: 30), and a changed figure is rounded to its printed digit the ordinary way (half to even).
_EXACT = decimal.Context(prec=60, rounding=ROUND_HALF_EVEN, Emax=999, Emin=-999)
_UNIT_FACTORS = (Decimal(1000), Decimal("0.001"), Decimal(1000000), Decimal("0.000001"))


class Asker(Protocol):
    """What hints read of the check that asks for them (a rule's `Context`): its settings, the
    plan's figures, the language, and how it writes a sum of money."""

    settings: Settings
    index: FigureIndex
    lang: Lang

    def display_scale(self, terms: Iterable[Figure]) -> int: ...

    def money(self, value: Decimal, scale: int, dim: str | None = "$") -> str: ...


class WhatIf(Protocol):
    """Would the relation hold if one figure had another value (and half unit)?"""

    def holds_with(self, term: Figure, value: Decimal, half: Decimal) -> bool: ...

    def change_range(self, term: Figure) -> tuple[Decimal, Decimal] | None:
        """Every change of the figure's printed value, its half unit kept, that would make the
        relation hold, as [lo, hi] (lo > hi: none); None when only `holds_with` can say."""


@dataclass(frozen=True)
class _Sums:  # not slotted: `_ranges` is cached on the instance
    """A failed `left op right` between signed sums of plain dollar figures, held as the
    difference of the printed sides and the slack their rounding allows: a changed figure is
    judged from these two numbers, in O(1)."""

    op: str
    difference: Decimal  # left − right, figures as printed
    slack: Decimal  # the half units of every figure added up; 0 in strict mode
    strict: bool
    #: id(term) -> (signed count on left − right, count)
    coefficients: dict[int, tuple[int, int]]

    @classmethod
    def of(cls, outcome: Outcome, strict: bool) -> _Sums:
        """The outcome's difference and tolerance are these sums already (`linear`)."""
        assert outcome.signed is not None and outcome.difference is not None
        left, right = outcome.signed
        coefficients: dict[int, tuple[int, int]] = {}
        for side, terms in ((1, left), (-1, right)):
            for sign, term in terms:
                c, n = coefficients.get(id(term), (0, 0))
                coefficients[id(term)] = (c + side * sign, n + 1)
        return cls(outcome.comparison.op, outcome.difference,
                   Decimal(0) if strict else outcome.tolerance, strict, coefficients)

    def holds_with(self, term: Figure, value: Decimal, half: Decimal) -> bool:
        coefficient, count = self.coefficients[id(term)]
        d = self.difference + coefficient * (value - term.value)
        h = Decimal(0) if self.strict else self.slack + count * (half - term.half)
        return _holds(self.op, d, h)

    def change_range(self, term: Figure) -> tuple[Decimal, Decimal] | None:
        coefficient = self.coefficients[id(term)][0]
        if self.op != "==" or abs(coefficient) > 1:
            return None
        if coefficient == 0:  # on both sides: changing it changes nothing
            return Decimal(1), Decimal(0)
        # difference + c·change ∈ [−slack, slack], c = ±1
        return self._ranges[coefficient]

    @cached_property
    def _ranges(self) -> dict[int, tuple[Decimal, Decimal]]:
        up = (-self.slack - self.difference, self.slack - self.difference)
        return {1: up, -1: (-up[1], -up[0])}


def _holds(op: str, difference: Decimal, slack: Decimal) -> bool:
    """Can `left op right` hold when left − right is `difference` give or take `slack`?"""
    if op == "==":
        return abs(difference) <= slack
    if op == "<=":
        return difference <= slack
    if op == "<":
        return difference < slack
    if op == ">=":
        return difference >= -slack
    return difference > -slack


class _Override(FigureIndex):
    """The plan's index with one figure replaced, for "what if" judgments by the evaluator."""

    def __init__(self, base: FigureIndex, ident: str, amount: Amount) -> None:
        self.__dict__.update(base.__dict__)
        self._ident, self._amount = ident, amount

    def resolve(self, ref: Ref, claim: Claim | None = None) -> list[Figure | Missing]:
        items = FigureIndex.resolve(self, ref, claim)
        return [_replace(t, self._amount)
                if not isinstance(t, Missing) and t.ident == self._ident else t for t in items]


def _replace(term: Figure, amount: Amount) -> Figure:
    return NamedFigure(term.ident, amount, term.text, term.line, term.table, term.row, term.column,
                term.hedge, term.hedge_word)


@dataclass(frozen=True)
class _Evaluated:
    """Judge the relation again with the evaluator (for relations that are not plain sums)."""

    outcome: Outcome
    index: FigureIndex
    settings: Settings

    def holds_with(self, term: Figure, value: Decimal, half: Decimal) -> bool:
        amount = _amount_for(term, value, half)
        if amount is None:
            return False
        evaluator = Evaluator(_Override(self.index, term.ident, amount), self.outcome.claim)
        try:
            return judge(self.outcome.comparison, evaluator,
                         self.settings).verdict in ("pass", "note")
        except (AmountError, ArithmeticError, ValueError):
            return False

    def change_range(self, term: Figure) -> tuple[Decimal, Decimal] | None:
        return None


def _amount_for(term: Figure, value: Decimal, half: Decimal) -> Amount | None:
    """The printed amount a candidate value stands for: in the term's scale, to the digit its
    half unit says (None if no amount can be so written)."""
    amount = term.amount
    try:
        if half == 0:
            return Amount(value.scaleb(-amount.scale), amount.scale, amount.unit, exact=True)
        exponent = (half * 2).normalize().as_tuple().exponent  # a half unit is 5·10^(e−1)
        assert isinstance(exponent, int)
        digit = Decimal(1).scaleb(exponent - amount.scale)
        return Amount(value.scaleb(-amount.scale).quantize(digit), amount.scale, amount.unit)
    except (AmountError, ArithmeticError):
        return None


def hints_for(outcome: Outcome, ctx: Asker) -> list[str]:
    """At most MAX_HINTS slips, in this order: transposed digits, a sign flipped, a unit slip,
    the difference equal to figures left out; then the smallest single change, always."""
    strict = ctx.settings.mode == "strict"
    terms = [t for t in outcome.terms if not t.amount.exact or t.amount.value == 0]
    with localcontext(_EXACT):
        what_if: WhatIf
        if outcome.signed is not None:
            what_if = _Sums.of(outcome, strict)
        elif len(terms) <= EVALUATED_LIMIT:
            settings = Settings(mode="strict" if strict else "rounding",
                                rounding=ctx.settings.rounding)
            what_if = _Evaluated(outcome, ctx.index, settings)
        else:
            return []
        facts = [_Fact(t, t.value, what_if.change_range(t)) for t in terms]
        # The slips are searched lazily: once MAX_HINTS are found, the rest is not looked at.
        # Two figures printed alike ("2,5 M$ et 2,5 M$") give the same slip: said once.
        hints = list(itertools.islice(_once_each(_slips(outcome, ctx, facts, what_if)),
                                      MAX_HINTS))
        change = _smallest_change(outcome, ctx, facts, what_if)
        return hints + [change] if change else hints


def _once_each(hints: Iterable[str]) -> Iterator[str]:
    seen: set[str] = set()
    for hint in hints:
        if hint not in seen:
            seen.add(hint)
            yield hint


def _slips(outcome: Outcome, ctx: Asker, facts: list[_Fact],
           what_if: WhatIf) -> Iterator[str]:
    """The slips that would explain the error, most telling kind first."""
    lang = ctx.lang
    shortlist = _Shortlist(facts)
    for n in shortlist.where(_may_transpose):
        fact = facts[n]
        swapped = _transposition(fact, what_if)
        if swapped is not None:
            yield say("hint_transposed", lang, ident=_name(ctx, fact.term),
                      text=format_amount(fact.term.amount, lang),
                      swapped=format_amount(swapped, lang))
    # Any large enough change satisfies an inequality: a sign flip "explains" every failed
    # "part <= whole", so it is no hint there.
    equality = outcome.comparison.op == "=="
    for n in shortlist.where(_may_flip) if equality else ():
        fact = facts[n]
        if _sign_flip_holds(fact, what_if):
            amount = fact.term.amount
            flipped = Amount(-amount.digits, amount.scale, amount.unit)
            yield say("hint_sign", lang, ident=_name(ctx, fact.term),
                      value=format_amount(flipped, lang))
    slips = sorted({n for factor in _UNIT_FACTORS for n in shortlist.where(_may_slip(factor))})
    for n in slips:
        fact = facts[n]
        factor = _unit_slip(fact, what_if)
        if factor is not None:
            yield say("hint_unit", lang, ident=_name(ctx, fact.term),
                      factor=format_amount(Amount(factor.normalize(), 0, ""), lang))
    known = {id(f.term): f.value for f in facts}
    yield from _difference_matches(outcome, ctx, known)


def _name(ctx: Asker, term: Figure) -> str:
    """The figure as the document names it: "Table 3, “Total”", not `t3[total]`."""
    return figure_label(ctx.index, term.ident, ctx.lang, term.table, term.row, term.column)


Bounds = Callable[[Decimal, Decimal], list[tuple[Decimal, Decimal]]]
_INFINITY = Decimal("Infinity")


class _Shortlist:
    """The figures a kind of slip could concern, found by searching their sorted values: a
    slip changes a figure by a known function of its value (a sign flip by −2·value, a unit
    slip by (factor − 1)·value), and the changes that would make the relation hold are one
    range for all the figures added with the same sign. Figures whose range is unknown are
    always listed (the evaluator judges them one by one)."""

    def __init__(self, facts: list[_Fact]) -> None:
        self.unknown = [n for n, f in enumerate(facts) if f.changes is None]
        groups: dict[tuple[Decimal, Decimal], list[int]] = {}
        for n, fact in enumerate(facts):
            if fact.changes is not None and fact.changes[0] <= fact.changes[1]:
                groups.setdefault(fact.changes, []).append(n)
        self.groups: list[tuple[tuple[Decimal, Decimal], list[Decimal], list[int]]] = []
        for changes, members in groups.items():
            members.sort(key=lambda n: facts[n].value)
            self.groups.append((changes, [facts[n].value for n in members], members))

    def where(self, bounds: Bounds) -> list[int]:
        """Positions, in order, of the figures whose value lies in one of the ranges `bounds`
        gives for their group's range of changes, and of those whose range is unknown."""
        found = set(self.unknown)
        for (lo, hi), values, members in self.groups:
            for low, high in bounds(lo, hi):
                found.update(members[bisect_left(values, low):bisect_right(values, high)])
        return sorted(found)


def _may_transpose(lo: Decimal, hi: Decimal) -> list[tuple[Decimal, Decimal]]:
    """A swap of two digits changes a figure by at most 8,1·|value| (9·9·10^(n−2) units of the
    last of its n digits), so only figures with 9·|value| ≥ the smallest change that would do."""
    distance = lo if lo > 0 else (-hi if hi < 0 else Decimal(0))
    least = FLOOR.divide(distance, 9)
    return [(-_INFINITY, -least), (least, _INFINITY)]


def _may_flip(lo: Decimal, hi: Decimal) -> list[tuple[Decimal, Decimal]]:
    """−2·value ∈ [lo, hi]."""
    return [(-hi / 2, -lo / 2)]


def _may_slip(factor: Decimal) -> Bounds:
    """(factor − 1)·value ∈ [lo, hi], the bounds rounded outward."""
    step = factor - 1

    def bounds(lo: Decimal, hi: Decimal) -> list[tuple[Decimal, Decimal]]:
        if step > 0:
            return [(FLOOR.divide(lo, step), CEILING.divide(hi, step))]
        return [(FLOOR.divide(hi, step), CEILING.divide(lo, step))]
    return bounds


@dataclass(frozen=True, slots=True)
class _Fact:
    """A figure of the failed relation, read once: its value and the changes that would make
    the relation hold (see `WhatIf.change_range`). Its half unit is read only when a candidate
    needs it (it costs more than the value)."""

    term: Figure
    value: Decimal
    changes: tuple[Decimal, Decimal] | None


def _sign_flip_holds(fact: _Fact, what_if: WhatIf) -> bool:
    value, changes = fact.value, fact.changes
    if value == 0:
        return False
    if changes is not None:
        return changes[0] <= -2 * value <= changes[1]
    return what_if.holds_with(fact.term, -value, fact.term.half)


def _transposition(fact: _Fact, what_if: WhatIf) -> Amount | None:
    """Two adjacent digits swapped (the most significant pair first) that would make the
    relation hold. A swap changes neither the figure's precision nor its half unit."""
    term, value, changes = fact.term, fact.value, fact.changes
    amount = term.amount
    if changes is not None:
        lo, hi = changes
        # A swap changes a figure by 9 units of its last digit at least, 8,1·|value| at most.
        if lo > hi or lo > 9 * abs(value) or hi < -9 * abs(value):
            return None
    sign, digits, exponent = amount.digits.as_tuple()
    assert isinstance(exponent, int)
    count = len(digits)
    if count < 2:
        return None
    unit = Decimal(1).scaleb(exponent + amount.scale)
    if changes is not None:  # in units of the last digit, for the figure's own sign
        lo, hi = (-hi / unit, -lo / unit) if sign else (lo / unit, hi / unit)
    for i in range(count - 1):
        high, low = digits[i], digits[i + 1]
        if high == low or (i == 0 and low == 0):
            continue  # "10" typed "01" would print "1": no leading zero is ever printed
        # high·10^(j+1) + low·10^j becomes low·10^(j+1) + high·10^j: 9·(low − high)·10^j
        change = 9 * (low - high) * 10 ** (count - 2 - i)
        if changes is not None:
            if not lo <= change <= hi:
                continue
        elif not what_if.holds_with(term, value + unit * (-change if sign else change),
                                    term.half):
            continue
        swapped = list(digits)
        swapped[i], swapped[i + 1] = low, high
        return Amount(Decimal((sign, tuple(swapped), exponent)), amount.scale, amount.unit)
    return None


def _unit_slip(fact: _Fact, what_if: WhatIf) -> Decimal | None:
    """The nearest factor of a thousand or a million the figure was off by, if one makes the
    relation hold (×0.000001 also satisfies what ×0.001 satisfies, so the first one found)."""
    term, value, changes = fact.term, fact.value, fact.changes
    amount = term.amount
    for factor in _UNIT_FACTORS:
        slipped = value * factor
        if changes is not None:
            # Exact when the half unit stays; a figure read to a finer digit has less slack, so
            # the range only rules out, and the relation is judged again.
            holds = changes[0] <= slipped - value <= changes[1]
            if holds and factor < 1:
                holds = what_if.holds_with(term, slipped, term.half * factor)
        else:
            half = term.half
            holds = what_if.holds_with(term, slipped, half * factor if factor < 1 else half)
        if holds:
            try:
                Amount(amount.digits * factor, amount.scale, amount.unit)
            except AmountError:
                continue
            return factor
    return None


def _difference_matches(outcome: Outcome, ctx: Asker, known: dict[int, Decimal]) -> list[str]:
    """The difference equals a figure left out, or a sum of two or three: a row left out?
    Only figures on the relation's own lines are tried (`_line_mates`): a plan of a few hundred
    figures has some pair or triple near any difference, and a sum of figures from other rows
    and columns explains nothing. Pairs and triples are found by searching the sorted values, so
    the search costs n log n (pairs) and n² log n (triples), not n² and n³."""
    diff = outcome.difference
    if diff is None or diff == 0 or outcome.stated.dim != "$" or outcome.computed.dim != "$":
        return []
    figures, own = _line_mates(outcome, ctx)
    target = abs(diff)
    scale = ctx.display_scale(outcome.terms)
    found = _groups_matching(figures, own, target, outcome.tolerance, known)
    return [say("hint_equals", ctx.lang, diff=ctx.money(target, scale),
                figures=" + ".join(f"{_name(ctx, t)} ({format_amount(t.amount, ctx.lang)})"
                                   for t in group))
            for group in found[:2]]


def _groups_matching(figures: Sequence[Figure], own: int, target: Decimal, tolerance: Decimal,
                     known: dict[int, Decimal]) -> list[tuple[Figure, ...]]:
    """The first figure, or else the first three pairs, or else the first three triples (in the
    order of `figures`), whose sum is ±target within the tolerance and their half units.
    The first `own` figures are the relation's, whose half units the tolerance already adds up
    (so none exceeds it); `known` holds values already read."""
    values = [known.get(id(t)) or t.value for t in figures]
    halves: dict[int, Decimal] = {}

    def half(n: int) -> Decimal:
        found = halves.get(n)
        if found is None:
            found = halves[n] = figures[n].half
        return found

    def close(*parts: int) -> bool:
        total = abs(sum((values[p] for p in parts), Decimal(0)))
        return abs(total - target) <= tolerance + sum((half(p) for p in parts), Decimal(0))

    ordered = sorted(range(len(figures)), key=values.__getitem__)
    in_order = [values[n] for n in ordered]
    widest = max([tolerance, *(half(n) for n in range(own, len(figures)))])
    near = set()
    for goal in (target, -target):
        lo = bisect_left(in_order, goal - tolerance - widest)
        near.update(ordered[lo:bisect_right(in_order, goal + tolerance + widest)])
    singles: list[tuple[Figure, ...]] = [(figures[n],) for n in sorted(near) if close(n)]
    if singles or len(figures) > PAIR_LIMIT:
        return singles
    widest = max((half(n) for n in range(len(figures))), default=Decimal(0))
    halves_of = half

    def partners(rest: Decimal, slack: Decimal, after: int) -> list[int]:
        """Positions after `after` whose value is within `slack` of target − rest or of
        −target − rest, in order."""
        found: set[int] = set()
        for goal in (target - rest, -target - rest):
            lo = bisect_left(in_order, goal - slack)
            hi = bisect_right(in_order, goal + slack)
            found.update(ordered[k] for k in range(lo, hi) if ordered[k] > after)
        return sorted(found)

    pairs: list[tuple[Figure, ...]] = []
    for i in range(len(figures)):
        for j in partners(values[i], tolerance + halves_of(i) + widest, i):
            if close(i, j):
                pairs.append((figures[i], figures[j]))
        if len(pairs) >= 3:
            break
    if pairs or len(figures) > TRIPLE_LIMIT:
        return pairs[:3]
    triples: list[tuple[Figure, ...]] = []
    for i in range(len(figures)):
        for j in range(i + 1, len(figures)):
            both = values[i] + values[j]
            for k in partners(both, tolerance + halves_of(i) + halves_of(j) + widest, j):
                if close(i, j, k):
                    triples.append((figures[i], figures[j], figures[k]))
        if len(triples) >= 3:
            break
    return triples[:3]


def _line_mates(outcome: Outcome, ctx: Asker) -> tuple[list[Figure], int]:
    """The dollar figures a relation may have left out or counted twice: the figures it adds
    itself, then those of a table it reads from on the column its figures of that table share,
    in the rows it spans and as many again on each side (a row left out: a column total spans
    its column; a total of a block of rows, the block and its neighbours), or on the row they
    share (a column left out), in the table's order; and how many are the relation's own.
    Bounded by the relation's own size, so an error costs what its relation costs."""
    lines: dict[str, tuple[set[str | None], set[str | None]]] = {}
    for term in outcome.terms:
        if term.table:
            rows, columns = lines.setdefault(term.table, (set(), set()))
            rows.add(term.row)
            columns.add(term.column)
    involved = {id(t) for t in outcome.terms}
    mates: list[Figure] = [t for t in outcome.computed.terms if nonzero_dollars(t)]
    own = len(mates)
    for table in ctx.index.tables:  # the plan's order, as `dollar_figures` lists them
        if table not in lines:
            continue
        rows, columns = lines[table]
        found: dict[tuple[int, int], Figure] = {}
        if len(columns) == 1:
            order = ctx.index.rows[table]
            spanned = [order[r] for r in rows if r in order]
            if spanned:
                first, last = min(spanned), max(spanned)
                reach = max(last - first + 1, 2)
                found.update(ctx.index.column_figures(table, next(iter(columns)),
                                                      first - reach, last + reach))
        if len(rows) == 1:
            found.update(ctx.index.row_figures(table, next(iter(rows))))
        mates += [found[n] for n in sorted(found) if id(found[n]) not in involved]
    return mates, own


def _smallest_change(outcome: Outcome, ctx: Asker, facts: list[_Fact],
                     what_if: WhatIf) -> str | None:
    """For additive relations: the one figure whose change by the difference fixes it, the
    change being smallest relative to the figure (so the largest figure that works)."""
    diff = outcome.difference
    if diff is None or ctx.settings.mode == "absolute":
        return None
    dollars = [f for f in facts if f.term.amount.unit == "$"]
    order = sorted(range(len(dollars)), key=lambda n: -max(abs(dollars[n].value), Decimal(1)))
    for n in order:
        term, value = dollars[n].term, dollars[n].value
        for delta in (diff, -diff):
            try:
                shifted = (value + delta).scaleb(-term.amount.scale)
                candidate = Amount(shifted.quantize(term.amount.digits), term.amount.scale, "$")
            except (AmountError, ArithmeticError):
                continue
            if what_if.holds_with(term, candidate.value, candidate.half_unit):
                return say("hint_change", ctx.lang, ident=_name(ctx, term),
                           text=format_amount(term.amount, ctx.lang),
                           value=format_amount(candidate, ctx.lang))
    return None
