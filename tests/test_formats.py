"""SARIF, Markdown and GitHub annotations carry every finding with its place."""

from __future__ import annotations

import json

import pytest

from budgetcheck.cli import main

from .conftest import ROOT
from .test_cli import bad_plan
from .xlsx_docs import Number, workbook


def output(capsys, *args):
    main(["check", *args])
    return capsys.readouterr().out


def test_sarif_is_what_code_scanning_accepts(capsys, tmp_path):
    data = json.loads(output(capsys, "--format", "sarif", str(bad_plan(tmp_path))))
    assert data["version"] == "2.1.0" and data["$schema"].endswith("sarif-2.1.0.json")
    run = data["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "budgetcheck" and driver["version"]
    ids = [r["id"] for r in driver["rules"]]
    assert "BC103" in ids and "BC307" in ids
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert "## Ce qu’elle fait" in rule["help"]["text"]  # the plan is French
    levels = {r["level"] for r in run["results"]}
    assert levels == {"error", "warning", "note"}
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == \
            "seeds/scale-ai-plan-directeur-2023-2024.fr.txt"
        region = location["region"]
        assert 1 <= region["startLine"] <= region["endLine"]
        assert region["startColumn"] >= 1 and region["endColumn"] >= region["startColumn"]
        assert len(result["partialFingerprints"]["budgetcheck/v1"]) == 32
    error = next(r for r in run["results"] if r["level"] == "error" and r["ruleId"] == "BC102")
    assert error["locations"][0]["physicalLocation"]["region"]["startLine"] == 590
    assert {loc["physicalLocation"]["region"]["startLine"] for loc in error["relatedLocations"]} \
        == {584, 585, 587, 589, 590}
    main_artifact = error["locations"][0]["physicalLocation"]["artifactLocation"]
    assert main_artifact["uriBaseId"] == "%SRCROOT%" and "%SRCROOT%" in run["originalUriBaseIds"]
    for related in error["relatedLocations"]:  # resolved against the same base
        assert related["physicalLocation"]["artifactLocation"] == main_artifact
    assert str(ROOT) not in json.dumps(data)  # no local path: the service resolves the base


def test_sarif_is_valid_against_the_sarif_2_1_0_schema(capsys, tmp_path):
    """The official schema (tests/schemas/, a copy of OASIS's), on the bundled plan's report,
    a plan with errors, and a workbook's (logical locations)."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json")
                        .read_text(encoding="utf-8"))
    book = tmp_path / "town.xlsx"
    book.write_bytes(workbook({"Town budget": {
        "A1": "Budget (in dollars)", "B2": Number("2024"), "A3": "Roads", "B3": Number("100"),
        "A4": "Parks", "B4": Number("50"), "A5": "Total", "B5": Number("160")}}))
    for args in ([], [str(bad_plan(tmp_path))], [str(book)]):
        report = json.loads(output(capsys, "--format", "sarif", *args))
        jsonschema.Draft7Validator(schema).validate(report)
        assert report["runs"][0]["results"] or not args


def test_sarif_columns_point_at_the_figure(capsys):
    data = json.loads(output(capsys, "--format", "sarif"))
    result = next(r for r in data["runs"][0]["results"]
                  if r["ruleId"] == "BC103" and r["properties"]["row"] == "isde_phase1")
    region = result["locations"][0]["physicalLocation"]["region"]
    line = open("seeds/scale-ai-plan-directeur-2023-2024.fr.txt", encoding="utf-8") \
        .read().splitlines()[639]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "63,2 M$"  # the total


def test_fingerprints_are_stable_when_lines_move(capsys, tmp_path):
    plan = bad_plan(tmp_path)
    first = json.loads(output(capsys, "--format", "sarif", str(plan)))
    plan.write_text(plan.read_text(encoding="utf-8").replace("line = 590", "line = 592"),
                    encoding="utf-8")
    second = json.loads(output(capsys, "--format", "sarif", str(plan)))

    def prints(data):
        return sorted(r["partialFingerprints"]["budgetcheck/v1"] for r in data["runs"][0]["results"])

    assert prints(first) == prints(second)


def test_markdown_for_a_pull_request(capsys, tmp_path):
    text = output(capsys, "--format", "markdown", "--lang", "en", str(bad_plan(tmp_path)))
    assert text.startswith("## budgetcheck")
    assert "| ❌ error | BC102 column-total | `seeds/scale-ai-plan-directeur-2023-2024.fr.txt:" \
           "590` |" in text
    assert "<br>→ digits transposed?" in text


def test_github_annotations(capsys, tmp_path):
    lines = output(capsys, "--format", "github", str(bad_plan(tmp_path))).splitlines()
    error = next(line for line in lines if line.startswith("::error ") and "BC102" in line)
    assert error.startswith("::error file=seeds/scale-ai-plan-directeur-2023-2024.fr.txt,"
                            "line=590,title=BC102 column-total::")
    assert any(line.startswith("::notice ") for line in lines)
    assert all("\n" not in line for line in lines)


FORGED = "evil.toml:1: BC000 error forged"


def hostile_plan(tmp_path):
    """The plan with an error in table 3, its total rows labelled with a line break, a forged
    finding and a terminal escape sequence."""
    path = bad_plan(tmp_path)
    label = 'label = "Total\\n' + FORGED + '\\u001b[2J"'
    path.write_text(path.read_text(encoding="utf-8").replace('label = "Total"', label),
                    encoding="utf-8")
    return path


def test_a_label_cannot_forge_a_line_or_reach_the_terminal(capsys, tmp_path):
    plan = str(hostile_plan(tmp_path))
    for fmt in ("text", "markdown", "github"):
        out = output(capsys, "--format", fmt, plan)
        assert FORGED in out and "\x1b" not in out, fmt
        assert not any(line.startswith("evil.toml") for line in out.splitlines()), fmt
        # Markdown escapes the backslash and the bracket too, so they read as printed.
        shown = ("Total\\\\n" + FORGED + "\\\\x1b\\[2J" if fmt == "markdown" else
                 "Total\\n" + FORGED + "\\x1b[2J")
        assert shown in out, fmt
    rows = [line for line in output(capsys, "--format", "markdown", plan).splitlines()
            if line.startswith("| ")]
    assert all(row.count(" | ") >= 3 for row in rows)


def test_an_input_error_shows_a_key_escaped_on_one_line(tmp_path):
    from .test_cli import run

    path = tmp_path / "plan.json"
    path.write_text(json.dumps({"plan": {"organisation": "x", "fiscal_year": "2024",
                                         "language": "en", "source": "x.txt",
                                         "bad\u001b[31m": 1}}), encoding="utf-8")
    result = run("check", str(path))
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert "\x1b" not in result.stderr and "bad\\x1b[31m" in result.stderr


def test_markdown_fits_a_pull_request_comment_whatever_the_plan(tmp_path):
    """A comment holds 65 536 characters: on a plan of 20 000 figures with hundreds of notes,
    the Markdown keeps under 65 000, shows every error first, and counts what it leaves out."""
    import re
    import sys

    from budgetcheck import check, load
    from budgetcheck.render import RenderOptions
    from budgetcheck.render.markdown import MAX_CHARACTERS, _render, render

    from .conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import write
    finally:
        sys.path.remove(str(ROOT / "bench"))
    path = tmp_path / "large.json"
    write(path, 20_000, "json", errors=30)
    report = check(load(path), lang="en")
    text = render([report], RenderOptions())
    whole = _render([report], RenderOptions(), budget=None)
    assert len(text) <= MAX_CHARACTERS < len(whole)  # it would not have fitted
    rows = [line for line in text.splitlines() if line.startswith("| ❌ error")]
    assert len(rows) == len(report.errors) > 0
    shown_notes = sum(1 for line in text.splitlines() if line.startswith("| ℹ️"))
    left = re.search(r"… and ([0-9]+) more findings \(([0-9]+) notes\)", text)
    assert left is not None and int(left.group(1)) == int(left.group(2))
    assert int(left.group(1)) + shown_notes + len(rows) == len(report.findings)
    small = render([check(load(ROOT / "fixtures" / "scale-ai-2023-2024.toml"))],
                   RenderOptions())
    assert "more findings" not in small  # a plan that fits is shown whole, as before


def test_markdown_speaks_the_report_s_language(capsys, tmp_path):
    """A French report reads in French around its French findings; English in English."""
    french = output(capsys, "--format", "markdown", str(bad_plan(tmp_path)))
    assert "erreurs, 5 avertissements" in french and "(mode : arrondi)" in french
    assert "| | Code | Où | Constat |" in french and "| ❌ erreur | BC102" in french
    assert " errors," not in french and "warning" not in french
    english = output(capsys, "--format", "markdown", "--lang", "en", str(bad_plan(tmp_path)))
    assert "errors, 5 warnings" in english and "| | Code | Where | Finding |" in english
