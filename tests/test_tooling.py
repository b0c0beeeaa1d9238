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


def test_the_readme_library_examples_type_check_with_real_types(tmp_path):
    """A user's script written from the README's Python examples passes `mypy --strict` with
    `--disallow-any-expr`: every value budgetcheck hands back has its real type, none is Any
    (the package's lazy attributes are declared for type checkers)."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)
    library = [b for b in blocks if "budgetcheck" in b]
    assert len(library) >= 3
    for n, block in enumerate(library):
        (tmp_path / f"example_{n}.py").write_text(block, encoding="utf-8")
    result = _run(sys.executable, "-m", "mypy", "--strict", "--disallow-any-expr",
                  "--no-incremental", *(str(p) for p in sorted(tmp_path.glob("*.py"))))
    assert result.returncode == 0, result.stdout + result.stderr
    # and the check can fail: a script that uses an attribute budgetcheck does not have
    (tmp_path / "wrong.py").write_text("import budgetcheck\nbudgetcheck.load('x').no_such\n")
    wrong = _run(sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                 str(tmp_path / "wrong.py"))
    assert wrong.returncode == 1 and "no_such" in wrong.stdout
