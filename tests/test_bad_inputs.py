"""The hostile-input corpus (tests/bad/cases.toml): one clear line, exit 2, nothing written.

Inputs too large or too special to commit (200 000 levels of nesting, 100 000 digits, a 100 MB
file, a FIFO, symbolic links, directories) are made here at test time.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from budgetcheck.cli import main

BAD = Path(__file__).resolve().parent / "bad"
CASES = tomllib.loads((BAD / "cases.toml").read_text(encoding="utf-8"))["case"]
SMALL_PLAN = (BAD / "unknown-row.toml").read_text(encoding="utf-8").split("[[relations]]")[0]


def _format_input(kind: str, path: Path) -> bool:
    """The hostile inputs of the document formats (HTML, CSV, XLSX, PDF); False if `kind` is
    none of them."""
    from .pdf_docs import pdf
    from .xlsx_docs import Number, many_parts, with_dtd, workbook
    if kind == "html_nested":
        path.write_text("<i>" * 100_000 + "text", encoding="utf-8")  # never closed
    elif kind == "html_wide":
        path.write_text("<table>\n<tr><td>Item</td>" + "<td>1</td>" * 10_000 + "</tr>\n</table>",
                        encoding="utf-8")
    elif kind == "csv_stray_quote":
        path.write_text("Label,2024\nRoads,\"100\n" + "x" * 140_000 + "\n", encoding="utf-8")
    elif kind == "xlsx_text_rows":
        # a figure, then 10 000 rows of words that look like headings, and 10 000 with no
        # label: each once, not once for every row above it
        cells: dict[str, object] = {"A1": "Budget", "B2": Number("2024"), "A3": "Roads",
                                    "B3": Number("100")}
        for row in range(4, 10_004):
            cells[f"A{row}"], cells[f"B{row}"] = f"word {row}", f"text {row}"
        cells["B10006"] = "Planned"
        for row in range(10_007, 20_007):
            cells[f"B{row}"] = f"heading {row}"
        path.write_bytes(workbook({"Budget": cells}))  # type: ignore[dict-item]
    elif kind == "xlsx_bomb":
        path.write_bytes(many_parts(10_001))
    elif kind in ("xlsx_dtd", "xlsx_truncated"):
        data = workbook({"Budget": {"A1": "Budget", "B2": Number("2024"), "A3": "Roads",
                                    "B3": Number("100"), "A4": "Total", "B4": Number("100")}})
        path.write_bytes(data[: len(data) // 2] if kind == "xlsx_truncated"
                         else with_dtd(data, "xl/workbook.xml"))
    elif kind == "pdf_rejected":
        path.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 100)
    elif kind == "pdf_scanned":
        path.write_bytes(pdf([[]]))
    else:
        return False
    return True


def generate(kind: str, path: Path) -> None:
    if _format_input(kind, path):
        return
    if kind == "json_nesting":
        path.write_text('{"plan": ' + "[" * 200_000 + "]" * 200_000 + "}", encoding="utf-8")
    elif kind == "json_digits":
        path.write_text('{"plan": {"organisation": "x"}, "tables": [{"number": 1' + "0" * 100_000
                        + "}]}", encoding="utf-8")
    elif kind == "toml_digit_cell":
        path.write_text(SMALL_PLAN.replace('v = "1,0 M$" }', 'v = "' + "1" * 100_000 + '" }', 1),
                        encoding="utf-8")
    elif kind == "huge":
        with path.open("wb") as handle:
            handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB that takes no disk
    elif kind in ("directory", "empty_dir"):
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dangling_link":
        path.symlink_to(path.parent / "nowhere.toml")
    elif kind == "link_loop":
        other = path.parent / "other-link.toml"
        path.symlink_to(other)
        other.symlink_to(path)
    elif kind == "toml_digit_integer":  # tomllib refuses to read an integer of 4 301 digits
        path.write_text(SMALL_PLAN.replace("line = 3", "line = " + "1" * 100_000, 1),
                        encoding="utf-8")
    elif kind.startswith("baseline_"):  # a plan that checks, and a hostile baseline beside it
        path.write_text(SMALL_PLAN, encoding="utf-8")
        baseline = path.parent / "baseline.json"
        if kind == "baseline_nesting":
            baseline.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
        elif kind == "baseline_fifo":
            os.mkfifo(baseline)
        elif kind == "baseline_huge":
            with baseline.open("wb") as handle:
                handle.truncate(75 * 1024 * 1024)
        elif kind == "baseline_shape":
            baseline.write_text('{"version": 1, "accepted": [1, 2]}', encoding="utf-8")
    elif kind == "long_line":
        path.write_text("Statement of Operations\n(in thousands of dollars)\n"
                        + "word " * 5_000 + "\n", encoding="utf-8")
    elif kind == "many_figures":
        path.write_text("(en milliers de dollars)\n              2024   2025\n"
                        + "Ligne  " + " ".join(["12"] * 150) + "\n", encoding="utf-8")
    elif kind == "many_plan_figures":
        rows = [{"key": f"r{i}", "label": f"Line {i}",
                 "cells": {c: "1" for c in ("a", "b", "c", "d", "e")}} for i in range(20_001)]
        path.write_text(json.dumps({"plan": {"organisation": "X", "fiscal_year": "2024",
                                             "language": "en", "source": "x.txt"},
                                    "tables": [{"id": "t", "title": "T", "columns": [
                                        {"key": c, "label": c} for c in "abcde"],
                                        "rows": rows}]}), encoding="utf-8")
    elif kind == "many_rules":  # a document checked with a rules file of too many relations
        shutil.copyfile(BAD.parent.parent / "seeds" / "scale-ai-plan-directeur-2023-2024.fr.txt",
                        path)
        (path.parent / "many-rules.toml").write_text("".join(
            f'[[relations]]\nid = "r{i}"\nexpr = "t1[a] == t1[b]"\n\n' for i in range(10_001)),
            encoding="utf-8")
    elif kind == "many_relations":
        path.write_text(SMALL_PLAN + "".join(
            f'\n[[relations]]\nid = "r{i}"\nexpr = "t1[a] == t1[total]"\n' for i in range(10_001)),
            encoding="utf-8")
    else:  # pragma: no cover - a typo in cases.toml
        raise AssertionError(f"unknown generator {kind}")


def prepare(case: dict, tmp_path: Path) -> tuple[list[str], Path]:
    path = tmp_path / case["input"]
    if "generate" in case:
        generate(case["generate"], path)
    elif (BAD / case["input"]).exists():
        shutil.copyfile(BAD / case["input"], path)
    args = [a.format(dir=tmp_path) for a in case.get("args", [])]
    return [*args, str(path)], path


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 50
    assert len({c["input"] for c in CASES}) == len(CASES)
    committed = {p.name for p in BAD.iterdir()} - {"cases.toml"}
    listed = {c["input"] for c in CASES}
    assert committed <= listed, f"inputs without an expected error: {committed - listed}"


@pytest.mark.parametrize("case", CASES, ids=[c["input"] for c in CASES])
def test_bad_input_is_one_line_and_exit_2(case, tmp_path, capsys):
    args, path = prepare(case, tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    started = time.monotonic()
    status = main(["check", *args])
    elapsed = time.monotonic() - started
    out, err = capsys.readouterr()
    assert status == 2, err
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1, err
    assert "Traceback" not in err and out == ""
    named = next((args[args.index(option) + 1] for option in ("--rules", "--baseline")
                  if option in args), str(path))
    assert lines[0].startswith(named), (lines[0], named)
    assert re.search(case["error"], lines[0]), lines[0]
    assert elapsed < 5, f"{elapsed:.1f} s"
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


HEAVY = [c for c in CASES if c.get("generate") in (
    "json_nesting", "json_digits", "huge", "toml_digit_cell", "toml_digit_integer",
    "baseline_nesting", "baseline_huge", "baseline_fifo", "long_line", "many_plan_figures")]
MEMORY_LIMIT = 1024 * 1024 * 1024  # the bound we state: 1 GiB of address space is plenty


def _limit_memory() -> None:  # pragma: no cover - runs in the child process
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
@pytest.mark.parametrize("case", HEAVY, ids=[c["input"] for c in HEAVY])
def test_heavy_inputs_in_a_real_process_with_bounded_memory(case, tmp_path):
    args, _ = prepare(case, tmp_path)
    result = subprocess.run([sys.executable, "-m", "budgetcheck", "check", *args],
                            capture_output=True, text=True, timeout=5, preexec_fn=_limit_memory)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert re.search(case["error"], result.stderr)


def test_a_symbolic_link_to_a_plan_is_followed(tmp_path, capsys):
    link = tmp_path / "plan.toml"
    link.symlink_to(BAD.parent.parent / "fixtures" / "scale-ai-2023-2024.toml")
    assert main(["check", "-q", str(link)]) == 0


def test_a_number_run_into_a_keyword_is_one_line_in_a_real_process():
    """Python only warns on "1if" (pytest would swallow that warning in process): the user must
    still see one line, the syntax error, and no stray "SyntaxWarning" line from the compiler."""
    done = subprocess.run([sys.executable, "-m", "budgetcheck", "check",
                           str(BAD / "expr-number-keyword.toml")],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "invalid decimal literal" in done.stderr and "SyntaxWarning" not in done.stderr
