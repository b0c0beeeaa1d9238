"""The benchmark suite: every figure a ratio measured side by side in one run.

    python -m pip install -e '.[bench]' && python bench/run.py            # writes bench/RESULTS.md
    python bench/run.py --sizes 1000 10000 --runs 3 --out /tmp/results.md  # a quicker look

A and B alternate (A B A B ...), each at least `--runs` times; the ratio of each pair is taken
and the report gives the median ratio and its spread (lowest..highest), so a machine that slows
down during the run slows both sides. Absolute times are shown for orientation only.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import write  # noqa: E402

PY = sys.executable
FIXTURE = ROOT / "fixtures" / "scale-ai-2023-2024.toml"
PEAK = ("import resource, sys; from budgetcheck.cli import main; main(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)")


@dataclass
class Ratio:
    name: str
    target: str
    ratios: list[float]
    a_times: list[float]
    b_times: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.ratios)

    def inverted(self, name: str, target: str) -> Ratio:
        """B against A, from the same pairs (a rate against a rate is a time over a time)."""
        return Ratio(name, target, [1 / r for r in self.ratios], self.b_times, self.a_times)

    def row(self) -> str:
        spread = f"{min(self.ratios):.2f}–{max(self.ratios):.2f}"
        return (f"| {self.name} | {self.median:.2f}× | {spread} | {self.target} | "
                f"{statistics.median(self.a_times):.3f} s | {statistics.median(self.b_times):.3f} s |"
                f" {len(self.ratios)} |")


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   cwd=ROOT)
    return time.perf_counter() - started


def side_by_side(name: str, target: str, a: list[str], b: list[str], runs: int) -> Ratio:
    return against(a, [(name, target, b)], runs)[0]


def against(a: list[str], others: list[tuple[str, str, list[str]]], runs: int) -> list[Ratio]:
    """A, B1, B2, ... in turn, `runs` times: one ratio per B, each from adjacent runs."""
    timed(a)  # warm the file cache and the bytecode
    for _, _, b in others:
        timed(b)
    results = [Ratio(name, target, [], [], []) for name, target, _ in others]
    for _ in range(runs):
        ta = timed(a)
        for result, (_, _, b) in zip(results, others):
            tb = timed(b)
            result.a_times.append(ta)
            result.b_times.append(tb)
            result.ratios.append(ta / tb)
    return results


def check_command(*args: str) -> list[str]:
    return [PY, "-m", "budgetcheck", "check", "-q", "--exit-zero", "--no-limits", *args]


def peak_kib(*args: str) -> int:
    done = subprocess.run([PY, "-c", PEAK, "check", "-q", "--exit-zero", "--no-limits", *args],
                          cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return int(done.stderr.strip().splitlines()[-1])  # ru_maxrss is in KiB on Linux


def have_pandas() -> bool:
    return subprocess.run([PY, "-c", "import pandas"], capture_output=True).returncode == 0


def run(sizes: list[int], runs: int, batch: int, out: Path, plot: Path, work: Path) -> str:
    # Measured as an installed package runs: pip compiles the bytecode when it installs, and an
    # editable install under PYTHONDONTWRITEBYTECODE would compile every module at every start.
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "budgetcheck")], check=True)
    results: list[Ratio] = []
    results.append(side_by_side("start-up: `check` the Scale AI fixture vs `python -c \"import "
                                "pydantic\"`", "≤ 1,3×", check_command(str(FIXTURE)),
                                [PY, "-c", "import pydantic"], runs))
    # What pydantic costs before a plan is read (every plan and report model is a BaseModel),
    # against the start-up target's own baseline.
    for name, floor in (("`from pydantic import BaseModel`", "from pydantic import BaseModel"),
                        ("importing the plan and report models",
                         "import budgetcheck.plan.model, budgetcheck.report")):
        results.append(side_by_side(f"start-up floor: {name} vs `import pydantic`",
                                    "floor, no target", [PY, "-c", floor],
                                    [PY, "-c", "import pydantic"], runs))
    results.append(side_by_side("start-up: `budgetcheck --version` vs `python -c pass`",
                                "≤ 1,15×", [PY, "-m", "budgetcheck", "--version"],
                                [PY, "-c", "pass"], runs))
    scaling: dict[int, dict[str, float]] = {}
    memory: list[tuple[int, int]] = []
    pandas = have_pandas()
    base_peak = peak_kib(str(FIXTURE))
    for size in sizes:
        path = work / f"plan-{size}.json"
        figures = write(path, size, "json")
        others = [(f"{figures:,} figures: end to end vs a bare `Decimal` loop", "≤ 2×",
                   [PY, str(HERE / "baselines.py"), "decimal", str(path)])]
        if pandas:
            others.append((f"{figures:,} figures: end to end vs pandas groupby", "≤ 0,5×",
                           [PY, str(HERE / "baselines.py"), "pandas", str(path)]))
        measured = against(check_command(str(path)), others, runs)
        results += measured
        scaling[figures] = {"budgetcheck": statistics.median(measured[0].a_times),
                            "Decimal loop": statistics.median(measured[0].b_times)}
        if pandas:
            scaling[figures]["pandas"] = statistics.median(measured[1].b_times)
        memory.append((figures, peak_kib(str(path))))
    batches = {fmt: batch_rates(work, fmt, batch, runs) for fmt in ("toml", "json")}
    for measured in batches.values():
        results += measured
    text = report(results, scaling, memory, base_peak, batch, batches, pandas, runs)
    out.write_text(text, encoding="utf-8")
    plot.write_text(svg(scaling), encoding="utf-8")
    return text


def batch_rates(work: Path, fmt: str, batch: int, runs: int) -> list[Ratio]:
    """`batch` copies of the fixture (as TOML or as JSON) checked in one process, against the
    same folder checked with `--jobs N` (N the CPUs) and, for TOML, against reading every file
    with `tomllib` alone: [one process against --jobs N (its A times are the one-process
    rate's), and for TOML the check's rate against tomllib's]."""
    folder = work / f"batch-{fmt}"
    folder.mkdir()
    if fmt == "toml":
        text = FIXTURE.read_text(encoding="utf-8")
    else:
        import json
        import tomllib

        text = json.dumps(tomllib.loads(FIXTURE.read_text(encoding="utf-8")), ensure_ascii=False)
    for i in range(batch):
        (folder / f"plan-{i:04d}.{fmt}").write_text(text, encoding="utf-8")
    jobs = os.cpu_count() or 1
    name = f"{batch:,} copies of the fixture as {fmt.upper()}"
    others = [(f"{name}: one process vs `--jobs {jobs}`", "≥ 1,8×",
               check_command("--jobs", str(jobs), str(folder)))]
    if fmt == "toml":
        others.append((f"{name}: `tomllib.loads` alone vs one process", "≥ 0,8×",
                       [PY, str(HERE / "baselines.py"), "tomllib", str(folder)]))
    measured = against(check_command(str(folder)), others, runs)
    if fmt == "toml":  # the rate of the check against tomllib's: tomllib's time over the check's
        measured[1] = measured[1].inverted(f"{name}: the check's rate vs `tomllib.loads` alone "
                                           "on the same files", "≥ 0,8×")
    return measured


def report(results: list[Ratio], scaling: dict[int, dict[str, float]],
           memory: list[tuple[int, int]], base_peak: int, batch: int,
           batches: dict[str, list[Ratio]], pandas: bool, runs: int) -> str:
    lines = [
        "# Benchmark results", "",
        f"- date: {datetime.date.today().isoformat()}",
        f"- machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} "
        f"{platform.release()}",
        f"- Python {platform.python_version()}; pandas "
        f"{'installed' if pandas else 'not installed (pip install -e .[bench])'}",
        f"- each ratio: {runs} alternating A/B pairs (after one warm-up pair); median and spread",
        "", "| measure (A vs B) | A/B median | spread | target | A median | B median | pairs |",
        "|---|---:|---:|---|---:|---:|---:|"]
    lines += [r.row() for r in results]
    figures = sorted(scaling)
    if len(figures) >= 2:
        small, large = figures[-2], figures[-1]
        growth = scaling[large]["budgetcheck"] / scaling[small]["budgetcheck"]
        lines += ["", f"Growth from {small:,} to {large:,} figures "
                  f"(×{large / small:.0f} figures): ×{growth:.1f} in time (target ≤ 11× for ×10)."]
    lines += ["", "| figures | peak memory | per figure (above the fixture's peak) |",
              "|---:|---:|---:|"]
    for count, kib in memory:
        lines.append(f"| {count:,} | {kib / 1024:.0f} MiB | "
                     f"{max(0, kib - base_peak) * 1024 / count:.0f} bytes (target ≤ 400 B) |")
    lines += ["", "| batch of Scale-AI-size plans, one process | plans/s, median | spread | "
              "target | pairs |", "|---|---:|---:|---|---:|"]
    for fmt, (jobs, *_) in batches.items():  # its A: the one-process times
        rates = sorted(batch / t for t in jobs.a_times)
        target = "≥ 500/s" if fmt == "json" else "see the tomllib row above"
        lines.append(f"| {batch:,} copies of the fixture as {fmt.upper()} | "
                     f"{statistics.median(rates):.0f} | {rates[0]:.0f}–{rates[-1]:.0f} | "
                     f"{target} | {len(rates)} |")
    lines += ["", "![Time against figures, log-log](scaling.svg)", ""]
    return "\n".join(lines)


def svg(scaling: dict[int, dict[str, float]]) -> str:
    """A log-log plot of seconds against figures, one line per contender (standard library)."""
    import math

    width, height, pad = 640, 400, 60
    series: dict[str, list[tuple[int, float]]] = {}
    for count in sorted(scaling):
        for name, seconds in scaling[count].items():
            series.setdefault(name, []).append((count, seconds))
    xs = [c for c in scaling] or [1]
    ys = [s for points in series.values() for _, s in points] or [1.0]
    x0, x1 = math.log10(min(xs)), math.log10(max(xs)) + 1e-9
    y0, y1 = math.log10(min(ys)) - 0.1, math.log10(max(ys)) + 0.1

    def at(count: int, seconds: float) -> tuple[float, float]:
        x = pad + (math.log10(count) - x0) / (x1 - x0 or 1) * (width - 2 * pad)
        y = height - pad - (math.log10(seconds) - y0) / (y1 - y0 or 1) * (height - 2 * pad)
        return x, y

    colours = {"budgetcheck": "#c0392b", "Decimal loop": "#2c3e50", "pandas": "#2980b9"}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="12">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
             'stroke="black"/>',
             f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{height - pad}" stroke="black"/>',
             f'<text x="{width / 2}" y="{height - 15}" text-anchor="middle">figures (log)</text>',
             f'<text x="15" y="{height / 2}" transform="rotate(-90 15 {height / 2})" '
             'text-anchor="middle">seconds, end to end (log)</text>']
    for count in sorted(scaling):
        x, _ = at(count, min(ys))
        parts.append(f'<text x="{x:.0f}" y="{height - pad + 16}" text-anchor="middle">'
                     f'{count:,}</text>')
    for n, (name, points) in enumerate(series.items()):
        colour = colours.get(name, "#7f8c8d")
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in (at(c, s) for c, s in points))
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                     'stroke-width="2"/>')
        for c, s in points:
            x, y = at(c, s)
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}">'
                         f'<title>{name}: {s:.3f} s for {c:,} figures</title></circle>')
        parts.append(f'<text x="{pad + 10}" y="{pad + 15 * n}" fill="{colour}">{name}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="budgetcheck benchmarks (ratios, one run)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=5, help="A/B pairs per ratio (at least 5 "
                        "for published figures)")
    parser.add_argument("--batch", type=int, default=1000, help="plans in the batch folder")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--plot", type=Path, default=None)
    args = parser.parse_args()
    plot = args.plot or args.out.with_name("scaling.svg")
    with tempfile.TemporaryDirectory() as work:
        print(run(args.sizes, args.runs, args.batch, args.out, plot, Path(work)))


if __name__ == "__main__":
    main()
