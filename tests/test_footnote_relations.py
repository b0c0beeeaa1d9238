"""Footnotes read as relations without rules: a figure a footnote restates equals the table
figure its words name (BC305), and a surplus stated on a total is that total less the expenses
table's (BC301). Changing the footnote's figure is an error at its line, as with the rules file."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetcheck import check, load
from budgetcheck.sources.label_words import words

from .conftest import ROOT

SEED = ROOT / "seeds" / "scale-ai-plan-directeur-2023-2024.fr.txt"


def claim_named(plan, prefix: str):
    found = [c for c in plan.claims if c.id.startswith(prefix)]
    assert len(found) == 1, [c.id for c in plan.claims]
    return found[0]


def test_the_seeds_footnotes_restate_two_figures_and_state_the_surplus():
    plan = load(SEED)
    industry = claim_named(plan, "restated_t4_star")
    # "…les projets des phases 1 et 2 totalisant 82,8 M$" names table 2's row, not the 92,1 M$
    # of "toutes les sources" nor table 3's "Projets de l’industrie — Phase 1"
    assert (industry.figures["restated"].text, industry.relation) == (
        "82,8 M$", "restated == t2[contreparties_de_lindustrie_phase_1_et_2]")
    # "…, mais incluant le MEIE pour la phase 1 (7,9 M$)": the clause after "mais"
    meie = claim_named(plan, "restated_t3_star")
    assert (meie.figures["restated"].text, meie.relation) == (
        "7,9 M$", "restated == t5[meie_phase_1, Total]")
    surplus = claim_named(plan, "surplus_t4_3star")
    assert surplus.relation == "surplus == t4[total] - t3[total]"
    assert all(c.inferred for c in (industry, meie, surplus))
    report = check(plan)
    assert report.errors == []
    held = {p.subject for p in report.passed} | {f.subject for f in report.notes}
    assert {industry.id, meie.id, surplus.id} <= held


def seed_with(tmp_path: Path, old: str, new: str) -> Path:
    text = SEED.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / SEED.name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize("old, new, line", [
    ("totalisant 82,8 M$", "totalisant 83,8 M$", 618),
    ("phase 1 (7,9 M$)", "phase 1 (8,9 M$)", 594),
    ("est de 51 000 $", "est de 510 000 $", 621),
    ("est de 51 000 $", "est de 1 051 000 $", 621),
])
def test_a_footnote_figure_changed_is_an_error_at_its_line(tmp_path, old, new, line):
    report = check(load(seed_with(tmp_path, old, new)))
    assert [e.line for e in report.errors] == [line], [e.message for e in report.errors]
    assert report.errors[0].inferred


ENGLISH = """\
Harbour Cluster — Corporate Plan 2025-2026

Table 1: Funding sources
                                    2025-2026
Federal contribution                   $52.0M
Provincial matching funds              $20.0M
Industry partner contributions         $99.0M
Total*                                $171.0M

* The surplus planned for the year is {surplus}.

Table 2: Planned expenses
                                    2025-2026
Projects                              $160.0M
Operations                             $10.5M
Total                                 $170.5M

Table 3: Cash flow
                        Q1        Q2        Q3        Q4     Total
Projects*            $40.0M    $40.0M    $40.0M    $40.0M   $160.0M
Operations            $2.5M     $2.5M     $2.5M     $3.0M    $10.5M
Total                $42.5M    $42.5M    $42.5M    $43.0M   $170.5M

