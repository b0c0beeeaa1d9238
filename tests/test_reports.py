"""What is reported and how it reaches a terminal: --show, colours, the progress line."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import subprocess
import sys
import time

import pytest

from budgetcheck.util.progress import Progress, wanted

from .conftest import FIXTURE, ROOT

GOOD = FIXTURE.read_text(encoding="utf-8")
#: The environment a user's shell may set that these tests decide themselves.
CLEAN = {k: v for k, v in os.environ.items()
         if k not in ("FORCE_COLOR", "NO_COLOR", "CI", "GITHUB_ACTIONS")}


def run(*args, env=None, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "budgetcheck", *args], capture_output=True,
                          text=True, cwd=cwd, env={**CLEAN, **(env or {})}, timeout=120)


def bad_plan(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(GOOD.replace('depenses = "94,6 M$"', 'depenses = "96,4 M$"'),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("show, severities", [("errors", {"error"}),
                                              ("warnings", {"error", "warning"}),
                                              ("notes", {"error", "warning", "note"})])
def test_show_decides_what_every_format_reports(tmp_path, show, severities):
    plan = bad_plan(tmp_path)
    everything = json.loads(run("check", "--format", "json", str(plan)).stdout)
    kept = [f for f in everything["findings"] if f["severity"] in severities]
    data = json.loads(run("check", "--format", "json", "--show", show, str(plan)).stdout)
    assert data["findings"] == kept
    assert data["summary"]["hidden"] == len(everything["findings"]) - len(kept)
    sarif = json.loads(run("check", "--format", "sarif", "--show", show, str(plan)).stdout)
    levels = {"error": "error", "warning": "warning", "note": "note"}
    assert sorted(r["level"] for r in sarif["runs"][0]["results"]) == \
        sorted(levels[f["severity"]] for f in kept)
    text = run("check", "--lang", "en", "--concise", "--show", show, str(plan)).stdout
    shown = [line for line in text.splitlines() if ": BC" in line and "checks passed" not in line]
    assert len(shown) == len(kept)
    hidden = data["summary"]["hidden"]
    assert (f"; {hidden} hidden by --show" in text) == bool(hidden)
    markdown = run("check", "--lang", "en", "--format", "markdown", "--show", show,
                   str(plan)).stdout
    assert markdown.count("| BC") == len(kept)


def test_show_is_separate_from_fail_on(tmp_path):
    """The exit status follows --fail-on over every finding, shown or not; the closing line
    says what is hidden rather than that all checks passed."""
    result = run("check", "--lang", "en", "--show", "errors", "--fail-on", "warning")
    assert result.returncode == 1
    assert "BC306" not in result.stdout and "14 hidden by --show" in result.stdout
    assert result.stdout.splitlines()[-1] == "Found 0 errors, 0 warnings and 0 notes in 1 file."
    assert run("check", "--show", "errors").returncode == 0
    quiet = run("check", "--format", "sarif", "-q")  # -q: --show warnings, in every format
    assert {r["level"] for r in json.loads(quiet.stdout)["runs"][0]["results"]} == {"warning"}


def test_all_checks_passed_is_said_only_when_true(tmp_path):
    plan = tmp_path / "ok.toml"
    plan.write_text((ROOT / "tests/rules/BC102/plan.toml").read_text(encoding="utf-8")
                    .replace('cells = { v = "3,9 M$" }', 'cells = { v = "3,5 M$" }'),
                    encoding="utf-8")
    result = run("check", str(plan))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "All checks passed in 1 file."
    french = run("check", "--lang", "fr", str(plan), str(bad_plan(tmp_path)))
    assert french.stdout.splitlines()[-1].startswith("2 erreurs, ")
    assert french.stdout.splitlines()[-1].endswith(" dans 2 fichiers.")


@pytest.mark.parametrize("env, args, coloured", [
    ({}, [], False),                                   # a pipe
    ({"FORCE_COLOR": "1"}, [], True),                  # asked for, by the convention
    ({"FORCE_COLOR": "1"}, ["--color", "never"], False),
    ({}, ["--color", "always"], True),
    ({"NO_COLOR": "1"}, ["--color", "always"], True),  # the command line decides
    ({"FORCE_COLOR": ""}, [], False),                  # set but empty: not asked
])
def test_colour_follows_the_flag_then_force_color_then_the_stream(env, args, coloured):
    assert ("\033[" in run("check", *args, env=env).stdout) == coloured


def test_colour_never_reaches_a_file_unless_asked(tmp_path):
    out = tmp_path / "report.txt"
    run("check", "-o", str(out), env={"FORCE_COLOR": "1"})
    assert "\033[" not in out.read_text(encoding="utf-8")
    run("check", "-o", str(out), "--color", "always")
    assert "\033[" in out.read_text(encoding="utf-8")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_written_in_place_and_erased():
    stream = _Terminal()
    with Progress(stream, total=3, delay=0, every=0.01) as progress:
        progress.update(1, "checking a.toml")
        deadline = time.monotonic() + 5
        while "1/3 checking a.toml" not in stream.getvalue() and time.monotonic() < deadline:
            time.sleep(0.01)
    written = stream.getvalue()
    assert "\rbudgetcheck: 1/3 checking a.toml" in written.replace("\033[K", "")
    assert written.endswith("\r\033[K")  # the line is erased: the report follows clean
    assert "\n" not in written


def test_no_progress_for_a_short_run_nor_when_not_wanted():
    stream = _Terminal()
    with Progress(stream, total=1, delay=5) as progress:
        progress.update(0, "checking a.toml")
    assert stream.getvalue() == ""
    assert wanted("auto", _Terminal()) == (not any(os.environ.get(v) for v in
                                                   ("CI", "GITHUB_ACTIONS", "GITLAB_CI",
                                                    "BUILDKITE", "TF_BUILD", "JENKINS_URL")))
    assert wanted("auto", io.StringIO()) is False  # a file or a pipe
    assert wanted("always", io.StringIO()) is True and wanted("never", _Terminal()) is False


def test_a_terminal_gets_no_progress_line_for_a_run_under_a_second():
    """On a real terminal (a pty), checking the bundled plan takes well under a second: its
    standard error stays empty; a pipe never gets the line, whatever the run's length."""
    primary, secondary = pty.openpty()
    try:
        result = subprocess.run([sys.executable, "-m", "budgetcheck", "check", "-q"],
                                stdout=subprocess.PIPE, stderr=secondary, cwd=ROOT,
                                env=CLEAN, timeout=120)
        os.set_blocking(primary, False)
        try:
            written = os.read(primary, 65536)
        except BlockingIOError:
            written = b""
    finally:
        os.close(primary)
        os.close(secondary)
    assert result.returncode == 0
    assert b"budgetcheck:" not in written
    piped = run("check", "-q")
    assert piped.stderr == ""


