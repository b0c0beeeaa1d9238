"""[tool.budgetcheck] in pyproject.toml: found upwards, under the command line, typos refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetcheck.config import glob_matches

from .conftest import FIXTURE

CLEAN = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "budgetcheck", *args], capture_output=True,
                          text=True, cwd=cwd, env=CLEAN, timeout=120)


def project(tmp_path, settings: str):
    (tmp_path / "pyproject.toml").write_text(f'[project]\nname = "x"\n\n[tool.budgetcheck]\n'
                                             f'{settings}', encoding="utf-8")
    plans = tmp_path / "plans" / "2024"
    plans.mkdir(parents=True)
    (plans / "a.toml").write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def test_settings_come_from_the_nearest_pyproject_and_the_command_line_wins(tmp_path):
    root = project(tmp_path, 'lang = "en"\nfail-on = "warning"\nignore = ["BC307"]\n')
    below = root / "plans" / "2024"  # found upwards from a folder below it
    result = run("check", "a.toml", "--format", "json", cwd=below)
    assert result.returncode == 1, result.stderr  # fail-on warning: the BC306 warnings
    data = json.loads(result.stdout)
    assert data["inputs"][0]["language"] == "en"
    assert {f["code"] for f in data["findings"]} and "BC307" not in {
        f["code"] for f in data["findings"]}
    overridden = run("check", "a.toml", "--format", "json", "--lang", "fr", "--fail-on",
                     "error", cwd=below)
    assert overridden.returncode == 0
    assert json.loads(overridden.stdout)["inputs"][0]["language"] == "fr"
    isolated = run("check", "a.toml", "--format", "json", "--isolated", cwd=below)
    assert "BC307" in {f["code"] for f in json.loads(isolated.stdout)["findings"]}


def test_config_prints_each_setting_and_where_it_comes_from(tmp_path):
    root = project(tmp_path, 'lang = "en"\n\nshow = "warnings"\n')
    out = run("config", "--mode", "strict", cwd=root / "plans").stdout.splitlines()
    where = {line.split()[0]: line for line in out[1:]}
    assert out[0] == f"configuration: {root / 'pyproject.toml'}"
    assert where["lang"].split()[1] == "en" and where["lang"].endswith("pyproject.toml:5")
    assert where["show"].endswith("pyproject.toml:7")
    assert where["mode"].split()[1] == "strict" and where["mode"].endswith("command line")
    assert where["rounding"].split()[1] == "nearest" and where["rounding"].endswith("default")
    assert set(where) == {"lang", "mode", "rounding", "tolerance", "fail-on", "show", "select",
                          "ignore", "baseline", "include", "exclude"}


@pytest.mark.parametrize("settings, line, message", [
    ('lang = "en"\nfail_on = "warning"\n', 6, "unknown setting 'fail_on'; did you mean "
                                               "'fail-on'?"),
    ('mode = "stict"\n', 5, "mode must be one of 'rounding', 'strict', 'absolute', not 'stict'"),
    ('select = 3\n', 5, "select must be a list of rule codes"),
    ('colour = "always"\n', 5, "unknown setting 'colour'"),
])
def test_a_bad_setting_is_one_line_with_the_file_and_line(tmp_path, settings, line, message):
    root = project(tmp_path, settings)
    for command in (["check"], ["config"]):
        result = run(*command, cwd=root)
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith(f"{root / 'pyproject.toml'}:{line}: BC903 ")
        assert message in result.stderr


def test_an_unknown_code_in_the_settings_is_refused(tmp_path):
    root = project(tmp_path, 'select = ["BC1O1"]\n')
    result = run("check", "plans", cwd=root)
    assert result.returncode == 2 and "unknown rule code BC1O1" in result.stderr


def test_include_and_exclude_decide_what_a_folder_search_checks(tmp_path):
    root = project(tmp_path, 'exclude = ["**/draft-*"]\ninclude = ["plans/**/*.toml", '
                             '"plans/**/*.txt"]\n')
    plans = root / "plans" / "2024"
    (plans / "draft-b.toml").write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    (plans / "release.txt").write_text("Le fonds a reçu 12 M$ en 2024.\n", encoding="utf-8")
    (root / "other.toml").write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    data = json.loads(run("check", ".", "--format", "json", cwd=root).stdout)
    checked = sorted(i["plan"] for i in data["inputs"])
    assert checked == ["plans/2024/a.toml", "plans/2024/release.txt"]
    # a file named on the command line is checked whatever the globs say
    named = json.loads(run("check", "plans/2024/draft-b.toml", "--format", "json",
                           cwd=root).stdout)
    assert [i["plan"] for i in named["inputs"]] == ["plans/2024/draft-b.toml"]


def test_a_baseline_in_the_settings_is_read_from_the_settings_folder(tmp_path):
    root = project(tmp_path, 'baseline = "accepted.json"\n')
    assert run("check", "plans", "--write-baseline", "accepted.json", cwd=root).returncode == 0
    result = run("check", "2024", "--lang", "en", cwd=root / "plans")
    assert result.returncode == 0, result.stderr
    assert "accepted by the baseline" in result.stdout
    assert result.stdout.splitlines()[-1] == "All checks passed in 1 file."


@given(st.lists(st.sampled_from(["a", "b", "plans", "2024"]), min_size=1, max_size=4),
       st.sampled_from(["x.toml", "draft-x.toml", "x.txt"]))
def test_globs_follow_gitignore_rules(folders, name):
    path = "/".join([*folders, name])
    assert glob_matches("**/" + name, path)  # any folders, none included
    assert glob_matches(name, path)  # no "/": the file's name, wherever it is
    assert glob_matches("*/" + name, path) == (len(folders) == 1)  # "*" stays in a folder
    assert glob_matches(folders[0] + "/**", path)
    assert not glob_matches("*.md", path)


def test_settings_written_inline_are_found_and_an_unrelated_pyproject_is_passed_over(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool]\nbudgetcheck = { lang = "en" }\n',
                                             encoding="utf-8")
    inner = tmp_path / "sub"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "budgetcheck-user"\n',
                                          encoding="utf-8")
    out = run("config", cwd=inner).stdout.splitlines()
    assert out[0] == f"configuration: {tmp_path / 'pyproject.toml'}"
    assert out[1].split()[:2] == ["lang", "en"]


def test_a_broken_pyproject_that_names_us_is_reported_not_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.budgetcheck\nlang = "en"\n', encoding="utf-8")
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"{tmp_path / 'pyproject.toml'}:1: BC902 invalid TOML")
