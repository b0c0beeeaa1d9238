"""What a rule function gets besides the plan: the settings, the figure index, the language, and
the helpers that turn a judged relation into a finding worded in that language."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from budgetcheck.judge.labels import expression_label, figure_label
from budgetcheck.judge.types import Outcome, Settings
from budgetcheck.judge.wording import HEDGES_SAID, say
from budgetcheck.numbers.amount import Unit
from budgetcheck.numbers.formatting import Lang
from budgetcheck.numbers.interval import Interval
from budgetcheck.numbers.notation import format_amount, format_value
from budgetcheck.plan.expr import AmountLiteral
from budgetcheck.plan.figures import Figure, FigureIndex, Missing
from budgetcheck.plan.model import Plan
from budgetcheck.report import FigureRef, Finding, Passed, Severity
from budgetcheck.util.interning import interned
from budgetcheck.util.limits import HINTED_ERRORS

#: How a comparison reads in a message ("5 334 M$ ≤ 1,48 G$ est faux"); rule files keep "<=".
_SHOWN_OP = {"<=": "≤", ">=": "≥"}


#: A kind's message templates: key -> language ("en", "fr") -> `str.format` template.
Messages = Mapping[str, Mapping[str, str]]


class Kind(Protocol):
    """What a finding takes from its kind: the slug and the message templates."""

    @property
    def name(self) -> str: ...

    @property
    def messages(self) -> Messages: ...


@dataclass
class Context:
    """What a rule function gets besides the plan: settings, figure index and formatting."""

    plan: Plan
    index: FigureIndex
    settings: Settings
    lang: Lang
    path: str
    #: The kinds findings may be of, by code (the registry).
    kinds: Mapping[str, Kind]
    code: str = ""  # the code of the rule being run, for rules that do not hard-code theirs
    #: Errors given hints so far: past `limits.HINTED_ERRORS` an error is reported without them,
    #: so a plan full of errors costs what its relations cost.
    hinted: int = 0

    # -- formatting -------------------------------------------------------------------------
    @property
    def colon(self) -> str:
        """French sets a (no-break) space before the colon."""
        return "\u00a0: " if self.lang == "fr" else ": "

    def label(self, figure: Figure | Missing) -> str:
        """The figure as the document names it ("Table 5, “ISDE — Phase 1”, T1"), for messages;
        its key (`t5[isde_phase1, T1]`) stays in the finding's data."""
        return figure_label(self.index, figure.ident, self.lang, figure.table, figure.row,
                            figure.column)

    def hedge_word(self, figure: Figure) -> str | None:
        """The hedge as printed when the report is in the document's language ("au moins"),
        else as the report's language says it ("at least")."""
        if figure.hedge_word is None or figure.hedge is None \
                or self.lang == self.plan.plan.language:
            return figure.hedge_word
        return HEDGES_SAID[self.lang].get(figure.hedge, figure.hedge_word)

    def expression(self, text: str) -> str:
        """A relation as written in a rules file, with the labels of its figures."""
        return expression_label(self.index, text, self.lang)

    def display_scale(self, terms: Iterable[Figure]) -> int:
        scales = [t.amount.scale for t in terms if t.amount.unit == "$"]
        return max(scales, default=0)

    def money(self, value: Decimal, scale: int, dim: str | None = "$") -> str:
        if not value.is_finite():
            return "∞" if value > 0 else "−∞"
        if dim == "1":
            return self.ratio(value)
        if dim == "%":  # a ratio beside a printed percentage reads as one
            return self.ratio(value, percent=True)
        return format_value(value, self.lang, unit="$", scale=scale, places=_places(value, scale))

    def ratio(self, value: Decimal, percent: bool = False) -> str:
        if percent:
            return format_value(value * 100, self.lang, unit="%", places=2)
        return format_value(value, self.lang, unit="", places=4 if abs(value) < 10 else 2)

    def interval_text(self, interval: Interval, scale: int, dim: str | None = "$",
                      places: int | None = None) -> str:
        sep = " à " if self.lang == "fr" else " to "
        if not interval.lo.is_finite() or not interval.hi.is_finite():
            return self._half_open_text(interval, scale, dim)
        if places is None:
            lo, hi = self.money(interval.lo, scale, dim), self.money(interval.hi, scale, dim)
            return lo if lo == hi else lo + sep + hi  # "0,9087 à 0,9087" says one value
        unit: Unit = "$" if dim != "1" else ""
        lo, hi = (format_value(v, self.lang, unit=unit, scale=scale, places=places)
                  for v in (interval.lo, interval.hi))
        return lo + sep + hi

    def _half_open_text(self, interval: Interval, scale: int, dim: str | None) -> str:
        """"au plus 5,6 M$", "at least 2 M$": where a hedged figure may be printed."""
        if interval.hi.is_finite():
            return f"{HEDGES_SAID[self.lang]['at_most']} {self.money(interval.hi, scale, dim)}"
        if interval.lo.is_finite():
            return f"{HEDGES_SAID[self.lang]['at_least']} {self.money(interval.lo, scale, dim)}"
        return "?"

    def say(self, code: str, key: str, **values: object) -> str:
        """The message `key` of the kind `code` in the check's language."""
        templates = self.kinds[code].messages[key]
        return (templates.get(self.lang) or templates["en"]).format(**values)

    # -- findings ---------------------------------------------------------------------------
    def finding(self, code: str, severity: Severity, message: str, *, lines: Iterable[int | None],
                table: str | None = None, row: str | None = None, column: str | None = None,
                subject: str = "", line: int | None = None, **details: Any) -> Finding:
        kind = self.kinds[code]
        given = [line for line in lines if line is not None]
        clean = sorted(set(given))
        primary = line if line is not None else given[0] if given else None
        if "place" not in details:  # the stated figure's place in a workbook: "Budget!C12"
            details["place"] = next((f.place for f in details.get("figures", ())
                                     if f.place is not None and f.line == primary), None)
        return interned(Finding(code=code, name=kind.name, severity=severity, message=message,
                                path=self.path, lines=clean, line=primary, table=table, row=row,
                                column=column, subject=subject, **details))

    def from_outcome(self, code: str, outcome: Outcome, subject: str, *,
                     table: str | None = None, row: str | None = None, column: str | None = None,
                     failure: Severity = "error", extra_lines: Iterable[int] = (),
                     relation: str | None = None, label: str | None = None) -> Finding | Passed:
        """The standard finding for a judged relation: pass, note, error or unverifiable.
        `subject` is what was checked, as keys name it (a baseline's key); `label` what the
        message calls it, when that differs ("relation (Table 1, “Total” = …)")."""
        shown = label or subject
        # The stated side's figures come first: the first line is the one the finding is about.
        lines = [*(t.line for t in outcome.terms), *(m.line for m in outcome.missing), *extra_lines]
        if outcome.verdict == "pass":
            return self.passed(code, subject, relation or outcome.comparison.source,
                               outcome.terms, extra_lines, table=table, row=row, column=column)
        scale = self.display_scale(outcome.terms)
        dim = outcome.computed.dim or outcome.stated.dim
        if dim == "1" and (any(t.amount.unit == "%" for t in outcome.terms)
                           or _percent_literal(outcome.comparison.left)
                           or _percent_literal(outcome.comparison.right)):
            # "219 M$ des 230 M$ (95 %)", "30 M$, a third of the 90 M$" ('33 %'): the
            # quotient reads as a percentage
            dim = "%"
        stated_i, computed_i = outcome.stated.interval, outcome.computed.interval
        stated_txt = self.side_text(outcome.stated.terms, stated_i, scale, dim)
        computed_txt = self.side_text([], computed_i, scale, dim)
        diff = outcome.difference
        params = dict(stated=stated_txt, computed=computed_txt,
                      diff=self.money(abs(diff), scale, dim) if diff is not None else "?",
                      tolerance=self.money(outcome.tolerance if self.settings.mode == "rounding"
                                           else self.settings.tolerance, scale, dim),
                      n=outcome.rounded_terms, op=_SHOWN_OP.get(outcome.comparison.op,
                                                                outcome.comparison.op),
                      allowed=self.interval_text(outcome.allowed, scale, dim)
                      if outcome.allowed else "?")
        severity: Severity
        hints: list[str] = []
        if outcome.verdict == "unverifiable":
            severity = "warning"
            if outcome.missing:
                text = say("unverifiable_missing", self.lang,
                           missing=", ".join(self.label(m) for m in outcome.missing))
            elif stated_i.lo.is_finite() or stated_i.hi.is_finite():
                # "plus de 2 G$ == plus de 1 G$": each side is a bound, no division involved
                text = say("unverifiable_bounds", self.lang, computed=computed_txt)
            else:
                text = say("unverifiable_zero", self.lang)
        elif outcome.verdict == "note":
            severity = "note"
            key = "note_absolute" if self.settings.mode == "absolute" else "note_eq"
            text = say(key, self.lang, **params)
        else:
            severity = failure
            if outcome.comparison.op != "==":
                key = "error_cmp"
            else:
                key = {"strict": "error_strict", "absolute": "error_absolute"}.get(
                    self.settings.mode, "error_eq")
                if key == "error_eq" and outcome.allowed and not outcome.allowed.is_bounded:
                    key = "error_eq_hedged"  # "… devrait être au plus 5,6 M$"
            text = say(key, self.lang, **params)
            if severity == "error" and self.hinted < HINTED_ERRORS:
                # Imported here: a check with no error needs no hint search, and importing it
                # at start-up cost about 35 ms (measured side by side).
                from budgetcheck.judge.hints import hints_for

                self.hinted += 1
                hints = hints_for(outcome, self)
        return self.finding(
            code, severity, f"{shown}{self.colon}{text}", lines=lines, table=table, row=row, column=column,
            subject=subject, relation=relation or outcome.comparison.source,
            stated=_plain(stated_i) if stated_i.is_bounded else _printed(outcome.stated.terms),
            computed=_plain(computed_i),
            difference=diff,
            allowed=bounds(outcome.allowed) if outcome.allowed else None,
            hints=hints, figures=[figure_ref(t) for t in outcome.terms])

    def deferred_note(self, code: str, terms: Sequence[Figure], build: Callable[[], Outcome],
                      subject: str, relation: str, *, table: str | None = None,
                      row: str | None = None, column: str | None = None) -> Finding:
        """The note `from_outcome` gives for the outcome `build` judges, with its wording and
        quoted numbers built when first read (`Finding.deferred`): the caller has found, in
        integers, that rounding explains the relation, and a hidden note costs no more."""
        given = [t.line for t in terms if t.line is not None]
        primary = given[0] if given else None
        place = next((p for t in terms if (p := getattr(t, "place", None)) is not None
                      and t.line == primary), None)

        def whole() -> Finding:
            built = self.from_outcome(code, build(), subject, table=table, row=row,
                                      column=column, relation=relation)
            assert isinstance(built, Finding) and built.severity == "note", built
            return built

        return interned(Finding.deferred(
            whole, code=code, name=self.kinds[code].name, severity="note", path=self.path,
            lines=sorted(set(given)), line=primary, table=table, row=row, column=column,
            subject=subject, relation=relation, place=place))

    def passed(self, code: str, subject: str, relation: str, terms: Iterable[Figure],
               extra_lines: Iterable[int] = (), *, table: str | None = None,
               row: str | None = None, column: str | None = None) -> Passed:
        """A passed check; the stated side's figures come first, so its line is `line`."""
        given = [t.line for t in terms if t.line is not None]
        given += [x for x in extra_lines if x is not None]
        return interned(Passed(code=code, subject=subject, relation=relation,
                               line=given[0] if given else None, lines=sorted(set(given)),
                               table=table, row=row, column=column))

    def side_text(self, terms: list[Figure], interval: Interval, scale: int,
                  dim: str | None) -> str:
        """A side of a relation as a reader would say it: the printed figure when the side is
        one figure ("au moins 100 M$"), else the computed value or interval."""
        if len(terms) == 1 and terms[0].amount.unit in ("$", "%") and interval.lo.is_finite() \
                or len(terms) == 1 and terms[0].hedge:
            term = terms[0]
            text = format_amount(term.amount, self.lang)
            return f"{self.hedge_word(term)} {text}" if term.hedge_word else text
        if interval.is_point:
            return self.money(interval.lo, scale, dim)
        return self.interval_text(interval, scale, dim)


