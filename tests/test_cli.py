"""The command line: exit statuses, formats, output files, baselines, start-up cost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import nullcontext
from pathlib import Path

import pytest

from budgetcheck.cli import main

from .conftest import FIXTURE, ROOT

GOOD = FIXTURE.read_text(encoding="utf-8")


def run(*args, cwd=ROOT, env=None):
    return subprocess.run([sys.executable, "-m", "budgetcheck", *args], capture_output=True,
                          text=True, cwd=cwd, env={**os.environ, **(env or {})}, timeout=120)


def bad_plan(tmp_path, name="bad.toml"):
    path = tmp_path / name
    path.write_text(GOOD.replace('depenses = "94,6 M$"', 'depenses = "96,4 M$"'), encoding="utf-8")
    return path


def test_check_without_path_checks_the_bundled_plan(tmp_path):
    """From any folder, the bundled plan's findings cite its document as installed beside it:
    the line they name holds the figure at the column they name."""
    result = run("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "0 erreurs, 5 avertissements, 9 remarques" in result.stdout
    first = next(x for x in result.stdout.splitlines() if ": BC103 remarque " in x)
    path, line, column = first.split(": BC103")[0].rsplit(":", 2)
    assert path.endswith("seeds/scale-ai-plan-directeur-2023-2024.fr.txt")
    printed = Path(path).read_text(encoding="utf-8").splitlines()[int(line) - 1]
    assert line == "640" and printed[int(column) - 1:].startswith("63,2 M$")
    assert Path(path).read_bytes() == (ROOT / "seeds" / Path(path).name).read_bytes()


def test_strict_mode_exit_status():
    result = run("check", "--mode", "strict", "--lang", "en")
    assert result.returncode == 1
    assert "9 errors" in result.stdout


def test_fail_on_and_exit_zero(capsys):
    assert main(["check", "--fail-on", "warning", "-q"]) == 1
    assert main(["check", "--fail-on", "warning", "--exit-zero", "-q"]) == 0
    assert main(["check", "--fail-on", "note", "-q"]) == 1
    capsys.readouterr()


@pytest.mark.parametrize("args", [["check", "missing.toml"], ["check", "--mode", "absolute"],
                                  ["check", "--tolerance", "12 Z$"], ["explain", "BC999"],
                                  ["check", "--format", "pdf"], ["check", "--tolerance", "-5 $"],
                                  ["check", "--select", "BC999"], ["check", "--jobs", "-1"]])
def test_usage_and_input_errors_are_one_line_and_exit_2(args, tmp_path):
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_input_error_names_the_file_and_line(tmp_path):
    path = tmp_path / "plan.toml"
    text = GOOD.replace('key = "phase2"', 'key "phase2"', 1)
    path.write_text(text, encoding="utf-8")
    line = next(i for i, x in enumerate(text.splitlines(), 1) if x == 'key "phase2"')
    result = run("check", str(path))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{path}:{line}: BC902 invalid TOML")


def test_text_report_for_an_error_groups_by_table(tmp_path):
    result = run("check", "--lang", "en", str(bad_plan(tmp_path)))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    # the heading in the report's language, the title as printed
    assert "Table 3 — Sommaire des dépenses totales prévues au budget pour l’exercice " \
           "financier 2023-2024" in lines
    at = next(n for n, line in enumerate(lines) if " BC102 error " in line)
    # the plan file says 96,4 M$ where its document prints 94,6 M$: the line, with no marker
    assert lines[at].startswith("seeds/scale-ai-plan-directeur-2023-2024.fr.txt:590: BC102")
    assert lines[at + 1:at + 3] == ["    |", "590 |  Total 94,6 M$"]
    assert lines[at + 3].startswith("    →")
    assert "→ digits transposed? Table 3, “Total”, printed $96.4M" in result.stdout
    assert lines[-2].endswith(": 2 errors, 5 warnings, 8 notes, 37 checks passed")
    assert lines[-1] == "Found 2 errors, 5 warnings and 8 notes in 1 file."


def test_text_report_points_at_the_figure_on_its_printed_line(tmp_path):
    """path:line:col, then the printed line with a marker under the figure, as ruff shows a
    finding; --concise keeps the first line alone."""
    seed = (ROOT / "seeds/scale-ai-plan-directeur-2023-2024.fr.txt").read_text(encoding="utf-8")
    printed = seed.splitlines()
    assert printed[589] == " Total 94,6 M$ "
    printed[589] = " Total 96,4 M$ "
    document = tmp_path / "plan.txt"
    document.write_text("\n".join(printed) + "\n", encoding="utf-8")
    result = run("check", "--lang", "en", str(document))
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    at = next(n for n, line in enumerate(lines) if " BC102 error " in line)
    assert lines[at].startswith(f"{document}:590:8: BC102 error Table 3, column Dépenses")
    assert lines[at + 1:at + 4] == ["    |", "590 |  Total 96,4 M$", "    |        ^^^^^^^"]
    concise = run("check", "--lang", "en", "--concise", str(document)).stdout.splitlines()
    assert lines[at] in concise and not any(line.startswith("    |") for line in concise)


def test_colour_only_on_a_terminal_and_never_with_no_color():
    from budgetcheck.render.text import use_colour

    class Tty:
        def isatty(self):
            return True

    assert use_colour(Tty()) is True
    os.environ["NO_COLOR"] = "1"
    try:
        assert use_colour(Tty()) is False
    finally:
        del os.environ["NO_COLOR"]
    assert "\033[" not in run("check").stdout


def test_json_contract(tmp_path):
    result = run("check", "--format", "json", str(bad_plan(tmp_path)))
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["tool"]["name"] == "budgetcheck"
    assert data["mode"] == "rounding" and data["inputs"][0]["plan"].endswith("bad.toml")
    assert set(data["summary"]) == {"errors", "warnings", "notes", "passed", "inferred",
                                    "accepted", "hidden"}
    assert data["summary"]["accepted"] == 0
    assert data["summary"]["inferred"] == 0 and data["inferred"] == []
    error = next(f for f in data["findings"] if f["severity"] == "error" and f["code"] == "BC102")
    for key in ("code", "name", "severity", "message", "path", "lines", "table", "row", "column",
                "stated", "computed", "difference", "allowed", "hints"):
        assert key in error
    assert error["stated"] == "96400000" and error["computed"] == "94600000"
    assert error["allowed"] == ["94350000", "94850000"] and error["difference"] == "1800000"
    assert error["lines"] == [584, 585, 587, 589, 590] and error["line"] == 590
    implied = next(f for f in data["findings"] if f["code"] == "BC306")
    assert implied["table"] is None and implied["row"] is None


def test_output_file_is_written_and_nothing_else(tmp_path):
    before = set(os.listdir(tmp_path))
    out = tmp_path / "report.json"
    assert main(["check", "--format", "json", "-o", str(out)]) == 0
    assert json.loads(out.read_text())["summary"]["notes"] == 9
    assert set(os.listdir(tmp_path)) - before == {"report.json"}


def test_directory_is_searched_for_plans(tmp_path, capsys):
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "a.toml").write_text(GOOD, encoding="utf-8")
    bad_plan(tmp_path / "plans", "b.toml")
    (tmp_path / "plans" / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert main(["check", "--format", "json", str(tmp_path)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [i["plan"].rsplit("/", 1)[1] for i in data["inputs"]] == ["a.toml", "b.toml"]


def test_directory_without_plans(tmp_path):
    result = run("check", str(tmp_path))
    assert result.returncode == 2 and "holds no plan files" in result.stderr


def test_directory_of_documents_says_how_to_check_them(tmp_path):
    (tmp_path / "statement.txt").write_text("Statement\n(in dollars)\n", encoding="utf-8")
    result = run("check", str(tmp_path))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert result.stderr.endswith("documents are checked when named, e.g. "
                                  f"{tmp_path / 'statement.txt'}\n")


def test_baseline_keeps_only_new_findings(tmp_path, capsys):
    plan = bad_plan(tmp_path)
    baseline = tmp_path / "baseline.json"
    # writing the baseline accepts today's findings: that run has not failed
    assert main(["check", str(plan), "--write-baseline", str(baseline), "-q"]) == 0
    capsys.readouterr()
    assert main(["check", str(plan), "--baseline", str(baseline), "--lang", "en"]) == 0
    from budgetcheck import check, load

    everything = check(load(plan))
    assert capsys.readouterr().out.endswith(
        f"0 errors, 0 warnings, 0 notes, {len(everything.passed)} checks passed; "
        f"{len(everything.findings)} accepted by the baseline\nAll checks passed in 1 file.\n")
    assert main(["check", str(plan), "--baseline", str(baseline), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["accepted"] == len(everything.findings)
    # An edit elsewhere moves lines but keeps the accepted findings accepted ...
    moved = tmp_path / "moved.toml"
    text = plan.read_text(encoding="utf-8").replace("line = 590", "line = 592")
    moved.write_text(text, encoding="utf-8")
    capsys.readouterr()
    # ... and a new error is still reported.
    worse = text.replace('T3 = "14,1 M$"', 'T3 = "41,1 M$"')
    (tmp_path / "bad.toml").write_text(worse, encoding="utf-8")
    assert main(["check", str(plan), "--baseline", str(baseline), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {f["code"] for f in data["findings"] if f["severity"] == "error"} >= {"BC103"}
    assert all(f["table"] != "t3" for f in data["findings"])


def test_rules_and_explain_come_from_the_catalogue(capsys):
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    assert "BC103  quarterly-total" in listing and "BC907  unit-mismatch" in listing
    assert main(["explain", "bc201"]) == 0
    doc = capsys.readouterr().out
    assert doc.startswith("BC201 (relation)") and "## What it does" in doc and "## Example" in doc


def test_every_rule_documents_what_why_and_example():
    from budgetcheck.rules.catalogue import load_builtin_rules

    for code, rule in load_builtin_rules().items():
        assert "## What it does" in rule.doc and "## Why" in rule.doc, code
        assert "## Example" in rule.doc, code


def test_schema_command_matches_docs(capsys):
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == (ROOT / "docs" / "plan.schema.json").read_text()


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_do_not_import_pydantic(flag):
    code = ("import sys\nfrom budgetcheck.cli import main\n"
            f"try:\n    main([{flag!r}])\nexcept SystemExit:\n    pass\n"
            "print('PYDANTIC' if 'pydantic' in sys.modules else 'LEAN', file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip().endswith("LEAN")


def test_version():
    from budgetcheck import __version__

    assert run("--version").stdout.strip() == f"budgetcheck {__version__}"


def test_version_entry_point_loads_neither_the_parser_nor_the_cli():
    code = ("import sys\nsys.argv = ['budgetcheck', '--version']\n"
            "from budgetcheck.entry import run\nrun()\n"
            "print(sorted(m for m in ('argparse', 'budgetcheck.cli', 'pydantic') "
            "if m in sys.modules), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.startswith("budgetcheck ") and result.stderr.strip() == "[]"


def test_jobs_give_the_same_report_and_input_errors_cross_processes(tmp_path):
    for name in ("a.toml", "b.toml", "c.toml"):
        (tmp_path / name).write_bytes(FIXTURE.read_bytes())
    serial = run("check", "--format", "json", str(tmp_path))
    parallel = run("check", "--format", "json", "--jobs", "2", str(tmp_path))
    assert serial.returncode == parallel.returncode == 0
    assert json.loads(serial.stdout) == json.loads(parallel.stdout)
    (tmp_path / "b.toml").write_text("[plan]\norganisation = 1\n", encoding="utf-8")
    broken = run("check", "--jobs", "2", str(tmp_path))
    # the bad file is reported on its line, and hides neither of the others
    assert broken.returncode == 2
    assert broken.stderr.strip().splitlines() == [
        f"{tmp_path / 'b.toml'}:2: BC903 plan.organisation: Input should be a valid string "
        "(and 3 more problems)"]
    assert f"{tmp_path / 'a.toml'}: 0 erreurs" in broken.stdout
    assert f"{tmp_path / 'c.toml'}: 0 erreurs" in broken.stdout
    as_json = run("check", "--format", "json", "--jobs", "2", str(tmp_path))
    assert as_json.returncode == 2 and as_json.stderr == broken.stderr
    [bad] = [f for f in json.loads(as_json.stdout)["findings"] if f["code"] == "BC903"]
    assert bad["path"] == str(tmp_path / "b.toml") and bad["line"] == 2


@pytest.mark.parametrize("options", [
    ["-q"], ["--show", "errors"], ["--show", "errors", "--fail-on", "warning"],
    ["-q", "--fail-on", "note"], ["-q", "--format", "json"], ["--show", "warnings", "--format",
                                                             "sarif"]])
def test_jobs_leave_out_only_what_no_output_shows_nor_fails_on(tmp_path, options):
    """A --jobs worker sends back only what is shown when the rest can neither show nor fail
    the run; the report, its counts of hidden findings and the exit status are the serial
    run's, with a baseline too (which accepts before --show hides)."""
    for name in ("a.toml", "b.toml"):
        (tmp_path / name).write_bytes(FIXTURE.read_bytes())
    baseline = tmp_path / "accepted.json"
    assert run("check", "--write-baseline", str(baseline), str(tmp_path / "a.toml")
               ).returncode == 0
    for extra in ([], ["--baseline", str(baseline)]):
        serial = run("check", *options, *extra, str(tmp_path))
        parallel = run("check", *options, *extra, "--jobs", "2", str(tmp_path))
        assert (parallel.returncode, parallel.stderr) == (serial.returncode, serial.stderr)
        if "json" in options:
            assert json.loads(parallel.stdout) == json.loads(serial.stdout)
            summary = json.loads(serial.stdout)["summary"]
            assert summary["accepted" if extra else "hidden"] > 0
        elif "sarif" in options:
            assert json.loads(parallel.stdout)["runs"][0]["results"] == \
                json.loads(serial.stdout)["runs"][0]["results"]
        else:
            assert parallel.stdout == serial.stdout


