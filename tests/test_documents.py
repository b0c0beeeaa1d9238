"""Plan documents read directly: the seed text against the fixture, rules applied by key,
claims re-read from the document's sentences, edits caught at their line, reformatting ignored."""

from __future__ import annotations

import re

import pytest

from budgetcheck import check, load
from budgetcheck.cli import main
from budgetcheck.numbers.notation import normalise_spaces, parse_amount
from budgetcheck.sources.text_plan import AMOUNT

from .conftest import FIXTURE, ROOT, SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def extracted():
    return load(SEED)


def test_extracting_the_seed_gives_the_fixture_tables(extracted, scale_plan):
    assert [t.id for t in extracted.tables] == [t.id for t in scale_plan.tables]
    for mine, theirs in zip(extracted.tables, scale_plan.tables):
        assert (mine.number, mine.title, mine.line) == (theirs.number, theirs.title, theirs.line)
        assert [c.label for c in mine.columns] == [c.label for c in theirs.columns]
        assert len(mine.rows) == len(theirs.rows)
        for row, expected in zip(mine.rows, theirs.rows):
            assert (row.label, row.role, row.markers, row.line) == (
                expected.label, expected.role, expected.markers, expected.line)
            assert (row.label_lines or [row.line]) == (expected.label_lines or [expected.line])
            got = [(normalise_spaces(c.text), c.line, c.amount.exponent) for c in row.cells.values()]
            want = [(c.text, c.line, c.amount.exponent) for c in expected.cells.values()]
            assert got == want, row.label


def test_extracting_the_seed_gives_the_fixture_footnotes(extracted, scale_plan):
    assert [(n.id, n.marker, n.line, n.text) for n in extracted.footnotes] == [
        (n.id, n.marker, n.line, n.text) for n in scale_plan.footnotes]
    for mine, theirs in zip(extracted.footnotes, scale_plan.footnotes):
        assert [(f.text, f.line) for f in mine.figures.values()] == [
            (f.text, f.line) for f in theirs.figures.values()]


def test_claims_found_without_rules(extracted):
    found = {c.kind: [] for c in extracted.claims}
    for claim in extracted.claims:
        found[claim.kind].append({n: (f.text, f.line, f.hedge) for n, f in claim.figures.items()})
    assert {"total": ("151 millions de dollars", 85, "environ"),
            "first": ("99 millions de dollars", 86, None),
            "second": ("52 millions de dollars", 87, None)} in found["sum"]
    assert found["share"] == [{"part": ("219 millions de dollars", 103, None),
                               "whole": ("230 millions de dollars", 103, None),
                               "share": ("95 %", 104, None)}]
    assert found["complement"][0]["first"] == ("85 %", 138, None)
    assert check(extracted).errors == []


def test_extract_command_writes_a_plan_file_that_loads(tmp_path, extracted):
    out = tmp_path / "extracted.toml"
    assert main(["extract", str(SEED), "-o", str(out)]) == 0
    assert load(out) == extracted


def report_key(report):
    return sorted((f.code, f.severity, f.table or "", f.row or "", f.column or "",
                   f.relation or "") for f in report.findings)


def test_rules_on_the_seed_text_give_the_answer_key(scale_report):
    report = check(load(SEED, rules=FIXTURE))
    assert report_key(report) == report_key(scale_report)
    assert (report.summary.errors, report.summary.warnings, report.summary.notes) == (0, 5, 9)


