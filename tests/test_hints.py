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
    assert any(h.startswith("digits transposed? t3[total] printed 96,4 M$") for h in total.hints)
    assert total.stated == "96400000" and total.computed == "94600000"
    assert total.allowed == ("94350000", "94850000")


def test_unit_slip(tmp_path):
    report = report_for(tmp_path, 'financement = "1,6 M$"', 'financement = "1 600 M$"')
    hints = [h for f in error_at(report, 613) for h in f.hints]
    assert any(h.startswith("unit slip? t4[autres] ×0.001") for h in hints)


def test_sign_flip(tmp_path):
    report = report_for(tmp_path, 'text = "51 000 $", line = 621',
                        'text = "-51 000 $", line = 621')
    surplus = next(f for f in error_at(report, 621) if f.relation and "t4_3star[surplus] ==" in f.relation)
    assert any(h.startswith("sign flipped? t4_3star[surplus]") for h in surplus.hints)


def test_difference_equal_to_another_figure(tmp_path):
    report = report_for(tmp_path, 'engagements = "171,8 millions de $"',
                        'engagements = "168,2 millions de $"')
    total = next(f for f in error_at(report, 549) if f.code == "BC102")
    assert any("the difference $3.6M equals" in h and "pancan" in h for h in total.hints)
    assert any(h.startswith("smallest single change:") for h in total.hints)


def test_french_hints(tmp_path):
    report = report_for(tmp_path, 'depenses = "94,6 M$"', 'depenses = "96,4 M$"', lang="fr")
    total = next(f for f in error_at(report, 590) if f.code == "BC102")
    assert any(h.startswith("chiffres intervertis?") for h in total.hints)


def test_no_hints_on_notes(scale_report):
    assert all(f.hints == [] for f in scale_report.notes)
