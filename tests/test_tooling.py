"""The project's own tools pass on the project: `mypy --strict` on the package, `ruff check` (the
rule set in pyproject.toml) on the package, the tests and the bench."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_mypy_strict_passes_on_the_package():
    result = _run(sys.executable, "-m", "mypy", "--strict", "budgetcheck")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_passes_on_the_package_tests_and_bench():
    result = _run(sys.executable, "-m", "ruff", "check", "budgetcheck", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_type_ignore_without_a_reason():
    """A `type: ignore` says on its line why the checker is wrong there."""
    bare = [f"{path.relative_to(ROOT)}:{n}" for path in sorted((ROOT / "budgetcheck").rglob("*.py"))
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if "type: ignore" in line and "#" not in line.split("type: ignore", 1)[1]]
    assert not bare, bare
