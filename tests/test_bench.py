"""The benchmark suite runs at a tiny size so it cannot rot (no timing is asserted here)."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import ROOT


def test_benchmark_runs_and_writes_its_table(tmp_path):
    out = tmp_path / "RESULTS.md"
    subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "100",
                    "--runs", "1", "--batch", "2", "--out", str(out)],
                   check=True, capture_output=True, timeout=300)
    text = out.read_text(encoding="utf-8")
    assert "| measure (A vs B) |" in text and "start-up" in text
    assert "2 copies of the fixture as TOML" in text and "as JSON" in text
    assert (tmp_path / "scaling.svg").read_text(encoding="utf-8").startswith("<svg")


def test_generated_plans_are_consistent_and_injected_errors_are_found(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import write

    from budgetcheck import check, load

    clean = tmp_path / "clean.toml"
    write(clean, 600, "toml")
    report = check(load(clean))
    assert report.errors == [] and len(report.passed) + len(report.notes) > 100
    broken = tmp_path / "broken.json"
    figures = write(broken, 600, "json", errors=3)
    assert figures == sum(len(r["cells"]) for t in json.loads(broken.read_text())["tables"]
                          for r in t["rows"])
    assert len(check(load(broken)).errors) >= 3
