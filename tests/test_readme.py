"""Every example in the README runs, and the two opening commands are the ones CI runs."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys

import pytest

from budgetcheck.rules.catalogue import load_builtin_rules
from budgetcheck.rules.registry import REGISTRY

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.DOTALL)


def test_readme_opens_with_the_two_commands():
    first = blocks("sh")[0].strip().splitlines()
    assert README.index("```sh") < README.index("\n## ")
    assert len(first) == 2
    assert first[0].startswith("python -m pip install . && budgetcheck check")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == first[1], ".ci/run must run the README's test command verbatim"


@pytest.fixture
def workdir(tmp_path):
    shutil.copytree(ROOT / "fixtures", tmp_path / "fixtures")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    old = os.getcwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(old)


SHELL_EXAMPLES = [line for block in blocks("sh")[1:] for line in block.strip().splitlines()
                  if line.startswith("budgetcheck ")]


def test_there_are_shell_examples():
    assert len(SHELL_EXAMPLES) >= 7


@pytest.mark.parametrize("line", SHELL_EXAMPLES)
def test_shell_example(line, workdir):
    command, _, comment = line.partition("#")
    expected = int(re.search(r"exit (\d)", comment).group(1))
    result = subprocess.run([sys.executable, "-m", "budgetcheck", *shlex.split(command)[1:]],
                            capture_output=True, text=True, cwd=workdir, timeout=120)
    assert result.returncode == expected, result.stdout[-500:] + result.stderr


@pytest.mark.parametrize("index", range(len(blocks("python"))))
def test_python_example(index, workdir):
    load_builtin_rules()
    before = dict(REGISTRY)
    try:
        exec(compile(blocks("python")[index], f"README.md python block {index}", "exec"), {})
    finally:
        REGISTRY.clear()
        REGISTRY.update(before)


def test_documented_summary_is_true(scale_report):
    s = scale_report.summary
    assert f"errors={s.errors} warnings={s.warnings} notes={s.notes} passed={s.passed}" in README
    assert f"{s.errors} errors, {s.warnings} warnings, {s.notes} notes, {s.passed} checks passed" \
        in README


def test_documented_error_lines_are_real(tmp_path):
    """The two example error lines are what the loader says for those mistakes."""
    from budgetcheck import PlanError, load

    good = (ROOT / "fixtures" / "scale-ai-2023-2024.toml").read_text(encoding="utf-8")
    for broken, expected in [
        (good.replace('key = "phase2"', 'key "phase2"', 1), "BC902 invalid TOML: Expected '='"),
        (good.replace('label = "Autres revenus"', 'lable = "Autres revenus"'),
         "BC903 tables.4.rows.5.lable: unknown key (a typo?)"),
    ]:
        path = tmp_path / "budget.toml"
        path.write_text(broken, encoding="utf-8")
        with pytest.raises(PlanError) as info:
            load(path)
        line = str(info.value).replace(str(path), "plans/budget.toml")
        assert expected in line and line.split(" (and")[0] in README


def test_the_rule_table_is_the_registry():
    """The README's rule table is generated from the registry (`budgetcheck rules --format
    markdown`): a code added, renamed or re-documented without it fails here."""
    from budgetcheck.rules.catalogue import markdown_table

    table = README.split("<!-- rules:start -->\n")[1].split("<!-- rules:end -->")[0]
    assert table == markdown_table()
    assert {line.split(" | ")[0].strip("| ") for line in table.splitlines()[2:]} == \
        set(load_builtin_rules())