def _plain(interval: Interval) -> Decimal | None:
    if not interval.is_bounded:
        return None
    return interval.lo if interval.is_point else interval.midpoint


def _percent_literal(node: object) -> bool:
    """Whether a side of a relation is a percentage written in it ('33 %')."""
    return isinstance(node, AmountLiteral) and node.amount.unit == "%"


def _printed(terms: Sequence[Figure]) -> Decimal | None:
    """The printed value of a side that is one hedged figure ("au moins 6 M$" is 6 M$ as
    printed, though its reading has no upper bound)."""
    return terms[0].amount.value if len(terms) == 1 else None


def bounds(interval: Interval) -> tuple[Decimal | None, Decimal | None]:
    """An interval's bounds, None for a side with no bound."""
    return (interval.lo if interval.lo.is_finite() else None,
            interval.hi if interval.hi.is_finite() else None)


def _places(value: Decimal, scale: int) -> int | None:
    shown = value.scaleb(-scale).normalize()
    exponent = shown.as_tuple().exponent
    assert isinstance(exponent, int)
    return 3 if -exponent > 3 else None


def figure_ref(term: Figure) -> FigureRef:
    # Positional and without the generated __new__: a note on a column lists every figure.
    return _MAKE_REF((term.ident, term.text, term.line, term.table, term.row, term.column,
                      getattr(term, "place", None)))


_MAKE_REF = FigureRef._make


