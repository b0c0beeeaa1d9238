"""Bounded cost: errors against a clean plan, wrong totals against right ones, how each reader
grows with its input, and the largest inputs the limits allow. Ratios in one run, medians.

    python bench/bounded.py -o bench/BOUNDED.md [--runs 3]

Errors and growth are timed in process (load and check, the start-up of Python left out, so the
ratio is the checker's own); the largest inputs run as the command a user types, with their
peak memory.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

from budgetcheck import check, load
from budgetcheck.inputs.errors import PlanError
from budgetcheck.plan.model import Plan
from budgetcheck.util import limits

PY = sys.executable
#: The peak resident memory of the checking process itself, in KiB: VmHWM starts anew at exec
#: (ru_maxrss would count the memory of the benchmark that forked it).
PEAK = ("import sys; from budgetcheck.cli import main; code = main(sys.argv[1:]); "
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')),"
        " file=sys.stderr)")


def seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def plan_check(data: dict[str, object]) -> Callable[[], object]:
    """Validate and check a plan in process (the figure limit is the CLI's business)."""
    text = json.dumps(data)
    return lambda: check(Plan.model_validate(json.loads(text)))


def file_check(path: Path) -> Callable[[], object]:
    return lambda: check(load(path))


def pair(runs: int, a: Callable[[], object], b: Callable[[], object]) -> tuple[float, float]:
    """Alternate A and B, `runs` times each; the medians."""
    ta, tb = [], []
    for _ in range(runs):
        ta.append(seconds(a, 1))
        tb.append(seconds(b, 1))
    return statistics.median(ta), statistics.median(tb)


def statement(rows: int, columns: int = 2, wrong: int = 0, markdown: bool = False,
              page: bool = False) -> str:
    """A statement of `rows` items in `columns` columns, in sections of ten rows with their
    totals (the first `wrong` totals moved far off), and a Total expenses line; as text, a
    Markdown table or an HTML page (`page`)."""
    rng = random.Random(rows * 31 + columns)
    years = [str(2030 - c) for c in range(columns)]
    out = ["Statement of Operations", "(in thousands of dollars)", ""]
    if page:
        out = ["<html><body><p>Statement of Operations</p><p>(in thousands of dollars)</p>",
               "<table>", "<tr><th></th>" + "".join(f"<th>{y}</th>" for y in years) + "</tr>"]
    elif markdown:
        out += ["| | " + " | ".join(years) + " |", "|---|" + "---:|" * columns]
    else:
        out.append(f"{'':40}" + "".join(f"{y:>14}" for y in years))
    grand = [0] * columns
    done = 0
    section = 0
    while done < rows:
        sums = [0] * columns
        for _ in range(min(10, rows - done)):
            values = [rng.randrange(1, 10**6) for _ in range(columns)]
            sums = [a + b for a, b in zip(sums, values)]
            out.append(_line(f"Expense {done + 1}", values, markdown, page))
            done += 1
        grand = [a + b for a, b in zip(grand, sums)]
        if section < wrong:
            sums[0] += 777_777
        out.append(_line(f"Total section {section + 1}", sums, markdown, page))
        section += 1
    out.append(_line("Total expenses", grand, markdown, page))
    if page:
        out.append("</table></body></html>")
    return "\n".join(out) + "\n"


def _line(label: str, values: list[int], markdown: bool, page: bool = False) -> str:
    if page:
        return f"<tr><th>{label}</th>" + "".join(f"<td>{v:,}</td>" for v in values) + "</tr>"
    if markdown:
        return f"| {label} | " + " | ".join(f"{v:,}" for v in values) + " |"
    return f"{label:40}" + "".join(f"{v:>14,}" for v in values)


def prose(lines: int, width: int = 80) -> str:
    """Sentences with figures and claims, `lines` lines of about `width` characters."""
    sentence = ("Le programme a reçu 230 M$, dont 219 M$ engagés et 11 M$ restants; "
                "la part engagée est de 219 M$ des 230 M$ disponibles (95 %). ")
    text = (sentence * (width // len(sentence) + 1))[:width]
    return "\n".join(text for _ in range(lines)) + "\n"


def run_command(path: Path, *extra: str) -> tuple[float, int]:
    started = time.perf_counter()
    done = subprocess.run([PY, "-c", PEAK, "check", "-q", "--exit-zero", *extra, str(path)],
                          capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    return elapsed, int(done.stderr.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = args.runs
    work = Path(tempfile.mkdtemp(prefix="budgetcheck-bounded-"))
    out = ["# Bounded cost: benchmark results", "",
           f"- date: {date.today().isoformat()}",
           (f"- machine: {platform.machine()}, {len(os.sched_getaffinity(0))} CPUs, "
            f"Python {platform.python_version()}"),
           (f"- `python bench/bounded.py -o bench/BOUNDED.md --runs {runs}`; in-process times "
            "are medians of alternating runs"), ""]

    out += ["## Errors cost what their relations cost", "",
            "| measure (A vs B) | A | B | A/B | target |", "|---|---:|---:|---:|---|"]
    clean = generate.plan_data(100_000, seed=1)
    wrong = generate.plan_data(100_000, seed=1, errors=1_000)
    a, b = pair(runs, plan_check(wrong), plan_check(clean))
    out.append(f"| 10^5 figures, 1 000 wrong vs clean (load and check) | {a:.2f} s | {b:.2f} s "
               f"| {a / b:.2f}× | ≤ 1,5× |")
    table_wrong = generate.plan_data(10_000, seed=2, rows_per_table=2_000)
    generate.wrong_total(table_wrong)
    a, b = pair(runs, plan_check(table_wrong),
                plan_check(generate.plan_data(10_000, seed=2, rows_per_table=2_000)))
    out.append(f"| a 2 000-row table, one wrong total vs right | {a:.2f} s | {b:.2f} s "
               f"| {a / b:.2f}× | ≤ 1,5× |")
    for name, wrong_text, right_text in [
        ("text", generate.statement_text(2_000, wrong=True), generate.statement_text(2_000)),
        ("Markdown", statement(2_000, wrong=1, markdown=True), statement(2_000, markdown=True)),
    ]:
        suffix = ".md" if name == "Markdown" else ".txt"
        wrong_path, right_path = work / f"wrong{suffix}", work / f"right{suffix}"
        wrong_path.write_text(wrong_text, encoding="utf-8")
        right_path.write_text(right_text, encoding="utf-8")
        a, b = pair(runs, file_check(wrong_path), file_check(right_path))
        out.append(f"| a 2 000-row {name} statement (BC107), one wrong total vs right "
                   f"| {a:.2f} s | {b:.2f} s | {a / b:.2f}× | ≤ 1,5× |")

    out += ["", "## Readers grow linearly: time(2N) / time(N)", "",
            "| reader, input | N | time(N) | time(2N) | ratio | target |",
            "|---|---:|---:|---:|---:|---|"]
    shapes: list[tuple[str, str, int, Callable[[int], str]]] = [
        ("text statement, many rows", ".txt", 3_000, lambda n: statement(n)),
        ("Markdown statement, many rows", ".md", 4_000, lambda n: statement(n, markdown=True)),
        ("HTML page, many rows", ".html", 3_000, lambda n: statement(n, page=True)),
        ("HTML page, markers left open", ".html", 30_000, lambda n: (
            "<p>Budget (in dollars)</p><table><tr><th></th><th>2024</th></tr><sup>"
            + "<b>" * n + "<tr><td>Item</td><td>1</td></tr>" * (n // 10)
            + f"<tr><td>Total</td><td>{n // 10}</td></tr></table>")),
        ("text statement, many columns", ".txt", 25, lambda n: statement(200, columns=n)),
        ("text statement, many wrong totals", ".txt", 2_000,
         lambda n: statement(n, wrong=n)),
        ("text statement, many digit groups", ".txt", 2_000, lambda n: (
            "(en milliers de dollars)\n                 2024     2025\n" + "".join(
                f"Ligne {i}  12 " + "345 " * 12 + "\n" for i in range(n)))),
        ("prose, many lines", ".txt", 2_000, lambda n: prose(n)),
        ("prose, long lines", ".txt", 5_000, lambda n: prose(50, width=n)),
        ("prose, long runs of digit groups", ".txt", 2_000,
         lambda n: "Total " + "100 " * n + "au total.\n"),
    ]
    for name, suffix, n, make in shapes:
        times = []
        for size in (n, 2 * n):
            path = work / f"shape-{size}{suffix}"
            path.write_text(make(size), encoding="utf-8")
            times.append(seconds(_quietly(path), runs))
        out.append(f"| {name} | {n:,} | {times[0]:.3f} s | {times[1]:.3f} s "
                   f"| {times[1] / times[0]:.2f} | ≤ 2,3 |")
    for name, fmt, n in [("TOML plan, many rows", "toml", 20_000),
                         ("JSON plan, many rows", "json", 20_000)]:
        times = []
        for size in (n, 2 * n):
            path = work / f"plan-{size}.{fmt}"
            generate.write(path, size, fmt)
            times.append(seconds(_quietly(path), runs))
        out.append(f"| {name} (figures) | {n:,} | {times[0]:.3f} s | {times[1]:.3f} s "
                   f"| {times[1] / times[0]:.2f} | ≤ 2,3 |")

    out += ["", "## The largest inputs the limits allow, as a user runs them", "",
            (f"Limits: plan files {limits.PLAN_BYTES // limits.MIB} MiB and "
             f"{limits.PLAN_FIGURES:,} figures; documents {limits.DOCUMENT_BYTES // 1024} KiB, "
             f"lines of {limits.LINE_CHARACTERS:,} characters and {limits.LINE_FIGURES} "
             f"figures; baselines {limits.BASELINE_BYTES // limits.MIB} MiB; hints on the first "
             f"{limits.HINTED_ERRORS:,} errors."), "",
            "| input | size | time | peak memory | target |", "|---|---:|---:|---:|---|"]
    largest: list[tuple[str, Path]] = []
    for fmt in ("toml", "json"):
        for errors in (0, 30_000):
            path = work / f"largest-{errors}.{fmt}"
            generate.write(path, limits.PLAN_FIGURES - 5, fmt, errors=errors)
            largest.append((f"{fmt.upper()} plan, {limits.PLAN_FIGURES:,} figures"
                            + (", every row wrong" if errors else ""), path))
    budget = limits.DOCUMENT_BYTES - 4096
    for name, suffix, make in [
        ("text statement", ".txt", lambda n: statement(n)),
        ("text statement, every section total wrong", ".txt", lambda n: statement(n, wrong=n)),
        ("Markdown statement", ".md", lambda n: statement(n, markdown=True)),
        ("HTML page", ".html", lambda n: statement(n, page=True)),
        ("prose with claims", ".txt", lambda n: prose(n)),
    ]:
        n = 100
        while len(make(n * 2).encode()) < budget:
            n *= 2
        while len(make(int(n * 1.1)).encode()) < budget:
            n = int(n * 1.1)
        path = work / f"largest-{name.split()[0]}-{len(largest)}{suffix}"
        path.write_text(make(n), encoding="utf-8")
        largest.append((name, path))
    for name, path in largest:
        elapsed, peak = run_command(path)
        out.append(f"| {name} | {path.stat().st_size / limits.MIB:.2f} MiB | {elapsed:.2f} s "
                   f"| {peak / 1024:.0f} MiB | ≤ 10 s, ≤ 1 GiB |")
    args.output.write_text("\n".join(out) + "\n", encoding="utf-8")
    print("\n".join(out))


def _quietly(path: Path) -> Callable[[], object]:
    def work() -> object:
        try:
            return check(load(path))
        except PlanError as exc:  # a shape the reader refuses still costs its reading
            return exc
    return work


if __name__ == "__main__":
    main()