def test_sarif_rule_texts_are_in_the_reports_language():
    def rules(*args):
        sarif = json.loads(run("check", "--format", "sarif", *args).stdout)
        return {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}

    french, english = rules(), rules("--lang", "en")
    assert french["BC103"]["shortDescription"]["text"] == \
        "Les quatre trimestres d’une ligne de flux de trésorerie doivent donner l’année."
    assert "## Ce qu’elle fait" in french["BC103"]["help"]["markdown"]
    assert english["BC103"]["shortDescription"]["text"] == \
        "The four quarters of a cash-flow row must add up to the year."


def test_markdown_names_the_mode_in_the_reports_language():
    assert "(mode : arrondi)" in run("check", "--format", "markdown").stdout
    assert "(mode: strict)" in run("check", "--format", "markdown", "--lang", "en", "--mode",
                                   "strict").stdout


def test_sarif_holds_no_absolute_local_path_whatever_the_folder(tmp_path):
    """From a folder the bundled plan is not under, its document is still cited by a relative
    URI reference: nothing of the machine's layout beyond it goes into an uploaded report."""
    text = run("check", "--format", "sarif", cwd=tmp_path).stdout
    sarif = json.loads(text)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"]}
    assert uris and all(not u.startswith(("/", "file:")) for u in uris)
    assert all(u.endswith("seeds/scale-ai-plan-directeur-2023-2024.fr.txt") for u in uris)
    assert "file://" not in text and str(tmp_path) not in text


