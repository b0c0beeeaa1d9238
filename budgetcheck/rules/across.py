"""BC109 and BC110: the total columns of a summary table, checked across each of its rows.

Summary tables print one row per entity (a Crown corporation, a program, a fund) and columns
such as "Total assets | Total liabilities | Equity | Appropriations | Revenues (third parties) |
Total revenues | Expenses | Net income (loss)". Their totals run across: the columns are found
by their headings, as a statement's total rows are found by their labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from budgetcheck.judge.evaluate import Evaluator, judge
from budgetcheck.plan.expr import Comparison, Neg, Node, Ref, Sum
from budgetcheck.plan.model import Column, Plan, Row, Table
from budgetcheck.report import Finding, Passed, Severity
from budgetcheck.rules.context import Context, Messages
from budgetcheck.rules.registry import rule
from budgetcheck.rules.structure import table_name

_ASSETS = re.compile(r"^(?:total\s+(?:assets|des\s+actifs|de\s+l['’]actif)|actifs?\s+totaux|"
                     r"actif\s+total)\b", re.IGNORECASE)
_LIABILITIES = re.compile(r"^(?:total\s+(?:des\s+)?)?(?:liabilities|passifs?|passif\s+total)\b",
                          re.IGNORECASE)
_EQUITY = re.compile(r"^(?:total\s+)?(?:equity|shareholders['’]?\s+equity|net\s+assets|"
                     r"capitaux\s+propres|avoir\b|actifs?\s+nets?)", re.IGNORECASE)
_TOTAL = re.compile(r"^total\b", re.IGNORECASE)
_REVENUES = re.compile(r"^(?:total\s+(?:des\s+)?)?(?:revenues?|revenus|produits|income\b)",
                       re.IGNORECASE)
_EXPENSES = re.compile(r"^(?:total\s+(?:des\s+)?)?(?:expenses|expenditures|charges|d[ée]penses)\b",
                       re.IGNORECASE)
_NET_RESULT = re.compile(r"^(?:net\s+(?:income|loss|profit|surplus|deficit|result)|"
                         r"(?:annual\s+)?surplus|r[ée]sultat\s+net|b[ée]n[ée]fice\s+net|"
                         r"exc[ée]dent)", re.IGNORECASE)


@dataclass(frozen=True)
class Across:
    """`total = Σ sign·part` on every row of a table, and the code that reports it."""

    code: str
    total: Column
    parts: tuple[tuple[int, Column], ...]


def _boundary(column: Column) -> bool:
    """A column that ends the block of parts a total to its right adds up."""
    return any(p.match(column.label) for p in (_TOTAL, _ASSETS, _EQUITY, _NET_RESULT))


def relations_across(table: Table) -> list[Across]:
    """The relations a summary table's headings announce:

    - total assets = total liabilities + equity (BC109);
    - a "Total …" column = the columns since the previous total or result (BC109), when those
      are two or more ("Appropriations + Revenues (third parties) = Total revenues");
    - a net result = the revenues and the expenses to its left, revenues − expenses (BC110: a
      warning, since income taxes and other gains are often not columns of the table)."""
    columns = table.columns
    found: list[Across] = []
    for n, column in enumerate(columns):
        before = columns[:n]
        if _ASSETS.match(column.label):
            liabilities = next((c for c in columns[n + 1:] if _LIABILITIES.match(c.label)), None)
            equity = next((c for c in columns[n + 1:] if _EQUITY.match(c.label)), None)
            if liabilities is not None and equity is not None:
                found.append(Across("BC109", column, ((1, liabilities), (1, equity))))
        elif _TOTAL.match(column.label) and not _LIABILITIES.match(column.label) \
                and column.role != "total":  # a "Total" column: the row totals check it
            block: list[Column] = []
            for previous in reversed(before):
                if _boundary(previous) or _LIABILITIES.match(previous.label):
                    break
                block.insert(0, previous)
            if len(block) >= 2:
                found.append(Across("BC109", column, tuple((1, c) for c in block)))
        elif _NET_RESULT.match(column.label):
            revenues = _nearest(before, _REVENUES)
            expenses = _nearest(before, _EXPENSES)
            if revenues is not None and expenses is not None:
                found.append(Across("BC110", column, ((1, revenues), (-1, expenses))))
    return found


def _nearest(columns: list[Column], heading: re.Pattern[str]) -> Column | None:
    """The nearest column to the left so headed, a total of them first ("Total revenues" rather
    than "Revenues (third parties)")."""
    matching = [c for c in columns if heading.match(c.label)]
    totals = [c for c in matching if _TOTAL.match(c.label)]
    return (totals or matching)[-1] if matching else None


def _comparison(table: Table, row: Row, across: Across) -> Comparison | None:
    keys = [across.total.key, *(c.key for _, c in across.parts)]
    if any(key not in row.cells for key in keys):
        return None  # a blank cell: nothing to check across

    def ref(column: Column) -> Ref:
        return Ref(table.id, row.key, column.key)

    terms: list[Node] = [ref(c) if sign > 0 else Neg(ref(c)) for sign, c in across.parts]
    shown = " ".join(f"{'+' if sign > 0 else '-'} {ref(c)}" for sign, c in across.parts)
    source = f"{ref(across.total)} == {shown.removeprefix('+ ')}"
    return Comparison("==", ref(across.total), Sum(tuple(terms)), source)


def _formula(across: Across) -> str:
    shown = " ".join(f"{'+' if sign > 0 else '−'} {c.label}" for sign, c in across.parts)
    return shown.removeprefix("+ ")


_ACROSS_WORDS: Messages = {
    "subject_across": {
        "en": '{table}, “{row}”: {column} = {formula}',
        "fr": '{table}, « {row} » : {column} = {formula}',
    },
}

_RESULT_WORDS: Messages = {
    **_ACROSS_WORDS,
    "hint_untabled": {
        "en": "an item the table has no column for would explain it too: income taxes, other "
              "gains or losses",
        "fr": "un poste dont le tableau n'a pas de colonne l'expliquerait aussi : impôts sur le "
              "résultat, autres gains ou pertes",
    },
}

_RESULT_DOC = """A summary table's net result is not its revenues less its expenses, on a row.

