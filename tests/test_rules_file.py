"""--rules FILE applies another file's relations and claims, matched by table and row key."""

from __future__ import annotations

import json

from budgetcheck.cli import main

from .conftest import FIXTURE

GOOD = FIXTURE.read_text(encoding="utf-8")


def test_rules_from_the_fixture_apply_to_an_edited_copy(tmp_path, capsys):
    # The copy has no relations or claims of its own and its lines have moved.
    tables_only = GOOD.split("# Footnotes, with the amounts they mention.")[0]
    edited = tables_only.replace('financement = "14,3 M$"', 'financement = "41,3 M$"')
    copy = tmp_path / "copy.toml"
    copy.write_text(edited, encoding="utf-8")
    assert main(["check", str(copy), "--format", "json"]) == 1
    structural_only = json.loads(capsys.readouterr().out)
    assert main(["check", str(copy), "--rules", str(FIXTURE), "--format", "json"]) == 1
    with_rules = json.loads(capsys.readouterr().out)
    assert with_rules["summary"]["errors"] > structural_only["summary"]["errors"]
    relation_errors = {f["relation"] for f in with_rules["findings"]
                       if f["severity"] == "error" and f["code"] == "BC201"}
    assert "t3_star[meie] == t4[meie_phase1]" not in relation_errors
    assert any("t2[isde_phase2]" in r for r in relation_errors)


def test_the_fixture_rules_on_the_fixture_give_the_answer_key(capsys):
    assert main(["check", str(FIXTURE), "--rules", str(FIXTURE), "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert (summary["errors"], summary["warnings"], summary["notes"]) == (0, 5, 9)


def test_a_rule_that_names_a_missing_row_points_into_the_rules_file(tmp_path, capsys):
    rules = tmp_path / "rules.toml"
    rules.write_text('[[relations]]\nid = "x"\n\nexpr = "t1[nope] == t2[total]"\n',
                     encoding="utf-8")
    assert main(["check", str(FIXTURE), "--rules", str(rules)]) == 2
    assert capsys.readouterr().err.startswith(f"{rules}:4: BC906")
