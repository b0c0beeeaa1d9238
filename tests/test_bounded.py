"""Bounded cost on every input: hints as right as they were when they were slow, readers that
cannot be stalled, writes that cannot clobber, outputs that cannot be forged.

Speed itself is measured in bench/ (ratios in one run); the time limits here only catch a reader
that went quadratic again (each case takes well under a second)."""

from __future__ import annotations

import os
import re
import stat
import time
import tomllib

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from budgetcheck import check, load
from budgetcheck.cli import main
from budgetcheck.numbers.notation import parse_amount
from budgetcheck.plan.model import Plan
from budgetcheck.sources.toml_writer import plan_toml

from .conftest import FIXTURE

# -- hints: the O(1) judgments say what re-judging the relation said ---------------------------

@st.composite
def column_plans(draw):
    """A column of 2 to 4 whole figures in k$ and their exact total, with one figure to slip."""
    values = draw(st.lists(st.integers(1, 10**7), min_size=2, max_size=4))
    rows = [{"key": f"r{i}", "label": f"Row {i}", "line": 10 + i, "cells": {"v": f"{v}"}}
            for i, v in enumerate(values)]
    rows.append({"key": "total", "label": "Total", "role": "total", "line": 10 + len(values),
                 "cells": {"v": f"{sum(values)}"}})
    data = {"plan": {"organisation": "H", "fiscal_year": "2025", "language": "en",
                     "source": "h.txt"},
            "tables": [{"id": "t", "title": "Costs", "line": 5, "scale": 3,
                        "columns": [{"key": "v", "label": "Amount"}], "rows": rows}]}
    return data, values, draw(st.integers(0, len(values)))  # the figure to slip (the total too)


def _with(data, index, text):
    rows = [dict(r, cells={"v": text if i == index else r["cells"]["v"]})
            for i, r in enumerate(data["tables"][0]["rows"])]
    return {**data, "tables": [{**data["tables"][0], "rows": rows}]}


def _column_error(data):
    report = check(Plan.model_validate(data), lang="en")
    found = [f for f in report.errors if f.code == "BC102"]
    return found[0] if found else None


@given(column_plans(), st.integers(-10**8, 10**8))
def test_the_smallest_change_applied_makes_the_relation_hold(case, shift):
    data, _, index = case
    old = int(data["tables"][0]["rows"][index]["cells"]["v"])
    assume(abs(shift) > 10 and old + shift >= 0)
    error = _column_error(_with(data, index, str(old + shift)))
    assert error is not None
    change = next(h for h in error.hints if h.startswith("smallest single change: "))
    # "smallest single change: Costs, “Row 3”, $21K → $12K": the row by its label
    label = change.split("“", 1)[1].split("”", 1)[0]
    value = parse_amount(change.split(" → ")[1]).value
    where = next(i for i, r in enumerate(data["tables"][0]["rows"]) if r["label"] == label)
    fixed = _with(_with(data, index, str(old + shift)), where, str(int(value / 1000)))
    assert _column_error(fixed) is None


@given(column_plans(), st.data())
def test_two_adjacent_digits_swapped_are_named_as_a_transposition(case, data_):
    data, _, index = case
    text = data["tables"][0]["rows"][index]["cells"]["v"]
    pairs = [i for i in range(len(text) - 1) if text[i] != text[i + 1]]
    assume(pairs)
    i = data_.draw(st.sampled_from(pairs))
    swapped = text[:i] + text[i + 1] + text[i] + text[i + 2:]
    assume(not swapped.startswith("0"))  # "015" prints as "15": no swap can be seen there
    error = _column_error(_with(data, index, swapped))
    assert error is not None
    table = data["tables"][0]
    label = f"{table['title']}, “{table['rows'][index]['label']}”"
    assert any(h.startswith(f"digits transposed? {label}, printed") for h in error.hints), \
        error.hints


@given(column_plans())
def test_a_figure_a_thousand_times_too_large_is_named_as_a_unit_slip(case):
    data, _, index = case
    text = data["tables"][0]["rows"][index]["cells"]["v"]
    error = _column_error(_with(data, index, text + "000"))
    assert error is not None
    table = data["tables"][0]
    label = f"{table['title']}, “{table['rows'][index]['label']}”"
    assert any(h.startswith(f"unit slip? {label} ×0.001") for h in error.hints), error.hints


def test_hints_stop_after_the_first_thousand_errors(tmp_path):
    """Every row wrong: the first 1 000 errors have hints, the others are reported without."""
    rows = [{"key": f"r{i}", "label": f"Row {i}", "line": i + 1,
             "cells": {"a": "1", "b": "2", "Total": "30"}} for i in range(1_200)]
    plan = Plan.model_validate({
        "plan": {"organisation": "H", "fiscal_year": "2025", "language": "en", "source": "h"},
        "tables": [{"id": "t", "title": "T", "columns": [
            {"key": "a", "label": "A"}, {"key": "b", "label": "B"},
            {"key": "Total", "label": "Total", "role": "total"}], "rows": rows}]})
    errors = check(plan).errors
    assert len(errors) == 1_200
    assert sum(1 for f in errors if f.hints) == 1_000


# -- readers: ordinary-looking text that used to stall them ---------------------------------------