* Excluding the industry partner contributions of {industry}.
"""


@pytest.mark.parametrize("surplus, industry, errors", [
    ("$0.5M", "$99.0M", []), ("$5.5M", "$99.0M", [10]), ("$0.5M", "$9.9M", [24])])
def test_an_english_surplus_and_restated_figure(tmp_path, surplus, industry, errors):
    path = tmp_path / "plan.en.txt"
    path.write_text(ENGLISH.format(surplus=surplus, industry=industry), encoding="utf-8")
    plan = load(path)
    assert claim_named(plan, "surplus_").relation == "surplus == t1[total] - t2[total]"
    assert claim_named(plan, "restated_").relation.startswith("restated == t1[industry")
    assert [e.line for e in check(plan).errors] == errors


@pytest.mark.parametrize("text, named", [
    ("Contreparties de l’industrie — Phase 1 et 2", {"contrepartie", "industrie", "phase", "1",
                                                     "2"}),
    ("the Industry partners' contributions", {"industry", "partner", "contribution"}),
])
def test_words_are_compared_without_case_accents_plurals_or_articles(text, named):
    assert words(text) == named


def test_a_footnote_whose_words_name_no_row_whole_restates_none(tmp_path):
    path = tmp_path / "plan.en.txt"
    path.write_text(ENGLISH.format(surplus="$0.5M", industry="$99.0M").replace(
        "Provincial matching funds              $20.0M",
        "Industry partner contributions, east   $20.0M").replace(
        "Industry partner contributions         $99.0M",
        "Industry partner contributions, west   $99.0M"), encoding="utf-8")
    # "Excluding the industry partner contributions of": east or west, it does not say
    plan = load(path)
    assert not [c for c in plan.claims if c.id.startswith("restated_")]


def test_a_footnote_whose_words_name_two_rows_equally_restates_neither(tmp_path):
    path = tmp_path / "plan.en.txt"
    text = ENGLISH.format(surplus="$0.5M", industry="$99.0M")
    path.write_text(text.replace("Projects                              $160.0M",
                                 "Industry partner contributions        $160.0M"),
                    encoding="utf-8")
    plan = load(path)
    assert not [c for c in plan.claims if c.id.startswith("restated_")]
    assert claim_named(plan, "surplus_")  # the other reading stands


def test_a_footnote_is_tried_against_a_bounded_number_of_labels():
    """Labels tried by their rarest word give what trying every row gives; past MAX_TRIED
    labels that alike, the figure is not read (they name no one figure)."""
    from budgetcheck.sources import footnote_claims as fc
    from budgetcheck.sources import label_words

    def plan(rows: int, label: str) -> dict:
        return {"tables": [{"id": "t", "columns": [{"key": "v", "label": "V"}], "rows": [
            {"key": f"r{i}", "label": label.format(i=i), "role": "item",
             "cells": {"v": {"text": "1 M$"}}} for i in range(rows)]}],
            "footnotes": [{"id": "n", "table": "t", "marker": "*", "line": 1, "figures": {
                "a": {"text": "5 M$", "line": 1}},
                "text": "Excluant les projets de la région 7 phase nord totalisant 5 M$."}]}

    found = fc._restated(plan(500, "Projets de la région {i} phase nord"))
    assert [c["relation"] for c in found] == ["restated == t[r7]"]
    alike = plan(label_words.MAX_TRIED + 1, "Projets de la région 7 phase nord {i}")
    alike["tables"][0]["rows"].append({"key": "only", "label": "Projets région 7 phase nord",
                                       "role": "item", "cells": {"v": {"text": "1 M$"}}})
    assert fc._restated(alike) == []
    fewer = plan(3, "Projets de la région 7 phase nord {i}")
    fewer["tables"][0]["rows"].append(alike["tables"][0]["rows"][-1])
    assert [c["relation"] for c in fc._restated(fewer)] == ["restated == t[only]"]


def test_the_seeds_cash_flow_is_the_budget_plus_what_ised_owed_and_phase_1_adds_the_meie():
    plan = load(SEED)
    owed = claim_named(plan, "owed_t5_star")
    # "*Au 31 mars 2023, l’ISDE devait 2,4 M$…": the marked row that holds what is owed
    assert (owed.figures["owed"].text, owed.relation, owed.uncertain) == (
        "2,4 M$", "owed == t5[isde_compte_debiteur_exercice_financier_2023, Total]", False)
    # the same footnote on the Total row: table 4 prints six of table 5's seven figures
    cash = claim_named(plan, "with_owed_t5_star")
    assert (cash.relation, cash.uncertain) == (
        "t5[total, Total] == t4[total] + t5[isde_compte_debiteur_exercice_financier_2023, "
        "Total]", True)  # 97,1 = 94,7 + 2,4
    # "*…, mais incluant le MEIE pour la phase 1 (7,9 M$)" under table 3's two project rows
    phase1 = claim_named(plan, "includes_t3_star")
    assert (phase1.relation, phase1.uncertain) == (
        "t3[projets_de_lindustrie_phase_1] == t5[isde_phase_1, Total] + included", True)
    report = check(plan)  # 71,1 = 63,2 + 7,9
    held = {p.subject for p in report.passed} | {f.subject for f in report.notes}
    assert {owed.id, cash.id, phase1.id} <= held
    assert report.errors == []


@pytest.mark.parametrize("old, new, errors, warned", [
    # the footnote's figure: an error at its line, as with the rules file
    ("l’ISDE devait 2,4 M$", "l’ISDE devait 3,4 M$", [661], set()),
    # a figure of table 4's total: its column is wrong (an error) and the cash flow no longer
    # ties to it (a warning: which table is the budget was a guess)
    ("Total***  94,7 M$", "Total***  95,7 M$", [614, 621], {"with_owed_t5_star"}),
    # table 5’s ISED phase 1 total: its row and the Total column are wrong, and table 3’s
    # phase 1 no longer ties
    ("13,9 M$ 63,2 M$", "13,9 M$ 64,2 M$", [640, 659], {"includes_t3_star_amount_1"}),
])
def test_the_cash_flow_readings_when_a_figure_moves(tmp_path, old, new, errors, warned):
    report = check(load(seed_with(tmp_path, old, new)))
    assert sorted({e.line for e in report.errors}) == errors, [e.message for e in report.errors]
    inferred_warnings = {w.subject for w in report.warnings if w.code in ("BC301", "BC305")}
    assert inferred_warnings == warned


ENGLISH_CASH_FLOW = """\
Harbour Cluster — Corporate Plan 2025-2026

