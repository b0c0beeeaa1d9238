"""Synthetic plans of any size: tables of rows × quarters with a Total column and a Total row.

Values are drawn exactly (in dollars and cents), then printed rounded to the thousand in tables
"in thousands of dollars" (scale 3), so a generated plan is consistent up to rounding — every
check passes or is a rounding note — unless errors are injected (a figure moved by far more than
its tolerance). Usage:

    python bench/generate.py --figures 100000 --format json -o /tmp/plan.json [--errors 10]
"""

from __future__ import annotations

import argparse
import json
import random
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

QUARTERS = ["T1", "T2", "T3", "T4"]
ROWS_PER_TABLE = 200
FIGURES_PER_ROW = len(QUARTERS) + 1


def printed(value: Decimal) -> str:
    """Dollars rounded to the thousand, written in thousands the French way ("1 234")."""
    thousands = int((value / 1000).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))
    text = f"{abs(thousands):,}".replace(",", " ")
    return f"({text})" if thousands < 0 else text


def plan_data(figures: int, seed: int = 1, errors: int = 0,
              rows_per_table: int = ROWS_PER_TABLE) -> dict[str, Any]:
    """A plan with about `figures` printed figures (never fewer than one table's worth), in
    tables of `rows_per_table` rows (the last one a Total row)."""
    rng = random.Random(seed)
    rows_total = max(2, figures // FIGURES_PER_ROW)
    tables = []
    line = 1
    made = 0
    while made < rows_total:
        item_rows = min(rows_per_table, rows_total - made)
        made += item_rows
        number = len(tables) + 1
        line += 2
        rows, sums = [], [Decimal(0)] * len(QUARTERS)
        for r in range(max(1, item_rows - 1)):
            exact = [Decimal(rng.randrange(0, 10**10)).scaleb(-2) for _ in QUARTERS]
            sums = [a + b for a, b in zip(sums, exact)]
            cells = {q: printed(v) for q, v in zip(QUARTERS, exact)}
            cells["Total"] = printed(sum(exact))
            rows.append({"key": f"r{r}", "label": f"Line {r}", "line": line, "cells": cells})
            line += 1
        total = {q: printed(v) for q, v in zip(QUARTERS, sums)}
        total["Total"] = printed(sum(sums))
        rows.append({"key": "total", "label": "Total", "role": "total", "line": line,
                     "cells": total})
        line += 1
        tables.append({"id": f"t{number}", "number": number, "title": f"Cash flow {number}",
                       "line": line - len(rows) - 2, "scale": 3,
                       "columns": [*({"key": q, "label": q} for q in QUARTERS),
                                   {"key": "Total", "label": "Total", "role": "total"}],
                       "rows": rows})
    for _ in range(errors):
        table = rng.choice(tables)
        row = rng.choice(table["rows"])
        column = rng.choice([*QUARTERS, "Total"])
        row["cells"][column] = printed(Decimal(rng.randrange(10**6, 10**9)))
    return {"plan": {"organisation": "Synthetic", "fiscal_year": "2024-2025", "language": "fr",
                     "source": "synthetic.txt"}, "tables": tables}


def count_figures(data: dict[str, Any]) -> int:
    return sum(len(r["cells"]) for t in data["tables"] for r in t["rows"])


def to_toml(data: dict[str, Any]) -> str:
    out = ["[plan]"] + [f"{k} = {json.dumps(v)}" for k, v in data["plan"].items()]
    for table in data["tables"]:
        out += ["", "[[tables]]"]
        out += [f"{k} = {json.dumps(v)}" for k, v in table.items()
                if k not in ("rows", "columns")]
        out.append("columns = [" + ", ".join(
            "{ " + ", ".join(f"{k} = {json.dumps(v)}" for k, v in c.items()) + " }"
            for c in table["columns"]) + "]")
        for row in table["rows"]:
            out += ["", "[[tables.rows]]"]
            out += [f"{k} = {json.dumps(v)}" for k, v in row.items() if k != "cells"]
            out.append("cells = { " + ", ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}"
                                                for k, v in row["cells"].items()) + " }")
    return "\n".join(out) + "\n"


def wrong_total(data: dict[str, Any], column: str = "T2") -> None:
    """Make the Total row of the first table wrong in one column, far beyond its tolerance."""
    total = data["tables"][0]["rows"][-1]["cells"]
    total[column] = printed(Decimal(total[column].replace(" ", "")) * 1000 + 7_654_321_000)


def statement_text(rows: int, seed: int = 1, wrong: bool = False) -> str:
    """A financial statement laid out as text, in English: `rows` expense lines in two columns
    (in thousands of dollars) and their Total expenses line, which BC107 finds with no rules;
    `wrong` moves one total far beyond its tolerance."""
    rng = random.Random(seed)
    lines = ["Statement of Operations", "(in thousands of dollars)", "",
             f"{'':40}{'2025':>14}{'2024':>14}"]
    sums = [0, 0]
    for r in range(rows):
        values = [rng.randrange(1, 10**6) for _ in sums]
        sums = [a + b for a, b in zip(sums, values)]
        lines.append(f"{'Program expense ' + str(r + 1):40}" +
                     "".join(f"{v:>14,}" for v in values))
    if wrong:
        sums[0] += 7_654_321
    lines.append(f"{'Total expenses':40}" + "".join(f"{v:>14,}" for v in sums))
    return "\n".join(lines) + "\n"


def write(path: Path, figures: int, fmt: str, seed: int = 1, errors: int = 0,
          rows_per_table: int = ROWS_PER_TABLE, wrong: bool = False) -> int:
    data = plan_data(figures, seed, errors, rows_per_table)
    if wrong:
        wrong_total(data)
    text = to_toml(data) if fmt == "toml" else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return count_figures(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=10_000)
    parser.add_argument("--format", choices=["toml", "json"], default="toml")
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rows", type=int, default=ROWS_PER_TABLE,
                        help="rows per table, the Total row included")
    parser.add_argument("--wrong-total", action="store_true",
                        help="make the first table's Total row wrong in column T2")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    made = write(args.output, args.figures, args.format, args.seed, args.errors, args.rows,
                 args.wrong_total)
    print(f"{args.output}: {made} figures")


if __name__ == "__main__":
    main()
