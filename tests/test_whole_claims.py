"""Parts granted sentence by sentence, then the whole they come from, read without rules: the
parts cannot exceed the whole (BC305). The reading is the checker's guess, so a failure is a
warning, never an error, and the claim is marked inferred."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetcheck import check, load

from .conftest import ROOT

QUEBEC = ROOT / "seeds" / "quebec-capitale-nationale-ia-2025-12-15.fr.txt"


def parts_claims(path: Path):
    report = check(load(path))
    found = [c for c in report.findings + report.passed if c.subject.startswith("parts_")]
    return report, found


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "release.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_quebec_release_checks_its_two_envelopes_against_the_nine_million():
    plan = load(QUEBEC)
    claim, = [c for c in plan.claims if c.id.startswith("parts_")]
    assert {k: f.text for k, f in claim.figures.items()} == {
        "part_1": "4 348 000 $", "part_2": "252 000 $", "whole": "9 M$"}
    assert claim.relation == "part_1 + part_2 <= whole" and claim.inferred and claim.uncertain
    assert claim.lines == [5, 7]  # the grants on line 5, the whole on line 7
    report, (passed,) = parts_claims(QUEBEC)
    assert report.findings == [] and passed.code == "BC305" and passed.inferred


@pytest.mark.parametrize("whole", ["4 M$", "4 500 000 $"])
def test_a_whole_smaller_than_its_parts_is_a_warning_at_the_parts_and_the_whole(tmp_path,
                                                                                whole):
    # 4 348 000 $ + 252 000 $ = 4 600 000 $, each to ±500 $ (round thousands)
    text = QUEBEC.read_text(encoding="utf-8").replace("montant global de 9 M$",
                                                      f"montant global de {whole}")
    report, (warning,) = parts_claims(write(tmp_path, text))
    assert (warning.code, warning.severity, warning.inferred) == ("BC305", "warning", True)
    assert report.errors == [] and {5, 7} <= set(warning.lines)
    assert "4,6\u00a0M$ ≤" in warning.message or "4\u00a0600\u00a0000\u00a0$ ≤" in warning.message


@pytest.mark.parametrize("text", [
    # French, the whole in the next sentence, the parts named together
    "Une subvention de 2 M$ va à Mila. Un financement de 1,5 M$ va à Amii. Ces subventions "
    "font partie d'une enveloppe globale de {whole}, annoncée hier.\n",
    # French, "découlent de" in the sentence before the whole
    "Une somme de 700 000 $ est accordée à la ville. Une enveloppe de 2 800 000 $ est "
    "attribuée à la région. Les deux sommes découlent du programme régional. Ce programme "
    "prévoit un montant total de {whole}.\n",
    # English
    "A grant of $2 million goes to Mila. Funding of $1.5 million goes to Amii. These grants "
    "come from an overall budget of {whole}.\n",
    "An envelope of $700,000 is given to the city and an amount of $2,800,000 to the region. "
    "Both amounts are drawn from a total of {whole}.\n",
])
# 2 M$ + 1,5 M$ is 2,95 to 4,05 M$ as printed: within 5 M$, beyond 1 M$ (0,5 to 1,5); 3 M$
# (2,5 to 3,5) would be a rounding note
@pytest.mark.parametrize("whole, holds", [("5 M$", True), ("1 M$", False)])
def test_parts_within_a_whole_in_both_languages(tmp_path, text, whole, holds):
    if text.startswith(("A ", "An ")):
        whole = f"${whole[:-3]} million"
    report, (claim,) = parts_claims(write(tmp_path, text.format(whole=whole)))
    assert claim.code == "BC305" and claim.inferred
    assert report.errors == []
    assert (report.findings == []) == holds
    if not holds:
        assert claim.severity == "warning"


@pytest.mark.parametrize("text", [
    # one part only: no parts to add
    "Une somme de 2 M$ est accordée à Mila. Ces sommes découlent d'un montant global de 1 M$.\n",
    # nothing says the parts come from the whole
    "Une somme de 2 M$ est accordée à Mila. Une enveloppe de 3 M$ va à Amii. Le port a "
    "reçu l'an dernier un montant global de 1 M$.\n",
    # the parts are too far before the whole
    "Une somme de 2 M$ est accordée à Mila. Une enveloppe de 3 M$ va à Amii. " + "Autre texte. " * 130
    + "Ces sommes découlent d'un montant global de 1 M$.\n",
])
def test_no_whole_is_read_without_two_parts_said_to_come_from_it(tmp_path, text):
    report, found = parts_claims(write(tmp_path, text))
    assert found == [] and report.errors == []


def test_the_other_seed_documents_read_no_whole():
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        if path != QUEBEC:
            assert parts_claims(path)[1] == [], path.name
