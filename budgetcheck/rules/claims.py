"""Prose claims: the sums, shares, ratios and targets a plan states in its sentences."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal

from budgetcheck.judge.evaluate import Evaluator, judge, mentions, solve
from budgetcheck.judge.types import Outcome, Value
from budgetcheck.judge.wording import say
from budgetcheck.numbers.interval import Interval
from budgetcheck.numbers.notation import format_amount, format_value
from budgetcheck.plan.expr import ExpressionError, Node, parse_expression, parse_relation
from budgetcheck.plan.figures import Figure, Missing
from budgetcheck.plan.model import Claim, Plan
from budgetcheck.report import Finding, Passed
from budgetcheck.rules.context import Context, Messages, bounds, figure_ref
from budgetcheck.rules.registry import rule

KIND_CODES = {"sum": "BC301", "share": "BC302", "ratio": "BC303", "complement": "BC304",
              "comparison": "BC305", "implied": "BC306", "target": "BC307"}


def _claims(plan: Plan, kind: str) -> list[Claim]:
    return [c for c in plan.claims if c.kind == kind and c.located]


def _subject(claim: Claim, ctx: Context) -> str:
    return say("subject_claim", ctx.lang, id=claim.id, line=claim.lines[0])


def _judged(plan: Plan, ctx: Context, kind: str) -> Iterator[Finding | Passed]:
    for claim in _claims(plan, kind):
        for result in _judged_claim(claim, ctx, kind):
            # a claim the reader found in the prose is the checker's reading: marked as such
            yield result.model_copy(update={"inferred": True}) if claim.inferred else result


def _judged_claim(claim: Claim, ctx: Context, kind: str) -> Iterator[Finding | Passed]:
    if claim.unknown is not None:
        yield from _implied(claim, ctx, KIND_CODES[kind])
        return
    comparison = parse_relation(claim.relation)
    outcome = judge(comparison, Evaluator(ctx.index, claim), ctx.settings)
    yield ctx.from_outcome(KIND_CODES[kind], outcome, claim.id, label=_subject(claim, ctx),
                           extra_lines=claim.lines, relation=claim.relation,
                           failure="warning" if claim.uncertain else "error")


@rule("BC301", "claim-sum")
def claim_sum(plan: Plan, ctx: Context) -> Iterator[Finding | Passed]:
    """A sum stated in the prose does not add up.

    ## What it does
    Checks claims of the form "151 M$ of projects, of which 99 M$ from industry and 52 M$ of
    public money" (`total == industry + public`), with hedges: *environ / about / près de /
    nearly* widen a figure to one unit of its last significant digit ("environ 70" is 60..80);
    *au moins / at least / plus de / more than* make it a bound. In a document read without
    rules, an approximate result ("ce qui nous laisse un déficit d’environ 70 M$", "a shortfall
    of about $70 million") is tied to the two or three figures printed just before it whose sum
    or difference is nearest (230 − 219 + 60 = 71); which figures those are is the checker's
    reading, so a result none of them gives is a warning, not an error. A surplus a footnote
    states on a total ("Le surplus prévu … est de 51 000 $") is that total less the total of
    the table of expenses. A cash flow whose total carries the footnote of an amount owed
    ("l’ISDE devait 2,4 M$") is the total of the table that prints the most of its figures,
    plus the row of what is owed (97,1 = 94,7 + 2,4); a row whose footnote includes another
    table's row ("incluant le MEIE pour la phase 1 (7,9 M$)") is that row plus the other
    table's one other row of the same words (71,1 = 63,2 + 7,9). Those two are readings too:
    a warning when they fail.

    ## Why
    Prose figures are typed separately from the tables and are the ones readers quote.

    ## Example
        "au moins 100 millions de dollars (35 millions de Scale AI et 65 millions de l'industrie)"
    35 + 65 = 100: holds.
    """
    yield from _judged(plan, ctx, "sum")


@rule("BC302", "claim-share")
def claim_share(plan: Plan, ctx: Context) -> Iterator[Finding | Passed]:
    """A percentage stated in the prose is not the share its figures give.

    ## What it does
    Checks "A of B (P %)" claims: `share == part / whole`. A printed percentage is a rounded
    quotient, so "95 %" holds when the exact quotient of the printed figures rounds to 95 %; only
    when even the rounding of A and B cannot reach P is it an error. In a document read without
    rules, a fraction said in words ("30 M$, soit le tiers des 90 M$", "$30 million, a third of
    it") is the share it names, to the percent ('33 %'); a fraction word is said loosely, so
    that claim is a warning, not an error, when it fails.

    ## Why
    Shares are recomputed by every reader who has the two figures; a wrong one is noticed.

    ## Example
        "219 millions de dollars des 230 millions de dollars disponibles (95 %)"
    219 / 230 = 95,2 %, which rounds to 95 %: holds.
    """
    yield from _judged(plan, ctx, "share")


@rule("BC303", "claim-ratio")
def claim_ratio(plan: Plan, ctx: Context) -> Iterator[Finding | Passed]:
    """A ratio stated in the prose ("1,6 $ per dollar") is not what its figures give.

    ## What it does
    Checks ratio claims whose numerator and denominator are both printed. When one of them is
    not printed, the claim is an implied-value claim (BC306). In a document read without rules,
    a leverage on a printed base ("308 M$, un effet de levier de 1,6 sur les 192,5 M$", "a
    leverage of 1.6 on the $192.5 million") and a change from a printed base ("$151 million, up
    12% from $135 million", "en hausse de 12 % par rapport aux 135 M$") are such ratios.

    ## Why
    Leverage ratios are headline figures; they must follow from the amounts they summarise.

    ## Example
        "308 M$ from industry ... 1,6 $ per dollar of the 192 M$ spent"   ->  holds
    """
    yield from _judged(plan, ctx, "ratio")


@rule("BC304", "claim-complement")
def claim_complement(plan: Plan, ctx: Context) -> Iterator[Finding | Passed]:
    """Parts stated as the whole do not make the whole (85 % + 15 % = 100 %).

    ## What it does
    Checks claims whose parts must add to a whole, usually 100 %.

    ## Why
    "85 % processed, the remaining 20 %" is a slip a reader sees at once.

    ## Example
        "Nous avons traité 85 % des demandes ... les 15 % de demandes restantes"  ->  holds
    """
    yield from _judged(plan, ctx, "complement")


@rule("BC305", "claim-comparison")
def claim_comparison(plan: Plan, ctx: Context) -> Iterator[Finding | Passed]:
    """A comparison stated in the prose (at least, more than, equal to a table) does not hold.

    ## What it does
    Checks claims that restate or bound another figure of the plan, such as "au moins 2,5 M$"
    restating an objective, and, in a document read without rules, a part against its whole:
    "1,48 milliard de dollars, dont 533,4 millions" (`part <= whole`), or the parts granted
    sentence by sentence against the whole they are said to come from ("une somme de
    4 348 000 $ … une enveloppe de 252 000 $ … découlent du Plan … un montant global de
    9 M$"). Which figures are those parts is the checker's reading, so that claim is a warning,
    not an error, when it fails. A footnote figure that restates a table's figure must equal
    it: "… les projets des phases 1 et 2 totalisant 82,8 M$" names every word of the row
    "Contreparties de l’industrie — Phase 1 et 2". So must a figure a footnote says is owed
    ("l’ISDE devait 2,4 M$") equal the one row its marker stands on that holds what is owed
    ("ISDE — compte débiteur exercice financier 2023*"). A quantity stated twice, the same six
    words before it and three after it in its sentence ("… lui a octroyé un financement de
    plus de 2 milliards de dollars pour soutenir de …"), must be the same both times (a
    warning when not: a sentence may repeat its words for another year).

    ## Why
    Restated figures drift when only one place is revised; a part printed larger than its whole
    lost a comma or gained a digit.

    ## Example
        "déployer au moins 2,5 millions de dollars"  vs  the objective's 2,5 M$  ->  holds
    """
    yield from _judged(plan, ctx, "comparison")


_TARGET_WORDS: Messages = {
    "target_part": {
        "en": '{stated} stated as a target, but {ident} gives {computed} ({diff} apart)',
        "fr": ('{stated} énoncé comme objectif, mais {ident} donne {computed} (écart de '
               '{diff})'),
    },
    "prose_part": {
        "en": '{stated} in the text, but {ident} gives {computed} ({diff} apart)',
        "fr": '{stated} dans le texte, mais {ident} donne {computed} (écart de {diff})',
    },
    "target_scope": {
        "en": '; this may be a difference of scope{scope}',
        "fr": ' ; il peut s’agir d’une différence de portée{scope}',
    },
}


@rule("BC307", "target-scope", "warning", messages=_TARGET_WORDS)
def target_scope(plan: Plan, ctx: Context) -> Iterator[Finding | Passed]:
    """A narrative target disagrees with the tables (perhaps a difference of scope).

    ## What it does
    Compares a target stated in the prose ("engager 10 millions de dollars ... soins de santé")
    with the table figure that should carry it. A disagreement is a warning, not an error: the
    target may cover several years or include money the table excludes. In a document read
    without rules, a sentence's figure whose clause names every word of a row's label is
    compared with that row: "10 M$ … dans le cadre de la Stratégie pancanadienne en matière
    d’IA" with table 3's row "Stratégie pancanadienne en matière d’IA".

    ## Why
    A reader who sees 10 M$ in the objectives and 3,6 M$ in the table will ask why; the plan
    should say.

    ## Example
        objective 2: 10 M$  vs  Tableau 1, Stratégie pancanadienne 3,6 M$  ->  BC307 warning
    """
    for claim in _claims(plan, "target"):
        evaluator = Evaluator(ctx.index, claim)
        outcomes = [judge(parse_relation(text), evaluator, ctx.settings)
                    for text in [claim.relation, *claim.also]]
        failed = [o for o in outcomes if o.verdict == "error"]
        if not failed:
            for outcome in outcomes:
                result = ctx.from_outcome("BC307", outcome, claim.id, label=_subject(claim, ctx),
                                          extra_lines=claim.lines, relation=claim.relation)
                yield result.model_copy(update={"inferred": True}) if claim.inferred else result
            continue
        # A sentence tied to a row without rules is no stated target: "10 M$ in the text".
        key = "prose_part" if claim.inferred else "target_part"
        parts = [_target_part(o, ctx, key) for o in failed]
        note = claim.scope_in(ctx.lang)
        scope = f" ({note})" if note else ""
        message = (" ; " if ctx.lang == "fr" else "; ").join(parts) + \
            ctx.say("BC307", "target_scope", scope=scope)
        first = failed[0]
        terms = [t for o in failed for t in o.terms]
        yield ctx.finding("BC307", "warning", f"{_subject(claim, ctx)}{ctx.colon}{message}",
                          lines=[*claim.lines, *(t.line for t in terms)],
                          subject=claim.id, relation=" ; ".join(o.comparison.source for o in failed),
                          stated=_mid(first.stated.interval, first.stated.terms),
                          computed=_mid(first.computed.interval, first.computed.terms),
                          difference=first.difference, inferred=claim.inferred,
                          allowed=bounds(first.allowed) if first.allowed else None,
                          figures=[figure_ref(t) for t in terms])


def _target_part(outcome: Outcome, ctx: Context, key: str) -> str:
    scale = ctx.display_scale(outcome.terms)
    diff = outcome.difference
    computed = outcome.computed
    ident = " + ".join(ctx.label(t) for t in computed.terms) or "?"
    return ctx.say("BC307", key, ident=ident,
               stated=ctx.side_text(outcome.stated.terms, outcome.stated.interval, scale, "$"),
               computed=ctx.side_text(computed.terms, computed.interval, scale, "$"),
               diff=ctx.money(abs(diff), scale) if diff is not None else "?")


def _mid(interval: Interval, terms: list[Figure]) -> Decimal | None:
    """A side's value for the JSON report: the printed figure's value when it is one figure."""
    if len(terms) == 1:
        return terms[0].amount.value
    if not interval.is_bounded:
        return None
    return interval.lo if interval.is_point else interval.midpoint


_IMPLIED_WORDS: Messages = {
    "implied_none": {
        "en": ('{stated} implies {name} = {value} ({range}), a figure the plan does not '
               'print'),
        "fr": ('{stated} suppose {name} = {value} ({range}), un chiffre que le plan '
               'n’imprime pas'),
    },
    "candidate": {
        "en": '{expr} = {value} gives {gives}',
        "fr": '{expr} = {value} donne {gives}',
    },
    "candidate_figure": {
        "en": '{value} gives {gives}',
        "fr": '{value} donne {gives}',
    },
}


@rule("BC306", "implied-value", "warning", messages=_IMPLIED_WORDS)
def implied_value(plan: Plan, ctx: Context) -> Iterator[Finding | Passed]:
    """A claim rests on a figure the plan does not print; the checker solves for it.

    ## What it does
    For a claim with one unknown (`unknown = "spent"` in
    `industry == ratio * spent`), solves for the unknown on intervals and looks for a printed
    figure of that value. None found: a warning with the implied value, its interval, and what
    the candidate figures would have given.

    ## Why
    "1,6 $ of industry per dollar of Scale AI funding spent" cannot be verified unless the
    dollars spent are printed; the warning tells the reader which figure the claim assumes.

    ## Example
        308 M$ / 1,6 implies 192,5 M$ (186,7..198,7); no figure of the plan has that value:
        219 M$ − 60 M$ = 159 M$ gives 1,94; 219 M$ gives 1,41; 230 M$ gives 1,34.
    """
    yield from _judged(plan, ctx, "implied")


def _implied(claim: Claim, ctx: Context, code: str) -> Iterator[Finding | Passed]:
    assert claim.unknown is not None
    name = claim.unknown
    comparison = parse_relation(claim.relation)
    evaluator = Evaluator(ctx.index, claim)
    known_side, unknown_side = ((comparison.left, comparison.right)
                                if mentions(comparison.right, name)
                                else (comparison.right, comparison.left))
    target = evaluator.value(known_side, "stated")
    implied = solve(unknown_side, name, target.interval, evaluator, "stated")
    central = solve(unknown_side, name, evaluator.value(known_side, "point").interval, evaluator,
                    "point")
    terms = list(target.terms) + evaluator.value(unknown_side, "stated").terms
    dim = _unknown_dim(evaluator, unknown_side, target, name)
    scale = ctx.display_scale(terms) if dim == "$" else 0
    lines = [*claim.lines, *(t.line for t in terms)]
    stated_fig = _stated_figure(claim, ctx)
    places = _display_places(terms, scale)
    value_text = (format_value(central.lo, ctx.lang, unit="$" if dim == "$" else "", scale=scale,
                               places=places) if central.is_bounded else "?")
    range_text = (ctx.interval_text(implied, scale, dim, places=places)
                  if implied.is_bounded else "?")
    matches = [t for t in ctx.index.dollar_figures_within(implied)
               if t.ident.split("[")[0] != claim.id] if dim == "$" and implied.is_bounded else []
    if not matches and dim == "$" and implied.is_bounded:
        # A candidate that is one printed figure of the claim's own (the figures of the
        # sentences before a ratio read without rules) supports it when it is of that value.
        own = ctx.index.named.get(claim.id, {})
        matches = [own[c] for c in claim.candidates if c in own and own[c].amount.unit == "$"
                   and own[c].value - own[c].half <= implied.hi
                   and own[c].value + own[c].half >= implied.lo]
    if matches:
        yield Passed(code=code, subject=f"{claim.id}: {name} ≈ {matches[0].ident}",
                     relation=claim.relation, lines=sorted({x for x in lines if x}))
        return
    candidates = [_candidate(claim, ctx, expr, name, stated_fig, scale) for expr in claim.candidates]
    message = ctx.say("BC306", "implied_none", stated=_as_printed(stated_fig, claim, ctx),
                      name=claim.unknown_in(ctx.lang) or name,
                  value=value_text, range=range_text)
    yield ctx.finding(code, "warning", f"{_subject(claim, ctx)}{ctx.colon}{message}", lines=lines,
                      subject=claim.id, relation=claim.relation,
                      stated=stated_fig.amount.value if stated_fig else None,
                      computed=_cents(central.lo, ROUND_HALF_EVEN) if central.is_bounded else None,
                      allowed=(_cents(implied.lo, ROUND_FLOOR), _cents(implied.hi, ROUND_CEILING))
                      if implied.is_bounded else None,
                      hints=candidates, figures=[figure_ref(t) for t in terms])


def _cents(value: Decimal, rounding: str) -> Decimal:
    """Quotients have no exact decimal; the report keeps cents (intervals rounded outward)."""
    return value.quantize(Decimal("0.01"), rounding=rounding)


def _as_printed(figure: Figure | None, claim: Claim, ctx: Context) -> str:
    if figure is None:
        return claim.relation
    if figure.amount.unit == "":  # a ratio printed with a unit of its own ("1,6 $ par dollar")
        # as printed in the document's language; as a number in the other ("1.6")
        return figure.text if ctx.lang == ctx.plan.plan.language else \
            format_amount(figure.amount, ctx.lang)
    return format_amount(figure.amount, ctx.lang)


def _display_places(terms: list[Figure], scale: int) -> int:
    """One digit more than the finest dollar figure the implied value comes from."""
    exponents = [t.amount.exponent - scale for t in terms if t.amount.unit == "$"]
    return max(0, -min(exponents, default=0)) + 1


def _unknown_dim(evaluator: Evaluator, side: Node, target: Value, name: str) -> str:
    """Dollars unless the known side is a pure number (a ratio target)."""
    try:
        probe = Evaluator(evaluator.index, evaluator.claim,
                          {name: Value(Interval(1), "$")}).value(side, "stated")
        return "$" if probe.dim == target.dim else "1"
    except ExpressionError:
        return "1" if target.dim == "$" else "$"


def _stated_figure(claim: Claim, ctx: Context) -> Figure | None:
    """The figure the claim asserts: its ratio or percentage if it has one, else its first."""
    figures = ctx.index.named.get(claim.id, {})
    pure = [(n, t) for n, t in figures.items() if t.amount.unit != "$"]
    chosen = pure[0] if pure else next(iter(figures.items()), None)
    return chosen[1] if chosen else None


def _candidate(claim: Claim, ctx: Context, expr: str, name: str, stated: Figure | None,
               scale: int) -> str:
    node = parse_expression(expr)
    base = Evaluator(ctx.index, claim)
    value = base.value(node, "point")
    bound = Evaluator(ctx.index, claim, {name: value})
    gives = "?"
    if stated is not None:
        figure_name = stated.ident.split("[", 1)[1].rstrip("]")
        comparison = parse_relation(claim.relation)
        side = comparison.right if mentions(comparison.right, figure_name) else comparison.left
        other = comparison.left if side is comparison.right else comparison.right
        solved = solve(side, figure_name, bound.value(other, "point").interval, bound, "point")
        if solved.is_bounded:
            gives = (ctx.ratio(solved.lo, percent=True) if stated.amount.unit == "%"
                     else ctx.ratio(solved.lo) if stated.amount.unit == ""
                     else ctx.money(solved.lo, scale))
            gives = _round_like(solved.lo, stated, ctx) or gives
    shown = ctx.money(value.interval.lo, scale, value.dim) if value.interval.is_bounded else "?"
    pretty = _pretty(expr, base, ctx, scale)
    if pretty == shown:  # a single printed figure: "219 M$ gives 1,41"
        return ctx.say("BC306", "candidate_figure", value=shown, gives=gives)
    return ctx.say("BC306", "candidate", expr=pretty, value=shown, gives=gives)


def _round_like(value: Decimal, stated: Figure, ctx: Context) -> str | None:
    """Show a candidate's result with one more digit than the stated figure has."""
    if stated.amount.unit == "$":
        return None
    shown = value * 100 if stated.amount.unit == "%" else value
    places = max(0, -stated.amount.exponent) + 1
    return format_value(shown, ctx.lang, unit=stated.amount.unit, places=places)


def _pretty(expr: str, evaluator: Evaluator, ctx: Context, scale: int) -> str:
    """A candidate expression with its references replaced by the printed figures."""
    from budgetcheck.plan.expr import references

    node = parse_expression(expr)
    out = expr
    for ref in references(node):
        terms = [t for t in evaluator.index.resolve(ref, evaluator.claim)
                 if not isinstance(t, Missing)]
        if len(terms) == 1:
            out = out.replace(str(ref), format_amount(terms[0].amount, ctx.lang), 1)
    return out.replace(" - ", " − ")


_NOT_FOUND_WORDS: Messages = {
    "claim_not_found": {
        "en": 'claim {id} was not found in the document (“{text}…”); it was not checked',
        "fr": ('l’énoncé {id} est introuvable dans le document (« {text}… »); il n’a pas '
               'été vérifié'),
    },
}


@rule("BC308", "claim-not-found", "warning", messages=_NOT_FOUND_WORDS)
def claim_not_found(plan: Plan, ctx: Context) -> Iterator[Finding]:
    """A claim of the rules file is not in the document any more.

    ## What it does
    With `--rules`, every declared claim is looked for in the document's own sentences (its
    figures may have changed, its wording may not). A claim whose sentence cannot be found is
    reported instead of being checked with the rules file's old figures.

    ## Why
    Checking last year's sentence against this year's tables would pass or fail for the wrong
    reason; the reader must know the claim was not checked.

    ## Example
        budgetcheck check --rules plan-2023.toml plan-2024.txt
        -> BC308 warning: claim committed_share (line 102) was not found in plan-2024.txt
    """
    for claim in plan.claims:
        if not claim.located:
            message = ctx.say("BC308", "claim_not_found", id=claim.id, text=claim.text[:80])
            yield ctx.finding("BC308", "warning", message, lines=[], subject=claim.id,
                              relation=claim.relation)
