"""CSV and TSV files: each block of records a statement, each figure at its record's line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from budgetcheck import check, load
from budgetcheck.cli import main

from .conftest import FIXTURE
from .same_verdicts import TABLES, figure_lines, verdicts


def as_csv(markdown: str, delimiter: str = ",") -> tuple[str, dict[int, int]]:
    """A Markdown statement as a spreadsheet exports it: the text above each table a record of
    one cell, each table row a record, a blank record between tables. Also: for each Markdown
    line of a table row, the line of its record."""
    lines = markdown.split("\n")
    if lines[0].startswith("<!--"):
        lines = lines[lines.index("-->") + 1:]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    places: dict[int, int] = {}
    written = 0
    skip = len(markdown.split("\n")) - len(lines)
    for number, line in enumerate(lines, skip + 1):
        if line.startswith("|---"):
            continue
        if line.startswith("|"):
            writer.writerow([c.strip() for c in line.strip().strip("|").split("|")])
            written += 1
            places[number] = written
        elif line.strip():
            writer.writerow([line.strip()])
            written += 1
        elif written:
            writer.writerow([])
            written += 1
    return out.getvalue(), places


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_a_real_statement_exported_as_csv_gives_what_its_table_gives(path: Path,
                                                                    tmp_path: Path) -> None:
    french = ".fr." in path.name
    text, places = as_csv(path.read_text(encoding="utf-8"), ";" if french else ",")
    target = tmp_path / (path.stem + ".csv")
    target.write_text(text, encoding="utf-8")
    from_csv, from_table = check(load(target)), check(load(path))
    assert verdicts(from_csv) == verdicts(from_table)
    assert len(from_csv.passed) == len(from_table.passed) > 0
    lines = figure_lines(target)
    assert lines <= set(places.values()) and len(lines) >= 2


def test_a_french_file_with_semicolons_sections_and_a_unit_record(tmp_path: Path) -> None:
    text = ("État des résultats;;\n(en milliers de dollars);;\n;;\n"
            "Renseignements financiers;2025;2024\nCharges;;\nProgramme A;1 234,0;1 100\n"
            "\"Programme B,\nvolet 2\";500;(20)\nTotal des charges;1 734;1 080\n")
    path = tmp_path / "etat.csv"
    path.write_text(text, encoding="utf-8")
    plan = load(path)
    table = plan.tables[0]
    assert plan.plan.language == "fr" and table.scale == 3 and table.title == "État des résultats"
    assert [c.label for c in table.columns] == ["2025", "2024"]
    assert [r.label for r in table.rows] == ["Charges", "Programme A", "Programme B, volet 2",
                                            "Total des charges"]
    assert [r.line for r in table.rows[1:]] == [6, 7, 9]  # a quoted line break: its first line
    assert check(plan).errors == []
    path.write_text(text.replace("1 100", "1 010"), encoding="utf-8")
    assert [(f.code, f.line) for f in check(load(path)).errors] == [("BC107", 9)]


def test_a_csv_file_from_excel_on_windows_is_read_in_its_code_page(tmp_path: Path,
                                                                   capsys) -> None:
    """Excel on Windows saves "CSV (semicolon delimited)" in Windows-1252: "État", "Réel" and the
    no-break space of "1 234" are single bytes. It reads as the UTF-8 file does; a file in
    neither (0x81 is no character of Windows-1252) is refused in one line."""
    text = ("État des résultats;;\n(en milliers de dollars);;\n"
            "Renseignements financiers;Prévu;Réel\nProgramme A;1\u00a0234;1\u00a0100\n"
            "Programme B;500;(20)\nTotal des charges;1\u00a0734;1\u00a0080\n")
    utf8, windows = tmp_path / "utf8.csv", tmp_path / "windows.csv"
    utf8.write_text(text, encoding="utf-8")
    windows.write_bytes(text.encode("cp1252"))
    assert b"\xc9tat" in windows.read_bytes()  # "É" as one byte
    plans = [load(utf8), load(windows)]
    assert plans[0].tables == plans[1].tables and plans[1].tables[0].title == "État des résultats"
    assert check(plans[1]).errors == []
    windows.write_bytes(text.encode("cp1252").replace(b"Programme B", b"Programme \x81"))
    assert main(["check", str(windows)]) == 2
    assert "windows.csv:5: BC901 file is neither UTF-8 nor cp1252 text (byte 0x81" in \
        capsys.readouterr().err


def test_a_tsv_file_and_the_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tsv = tmp_path / "budget.tsv"
    tsv.write_text("Budget (in dollars)\n\t2024\t2023\nRoads\t100\t90\nParks\t50\t40\n"
                   "Total\t150\t130\n", encoding="utf-8")
    assert check(load(tsv)).errors == [] and main(["check", "-q", str(tsv)]) == 0
    words = tmp_path / "words.csv"
    words.write_text("name,colour\nbox,red\n", encoding="utf-8")
    wide = tmp_path / "wide.csv"
    wide.write_text("a,b\n" + "Item," + ",".join(["1"] * 200) + "\n", encoding="utf-8")
    assert main(["check", str(words)]) == 2 and main(["check", str(wide)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "words.csv" in err[0] and "no table" in err[0]
    assert "wide.csv:2" in err[1] and "201 cells" in err[1]


def test_a_file_with_no_table_is_refused_even_with_a_rules_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The rules' claims would be looked for in prose a CSV file does not have: the file is
    refused as having no table, not checked against rules that name nothing in it."""
    words = tmp_path / "words.csv"
    words.write_text("Label,Note\nwords,only\n", encoding="utf-8")
    assert main(["check", str(words), "--rules", str(FIXTURE)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"{words}: BC901 no table with figures"), err
