"""PDF files, through `pdftotext -layout` (poppler), read as text documents."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from budgetcheck import check, load
from budgetcheck.cli import main

from .pdf_docs import lines_page, pdf
from .same_verdicts import REAL, verdicts

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext (poppler-utils) is not installed; .ci/run "
                                       "installs it")


def _statement_page(rows: list[tuple[str, str | None, str | None]]) -> list[tuple[int, int, str]]:
    items = []
    for n, (label, a, b) in enumerate(rows):
        y = 720 - 14 * n
        items += [(72, y, label)] if label else []
        items += [(320, y, a)] if a else []
        items += [(420, y, b)] if b else []
    return items


ROWS = [("Statement of Operations", None, None), ("(in thousands of dollars)", None, None),
        ("", "2025", "2024"), ("Expenses", None, None), ("Salaries", "1,234", "1,100"),
        ("Rent", "500", "(20)"), ("Total expenses", "1,734", "1,080")]


def test_a_statement_in_a_pdf_of_two_pages(tmp_path: Path) -> None:
    """Laid out in columns on the first page, notes on the second; each figure at the line of
    the text `pdftotext -layout` gives (pages one after the other)."""
    path = tmp_path / "ops.pdf"
    notes = [(72, 720, "Notes to the statement"), (72, 706, "Salaries rose with the staff.")]
    path.write_bytes(pdf([_statement_page(ROWS), notes]))
    plan = load(path)
    table = plan.tables[0]
    assert table.scale == 3 and [c.label for c in table.columns] == ["2025", "2024"]
    assert [(r.label, r.line) for r in table.rows][1:] == [("Salaries", 5), ("Rent", 6),
                                                          ("Total expenses", 7)]
    assert check(plan).errors == []
    wrong = [(label, a, "1,010" if b == "1,100" else b) for label, a, b in ROWS]
    path.write_bytes(pdf([_statement_page(wrong), notes]))
    assert [(f.code, f.line) for f in check(load(path)).errors] == [("BC107", 7)]


@pytest.mark.parametrize("name", ["polar-2024-25-future-oriented-operations.en.txt",
                                  "cta-2024-25-future-oriented-operations.en.txt",
                                  "saint-jean-sur-richelieu-2016-budget.fr.txt"])
def test_a_real_statement_printed_to_pdf_gives_what_its_text_gives(name: str,
                                                                   tmp_path: Path) -> None:
    source = REAL / name
    lines = source.read_text(encoding="utf-8").split("\n")
    body = lines[lines.index("-->") + 1:]
    page = lines_page(body)
    path = tmp_path / (source.stem + ".pdf")
    path.write_bytes(pdf([page]))
    from_pdf, from_text = check(load(path)), check(load(source))
    assert verdicts(from_pdf) == verdicts(from_text)
    assert len(from_pdf.passed) == len(from_text.passed) > 0


def test_without_pdftotext_or_not_a_pdf_is_one_line(tmp_path: Path, monkeypatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "fake.pdf"
    fake.write_text("Total 1 2\n", encoding="utf-8")
    real = tmp_path / "ops.pdf"
    real.write_bytes(pdf([_statement_page(ROWS)]))
    assert main(["check", str(fake)]) == 2
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert main(["check", str(real)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "is not a PDF" in err[0]
    assert "poppler-utils" in err[1] and err[1].startswith(str(real))


def test_a_figure_carries_its_page(tmp_path: Path) -> None:
    """Lines run on from page to page; each figure also carries its page ("page 2")."""
    path = tmp_path / "two.pdf"
    wrong = [(label, "1,743" if a == "1,734" else a, b) for label, a, b in ROWS]
    path.write_bytes(pdf([[(72, 720, "Contents")], _statement_page(wrong)]))
    errors = check(load(path)).errors
    assert [(f.code, f.line, f.place) for f in errors] == [("BC107", 8, "page 2")]
    assert {f.place for f in errors[0].figures} == {"page 2"}


#: The real statements a printed page carries whole: the wider ones (the Crown corporations'
#: eighteen columns) run off an A4 page, and New Zealand's and Victoria's put the unit in each
#: column's heading ("Actual 2024 ($000)"), which the text reader does not read yet. B.C.'s
#: prints the prior year's figures left of the labels.
PRINTABLE = ["apsc-2017-18-financial-position.en.md",
             "bc-2004-05-estimated-statement-of-operations.en.md",
             "eccc-2013-financial-position.en.md",
             "eccc-2021-financial-position.en.md", "eccc-2021-financial-position.fr.md",
             "eccc-2022-financial-position.en.md", "phac-2013-14-financial-position.en.md",
             "phac-2013-14-operations.en.md", "scc-2012-13-financial-position.en.md"]


def _printed(page: str, tmp_path: Path, name: str) -> Path:
    """The page printed to PDF by headless Chromium, as a browser's "Save as PDF" does."""
    from .test_html_browser import chromium

    html_file = tmp_path / f"{name}.html"
    html_file.write_text(page, encoding="utf-8")
    out = tmp_path / f"{name}.pdf"
    done = chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={out}",
                    html_file.as_uri())
    assert done.returncode == 0 and out.exists(), done.stderr[-500:]
    return out


@pytest.mark.parametrize("name", PRINTABLE)
def test_a_real_statement_page_printed_by_chromium_gives_what_its_table_gives(
        name: str, tmp_path: Path) -> None:
    """The statement laid out as a page (as the HTML tests lay it out), printed by Chromium:
    its PDF gives the verdicts of the statement's own table, check for check; a figure changed
    in the page is caught at the line of the PDF's text that prints it."""
    from .test_html import as_page

    source = REAL / name
    page, _ = as_page(source.read_text(encoding="utf-8"))
    from_pdf, from_table = check(load(_printed(page, tmp_path, "page"))), check(load(source))
    assert verdicts(from_pdf) == verdicts(from_table)
    assert len(from_pdf.passed) == len(from_table.passed) > 0
    lines = page.split("\n")
    # the first item row's first figure, changed by a digit
    at = next(n for n, x in enumerate(lines) if x.startswith("<td>") and any(c.isdigit() for c in x))
    figure = lines[at][len("<td>"):-len("</td>")]
    changed = figure.replace(next(c for c in figure if c.isdigit()),
                             "9" if next(c for c in figure if c.isdigit()) != "9" else "1", 1)
    lines[at] = f"<td>{changed}</td>"
    wrong = _printed("\n".join(lines), tmp_path, "wrong")
    errors = check(load(wrong)).errors
    text = subprocess.run(["pdftotext", "-layout", str(wrong), "-"], capture_output=True,
                          text=True, check=True).stdout.split("\n")
    assert errors and any(changed in text[n - 1] for f in errors for n in f.lines)