@pytest.mark.parametrize("name, text", [
    ("hundreds.txt", "100\n" * 5_000),
    # Within the line limit, so that the readers (not the limit) must deal with them.
    ("nines.txt", "Total " + "9" * 19_000 + " M$\n"),
    ("no-break-groups.txt", "Total 1" + "\u00a0123" * 4_900 + " $\n"),
    ("digit-groups.txt", "(en milliers de dollars)\n                2024      2025\n"
     + "".join(f"Ligne {i}  12 " + "345 " * 12 + "\n" for i in range(1_000))),
    ("share-digits.md", "Une part de " + "9" * 19_000 + " %\n"),
], ids=lambda value: value if len(value) < 30 else "")
def test_text_that_stalled_the_readers_is_read_at_once(tmp_path, capsys, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    status = main(["check", str(path)])
    elapsed = time.monotonic() - started
    err = capsys.readouterr().err
    assert elapsed < 5, f"{elapsed:.1f} s"
    # Read to the end: checked (0, 1), or refused in one line naming the file, never a crash.
    assert "line is" not in err, err  # the limit must not be what stopped it
    assert status in (0, 1) or (re.match(rf"{re.escape(str(path))}(:\d+)?: BC9", err)
                                and err.count("\n") == 1), err


# -- writes ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("make, what", [
    (lambda p: os.mkfifo(p), "a FIFO"),
    (None, "a device"),  # /dev/null: a device node must stay one
])
def test_outputs_that_are_not_regular_files_are_refused(tmp_path, capsys, make, what):
    target = tmp_path / "out" if make else "/dev/null"
    if make:
        make(target)
    before = os.stat(target).st_mode
    assert main(["check", "--format", "json", "-o", str(target)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{target}: BC908 is {what}, not a regular file") and "\n" not in err
    assert os.stat(target).st_mode == before


def test_dash_writes_to_standard_output(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "json", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("{") and list(tmp_path.iterdir()) == []


def test_a_link_to_a_regular_file_writes_the_file_and_keeps_the_link(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert main(["check", "--format", "json", "-o", str(link)]) == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("{")


def test_a_link_to_nothing_is_refused(tmp_path, capsys):
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "nowhere.json")
    assert main(["check", "-o", str(link)]) == 2
    assert "BC908 cannot be written: a symbolic link to nothing" in capsys.readouterr().err
    assert not (tmp_path / "nowhere.json").exists()


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_0666_less_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        assert main(["check", "--format", "json", "-o", str(tmp_path / "r.json")]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "r.json").st_mode) == mode


def test_an_existing_file_keeps_its_mode(tmp_path):
    target = tmp_path / "r.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    assert main(["check", "--format", "json", "-o", str(target)]) == 0
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640


def test_a_failed_write_is_one_line_and_the_old_file_intact(tmp_path, capsys, monkeypatch):
    from budgetcheck.inputs import files as fsutil

    target = tmp_path / "r.json"
    target.write_text("old", encoding="utf-8")

    def full(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fsutil.os, "replace", full)
    assert main(["check", "--format", "json", "-o", str(target)]) == 2
    assert capsys.readouterr().err.strip() == \
        f"{target}: BC908 cannot be written: No space left on device"
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


# -- outputs that cannot be forged ------------------------------------------------------------------

def test_markdown_escapes_everything_a_plan_says(tmp_path, capsys):
    text = FIXTURE.read_text(encoding="utf-8")
    hostile = 'source = "x.txt\\n## forged heading\\n::error ::forged <img src=x onerror=alert(1)>"'
    assert 'source = "seeds/scale-ai-plan-directeur-2023-2024.fr.txt"' in text
    text = text.replace('source = "seeds/scale-ai-plan-directeur-2023-2024.fr.txt"', hostile)
    text = text.replace('label = "Total"', 'label = "To|tal `x` [a](b) *y*"')
    text = text.replace('depenses = "94,6 M$"', 'depenses = "96,4 M$"')
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    main(["check", "--format", "markdown", str(path)])
    out = capsys.readouterr().out
    prose = re.sub(r"(?<!\\)(`+).*?(?<!\\)\1", "", out)  # a code span shows HTML as text
    assert "<img" not in prose
    assert not any(line.startswith(("## forged", "::error")) for line in out.splitlines())
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    assert rows and all(line.replace("\\|", "").count("|") == 5 for line in rows)
    assert "To\\|tal \\`x\\` \\[a\\](b) \\*y\\*" in out


@pytest.mark.parametrize("char", [chr(c) for c in (*range(0x20), 0x7F, 0x85, 0x9F)]
                         + ['"', "\\", "'''", "\u2028"])
def test_extract_writes_toml_that_reads_back_for_any_label(char):
    plan = load(FIXTURE)
    data = plan.model_dump(exclude_defaults=True)
    data["tables"][0]["rows"][0]["label"] = f"A{char}B"
    data["tables"][0]["title"] = f"T{char}"
    data["plan"]["source"] = f"dir{char}/doc.txt"
    changed = Plan.model_validate(data)
    back = Plan.model_validate(tomllib.loads(plan_toml(changed)))
    assert back.tables[0].rows[0].label == f"A{char}B" and back.tables[0].title == f"T{char}"
    assert back.plan.source == f"dir{char}/doc.txt"
    assert check(back).summary == check(changed).summary


def test_a_figure_in_another_script_is_never_read_as_a_number(tmp_path):
    """"5٠0" (an Arabic-Indic zero) in a statement is text, not 500: the row has no figure of
    its own there, and the total is not made to add up with it."""
    path = tmp_path / "statement.en.txt"
    path.write_text("Statement of Operations\n(in thousands of dollars)\n\n"
                    "                          2025        2024\n"
                    "Salaries                   500         400\n"
                    "Rent                       5٠0         100\n"
                    "Total expenses           1,000         500\n", encoding="utf-8")
    plan = load(path)
    rent = next(r for r in plan.tables[0].rows if r.label.startswith("Rent"))
    assert rent.label == "Rent 5٠0" and {k: c.text for k, c in rent.cells.items()} == {
        "y2024": "100"}
    codes = {(f.code, f.row) for f in check(plan).findings}
    assert ("BC105", rent.key) in codes  # the 2025 figure is missing, not 500
