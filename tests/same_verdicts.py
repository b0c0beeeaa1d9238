"""What the format tests compare: the verdicts of a statement read from another format against
those of the real fixture it was made from, and where its figures were read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from budgetcheck import load

from .conftest import ROOT

REAL = ROOT / "fixtures" / "real"
#: The real statements printed as pipe tables (with their outer pipes), to be laid out anew.
TABLES = [p for p in sorted(REAL.glob("*.md")) if "\n|---" in p.read_text(encoding="utf-8")]


def verdicts(report: Any) -> list[tuple[Any, ...]]:
    """Each finding's code, severity, row, column, stated and computed values, in order."""
    return sorted((f.code, f.severity, f.row, f.column, f.stated, f.computed)
                  for f in report.findings)


def figure_lines(path: Path) -> set[int]:
    """The lines every figure of the file was read at."""
    return {cell.line for table in load(path).tables for row in table.rows
            for cell in row.cells.values() if cell.line is not None}