## What it does
In a table read from a document whose columns are headed like "Total revenues | Expenses |
Net income (loss)", checks on each row that the net result is the revenues (the total of them
when there is one) less the expenses to its left, on the rounding intervals of the printed
figures. The relation is reported as *inferred*.

## Why
A warning, not an error: enterprises pay income taxes and record gains that a summary table
does not give a column of, so a row may differ for a reason the table does not show; a slip in
one of the three figures shows the same way, and a person must look.

## Example
    Revenues 322,678   Expenses 90,462   Net income 232,140   ->  BC110 warning:
    322,678 − 90,462 = 232,216 (income taxes or another item not in the table?)
"""


def _checks(plan: Plan, ctx: Context, code: str) -> Iterator[Finding | Passed]:
    for table in plan.tables:
        if table.totals != "inferred":
            continue
        for across in relations_across(table):
            if across.code != code:
                continue
            for row in table.rows:
                comparison = _comparison(table, row, across)
                if comparison is None:
                    continue
                outcome = judge(comparison, Evaluator(ctx.index), ctx.settings)
                subject = ctx.say(code, "subject_across", table=table_name(table, ctx),
                                  row=row.label, column=across.total.label,
                                  formula=_formula(across))
                failure: Severity = "warning" if code == "BC110" else "error"
                result = ctx.from_outcome(code, outcome, subject, table=table.id, row=row.key,
                                          column=across.total.key, failure=failure)
                update: dict[str, object] = {"inferred": True}
                if code == "BC110" and isinstance(result, Finding) and result.severity == failure:
                    update["hints"] = [*result.hints, ctx.say(code, "hint_untabled")]
                yield result.model_copy(update=update)


@rule("BC109", "inferred-row-total", messages=_ACROSS_WORDS)
def inferred_row_total(plan: Plan, ctx: Context) -> Iterator[Finding | Passed]:
    """A summary table's total column does not add up across a row.

    ## What it does
    In tables read from a document (`totals = "inferred"`) with one row per entity, finds the
    total columns by their headings and checks each row across, on the rounding intervals of
    the printed figures: "Total assets" = "Total liabilities" + "Equity"; a "Total …" column =
    the two or more columns since the previous total or result ("Appropriations" +
    "Revenues (third parties)" = "Total revenues"). Reported as *inferred*; a row where it
    fails is an error with the figures, the difference and hints.

    ## Why
    Summary tables of Crown corporations, programs or funds are compiled from each entity's
    statements, one figure at a time; a figure copied from the wrong line or the wrong period
    breaks the balance of its row, which no total down a column shows.

    ## Example
        Total assets 15,203   Total liabilities 8,061   Equity 7,412   ->  BC109 error:
        8,061 + 7,412 = 15,473; digits transposed?
    """
    yield from _checks(plan, ctx, "BC109")


@rule("BC110", "inferred-row-result", "warning", doc=_RESULT_DOC, messages=_RESULT_WORDS)
def inferred_row_result(plan: Plan, ctx: Context) -> Iterator[Finding | Passed]:
    yield from _checks(plan, ctx, "BC110")