@pytest.mark.parametrize("enabled", [True, False])
def test_checking_a_plan_pauses_the_cycle_collector_and_restores_it(enabled, monkeypatch):
    import gc

    from budgetcheck import engine
    from budgetcheck.cli_check import check_one

    seen = []
    real_check = engine.check

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real_check(*args, **kwargs)

    monkeypatch.setattr(engine, "check", spy)
    settings = {"mode": "rounding", "tolerance": None, "lang": None, "rounding": "nearest",
                "select": None, "plugins": False}
    (gc.enable if enabled else gc.disable)()
    try:
        _, report, _, _, error = check_one((str(FIXTURE), None, settings, False))
        assert error is None
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
    assert seen == [False] and report.passed


@pytest.mark.parametrize("args, said", [
    (["--select", "BC1O3"], "--select: BC901 unknown rule code BC1O3; `budgetcheck rules`"),
    (["--select", "BC103,,BC101"], "--select: BC901 an empty rule code in 'BC103,,BC101'"),
    (["--tolerance", "-0,05 M$"], "--tolerance: BC901 a tolerance cannot be negative"),
    (["--jobs", "-2"], "'-2' is not a number of processes"),
])
def test_a_setting_that_would_check_nothing_or_everything_is_refused(args, said, capsys):
    """A mistyped code used to select no rule at all, and the plan passed; a negative tolerance
    failed inside the interval arithmetic; --jobs -2 meant one process per CPU."""
    with pytest.raises(SystemExit) if args[0] == "--jobs" else nullcontext():
        assert main(["check", *args]) == 2
    out, err = capsys.readouterr()
    assert out == "" and said in err and len(err.strip().splitlines()) == 1


