"""The answer key for the Scale AI fixture, exactly as issue 3 states it."""

from __future__ import annotations

import pytest

from budgetcheck import check


def subjects(findings):
    return {(f.code, f.table, f.row, f.column, f.subject if f.code == "BC201" else None)
            for f in findings}


def test_no_errors(scale_report):
    assert scale_report.errors == []


EXPECTED_NOTES = {
    ("BC103", "t5", "isde_phase1", "Total"): ("63200000", "63100000"),
    ("BC103", "t5", "isde_operations", "Total"): ("4100000", "4120000"),
    ("BC103", "t5", "total", "Total"): ("97100000", "97000000"),
    ("BC102", "t5", "total", "T1"): ("26400000", "26430000"),
    ("BC102", "t5", "total", "T2"): ("21900000", "21830000"),
    ("BC102", "t5", "total", "T3"): ("17500000", "17530000"),
    ("BC102", "t5", "total", "T4"): ("31200000", "31230000"),
    ("BC201", "t3_operations"): ("5600000", "5649000"),
    ("BC201", "t4_surplus"): ("51000", "100000"),
}


def note_key(finding):
    if finding.code == "BC201":
        return ("BC201", finding.relation and finding.subject)
    return (finding.code, finding.table, finding.row, finding.column)


def test_the_nine_rounding_notes(scale_report):
    notes = {note_key(f): f for f in scale_report.notes}
    assert set(notes) == set(EXPECTED_NOTES)
    for key, (stated, computed) in EXPECTED_NOTES.items():
        finding = notes[key]
        assert finding.stated is not None and float(finding.stated) == float(stated)
        assert float(finding.computed) == float(computed)
        low, high = (float(x) for x in finding.allowed)
        assert low <= float(stated) <= high, "a note's stated value lies in its allowed interval"


def test_notes_say_how_rounding_explains_them(scale_report):
    row = next(f for f in scale_report.notes if f.row == "isde_phase1")
    assert "0,1\u00a0M$" in row.message and "±0,25\u00a0M$" in row.message
    assert "5 chiffres arrondis" in row.message
    assert row.lines == [640]
    column = next(f for f in scale_report.notes if f.column == "T1")
    assert column.lines == [640, 641, 646, 648, 650, 652, 657, 659]


def test_the_warnings(scale_report):
    warnings = {f.subject: f for f in scale_report.warnings}
    assert set(warnings) == {"leverage_ratio", "industry_vs_plan", "objective1_tables",
                             "objective2", "objective3"}
    ratio = warnings["leverage_ratio"]
    assert "192,5\u00a0M$" in ratio.message
    assert "186,7\u00a0M$ à 198,7\u00a0M$" in ratio.message
    assert [h.split(" donne ")[1] for h in ratio.hints] == ["1,94", "1,41", "1,34"]
    assert "159\u00a0M$" in ratio.hints[0]
    assert ratio.lines == [108, 109, 110, 111]
    plan = warnings["industry_vs_plan"]
    assert "261,0\u00a0M$" in plan.message and "n’imprime pas" in plan.message
    objective1 = warnings["objective1_tables"]
    assert "38,6\u00a0M$" in objective1.message and "14,3\u00a0M$" in objective1.message
    assert {535, 560, 337, 338} <= set(objective1.lines)
    assert "3,6\u00a0M$" in warnings["objective2"].message
    assert "0,8\u00a0M$" in warnings["objective3"].message
    assert all(w.code in ("BC306", "BC307") for w in scale_report.warnings)


@pytest.mark.parametrize("subject", [
    "t1_t2_total", "t1_t2_phases", "t1_t2_pancan", "t1_t2_pme", "t1_t2_workforce", "t3_phase1",
    "t4_isde_phase1", "t4_autres", "t4_industry", "t4_all_sources", "t5_total", "t5_receivable",
    "t5_t4_isde_phase1", "t5_t4_operations",
])
def test_relations_that_hold(scale_report, subject):
    passed = [p for p in scale_report.passed if p.code == "BC201" and p.subject == subject]
    assert len(passed) == 1


def test_claims_that_hold(scale_report):
    passed_claims = {p.subject for p in scale_report.passed
                     if p.code.startswith("BC3")}
    assert {"selected_projects", "committed_share", "phase1_deficit", "requests_processed",
            "objective1", "objective4", "objective4_restated"} <= passed_claims


def test_structural_totals_that_hold(scale_report):
    column_passes = {(p.subject) for p in scale_report.passed if p.code == "BC102"}
    assert len([s for s in column_passes if "Tableau 5" in s]) == 1  # the Total column
    assert any("Tableau 3" in s for s in column_passes)
    assert any("Tableau 4" in s for s in column_passes)


def test_strict_mode_turns_exactly_the_nine_notes_into_errors(scale_plan, scale_report):
    strict = check(scale_plan, "strict")
    assert {note_key(f) for f in strict.errors} == set(EXPECTED_NOTES)
    assert strict.notes == []
    assert {f.subject for f in strict.warnings} == {f.subject for f in scale_report.warnings}


def test_absolute_mode(scale_plan):
    tight = check(scale_plan, "absolute", tolerance="0,05 M$")
    assert {note_key(f) for f in tight.notes} == {
        key for key, (s, c) in EXPECTED_NOTES.items() if abs(float(s) - float(c)) <= 50000}
    loose = check(scale_plan, "absolute", tolerance="0,2 M$")
    assert loose.errors == [] and len(loose.notes) == 9


def test_english_messages(scale_plan):
    report = check(scale_plan, lang="en")
    row = next(f for f in report.notes if f.row == "isde_phase1")
    assert "$63.2M printed, $63.1M computed" in row.message
    assert "from 5 rounded figures" in row.message


def test_report_serialises(scale_report):
    from budgetcheck.report import Report

    again = Report.model_validate_json(scale_report.model_dump_json())
    assert again.findings == scale_report.findings
