"""What the checker is compared with: the same file read and the same figures added, bare.

    python bench/baselines.py decimal FILE   # json/tomllib + Decimal: row and column sums
    python bench/baselines.py pandas FILE    # pandas: the same figures, summed with groupby
    python bench/baselines.py tomllib FOLDER # tomllib.loads alone on every plan of a folder

Both add exactly what the structural rules add (each row's quarters, each table's rows) and
print the number of figures read, so a run that skipped work would show.
"""

from __future__ import annotations

import json
import sys
import tomllib
from decimal import Decimal
from pathlib import Path


def read(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text, parse_float=Decimal)
    return tomllib.loads(text, parse_float=Decimal)


def number(text: str) -> Decimal:
    text = text.replace(" ", "").replace("\u00a0", "")
    if text.startswith("("):
        return -Decimal(text[1:-1])
    return Decimal(text)


def decimal_loop(path: Path) -> int:
    data = read(path)
    figures = 0
    for table in data["tables"]:
        columns = [c["key"] for c in table["columns"] if c.get("role") != "total"]
        column_sums = dict.fromkeys(columns, Decimal(0))
        for row in table["rows"]:
            cells = {k: number(v) for k, v in row["cells"].items()}
            figures += len(cells)
            _ = sum(cells[k] for k in columns) - cells["Total"]
            if row.get("role") != "total":
                for k in columns:
                    column_sums[k] += cells[k]
    return figures


def pandas_groupby(path: Path) -> int:
    import pandas as pd

    data = read(path)
    records = [(t["id"], r["key"], r.get("role", "item"), column, text)
               for t in data["tables"] for r in t["rows"] for column, text in r["cells"].items()]
    frame = pd.DataFrame.from_records(records, columns=["table", "row", "role", "column", "text"])
    cleaned = frame["text"].str.replace(" ", "", regex=False)
    negative = cleaned.str.startswith("(")
    values = pd.to_numeric(cleaned.str.strip("()"))
    frame["value"] = values.where(~negative, -values)
    quarters = frame[frame["column"] != "Total"]
    _ = quarters.groupby(["table", "row"])["value"].sum()
    _ = quarters[quarters["role"] != "total"].groupby(["table", "column"])["value"].sum()
    return len(frame)


def tomllib_alone(folder: Path) -> int:
    """Every TOML plan of the folder read with the standard library alone: the ceiling of any
    TOML batch, and what a batch of plans is measured against."""
    plans = sorted(folder.glob("*.toml"))
    for path in plans:
        tomllib.loads(path.read_text(encoding="utf-8"))
    return len(plans)


if __name__ == "__main__":
    kind, file = sys.argv[1], Path(sys.argv[2])
    print({"decimal": decimal_loop, "pandas": pandas_groupby, "tomllib": tomllib_alone}[kind](file))