def edited(tmp_path, old, new, line, name="plan.txt", text=SEED_TEXT):
    lines = text.split("\n")
    assert old in lines[line - 1], (old, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_an_edited_sentence_is_re_read(tmp_path):
    path = edited(tmp_path, "219 millions", "209 millions", 103)
    report = check(load(path, rules=FIXTURE))
    share = [f for f in report.errors if f.code == "BC302"]
    assert len(share) == 1 and 103 in share[0].lines
    claim = next(c for c in load(path, rules=FIXTURE).claims if c.id == "committed_share")
    assert claim.figures["committed"].text == "209 millions de dollars"


def test_a_claim_that_is_gone_is_reported_not_checked(tmp_path):
    path = edited(tmp_path, "Nous avons traité 85 %", "Nous avons traité la plupart", 138)
    report = check(load(path, rules=FIXTURE))
    assert [f.subject for f in report.findings if f.code == "BC308"] == ["requests_processed"]


# -- every single figure change is caught at its line -----------------------------------------

def table_figures():
    plan = load(FIXTURE)
    for table in plan.tables:
        for row in table.rows:
            on_line = [c for c in row.cells.values() if c.line == row.line]
            for cell in row.cells.values():
                index = [c for c in on_line].index(cell) if cell in on_line else 0
                yield pytest.param(cell.line, index, cell.text, id=f"{table.id}-{row.key}-"
                                   f"{[k for k, v in row.cells.items() if v is cell][0]}")
    for note in plan.footnotes:
        for name, figure in note.figures.items():
            printed = [normalise_spaces(m.group(0)).strip("()")
                       for m in AMOUNT.finditer(SEED_TEXT.split("\n")[figure.line - 1])]
            index = printed.index(figure.text)
            yield pytest.param(figure.line, index, figure.text, id=f"{note.id}-{name}")


def replace_nth_figure(tmp_path, line: int, index: int, new_text: str):
    lines = SEED_TEXT.split("\n")
    matches = list(AMOUNT.finditer(lines[line - 1]))
    if not matches:  # "171,8 millions" / "de $": the unit is on the next line
        number = re.match(r"[\d ,]+", new_text).group(0).strip()
        lines[line - 1] = re.sub(r"\d[\d ,]*\d(?=\s+millions)", number, lines[line - 1], count=1)
        path = tmp_path / "edited.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        return path
    match = matches[index]
    inner = 1 if match.group(0).startswith("(") else 0
    lines[line - 1] = (lines[line - 1][: match.start() + inner] + new_text
                       + lines[line - 1][match.end() - inner :])
    path = tmp_path / "edited.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def shifted(text: str, delta_millions: int) -> str:
    amount = parse_amount(text)
    value = amount.value + delta_millions * 1_000_000
    return f"{str(value.scaleb(-6).quantize(amount.digits) if amount.scale == 6 else value.scaleb(-6)).replace('.', ',')} M$"


@pytest.mark.parametrize(("line", "index", "text"), list(table_figures()))
@pytest.mark.parametrize("delta", [1, -1])
def test_changing_a_figure_by_1m_is_an_error_at_its_line(tmp_path, line, index, text, delta):
    if parse_amount(text).value + delta * 1_000_000 < 0:
        delta = -delta
    path = replace_nth_figure(tmp_path, line, index, shifted(text, delta))
    report = check(load(path, rules=FIXTURE))
    assert any(line in f.lines for f in report.errors), [f.message for f in report.findings]


def swaps(text: str):
    digits = re.sub(r"\D", "", text.split("M$")[0].split("$")[0])
    for i in range(len(digits) - 1):
        if digits[i] != digits[i + 1]:
            swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:]
            yield swapped


@pytest.mark.parametrize(("line", "index", "text"), list(table_figures()))
def test_swapping_two_digits_is_an_error_at_its_line(tmp_path, line, index, text):
    amount = parse_amount(text)
    for swapped in swaps(text):
        number = re.match(r"[\d ,\u00a0]+", text).group(0).strip()
        new_digits, k = [], 0
        for ch in number:
            if ch.isdigit():
                new_digits.append(swapped[k])
                k += 1
            else:
                new_digits.append(ch)
        new_text = "".join(new_digits) + text[len(number):]
        moved = abs(parse_amount(new_text).value - amount.value)
        if moved < 500_000:
            continue  # "51 000 $" -> "15 000 $" is within what the M$ tables' rounding allows
        path = replace_nth_figure(tmp_path, line, index, new_text)
        report = check(load(path, rules=FIXTURE))
        assert any(line in f.lines for f in report.errors), (new_text, [f.message for f in
                                                                        report.findings])


@pytest.mark.parametrize(("old", "new", "line", "code"), [
    ("(95 %)", "(97 %)", 104, "BC302"),
    ("230 millions", "240 millions", 103, "BC302"),
    ("traité 85 %", "traité 83 %", 138, "BC304"),
    ("les 15 %", "les 17 %", 141, "BC304"),
])
def test_claim_figures_changed_are_errors_at_their_line(tmp_path, old, new, line, code):
    report = check(load(edited(tmp_path, old, new, line), rules=FIXTURE))
    assert any(f.code == code and line in f.lines for f in report.errors)


