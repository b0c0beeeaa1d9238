"""Writing only what is asked, whole or not at all; outputs that cannot be written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from budgetcheck.cli import main
from budgetcheck.inputs import files as fsutil


def test_an_interrupted_write_leaves_the_old_file_intact(tmp_path, monkeypatch, capsys):
    target = tmp_path / "report.json"
    target.write_text('{"old": true}', encoding="utf-8")

    def interrupted(*_):
        raise KeyboardInterrupt  # after the new text is on disk, before the rename

    monkeypatch.setattr(fsutil.os, "replace", interrupted)
    assert main(["check", "--format", "json", "-o", str(target)]) == 130
    assert json.loads(target.read_text(encoding="utf-8")) == {"old": True}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temporary left


def test_a_process_killed_while_writing_leaves_the_old_file(tmp_path):
    target = tmp_path / "report.json"
    target.write_text('{"old": true}', encoding="utf-8")
    # The child is killed (SIGKILL: no clean-up runs) after writing the temporary file.
    script = textwrap.dedent(f"""
        import os, signal
        from budgetcheck.inputs import files as fsutil
        from budgetcheck.cli import main
        fsutil.os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)
        main(["check", "--format", "json", "-o", {str(target)!r}])
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert result.returncode == -9
    assert json.loads(target.read_text(encoding="utf-8")) == {"old": True}
    leftovers = [p for p in tmp_path.iterdir() if p.name != "report.json"]
    assert all(p.name.startswith(".report.json.") and p.suffix == ".tmp" for p in leftovers)


def test_a_complete_write_replaces_the_file(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    assert main(["check", "--format", "json", "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == 1


@pytest.mark.parametrize("where, message", [
    ("{dir}", "BC908 is a directory"),
    ("{dir}/missing/report.json", "BC908 cannot be written: directory"),
])
@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_unwritable_outputs_are_one_line_and_exit_2(tmp_path, capsys, where, message, option):
    path = where.format(dir=tmp_path)
    before = sorted(os.listdir(tmp_path))
    assert main(["check", option, path]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(path) and message in err[0]
    assert sorted(os.listdir(tmp_path)) == before


def test_checking_writes_nothing(tmp_path):
    plan = tmp_path / "plan.toml"
    from .conftest import FIXTURE

    plan.write_bytes(FIXTURE.read_bytes())
    for fmt in ("text", "json", "sarif", "markdown", "html", "github"):
        subprocess.run([sys.executable, "-m", "budgetcheck", "check", "--format", fmt, "plan.toml"],
                       cwd=tmp_path, capture_output=True, check=False, timeout=60)
    assert sorted(os.listdir(tmp_path)) == ["plan.toml"]
