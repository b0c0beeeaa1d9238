"""French digit groups one space apart: a line of figures that reads more than one way is
resolved by the total below it, or reported (BC112) with every reading; never a silent guess."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetcheck import check, load

HEAD = "État des résultats\n(en milliers de dollars)\n2025 2024\n"


def _fr(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "etat.fr.txt"
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def test_the_total_below_decides_how_a_line_is_grouped(tmp_path: Path) -> None:
    # "1 234 567 890" in two columns: 1 | 234 567 890, 1 234 | 567 890 or 1 234 567 | 890;
    # only the last makes "Total des charges" the sum of its rows.
    path = _write(tmp_path, "Salaires 1 234 567 890\nLoyers 250 300\n"
                            "Total des charges 1 234 817 1 190\n")
    plan = load(path)
    salaries = plan.tables[0].rows[0]
    assert [c.text for c in salaries.cells.values()] == ["1 234 567", "890"]
    assert salaries.readings == ()
    report = check(plan)
    assert report.findings == [] and report.summary.inferred == 2


def test_a_line_nothing_decides_is_a_warning_naming_it_and_every_reading(tmp_path: Path) -> None:
    path = _write(tmp_path, "Salaires 1 250 310\nLoyers 640 598\nTotal des charges 1 890 908\n"
                            "Fonds réservé 1 234 567 890\n")
    report = check(load(path))
    [warning] = report.findings
    assert (warning.code, warning.severity, warning.line) == ("BC112", "warning", 7)
    for reading in ("« 1 » | « 234 567 890 »", "« 1 234 » | « 567 890 »",
                    "« 1 234 567 » | « 890 »"):
        assert reading in warning.message
    assert report.errors == []


def test_figures_in_columns_are_grouped_by_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "etat.fr.txt"
    path.write_text("État des résultats\n(en milliers de dollars)\n"
                    "                          2025        2024\n"
                    "Salaires             1 234 567         890\n"
                    "Loyers                     250         300\n"
                    "Total des charges    1 234 817       1 190\n", encoding="utf-8")
    report = check(load(path))
    assert report.findings == [] and report.summary.inferred == 2


def test_a_total_may_say_total_last_in_french(tmp_path: Path) -> None:
    path = _write(tmp_path, "Salaires 1 250 310\nLoyers 640 598\nCharges totales 1 890 999\n")
    report = check(load(path))
    assert [(f.code, f.line, f.column) for f in report.errors] == [("BC107", 6, "y2024")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 10**7)), min_size=2,
                max_size=5))
def test_french_figures_one_space_apart_never_give_a_false_error(
        tmp_path_factory: object, items: list[tuple[int, int]]) -> None:
    """Whatever the digit groups, a statement that adds up has no error: each line is resolved
    by its total (the block's lines and the total tried together), or keeps a reading under
    which the total holds and is reported (BC112) with the others."""
    body = "".join(f"Poste {chr(65 + n)} {_fr(a)} {_fr(b)}\n" for n, (a, b) in enumerate(items))
    body += f"Total des charges {_fr(sum(a for a, _ in items))} {_fr(sum(b for _, b in items))}\n"
    folder = tmp_path_factory.mktemp("fr")  # type: ignore[attr-defined]
    report = check(load(_write(folder, body)))
    assert report.errors == [], (body, [f.message for f in report.findings])
    assert report.summary.inferred == 2


STRAY = ("Harbourview Port Authority\nStatement of Operations\n(in dollars)\n\n"
         "                                        2025          2024\n"
         "Salaries and benefits              2,851,400     2,790,110\n"
         "Maintenance                        1,207,960     1,200,010\n"
         "Total expenses                     4,059, 360    3,990,120\n")


def test_a_stray_space_inside_a_grouping_is_one_figure_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "ops.en.txt"
    path.write_text(STRAY, encoding="utf-8")
    report = check(load(path))
    [note] = report.findings
    assert (note.code, note.severity, note.line) == ("BC113", "note", 8)
    assert "4,059, 360" in note.message and "4,059,360" in note.message
    assert report.summary.inferred == 2  # the total adds up in both columns
    path.write_text(STRAY.replace("4,059, 360", "4,059, 630"), encoding="utf-8")
    assert [(f.code, f.line, f.column) for f in check(load(path)).errors] == [
        ("BC107", 8, "y2025")]  # mended, and still checked
    table = tmp_path / "ops.en.md"
    table.write_text("Statement of Operations\n(in dollars)\n\n| | 2025 | 2024 |\n|---|---|---|\n"
                     "| Salaries | 2,851,400 | 2,790,110 |\n| Maintenance | 1,207,960 | 1,200,010 |\n"
                     "| Total expenses | 4,059, 360 | 3,990,120 |\n", encoding="utf-8")
    report = check(load(table))
    assert [(f.code, f.line) for f in report.findings] == [("BC113", 8)]
    assert report.summary.inferred == 2