@pytest.mark.parametrize(("old", "new", "line"), [("(95 %)", "(96 %)", 104),
                                                  ("traité 85 %", "traité 84 %", 138)])
def test_claim_edits_within_rounding_are_notes_and_strict_errors(tmp_path, old, new, line):
    plan = load(edited(tmp_path, old, new, line), rules=FIXTURE)
    assert not any(line in f.lines for f in check(plan).errors)
    assert any(line in f.lines and f.severity == "note" for f in check(plan).findings)
    assert any(line in f.lines for f in check(plan, "strict").errors)


# -- reformatting does not change the verdicts ------------------------------------------------

def verdicts(report):
    return sorted((f.code, f.severity, f.table or "", f.row or "", f.column or "",
                   f.relation or "", f.stated or "", f.computed or "") for f in report.findings)


REFORMATS = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "bom": lambda t: "\ufeff" + t,
    "tabs": lambda t: re.sub(r"(?<=\S) (?=[A-Za-z])", "\t", t),
    "nbsp-in-numbers": lambda t: re.sub(r"(\d) (\d{3})", "\\1\u00a0\\2", t).replace(" M$",
                                                                                     "\u00a0M$"),
    "narrow-nbsp": lambda t: re.sub(r"(\d) (\d{3})", "\\1\u202f\\2", t).replace(" M$",
                                                                                 "\u202fM$"),
    "blank-lines": lambda t: t.replace("\n\n", "\n\n\n"),
}


@pytest.mark.parametrize("name", sorted(REFORMATS))
def test_reformatting_keeps_the_verdicts(tmp_path, name, scale_report):
    path = tmp_path / "reformatted.txt"
    path.write_bytes(REFORMATS[name](SEED_TEXT).encode("utf-8"))
    assert verdicts(check(load(path, rules=FIXTURE))) == verdicts(scale_report)


def test_a_document_with_no_table(tmp_path):
    path = tmp_path / "memo.txt"
    path.write_text("Nothing to see here.\nJust prose.\n", encoding="utf-8")
    assert main(["check", str(path)]) == 2


PRESS = SEED.parent / "ised-all-in-2025-09-25.fr.txt"


def test_a_press_release_part_cannot_exceed_its_whole(tmp_path):
    """"1,48 milliard de dollars, dont 533,4 millions" and "… 3,07 milliards de dollars. De cette
    somme, plus de 1,17 milliard": each part is checked against its whole, two on one line get
    two ids (they used to share one, and the document was refused)."""
    plan = load(PRESS)
    parts = {c.id: {n: (f.text, f.line, f.hedge) for n, f in c.figures.items()}
             for c in plan.claims if c.id.startswith("part_")}
    assert parts == {
        "part_line_25": {"whole": ("3,07 milliards de dollars", 25, "plus de"),
                         "part": ("1,17 milliard de dollars", 25, "plus de")},
        "part_line_25_2": {"whole": ("1,48 milliard de dollars", 25, None),
                           "part": ("533,4 millions de dollars", 25, None)},
        "part_line_27": {"whole": ("188,9 millions de dollars", 27, "plus de"),
                         "part": ("79,7 millions de dollars", 27, None)}}
    report = check(plan)
    assert report.findings == [] and {p.code for p in report.passed} == {"BC305"}
    text = PRESS.read_text(encoding="utf-8").replace("dont 533,4 millions", "dont 5 334 millions")
    path = tmp_path / "communique.fr.txt"
    path.write_text(text, encoding="utf-8")
    error, = check(load(path), lang="en").errors
    assert (error.code, error.subject, error.lines) == ("BC305", "part_line_25_2", [25])
    assert error.stated == "5334000000"
    # Any large change satisfies "part <= whole": a sign flip is no hint for it.
    assert not any("sign" in h for h in error.hints)
    assert [h for h in error.hints if "unit slip" in h] == [
        "unit slip? the claim of line 25 (5 334 millions de dollars) ×0.001 would make it hold",
        "unit slip? the claim of line 25 (1,48 milliard de dollars) ×1,000 would make it hold"]


def test_a_share_of_a_share_is_not_a_part(tmp_path):
    path = tmp_path / "note.fr.txt"
    path.write_text("Le fonds atteint 40 %, dont 60 % en subventions. Il a reçu 2 M$, dont 4 M$ "
                    "en prêts.\n", encoding="utf-8")
    [claim] = load(path).claims
    assert claim.figures["part"].text == "4 M$" and claim.figures["whole"].text == "2 M$"
    assert [f.code for f in check(load(path)).errors] == ["BC305"]


