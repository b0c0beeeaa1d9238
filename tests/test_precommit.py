"""The real `pre-commit try-repo` runs our hook in a scratch repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from .conftest import FIXTURE, ROOT

GOOD = FIXTURE.read_text(encoding="utf-8")
STATEMENT = ("Statement of Operations\n(in thousands of dollars)\n"
             "                      2025      2024\nSalaries             1,234     1,100\n"
             "Rent                   500       (20)\nTotal expenses       1,734     1,080\n")
IDENTITY = {"GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
            "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, **IDENTITY})


def try_repo(scratch, home):
    env = {**os.environ, **IDENTITY, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "budgetcheck",
                           "--all-files", "--verbose"], cwd=scratch, capture_output=True, text=True,
                          env=env, timeout=900)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed")
def test_pre_commit_passes_a_consistent_plan_and_fails_a_wrong_total(tmp_path):
    pytest.importorskip("pre_commit")
    scratch, home = tmp_path / "scratch", tmp_path / "home"
    (scratch / "plans" / "2024").mkdir(parents=True)
    (scratch / "plans" / "scale-ai.toml").write_text(GOOD, encoding="utf-8")
    (scratch / "notes.toml").write_text("[other]\nnot_a_plan = true\n")
    # a nested folder, a document, and files the hook leaves alone
    (scratch / "plans" / "2024" / "statement.txt").write_text(STATEMENT, encoding="utf-8")
    (scratch / "plans" / "README.md").write_text("How we write plans.\n", encoding="utf-8")
    (scratch / "plans" / "2024" / "statement.rules.toml").write_text("[[claims]]\n")
    git("init", "-q", cwd=scratch)
    git("add", "-A", cwd=scratch)

    good = try_repo(scratch, home)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "budgetcheck" in good.stdout and "Passed" in good.stdout

    wrong = GOOD.replace('financement = "94,7 M$"', 'financement = "97,4 M$"')
    (scratch / "plans" / "scale-ai.toml").write_text(wrong, encoding="utf-8")
    (scratch / "plans" / "2024" / "statement.txt").write_text(
        STATEMENT.replace("1,100", "1,010"), encoding="utf-8")
    git("add", "-A", cwd=scratch)
    bad = try_repo(scratch, home)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "seeds/scale-ai-plan-directeur-2023-2024.fr.txt:614: BC102" in bad.stdout
    assert "plans/2024/statement.txt:6: BC107" in bad.stdout
