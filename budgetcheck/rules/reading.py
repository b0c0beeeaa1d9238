"""BC112 and BC113: lines of figures the reader could group more than one way, or had to
mend."""

from __future__ import annotations

from collections.abc import Iterator

from budgetcheck.plan.model import Plan
from budgetcheck.report import Finding, Passed
from budgetcheck.rules.context import Context, Messages
from budgetcheck.rules.registry import rule
from budgetcheck.rules.structure import table_name

_REPAIR_WORDS: Messages = {
    "repaired": {
        "en": ('{table}, “{row}”: “{printed}” has a space inside its grouping; read as one '
               'figure, {joined}'),
        "fr": ('{table}, « {row} » : « {printed} » a une espace dans son groupement; lu comme '
               'un seul chiffre, {joined}'),
    },
}

_READING_WORDS: Messages = {
    "ambiguous": {
        "en": ('{table}, “{row}”: the figures of the line can be read as {kept} (kept, and '
               'checked) or as {other}; the digit groups are one space apart, so the columns '
               'cannot tell which'),
        "fr": ('{table}, « {row} » : les chiffres de la ligne se lisent {kept} (lecture retenue '
               'et vérifiée) ou {other}; les groupes de chiffres sont séparés d’une seule espace, '
               'les colonnes ne permettent pas de trancher'),
    },
}


def _shown(figures: tuple[str, ...] | list[str], lang: str) -> str:
    quote = "« {} »" if lang == "fr" else "“{}”"
    return " | ".join(quote.format(figure) for figure in figures)


@rule("BC112", "ambiguous-figures", "warning", messages=_READING_WORDS)
def ambiguous_figures(plan: Plan, ctx: Context) -> Iterator[Finding | Passed]:
    """A line of a statement whose figures can be grouped in more than one way.

    ## What it does
    French statements group digits with a space, and separate the columns with a space when
    the page is copied as text: "10 216 400" in a row of two columns may be 10 216 and 400, or
    10 and 216 400. The reader takes the grouping with one figure a column that lines up with
    the columns' right edges; when another grouping lines up as well (or no edges are known),
    this warning names the line and every reading, and says which one the totals were checked
    with.

    ## Why
    A silent guess would turn into a false error on a total, or hide a real one. A person who
    sees the page can tell in a second; the checker cannot.

    ## Example
        Salaires 1 234 567 890     ->  BC112 warning: “1 234” | “567 890” (kept) or
                                       “1 234 567” | “890”
    """
    for table in plan.tables:
        for row in table.rows:
            if not row.readings:
                continue
            kept = [row.cells[c.key].text for c in table.columns if c.key in row.cells]
            others = " or " if ctx.lang == "en" else " ou "
            # the lines of the row's figures (a figure may run onto the next line)
            lines = sorted({cell.line for cell in row.cells.values() if cell.line is not None})
            yield ctx.finding(
                "BC112", "warning", ctx.say("BC112", "ambiguous", table=table_name(table, ctx),
                                 row=row.label, kept=_shown(kept, ctx.lang),
                                 other=others.join(_shown(r, ctx.lang) for r in row.readings)),
                lines=lines or [row.line],
                table=table.id, row=row.key)


@rule("BC113", "stray-space", "note", messages=_REPAIR_WORDS)
def stray_space(plan: Plan, ctx: Context) -> Iterator[Finding | Passed]:
    """A figure printed with a stray space inside its grouping, read as one figure.

    ## What it does
    "4,059, 360": "4,059," is no figure, so the reader joins it to the group of three digits
    after it and reads 4,059,360, as the columns of the row require. This note names the line
    and the figure as printed, so that a person can confirm it.

    ## Why
    Pages copied from PDF or a word processor break figures at their commas. Dropping the
    broken figure would move every figure after it one column left and cry wolf on the
    totals; joining it silently would hide a typing slip.

    ## Example
        Total expenses   4,059, 360   3,990,120   ->  BC113 note: read as 4,059,360
    """
    for table in plan.tables:
        for row in table.rows:
            for printed in row.repairs:
                yield ctx.finding(
                    "BC113", "note", ctx.say("BC113", "repaired", table=table_name(table, ctx),
                                             row=row.label, printed=printed,
                                             joined=printed.replace(" ", "")),
                    lines=[row.line], table=table.id, row=row.key)