ENGLISH = ROOT / "fixtures" / "documents" / "northern-ai-cluster-plan.en.txt"


def test_an_english_plan_document_is_read_like_the_french_one():
    """"Table N:" headings with the dollar first ("$52.0M", "($0.2M)"), a title with no blank
    line under it, a unit line that is not part of the title, and English prose claims."""
    plan = load(ENGLISH)
    assert (plan.plan.organisation, plan.plan.language, plan.plan.fiscal_year) == (
        "Northern AI Cluster", "en", "2024-2025")
    t1, t2 = plan.tables
    assert (t1.title, t2.title) == ("Funding sources", "Quarterly cash flow")
    assert [(r.label, r.cells["r_2024_2025"].text, r.line) for r in t1.rows] == [
        ("Federal contribution", "$52.0M", 15), ("Industry contribution", "$99.0M", 16),
        ("Total", "$151.0M", 17)]
    surplus = next(r for r in t2.rows if r.key == "surplus_returned")
    assert surplus.cells["Q1"].amount.value == -200000 and surplus.cells["Q3"].amount.exact
    kinds = {c.id: (c.kind, c.relation) for c in plan.claims}
    assert kinds == {"sum_line_5": ("sum", "total == first + second"),
                     "share_line_7": ("share", "share == part / whole"),
                     "complement_line_8": ("complement", "first + rest == '100 %'"),
                     "part_line_9": ("comparison", "part <= whole"),
                     # "Total* … * Includes $0.4M carried over": the total holds the 0,4
                     "includes_t1_star": ("comparison", "t1[total] >= amount_1")}
    assert plan.claims[3].figures["whole"].text == "$12.5 million"
    report = check(plan)
    assert report.errors == [] and report.warnings == []
    assert [(f.code, f.line) for f in report.notes] == [("BC103", 24), ("BC103", 27)]


@pytest.mark.parametrize("old, new, code, line, start", [
    ("$52 million from the cluster", "$62 million from the cluster", "BC301", 5,
     "claim of line 5: $151M printed, $161M computed"),
    ("(95%)", "(85%)", "BC302", 7, "claim of line 7: 85% printed, 95.22% computed"),
    ("remaining 15%", "remaining 25%", "BC304", 8, "claim of line 8: 110.00%"),
    ("including $4.2 million", "including $42 million", "BC305", 9,
     "claim of line 9: $42M ≤ $12.5M does not hold"),
    ("$14.1M    $13.9M    $63.2M", "$14.1M    $13.9M    $64.2M", "BC103", 24,
     "Table 2, row “Federal — Phase 1”: Q1..Q4 vs Total: $64.2M printed, $63.1M computed"),
])
def test_an_english_plan_edited_is_caught_at_its_line(tmp_path, old, new, code, line, start):
    text = ENGLISH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "plan.en.txt"
    path.write_text(text.replace(old, new), encoding="utf-8")
    errors = [f for f in check(load(path)).errors if f.code == code]
    assert errors and line in errors[0].lines and errors[0].message.startswith(start)


def test_english_claims_are_re_read_with_rules(tmp_path):
    """A rules file extracted from the English plan finds every claim again, dollar sign first
    ("$219 million"), and reads the edited figure with its new value."""
    rules = tmp_path / "rules.toml"
    assert main(["extract", str(ENGLISH), "-o", str(rules)]) == 0
    path = tmp_path / "plan.en.txt"
    path.write_text(ENGLISH.read_text(encoding="utf-8").replace("$219 million of", "$209 million of"),
                    encoding="utf-8")
    plan = load(path, rules=rules)
    share = next(c for c in plan.claims if c.kind == "share")
    assert share.figures["part"].text == "$209 million" and share.figures["part"].line == 7
    report = check(plan)
    assert not any(f.code == "BC308" for f in report.findings)  # every claim was found again
    [error] = report.errors
    assert error.code == "BC302" and error.message.endswith(
        "95% printed, 90.87% computed: a difference of 4.13% that no rounding of the printed "
        "figures explains (the printed value would have to lie in 89.96% to 91.79%)")
