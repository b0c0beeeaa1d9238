"""The Scale AI fixture cannot drift from the document: every figure is on the line it cites."""

from __future__ import annotations

import re

import pytest

from budgetcheck.numbers.notation import normalise_spaces
from budgetcheck.plan.schema import schema_text

from .conftest import FIXTURE, ROOT, SEED

SEED_LINES = SEED.read_text(encoding="utf-8").splitlines()


def lines_text(first: int, last: int) -> str:
    return normalise_spaces(" ".join(SEED_LINES[first - 1 : last]))


def number_token(text: str) -> str:
    return re.match(r"[\d][\d ,.]*\d|\d", normalise_spaces(text)).group(0)


def test_seeds_are_copied_unchanged():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for original in shared.iterdir():
        assert (ROOT / "seeds" / original.name).read_bytes() == original.read_bytes()


def test_every_table_figure_is_printed_on_its_line(scale_plan):
    count = 0
    for table in scale_plan.tables:
        assert table.line and f"Tableau {table.number}" in SEED_LINES[table.line - 1]
        for row in table.rows:
            for column, cell in row.cells.items():
                line = SEED_LINES[cell.line - 1]
                token = number_token(cell.text)
                assert re.search(rf"(?<![\d,]){re.escape(token)}(?![\d,])", line), (
                    f"{table.id}[{row.key}, {column}] {cell.text!r} not on line {cell.line}")
                assert normalise_spaces(cell.text) in lines_text(cell.line, cell.line + 1)
                count += 1
    assert count == 6 + 8 + 5 + 7 + 8 * 5


def test_every_row_label_is_printed_where_it_says(scale_plan):
    for table in scale_plan.tables:
        for row in table.rows:
            lines = row.label_lines or [row.line]
            text = lines_text(min(lines), max(lines))
            assert normalise_spaces(row.label) in text, (table.id, row.key)
            for marker in row.markers:
                assert marker in text


def test_footnotes_and_their_figures_are_on_their_lines(scale_plan):
    assert len(scale_plan.footnotes) == 7
    for note in scale_plan.footnotes:
        assert normalise_spaces(note.text) in lines_text(note.line, note.line + 3), note.id
        for name, figure in note.figures.items():
            assert normalise_spaces(figure.text) in normalise_spaces(SEED_LINES[figure.line - 1]), (
                note.id, name)


def test_claims_quote_the_document_and_cite_their_lines(scale_plan):
    assert len(scale_plan.claims) >= 12
    for claim in scale_plan.claims:
        text = lines_text(min(claim.lines), max(claim.lines))
        for part in claim.text.split("[...]"):
            assert normalise_spaces(part.strip()) in text, claim.id
        for name, figure in claim.figures.items():
            line = normalise_spaces(SEED_LINES[figure.line - 1])
            assert normalise_spaces(figure.text) in line, (claim.id, name)
            assert figure.line in claim.lines, (claim.id, name)
            if figure.hedge:
                before = lines_text(figure.line - 1, figure.line)
                assert re.search(re.escape(figure.hedge) + r"\s+" + re.escape(
                    number_token(figure.text)), before, re.IGNORECASE), (claim.id, name)


def test_fixture_names_the_claims_the_plan_makes(scale_plan):
    texts = {c.id: {n: f.text for n, f in c.figures.items()} for c in scale_plan.claims}
    printed = sorted(f for figures in texts.values() for f in figures.values())
    for expected in ["151 millions de dollars", "99 millions de dollars", "52 millions de dollars",
                     "219 millions de dollars", "230 millions de dollars", "95 %",
                     "60 millions de dollars", "70 millions de dollars",
                     "308 millions de dollars", "18 %", "1,6 $", "85 %", "15 %",
                     "100 millions de dollars", "35 millions de dollars", "65 millions de dollars",
                     "10 millions de dollars", "2 millions de dollars", "5 millions de dollars",
                     "2,5 millions de dollars"]:
        assert expected in printed


def test_written_precision_is_kept(scale_plan):
    t5 = scale_plan.table("t5")
    phase2 = next(r for r in t5.rows if r.key == "isde_phase2")
    assert phase2.cells["T3"].text == "2 M$"
    assert phase2.cells["T3"].amount.half_unit == 500_000
    assert phase2.cells["T1"].amount.exact


def test_fixture_points_editors_at_the_schema_budgetcheck_writes():
    first = FIXTURE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "#:schema ../docs/plan.schema.json"
    assert (FIXTURE.parent / "../docs/plan.schema.json").resolve().read_text(
        encoding="utf-8") == schema_text()


def test_bundled_plan_is_the_fixture():
    from budgetcheck.api import bundled_plan_path

    assert bundled_plan_path().read_bytes() == FIXTURE.read_bytes()
