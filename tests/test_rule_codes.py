"""One fixture per registered code (the way ruff keeps one fixture and snapshot per rule).

`tests/rules/CODE/` holds the input that must produce findings of CODE (a plan file, a document,
and a `rules.toml` beside it when the code needs one) and `expected.txt`, the findings it must
produce, one per line. A registered code without a fixture fails, and so does a fixture that
yields nothing, or yields another code under `--select CODE`.

To write the snapshots after a deliberate change: `BUDGETCHECK_SNAPSHOTS=update pytest
tests/test_rule_codes.py`, then read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from budgetcheck import check, load
from budgetcheck.cli import main
from budgetcheck.inputs.errors import INPUT_ERRORS, PlanError
from budgetcheck.plan.model import Plan
from budgetcheck.report import Finding, Report
from budgetcheck.rules.catalogue import load_builtin_rules

FIXTURES = Path(__file__).parent / "rules"
UPDATE = os.environ.get("BUDGETCHECK_SNAPSHOTS") == "update"
CODES = sorted(load_builtin_rules())
INPUT_CODES = {error.code for error in INPUT_ERRORS}


def fixture_input(code: str) -> tuple[Path, Path | None]:
    folder = FIXTURES / code
    inputs = [p for p in sorted(folder.iterdir()) if p.name not in ("expected.txt", "rules.toml")]
    assert len(inputs) == 1, f"{folder} must hold one input, not {[p.name for p in inputs]}"
    rules = folder / "rules.toml"
    return inputs[0], rules if rules.exists() else None


def snapshot(code: str, lines: list[str]) -> None:
    expected = FIXTURES / code / "expected.txt"
    text = "".join(f"{line}\n" for line in lines)
    if UPDATE:
        expected.write_text(text, encoding="utf-8")
    assert expected.exists(), f"{expected} is missing (BUDGETCHECK_SNAPSHOTS=update writes it)"
    assert text == expected.read_text(encoding="utf-8")


def shown(finding: Finding) -> str:
    hints = "".join(f"\n    → {hint}" for hint in finding.hints)
    return f"{finding.line}: {finding.code} {finding.severity} {finding.message}{hints}"


def test_every_registered_code_has_a_fixture() -> None:
    missing = [code for code in CODES if not (FIXTURES / code).is_dir()]
    assert not missing, f"codes without a fixture in tests/rules/: {missing}"
    unknown = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name not in CODES)
    assert not unknown, f"fixtures of codes nobody registers: {unknown}"


@pytest.mark.parametrize("code", [c for c in CODES if c not in INPUT_CODES])
def test_a_rule_fixture_yields_its_code_and_select_keeps_exactly_it(code: str) -> None:
    path, rules = fixture_input(code)
    plan = load(path, rules=rules)
    selected = check(plan, select=code, lang="en", plugins=False)
    assert selected.findings, f"the {code} fixture yields no {code} finding"
    assert {f.code for f in selected.findings} == {code}
    assert {p.code for p in selected.passed} <= {code}
    everything = check(plan, lang="en", plugins=False)
    assert selected.findings == [f for f in everything.findings if f.code == code]
    assert selected.passed == [p for p in everything.passed if p.code == code]
    snapshot(code, [shown(f) for f in selected.findings])


@pytest.mark.parametrize("code", sorted(INPUT_CODES - {"BC908"}))
def test_an_input_fixture_is_refused_with_its_code(code: str) -> None:
    path, rules = fixture_input(code)
    with pytest.raises(PlanError) as raised:
        load(path, rules=rules)
    assert raised.value.code == code
    snapshot(code, [str(raised.value).replace(str(path), path.name)])


def test_the_output_fixture_is_refused_with_its_code(capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = fixture_input("BC908")
    assert main(["check", str(path), "-o", str(FIXTURES)]) == 2
    line = capsys.readouterr().err.strip().replace(str(FIXTURES), "tests/rules")
    assert " BC908 " in line
    snapshot("BC908", [line])


@pytest.mark.parametrize("code", [c for c in CODES if c not in INPUT_CODES])
def test_select_keeps_exactly_the_findings_of_a_code_on_the_bundled_plan(
        code: str, scale_plan: Plan, scale_report: Report) -> None:
    selected = check(scale_plan, select=code)
    assert selected.findings == [f for f in scale_report.findings if f.code == code]
    assert selected.passed == [p for p in scale_report.passed if p.code == code]


def test_every_message_of_a_kind_is_written_in_both_languages_with_the_same_values() -> None:
    import string

    from budgetcheck.judge.wording import TEMPLATES
    from budgetcheck.rules.registry import REGISTRY

    def fields(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    tables = [(code, rule.messages) for code, rule in REGISTRY.items()]
    tables.append(("judge.wording", TEMPLATES))
    for owner, messages in tables:
        for key, languages in messages.items():
            assert set(languages) == {"en", "fr"}, (owner, key)
            assert fields(languages["en"]) == fields(languages["fr"]), (owner, key)
    assert any(rule.messages for rule in REGISTRY.values())


@pytest.mark.parametrize("prefix", ["BC1", "bc3", "BC30"])
def test_a_prefix_selects_every_code_it_begins_and_ignore_wins(
        prefix: str, scale_plan: Plan, scale_report: Report) -> None:
    begins = prefix.upper()
    selected = check(scale_plan, select=prefix)
    assert selected.findings == [f for f in scale_report.findings if f.code.startswith(begins)]
    assert selected.findings, f"the bundled plan has findings of {begins}"
    ignored = check(scale_plan, ignore=prefix)
    assert ignored.findings == [f for f in scale_report.findings
                                if not f.code.startswith(begins)]
    both = check(scale_plan, select="BC3", ignore="BC306")
    assert both.findings == [f for f in scale_report.findings
                             if f.code.startswith("BC3") and f.code != "BC306"]
    with pytest.raises(ValueError, match="unknown rule code BC8"):
        check(scale_plan, ignore="BC8")


def test_every_rule_is_documented_in_french_with_the_same_sections_and_examples() -> None:
    from budgetcheck.rules.docs_fr import DOCS, HEADINGS

    assert set(DOCS) == set(CODES)
    for code in CODES:
        english, french = load_builtin_rules()[code].doc, DOCS[code]
        headings = [line for line in english.splitlines() if line.startswith("## ")]
        assert [line for line in french.splitlines() if line.startswith("## ")] == \
            [HEADINGS[h] for h in headings], code
        # the example quotes documents and commands: the same lines in both languages
        def quoted(text: str) -> list[str]:
            return [line for line in text.split("## ")[-1].splitlines() if line.startswith("    ")]
        assert quoted(french) == quoted(english), code


def test_explain_and_rules_speak_french_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "BC103", "--lang", "fr"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("BC103 (quarterly-total) — sévérité habituelle : erreur\n")
    assert "## Ce qu’elle fait" in text and "## What it does" not in text
    assert main(["rules", "--lang", "fr"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(CODES)
    assert lines[0].endswith("Les cellules d’une ligne doivent donner sa colonne Total.")
    assert main(["explain", "BC103"]) == 0
    assert "## What it does" in capsys.readouterr().out
