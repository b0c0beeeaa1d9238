"""A sentence's figure tied to the table row its clause names, without rules (BC307), and a
quantity stated twice (BC305): a warning when they differ, since a sentence may speak of
another year; never an error."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budgetcheck import check, load

from .conftest import ROOT

FRENCH = """\
Plan d’affaires 2025-2026 de la Grappe Boréale

Les contributions fédérales aux projets de la phase 1 atteindront {federal} cette année, et
les contributions provinciales de la phase 1 s’élèvent à {provincial}. Un montant de
{industry} provient des contributions de l’industrie pour la phase 1.

Tableau 1 : Sources de financement pour l’exercice 2025-2026

Sources de financement                         Financement prévu
Contributions fédérales — Phase 1                       25,0 M$
Contributions provinciales — Phase 1                     5,0 M$
Contributions de l’industrie — Phase 1                  12,0 M$
Total                                                   42,0 M$
"""

ENGLISH = """\
Boreal Cluster — Business Plan 2025-2026

Federal contributions for phase 1 will reach {federal} this year, while the provincial
contributions for phase 1 total {provincial}. Some {industry} comes from industry
contributions for phase 1.

Table 1: Funding sources for 2025-2026

Funding sources                                 Planned funding
Federal contributions — Phase 1                          $25.0M
Provincial contributions — Phase 1                        $5.0M
Industry contributions — Phase 1                         $12.0M
Total                                                    $42.0M
"""

RIGHT = {"fr": ("25,0 M$", "5,0 M$", "12,0 M$"), "en": ("$25.0M", "$5.0M", "$12.0M")}
WRONG = {"fr": ("27,0 M$", "5,0 M$", "12,0 M$"), "en": ("$25.0M", "$5.0M", "$21.0M")}


def write(tmp_path: Path, lang: str, figures: tuple[str, str, str]) -> Path:
    template = FRENCH if lang == "fr" else ENGLISH
    path = tmp_path / f"plan.{lang}.txt"
    federal, provincial, industry = figures
    path.write_text(template.format(federal=federal, provincial=provincial, industry=industry),
                    encoding="utf-8")
    return path


def ties(plan) -> list[tuple[int, str]]:
    """(the figure's line, the relation) of each tie-out."""
    return sorted((c.figures["stated"].line, c.relation) for c in plan.claims
                  if c.id.startswith("tie_"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_sentence_figure_is_tied_to_the_row_its_clause_names(tmp_path, lang):
    plan = load(write(tmp_path, lang, RIGHT[lang]))
    # the row's label before the figure (twice), then after it ("… provient des contributions
    # de l’industrie pour la phase 1")
    key = {"fr": ("contributions_federales_phase_1", "contributions_provinciales_phase_1",
                  "contributions_de_lindustrie_phase_1"),
           "en": ("federal_contributions_phase_1", "provincial_contributions_phase_1",
                  "industry_contributions_phase_1")}[lang]
    assert sorted(r for _, r in ties(plan)) == sorted(f"stated == t1[{k}]" for k in key)
    assert all(c.inferred and c.uncertain for c in plan.claims if c.id.startswith("tie_"))
    report = check(plan)
    assert report.errors == report.warnings == []
    held = {p.subject for p in report.passed if p.inferred}  # marked as the checker's reading
    assert {c.id for c in plan.claims if c.id.startswith("tie_")} <= held


@pytest.mark.parametrize("lang, line", [("fr", 3), ("en", 4)])
def test_a_sentence_that_disagrees_with_its_row_is_a_warning_at_its_line(tmp_path, lang, line):
    report = check(load(write(tmp_path, lang, WRONG[lang])))
    assert report.errors == []
    [warning] = report.warnings
    assert (warning.code, warning.line, warning.inferred) == ("BC307", line, True)
    # the stated and computed values and where the stated one could have been printed
    lo, hi = (Decimal(bound) for bound in warning.allowed)
    assert lo <= Decimal(warning.computed) <= hi and not lo <= Decimal(warning.stated) <= hi
    said = {"fr": "27,0 M$ dans le texte, mais Tableau 1, « Contributions fédérales — Phase 1 » "
                  "donne 25,0 M$", "en": "$21.0M in the text, but Table 1, “Industry contributions — "
                  "Phase 1” gives $12.0M"}[lang]
    assert said in warning.message.replace("\u00a0", " "), warning.message


def test_a_clause_that_names_two_rows_alike_or_a_figure_another_claim_reads_is_not_tied(
        tmp_path):
    text = FRENCH.format(federal="25,0 M$", provincial="5,0 M$", industry="12,0 M$")
    # "les contributions de la phase 1" names no row whole: fédérales? provinciales?
    text = text.replace("Un montant de\n12,0 M$ provient des contributions de l’industrie pour "
                        "la phase 1.", "Les contributions de la phase 1 atteindront 42,0 M$, "
                        "dont 12,0 M$ des contributions de l’industrie pour la phase 1 et "
                        "30,0 M$ des autres.")
    path = tmp_path / "plan.fr.txt"
    path.write_text(text, encoding="utf-8")
    plan = load(path)
    assert len(ties(plan)) == 2, ties(plan)  # the two of the first sentence only
    assert [c.id for c in plan.claims if c.id.startswith("sum_")]


def test_the_seed_ties_its_health_objective_to_table_3_as_the_rules_file_does_to_table_1():
    plan = load(ROOT / "seeds" / "scale-ai-plan-directeur-2023-2024.fr.txt")
    assert ties(plan) == [(367, "stated == t3[strategie_pancanadienne_en_matiere_dia]")]
    [warning] = [w for w in check(plan).warnings if w.code == "BC307"]
    assert warning.line == 367  # 10 M$ against 3,6 M$, as with the rules (objective2)


ISED = ROOT / "seeds" / "ised-all-in-2025-09-25.fr.txt"


def test_the_ised_release_states_its_two_billion_twice_and_both_agree():
    plan = load(ISED)
    [claim] = [c for c in plan.claims if c.id.startswith("repeated_")]
    # "… et lui a octroyé un financement de plus de 2 milliards de dollars pour soutenir de …"
    assert (claim.figures["first"].line, claim.figures["again"].line) == (31, 33)
    assert claim.uncertain and claim.relation == "again == first"
    # "projets estimés à plus de 3,07 milliards" and "47 projets estimés à plus de
    # 188,9 millions" share five words before their figures, not eight: two quantities
    assert {c.figures["again"].text for c in plan.claims if c.id.startswith("repeated_")} == {
        "2 milliards de dollars"}
    assert claim.id in {p.subject for p in check(plan).passed}


def test_a_quantity_restated_differently_is_a_warning_at_the_second(tmp_path):
    text = ISED.read_text(encoding="utf-8").split("\n")
    # 3 would be within the rounding of "2 milliards" (2,5 either way): 4 is not
    text[32] = text[32].replace("plus de 2 milliards", "plus de 4 milliards")
    path = tmp_path / ISED.name
    path.write_text("\n".join(text), encoding="utf-8")
    report = check(load(path))
    assert report.errors == []
    [warning] = report.warnings
    assert (warning.code, warning.line, sorted(warning.lines)) == ("BC305", 33, [31, 33])


@pytest.mark.parametrize("second, warned", [("$12 million", False), ("$14 million", True),
                                            ("about $12 million", False)])
def test_an_english_sentence_repeated(tmp_path, second, warned):
    sentence = "This year the province granted the cluster {} for its training programs."
    path = tmp_path / "release.en.txt"
    path.write_text("Boreal Cluster news\n\n" + sentence.format("$12 million") + "\n\n"
                    "Highlights\n\n" + sentence.format(second) + "\n", encoding="utf-8")
    plan = load(path)
    repeated = [c for c in plan.claims if c.id.startswith("repeated_")]
    # "about $12 million" says the quantity another way: not compared
    assert len(repeated) == (0 if second.startswith("about") else 1)
    report = check(plan)
    assert report.errors == [] and bool(report.warnings) is warned