def test_select_takes_codes_in_any_case_and_spacing(capsys):
    assert main(["check", "--select", " bc103 , BC101"]) == 0
    codes = {line.split()[1] for line in capsys.readouterr().out.splitlines()
             if ".fr.txt:" in line}
    assert codes == {"BC103"}  # the plan has no BC101 finding


@pytest.mark.parametrize("args", [["rules"], ["check", "--lang", "en", "-v"]])
def test_a_reader_that_leaves_early_is_no_error(args):
    """`budgetcheck rules | head`: the pipe closes before the output is written; the command
    stops quietly with 141 (128 + SIGPIPE), as other tools do, and says nothing."""
    process = subprocess.Popen([sys.executable, "-m", "budgetcheck", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # no reader is left when the command writes
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 141 and stderr == b""


def test_one_bad_file_hides_no_other(tmp_path, capsys):
    """Every input is reported: the unreadable one as its input error (here BC902) in every
    format, on its own line on stderr as well; the report is written; exit 2."""
    good, bad = tmp_path / "good.toml", tmp_path / "bad.plan.toml"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text("[plan\nbroken", encoding="utf-8")
    assert main(["check", "--format", "json", str(good), str(bad)]) == 2
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert [i["plan"] for i in data["inputs"]] == [str(good), str(bad)]
    [broken] = [f for f in data["findings"] if f["path"] == str(bad)]
    assert (broken["code"], broken["severity"], broken["line"]) == ("BC902", "error", 1)
    assert data["summary"]["passed"] > 0  # the good file was checked
    assert err.count("\n") == 1 and err.startswith(f"{bad}:1: BC902 invalid TOML")
    sarif = tmp_path / "out.sarif"
    assert main(["check", "--format", "sarif", "-o", str(sarif), str(good), str(bad)]) == 2
    results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert any(r["ruleId"] == "BC902" for r in results)
    assert main(["check", "--lang", "en", str(good), str(bad)]) == 2
    out, err = capsys.readouterr()
    assert f"{good}: 0 errors" in out and "BC902" not in out and "BC902" in err
    # a baseline written then accepts the good file's findings, never the bad file's error
    baseline = tmp_path / "baseline.json"
    assert main(["check", "--format", "json", "--write-baseline", str(baseline), str(good),
                 str(bad)]) == 2
    accepted = json.loads(baseline.read_text(encoding="utf-8"))["accepted"]
    assert accepted and all(not e["code"].startswith("BC9") for e in accepted)


def test_statistics_count_the_findings_by_code(tmp_path, capsys):
    plan = bad_plan(tmp_path)
    assert main(["check", "--lang", "en", "--format", "json", str(plan)]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert main(["check", "--lang", "en", "--statistics", str(plan)]) == 1
    lines = capsys.readouterr().out.splitlines()
    counted = {(line.split()[1], line.split()[3]): int(line.split()[0]) for line in lines[:-1]}
    expected: dict[tuple[str, str], int] = {}
    for f in findings:
        expected[f["code"], f["severity"]] = expected.get((f["code"], f["severity"]), 0) + 1
    assert counted == expected
    counts = [int(line.split()[0]) for line in lines[:-1]]
    errors = sum(1 for f in findings if f["severity"] == "error")
    assert counts == sorted(counts, reverse=True)
    assert lines[-1].startswith(f"{plan}: {errors} errors")
