"""Every error carries the hints that explain it: each is verified by re-judging the relation."""

from __future__ import annotations

from budgetcheck import check, load

from .conftest import FIXTURE

GOOD = FIXTURE.read_text(encoding="utf-8")


def report_for(tmp_path, old, new, lang="en"):
    assert old in GOOD
    path = tmp_path / "plan.toml"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    return check(load(path), lang=lang)


def error_at(report, line):
    found = [f for f in report.errors if line in f.lines]
    assert found, [f.message for f in report.findings]
    return found


def test_transposed_digits(tmp_path):
    report = report_for(tmp_path, 'depenses = "94,6 M$"', 'depenses = "96,4 M$"')
    total = next(f for f in error_at(report, 590) if f.code == "BC102")
    assert any(h.startswith("digits transposed? Table 3, “Total”, printed $96.4M; $94.6M")
               for h in total.hints)
    assert total.stated == "96400000" and total.computed == "94600000"
    assert total.allowed == ("94350000", "94850000")


def test_unit_slip(tmp_path):
    report = report_for(tmp_path, 'financement = "1,6 M$"', 'financement = "1 600 M$"')
    hints = [h for f in error_at(report, 613) for h in f.hints]
    assert any(h.startswith("unit slip? Table 4, “Autres” ×0.001") for h in hints)


def test_sign_flip(tmp_path):
    report = report_for(tmp_path, 'text = "51 000 $", line = 621',
                        'text = "-51 000 $", line = 621')
    surplus = next(f for f in error_at(report, 621) if f.relation and "t4_3star[surplus] ==" in f.relation)
    assert any(h.startswith("sign flipped? footnote *** to Table 4 as $51,000")
               for h in surplus.hints)


def test_difference_equal_to_another_figure(tmp_path):
    report = report_for(tmp_path, 'engagements = "171,8 millions de $"',
                        'engagements = "168,2 millions de $"')
    total = next(f for f in error_at(report, 549) if f.code == "BC102")
    assert any("the difference $3.6M equals Table 1, “Projets de l’industrie — Stratégie "
               "pancanadienne en matière d’IA” ($3.6M)" in h for h in total.hints)
    assert any(h.startswith("smallest single change:") for h in total.hints)


def test_french_hints(tmp_path):
    report = report_for(tmp_path, 'depenses = "94,6 M$"', 'depenses = "96,4 M$"', lang="fr")
    total = next(f for f in error_at(report, 590) if f.code == "BC102")
    assert any(h.startswith("chiffres intervertis ? Tableau 3, « Total », imprimé 96,4\u00a0M$")
               for h in total.hints)


def test_no_hints_on_notes(scale_report):
    assert all(f.hints == [] for f in scale_report.notes)


MUNICIPAL = """\
VILLE DE SAINT-ALBAN
État des activités de fonctionnement
(en milliers de dollars)

                                          Budget         Réel         Réel
                                            2025         2025         2024
Revenus
  Taxes                                   48 210       48 655       46 902
  Intérêts                                   350          612          288
  Autres revenus                             210          187          233
Total des revenus                         48 770       49 454       47 423

Charges
  Administration générale                  8 940        8 702        8 455
  Sécurité publique                       11 320       11 488       10 902
  Santé et bien-être                         620          598          577
Total des charges                         20 880       21 788       19 934
"""


def test_the_difference_is_matched_on_the_relations_own_lines(tmp_path):
    """Réel 2025 charges add to 20 788, printed 21 788: no figure of that column explains the
    1 000, and the triple 187 + 233 + 577 from other rows and columns (997, within rounding) is
    no explanation either; a difference equal to a row of the column is one."""
    path = tmp_path / "ville.fr.txt"
    path.write_text(MUNICIPAL, encoding="utf-8")
    error, = check(load(path), lang="en").errors
    assert error.line == 17 and not any("equals" in h for h in error.hints)
    path.write_text(MUNICIPAL.replace("21 788", "20 190"), encoding="utf-8")
    error, = check(load(path), lang="en").errors
    expected = ("the difference $598K equals État des activités de fonctionnement, “Santé et "
                "bien-être”, Réel 2025 ($598K): a figure left out or counted twice?")
    assert [h for h in error.hints if "equals" in h] == [expected]
