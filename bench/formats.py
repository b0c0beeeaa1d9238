"""The time to read each document format, on the same statement of 10^4 rows.

    python bench/formats.py -o bench/FORMATS.md [--runs 3]

One statement (items in sections of ten with their totals, two columns of figures) is written
as text, Markdown, an HTML page, CSV, an XLSX workbook (written with the standard library, as
the tests write theirs) and a PDF (one text line a row, 60 rows a page); each file is read
(`load`) and read and checked (`check(load(...))`), in process, with the size limits lifted (a
10^4-row page is beyond the 512 KiB a document may have). Medians of `--runs` runs; each file's
verdicts are counted, so a format that reads the statement differently shows it.
"""

from __future__ import annotations

import argparse
import csv
import io
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from budgetcheck import check, load  # noqa: E402
from budgetcheck.util import limits  # noqa: E402
from tests.pdf_docs import lines_page, pdf  # noqa: E402
from tests.xlsx_docs import Number, workbook  # noqa: E402

ROWS = 10_000


def rows(count: int) -> list[tuple[str, list[int]]]:
    """(label, figures) of a statement of `count` item rows, sections of ten with totals."""
    rng = random.Random(count)
    out: list[tuple[str, list[int]]] = []
    grand = [0, 0]
    for start in range(0, count, 10):
        sums = [0, 0]
        for n in range(start, min(start + 10, count)):
            values = [rng.randrange(1, 10**6), rng.randrange(1, 10**6)]
            sums = [a + b for a, b in zip(sums, values)]
            out.append((f"Expense {n + 1}", values))
        grand = [a + b for a, b in zip(grand, sums)]
        out.append((f"Total section {start // 10 + 1}", sums))
    out.append(("Total expenses", grand))
    return out


def as_text(table: list[tuple[str, list[int]]]) -> str:
    lines = ["Statement of Operations", "(in thousands of dollars)",
             f"{'':40}{'2025':>14}{'2024':>14}"]
    lines += [f"{label:40}" + "".join(f"{v:>14,}" for v in values) for label, values in table]
    return "\n".join(lines) + "\n"


def as_markdown(table: list[tuple[str, list[int]]]) -> str:
    lines = ["Statement of Operations", "(in thousands of dollars)", "", "| | 2025 | 2024 |",
             "|---|---:|---:|"]
    lines += [f"| {label} | " + " | ".join(f"{v:,}" for v in values) + " |"
              for label, values in table]
    return "\n".join(lines) + "\n"


def as_html(table: list[tuple[str, list[int]]]) -> str:
    lines = ["<html><body><table>", "<caption>Statement of Operations<br>(in thousands of "
             "dollars)</caption>", "<thead><tr><th></th><th>2025</th><th>2024</th></tr></thead>"]
    lines += [f"<tr><th>{label}</th>" + "".join(f"<td>{v:,}</td>" for v in values) + "</tr>"
              for label, values in table]
    return "\n".join(lines + ["</table></body></html>"]) + "\n"


def as_csv(table: list[tuple[str, list[int]]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([["Statement of Operations"], ["(in thousands of dollars)"],
                      ["", "2025", "2024"]])
    writer.writerows([[label, *(f"{v:,}" for v in values)] for label, values in table])
    return out.getvalue()


def as_xlsx(table: list[tuple[str, list[int]]]) -> bytes:
    cells: dict[str, object] = {"A1": "Statement of Operations",
                                "A2": "(in thousands of dollars)", "B3": Number("2025"),
                                "C3": Number("2024")}
    for n, (label, values) in enumerate(table, 4):
        cells[f"A{n}"] = label
        cells[f"B{n}"] = Number(str(values[0]), "#,##0")
        cells[f"C{n}"] = Number(str(values[1]), "#,##0")
    return workbook({"Budget": cells})  # type: ignore[arg-type]


def as_pdf(table: list[tuple[str, list[int]]]) -> bytes:
    lines = as_text(table).splitlines()
    return pdf([lines_page(lines[n:n + 60]) for n in range(0, len(lines), 60)])


def median_seconds(work: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "bench" / "FORMATS.md")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    limits.lift()
    table = rows(ROWS)
    work = Path(tempfile.mkdtemp())
    files: list[tuple[str, Path]] = []
    for name, suffix, make in [("text", ".txt", as_text), ("Markdown", ".md", as_markdown),
                               ("HTML page", ".html", as_html), ("CSV", ".csv", as_csv)]:
        path = work / f"statement{suffix}"
        path.write_text(make(table), encoding="utf-8")
        files.append((name, path))
    (work / "statement.xlsx").write_bytes(as_xlsx(table))
    files.append(("XLSX workbook", work / "statement.xlsx"))
    if shutil.which("pdftotext"):
        (work / "statement.pdf").write_bytes(as_pdf(table))
        files.append(("PDF (pdftotext -layout)", work / "statement.pdf"))
    out = ["# Reading each format: a statement of 10^4 rows", "",
           f"- date: {date.today().isoformat()}",
           f"- machine: {platform.machine()}, Python {platform.python_version()}",
           f"- `python bench/formats.py -o bench/FORMATS.md --runs {args.runs}`; medians of "
           f"{args.runs} runs in process, size limits lifted", "",
           f"The same statement of {ROWS:,} item rows, {len(table) - ROWS:,} totals, two columns "
           "of figures, in each format.", "",
           "| format | file size | read (`load`) | read and check | checks passed | errors |",
           "|---|---:|---:|---:|---:|---:|"]
    for name, path in files:
        read = median_seconds(lambda p=path: load(p), args.runs)
        both = median_seconds(lambda p=path: check(load(p)), args.runs)
        report = check(load(path))
        out.append(f"| {name} | {path.stat().st_size / 1024:,.0f} KiB | {read:.2f} s "
                   f"| {both:.2f} s | {len(report.passed):,} | {len(report.errors)} |")
    if not shutil.which("pdftotext"):
        out += ["", "PDF: not measured (pdftotext is not installed)."]
    args.output.write_text("\n".join(out) + "\n", encoding="utf-8")
    print("\n".join(out))


if __name__ == "__main__":
    main()
