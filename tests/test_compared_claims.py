"""Claims that compare two printed figures, read without rules: a change from a printed base,
a leverage on a printed base (BC303) and a fraction of a whole (BC302, uncertain)."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetcheck import check, load


def write(tmp_path: Path, text: str, name: str) -> Path:
    path = tmp_path / name
    path.write_text("Grappe Boréale — Résultats 2025\n\n" + text + "\n", encoding="utf-8")
    return path


def found(plan, prefix: str) -> list[str]:
    return [c.relation for c in plan.claims if c.id.startswith(prefix)]


@pytest.mark.parametrize("text, name, relation, holds", [
    ("Les revenus ont atteint 151 M$, en hausse de 12 % par rapport aux 135 M$ de 2022.",
     "growth", "value == base * (1 + change)", True),       # 135 × 1,12 = 151,2
    ("Les revenus ont atteint 161 M$, en hausse de 12 % par rapport aux 135 M$ de 2022.",
     "growth", "value == base * (1 + change)", False),
    ("Revenue reached $151 million, up 12% from $135 million in 2022.",
     "growth", "value == base * (1 + change)", True),
    ("Costs fell to $88 million, down 12% from $100 million.",
     "growth", "value == base * (1 - change)", True),       # 100 × 0,88
    ("Costs fell to $98 million, down 12% from $100 million.",
     "growth", "value == base * (1 - change)", False),
    ("L’industrie a investi 308 M$, un effet de levier de 1,6 sur les 192,5 M$ de fonds "
     "publics.", "leverage", "value == ratio * base", True),  # 1,6 × 192,5 = 308
    ("Industry invested $308 million, a leverage of 1.6 on the $192.5 million of federal "
     "funding.", "leverage", "value == ratio * base", True),
    ("Industry invested $408 million, a leverage ratio of 1.6x on the $192.5 million of "
     "federal funding.", "leverage", "value == ratio * base", False),
])
def test_a_claim_with_both_sides_printed(tmp_path, text, name, relation, holds):
    plan = load(write(tmp_path, text, "notes.txt"))
    assert found(plan, name) == [relation]
    report = check(plan)
    assert (report.errors == []) is holds, [e.message for e in report.errors]
    if not holds:
        assert [e.code for e in report.errors] == ["BC303"]
        assert report.errors[0].line == 3 and report.errors[0].inferred


def test_a_leverage_with_no_printed_base_implies_it(tmp_path):
    plan = load(write(tmp_path, "Industry invested $308 million, a leverage of 1.6.", "n.txt"))
    assert found(plan, "leverage") == ["value == ratio * base"]
    [warning] = check(plan).warnings
    assert warning.code == "BC306" and "192.5" in warning.message, warning.message


@pytest.mark.parametrize("text, share, holds", [
    ("Sur les 90 M$ engagés, 30 M$, soit le tiers de ce montant, sont allés aux PME.", "33 %",
     True),
    ("Of the $90 million committed, $30 million, a third of it, went to small firms.", "33 %",
     True),
    ("We spent $45 million, half of the $90 million committed.", "50 %", True),
    ("Nous avons versé 60 M$, soit les deux tiers des 90 M$ engagés.", "67 %", True),
    ("Nous avons versé 40 M$, soit la moitié des 90 M$ engagés.", "50 %", False),
])
def test_a_fraction_of_a_whole_is_uncertain(tmp_path, text, share, holds):
    plan = load(write(tmp_path, text, "n.txt"))
    [claim] = [c for c in plan.claims if c.id.startswith("fraction")]
    assert (claim.relation, claim.uncertain) == (f"'{share}' == part / whole", True)
    report = check(plan)
    assert report.errors == []  # a fraction word is said loosely: never an error
    assert (report.warnings == []) is holds, [w.message for w in report.warnings]
