"""The composite GitHub Action (action.yml): its shell steps run here as a runner runs them.

A runner pastes each `${{ … }}` into the step before running it; the test does the same for
the contexts the action uses (inputs, github.action_path, the check step's outputs), runs every
`shell: bash` step in order with `bash -e` and a GITHUB_OUTPUT file, and checks the steps it
cannot run here (setup-python, the SARIF upload) by what they are given. `python` is a stand-in
that records the install command (installing would need the network); `budgetcheck` is this
checkout's."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import FIXTURE, ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def _value(expression: str, contexts: dict[str, str]) -> str:
    assert expression in contexts, f"the action uses {expression!r}, which the test cannot give"
    return contexts[expression]


def _condition(condition: str, contexts: dict[str, str]) -> bool:
    """The conditions the action writes: `a != 'b'`, `always() && inputs.upload == 'true'`…"""
    result = True
    for part in condition.split("&&"):
        part = part.strip()
        if part == "always()":
            continue
        if part.startswith("hashFiles("):
            name = _value(part[len("hashFiles("):part.index(")")], contexts)
            result &= Path(contexts["workspace"], name).is_file()
            continue
        left, op, right = re.fullmatch(r"(\S+)\s*(==|!=)\s*'([^']*)'", part).groups()
        result &= (_value(left, contexts) == right) == (op == "==")
    return result


def run_action(tmp_path: Path, inputs: dict[str, str]) -> dict[str, object]:
    """Every step of the action, in order; what each did."""
    given = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    given.update(inputs)
    contexts = {f"inputs.{k}": v for k, v in given.items()}
    contexts.update({"github.action_path": str(ROOT), "workspace": str(tmp_path)})
    shims = tmp_path / "shims"
    shims.mkdir()
    log = tmp_path / "python-calls.txt"
    (shims / "python").write_text(f'#!/bin/sh\necho "$@" >> "{log}"\n', encoding="utf-8")
    (shims / "budgetcheck").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m budgetcheck "$@"\n',
                                       encoding="utf-8")
    for shim in shims.iterdir():
        shim.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    env["PATH"] = f"{shims}{os.pathsep}{env['PATH']}"
    env["PYTHONPATH"] = str(ROOT)
    done: dict[str, object] = {}
    for step in ACTION["runs"]["steps"]:
        name = step.get("name", step.get("uses"))
        if "if" in step and not _condition(step["if"], contexts):
            done[name] = "skipped"
            continue
        if "uses" in step:
            done[name] = {k: EXPRESSION.sub(lambda m: _value(m.group(1), contexts), str(v))
                          for k, v in step.get("with", {}).items()}
            continue
        assert step["shell"] == "bash"
        # inputs reach a script through its environment only: none is pasted into the script
        assert not EXPRESSION.search(step["run"]), name
        output = tmp_path / f"output-{len(done)}"
        output.write_text("")
        step_env = {**env, "GITHUB_OUTPUT": str(output),
                    **{k: EXPRESSION.sub(lambda m: _value(m.group(1), contexts), str(v))
                       for k, v in step.get("env", {}).items()}}
        result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=step_env,
                                capture_output=True, text=True, timeout=300)
        done[name] = result
        for line in output.read_text().splitlines():
            key, _, value = line.partition("=")
            contexts[f"steps.{step['id']}.outputs.{key}"] = value
        if result.returncode != 0:
            break
    done["install"] = log.read_text() if log.exists() else ""
    done["contexts"] = contexts
    return done


def write_plans(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    good = FIXTURE.read_text(encoding="utf-8")
    (tmp_path / "plans" / "good.toml").write_text(good, encoding="utf-8")
    (tmp_path / "bad.toml").write_text(good.replace('depenses = "94,6 M$"',
                                                    'depenses = "96,4 M$"'), encoding="utf-8")


def test_findings_are_uploaded_and_then_fail_the_job(tmp_path):
    write_plans(tmp_path)
    done = run_action(tmp_path, {"paths": "plans bad.toml", "args": "--lang en"})
    assert "install --quiet " + str(ROOT) in done["install"]
    assert done["Check"].returncode == 0, done["Check"].stderr  # the check step never fails
    assert done["contexts"]["steps.check.outputs.exit-code"] == "1"
    sarif = json.loads((tmp_path / "budgetcheck.sarif").read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert any(r["ruleId"] == "BC102" and r["level"] == "error" for r in results)
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in results} >= {"seeds/scale-ai-plan-directeur-2023-2024.fr.txt"}
    assert done["Upload to code scanning"] == {"sarif_file": "budgetcheck.sarif",
                                                "category": "budgetcheck"}
    assert done["Fail on findings"].returncode == 1
    assert "::error::budgetcheck exited with status 1" in done["Fail on findings"].stdout


def test_a_consistent_plan_passes_and_its_report_is_still_uploaded(tmp_path):
    write_plans(tmp_path)
    done = run_action(tmp_path, {"paths": "plans", "sarif": "out/report.sarif",
                                 "upload": "true"})
    assert done["contexts"]["steps.check.outputs.exit-code"] == "0"
    assert done["Fail on findings"] == "skipped"
    assert json.loads((tmp_path / "out" / "report.sarif").read_text())["version"] == "2.1.0"
    assert done["Upload to code scanning"]["sarif_file"] == "out/report.sarif"


def test_no_upload_when_asked(tmp_path):
    write_plans(tmp_path)
    done = run_action(tmp_path, {"paths": "plans", "upload": "false"})
    assert done["Upload to code scanning"] == "skipped"


def test_an_unreadable_file_is_reported_and_fails_the_job_with_status_2(tmp_path):
    write_plans(tmp_path)
    done = run_action(tmp_path, {"paths": "plans missing.toml"})
    sarif = json.loads((tmp_path / "budgetcheck.sarif").read_text(encoding="utf-8"))
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} >= {"BC901"}
    assert isinstance(done["Upload to code scanning"], dict)
    assert done["Fail on findings"].returncode == 2


def test_a_bad_option_stops_at_the_check_with_no_report(tmp_path):
    write_plans(tmp_path)
    done = run_action(tmp_path, {"paths": "plans", "args": "--mode stict"})
    assert done["Check"].returncode == 2
    assert "::error::budgetcheck wrote no report (exit status 2)" in done["Check"].stdout
    assert "Upload to code scanning" not in done  # the job stops at the failed step


@pytest.mark.parametrize("hostile", ['plans"; touch pwned; echo "', "plans $(touch pwned)",
                                     "plans `touch pwned`"])
def test_an_input_cannot_become_a_command(tmp_path, hostile):
    write_plans(tmp_path)
    run_action(tmp_path, {"paths": hostile, "upload": "false"})
    assert not (tmp_path / "pwned").exists()