Table 1: Planned expenses
                                   2025-2026
Projects — Phase 1*                  $30.0M
Projects — Phase 2*                  $12.0M
Operations                            $4.0M
Total                                $46.0M

* Excluding industry contributions, but including the provincial funding for phase 1 ({meie}).

Table 2: Funding sources
                                   2025-2026
Federal — Phase 1                    $25.0M
Federal — Phase 2                    $12.0M
Federal — Operations                  $4.0M
Provincial — Phase 1                  $5.0M
Total                                $46.0M

Table 3: Cash flow requirements
                                      Q1       Q2       Q3       Q4    Total
Federal — Phase 1                  $6.0M    $6.0M    $6.0M    $7.0M   $25.0M
Federal — Phase 2                  $3.0M    $3.0M    $3.0M    $3.0M   $12.0M
Federal — Operations               $1.0M    $1.0M    $1.0M    $1.0M    $4.0M
Provincial — Phase 1               $2.0M    $3.0M       $0       $0    $5.0M
Receivable from the federal government*  $1.5M  $0  $0  $0  $1.5M
Total*                            $13.5M   $13.0M   $10.0M   $11.0M   $47.5M

* As at March 31, 2025, the federal government owed {owed} for projects of earlier years.
"""


@pytest.mark.parametrize("meie, owed, errors", [
    ("$5.0M", "$1.5M", []), ("$6.0M", "$1.5M", [10]), ("$5.0M", "$2.5M", [29])])
def test_an_english_receivable_and_included_row(tmp_path, meie, owed, errors):
    path = tmp_path / "plan.en.txt"
    path.write_text(ENGLISH_CASH_FLOW.format(meie=meie, owed=owed), encoding="utf-8")
    plan = load(path)
    # "Provincial — Phase 1" is printed alike in tables 2 and 3: one quantity, table 2's
    assert claim_named(plan, "restated_").relation == "restated == t2[provincial_phase_1]"
    assert claim_named(plan, "includes_t1_star").relation == (
        "t1[projects_phase_1] == t2[federal_phase_1] + included")
    assert claim_named(plan, "owed_").relation == (
        "owed == t3[receivable_from_the_federal_government, Total]")
    assert claim_named(plan, "with_owed_").relation == (
        "t3[total, Total] == t2[total] + t3[receivable_from_the_federal_government, Total]")
    report = check(plan)
    assert sorted({e.line for e in report.errors}) == errors, [e.message for e in report.errors]
    # the included figure changed: the restatement is the error; the sum is only a warning
    assert {w.subject for w in report.warnings} == (
        {"includes_t1_star_amount_1"} if meie != "$5.0M" else set())


def test_a_figure_owed_is_read_only_on_one_marked_row_that_holds_what_is_owed(tmp_path):
    text = ENGLISH_CASH_FLOW.format(meie="$5.0M", owed="$1.5M")
    path = tmp_path / "plan.en.txt"
    path.write_text(text.replace("Federal — Operations               $1.0M",
                                 "Federal — Operations*              $1.0M")
                    .replace("Receivable from the federal government*",
                             "Other amounts of earlier years"), encoding="utf-8")
    plan = load(path)
    assert not [c for c in plan.claims if "owed" in c.id]