def test_a_terminal_gets_a_progress_line_for_a_long_run_and_a_pipe_does_not(tmp_path):
    """A folder of 400 plans takes more than a second (about 3 s here; 150 took 1,0 s once the
    checks got faster, and the line had no time to show): on a pty its standard error shows
    the count rewritten in place, then erased; standard output, a pipe, gets the report alone."""
    for n in range(400):
        (tmp_path / f"plan-{n:03}.toml").write_text(GOOD, encoding="utf-8")
    primary, secondary = pty.openpty()
    chunks = []
    report = (tmp_path / "report.txt").open("w+b")  # a file: a pipe left unread would block
    try:
        process = subprocess.Popen([sys.executable, "-m", "budgetcheck", "check", "-q",
                                    str(tmp_path)], stdout=report, stderr=secondary,
                                   cwd=ROOT, env=CLEAN)
        os.close(secondary)
        secondary = -1
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # the pty closes when the process ends
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=300)
        report.seek(0)
        out = report.read()
    finally:
        report.close()
        os.close(primary)
        if secondary != -1:
            os.close(secondary)
    written = b"".join(chunks).decode("utf-8", "replace")
    assert process.returncode == 0
    assert re.search(r"\rbudgetcheck: \d+/400 ", written.replace("\033[K", "")), written[:200]
    assert written.endswith("\r\033[K")
    assert b"budgetcheck:" not in out and b"\r" not in out


def test_the_progress_line_never_writes_a_file_names_control_characters():
    progress = Progress(_Terminal(), total=2, enabled=False)
    progress.update(1, "checking evil\x1b[2J\n.toml")
    assert progress.line() == "budgetcheck: 1/2 checking evil\\x1b[2J\\n.toml"


@pytest.mark.parametrize("lang, said", [
    ("fr", "(la valeur imprimée devrait être au plus 5,6\u00a0M$)"),
    ("en", "(the printed value would have to be at most $5.6M)")])
def test_a_hedged_figure_says_where_it_may_be_printed_and_each_hint_once(tmp_path, lang, said):
    """"au moins 6 M$ (2,5 M$ … et 2,5 M$ …)": the parts give 5 M$, so "au moins" holds only
    for a figure printed at most 5,6 M$ (5,1 M$ for the parts read widest, plus half of the
    6's last digit); the report gives that bound and no lower one, not "?"."""
    text = (ROOT / "seeds" / "scale-ai-plan-directeur-2023-2024.fr.txt").read_text(
        encoding="utf-8")
    path = tmp_path / "plan.fr.txt"
    path.write_text(text.replace("au moins 5 millions de dollars dans 5 à 10",
                                 "au moins 6 millions de dollars dans 5 à 10"), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "budgetcheck", "check", str(path), "--format",
                          "json", "--lang", lang, "--isolated"], capture_output=True, text=True)
    assert out.returncode == 1, out.stderr
    [error] = [f for f in json.loads(out.stdout)["findings"] if f["severity"] == "error"]
    assert (error["line"], error["stated"], error["computed"], error["allowed"]) == (
        412, "6000000", "5000000", [None, "5600000"])
    assert error["message"].endswith(said), error["message"]
    assert len(error["hints"]) == len(set(error["hints"])), error["hints"]


@pytest.mark.parametrize("lang, said", [
    ("fr", "invérifiable : une borne (au moins, plus de) égale bien des valeurs"),
    ("en", "cannot be verified: a bound (at least, more than) equals many values")])
def test_an_equality_between_two_bounds_says_so_not_that_it_divides_by_zero(tmp_path, lang,
                                                                           said):
    plan = tmp_path / "plan.toml"
    plan.write_text('[plan]\norganisation = "X"\ntitle = "T"\nfiscal_year = "2025"\n'
                    'language = "fr"\nsource = "x.txt"\n\n'
                    '[[claims]]\nid = "twice"\nkind = "comparison"\ntext = "plus de 2 M$ … plus '
                    'de 1 M$"\nlines = [1]\nrelation = "a == b"\n'
                    'figures = { a = { text = "2 M$", line = 1, hedge = "plus de" }, '
                    'b = { text = "1 M$", line = 1, hedge = "plus de" } }\n', encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "budgetcheck", "check", str(plan), "--lang",
                          lang, "--isolated", "--format", "json"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    [warning] = json.loads(out.stdout)["findings"]
    assert warning["severity"] == "warning" and said in warning["message"].replace(
        "\u00a0", " "), warning["message"]
