"""Approximate results read without rules: "un déficit d’environ 70 M$" is tied to the figures
printed before it that give it (230 − 219 + 60 = 71), judged with its hedge; the reading is the
checker's guess, so a result no combination gives is a warning, never an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetcheck import check, load
from budgetcheck.report import Passed

from .conftest import ROOT

SEED = ROOT / "seeds" / "scale-ai-plan-directeur-2023-2024.fr.txt"


def results(path: Path):
    report = check(load(path))
    return report, [c for c in report.findings + report.passed if c.subject.startswith("result_")]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_seeds_deficit_is_the_available_less_the_committed_plus_the_cancelled():
    claim, = [c for c in load(SEED).claims if c.id.startswith("result_")]
    named = {name: claim.figures[name].text for name in ("c1", "c2", "c3")}
    assert named == {"c1": "219 millions de dollars", "c2": "230 millions de dollars",
                     "c3": "60 millions de dollars"}
    assert claim.relation == "result == c2 + c3 - c1"
    assert claim.figures["result"].hedge == "environ" and claim.uncertain and claim.inferred
    assert claim.lines == [103, 105, 106]
    report, (passed,) = results(SEED)
    assert passed.code == "BC301" and report.errors == []


@pytest.mark.parametrize("old, new", [("déficit d’environ 70 millions", "déficit d’environ 95 millions"),
                                      ("60 millions de dollars de ces", "40 millions de dollars de ces")])
def test_a_result_no_combination_gives_is_a_warning(tmp_path, old, new):
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    report, (warning,) = results(write(tmp_path, text.replace(old, new)))
    assert (warning.code, warning.severity, warning.inferred) == ("BC301", "warning", True)
    assert report.errors == [] and 106 in warning.lines


@pytest.mark.parametrize("text, holds", [
    ("Nous avons reçu 120 M$ et dépensé 150 M$, ce qui laisse un manque à gagner de près de "
     "30 M$.\n", True),
    ("Nous avons reçu 120 M$ et dépensé 150 M$, ce qui laisse un écart de 45 M$.\n", False),
    ("We raised $120 million and spent $150 million, leaving a shortfall of about $30 million.\n",
     True),
    ("We raised $120 million and spent $150 million: we are about $50 million short.\n", False),
])
def test_results_in_both_languages(tmp_path, text, holds):
    report, (claim,) = results(write(tmp_path, text))
    assert claim.code == "BC301" and claim.inferred and report.errors == []
    assert isinstance(claim, Passed) == holds
    if not holds:
        assert claim.severity == "warning"


def test_a_result_with_one_figure_before_it_is_not_read(tmp_path):
    report, found = results(write(tmp_path, "Il reste un déficit d’environ 70 M$.\n"))
    assert found == []
