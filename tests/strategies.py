"""Hypothesis strategies: consistent plans built from exact values, then rounded for print."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from budgetcheck.numbers.amount import Amount
from budgetcheck.numbers.notation import format_amount
from budgetcheck.plan.model import Plan

D = Decimal
QUARTERS = ["T1", "T2", "T3", "T4"]


def printed(value: Decimal, exponent: int, lang: str = "fr") -> str:
    """`value` (dollars) rounded to 10^exponent dollars and written in M$."""
    digits = value.scaleb(-6).quantize(D(1).scaleb(exponent - 6))
    return format_amount(Amount(digits, 6, "$"), lang)


@st.composite
def exact_plans(draw, max_rows: int = 8):
    """(plan dict, exact values): a cash-flow table and a summary table restating its totals."""
    rows = draw(st.integers(1, max_rows))
    lang = draw(st.sampled_from(["fr", "en"]))
    cents = st.integers(0, 5 * 10**9)  # up to 50 M$, in cents
    exact = [[D(draw(cents)).scaleb(-2) for _ in QUARTERS] for _ in range(rows)]
    exponent = st.sampled_from([4, 5, 6])  # printed to 0,01 / 0,1 / 1 M$
    table_rows, summary_rows = [], []
    line = 10
    for r, quarters in enumerate(exact):
        cells = {q: printed(v, draw(exponent), lang) for q, v in zip(QUARTERS, quarters)}
        cells["Total"] = printed(sum(quarters), draw(exponent), lang)
        table_rows.append({"key": f"r{r}", "label": f"Row {r}", "line": line, "cells": cells})
        summary_rows.append({"key": f"r{r}", "label": f"Row {r}", "line": 500 + r,
                             "cells": {"v": printed(sum(quarters), draw(exponent), lang)}})
        line += draw(st.integers(1, 3))
    columns_total = [sum(q[i] for q in exact) for i in range(4)]
    total_cells = {q: printed(v, draw(exponent), lang) for q, v in zip(QUARTERS, columns_total)}
    total_cells["Total"] = printed(sum(columns_total), draw(exponent), lang)
    table_rows.append({"key": "total", "label": "Total", "role": "total", "line": line + 1,
                       "cells": total_cells})
    summary_rows.append({"key": "total", "label": "Total", "role": "total", "line": 500 + rows,
                         "cells": {"v": printed(sum(columns_total), draw(exponent), lang)}})
    data = {
        "plan": {"organisation": "Hypothesis Inc.", "fiscal_year": "2025", "language": lang,
                 "source": "generated.txt"},
        "tables": [
            {"id": "cash", "number": 1, "title": "Cash flow", "line": 5,
             "columns": [{"key": q, "label": q} for q in QUARTERS]
             + [{"key": "Total", "label": "Total", "role": "total"}], "rows": table_rows},
            {"id": "summary", "number": 2, "title": "Summary", "line": 499,
             "columns": [{"key": "v", "label": "Amount"}], "rows": summary_rows},
        ],
        "relations": [{"id": f"restated_r{r}", "expr": f"summary[r{r}] == cash[r{r}, Total]"}
                      for r in range(rows)]
        + [{"id": "restated_total", "expr": "summary[total] == cash[total, Total]"}],
    }
    return data


def build(data: dict) -> Plan:
    return Plan.model_validate(data)
