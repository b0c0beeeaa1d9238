"""HTML pages: every table read as a statement, each figure at the line its cell starts on."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from budgetcheck import check, load
from budgetcheck.cli import main

from .same_verdicts import REAL, TABLES, figure_lines, verdicts


def as_page(markdown: str) -> tuple[str, dict[tuple[int, int], int]]:
    """A Markdown statement laid out as a page: each line of text a `<p>` (the source comment
    left out), each table with its headings in `<thead>`, the first cell of a row a
    `<th scope="row">`, each cell on its own line. Also: for each (Markdown line, cell), the
    line of the page its cell starts on."""
    lines = markdown.split("\n")
    if lines[0].startswith("<!--"):
        lines = [""] * (lines.index("-->") + 1) + lines[lines.index("-->") + 1:]
    out = ["<!DOCTYPE html>", "<html lang=\"en\"><body>", "<main>"]
    places: dict[tuple[int, int], int] = {}
    number = 0
    while number < len(lines):
        line = lines[number]
        if line.startswith("|") and number + 1 < len(lines) and lines[number + 1].startswith("|---"):
            out += ["<table class=\"table\">", "<thead>", "<tr>"]
            out += [f"<th scope=\"col\">{html.escape(c.strip())}</th>"
                    for c in line.strip().strip("|").split("|")]
            out += ["</tr>", "</thead>", "<tbody>"]
            number += 2
            while number < len(lines) and lines[number].startswith("|"):
                cells = [c.strip() for c in lines[number].strip().strip("|").split("|")]
                out.append("<tr>")
                for k, cell in enumerate(cells):
                    tag = "th scope=\"row\"" if k == 0 else "td"
                    out.append(f"<{tag}>{html.escape(cell)}</{tag.split()[0]}>")
                    places[(number + 1, k)] = len(out)
                out.append("</tr>")
                number += 1
            out += ["</tbody>", "</table>"]
            continue
        if line.strip():
            out.append(f"<p>{html.escape(line.strip())}</p>")
        number += 1
    out += ["</main>", "</body></html>"]
    return "\n".join(out) + "\n", places


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_a_real_statement_laid_out_as_a_page_gives_what_its_table_gives(path: Path,
                                                                       tmp_path: Path) -> None:
    page, places = as_page(path.read_text(encoding="utf-8"))
    target = tmp_path / (path.stem + ".html")
    target.write_text(page, encoding="utf-8")
    from_page, from_table = check(load(target)), check(load(path))
    assert verdicts(from_page) == verdicts(from_table)
    assert len(from_page.passed) == len(from_table.passed) > 0
    # every figure is at the line of its own cell in the page
    page_lines = figure_lines(target)
    assert page_lines <= set(places.values()) and len(page_lines) >= 6


def test_a_figure_changed_in_the_page_is_caught_at_its_cell(tmp_path: Path) -> None:
    source = REAL / "eccc-2021-financial-position.en.md"
    page, places = as_page(source.read_text(encoding="utf-8"))
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert check(load(path)).errors == []
    lines = page.split("\n")
    number = next(n for n, x in enumerate(lines, 1) if x == "<td>66,652</td>")
    lines[number - 1] = "<td>66,625</td>"
    path.write_text("\n".join(lines), encoding="utf-8")
    errors = check(load(path)).errors
    assert errors and all(number in f.lines for f in errors)


PAGE = """<!DOCTYPE html>
<html lang="fr">
<head><title>État</title><script>var t = "<table><td>9</td></table>";</script>
<style>td { color: red }</style></head>
<body>
<h2>État des résultats prospectif</h2>
<p>Pour l’exercice se terminant le 31&nbsp;mars</p>
<p>(en milliers de dollars)</p>
<table>
<thead>
<tr><th rowspan="2">Renseignements financiers</th><th colspan="2">2024&#8209;2025</th></tr>
<tr><th>Prévu</th><th>Réel</th></tr>
</thead>
<tbody>
<tr><td colspan="3"><strong>Charges</strong></td></tr>
<tr><th scope="row">Programme A<sup><a href="#fn1"><span class="wb-inv">Note de bas de page </span>1</a></sup></th>
<td>1&#8239;234&nbsp;$</td><td>1 100 $</td></tr>
<tr><th scope="row">Programme <abbr title="B">B</abbr></th><td>500</td><td>(20)</td></tr>
<tr><th scope="row">Total des charges</th><td>1 734 $</td><td>1 080 $</td></tr>
</tbody>
</table>
<p>Les charges totales s’élèvent à 1 734 000 $, dont 1 234 000 $ pour le programme A et
500 000 $ pour le programme B.</p>
</body>
</html>
"""


def test_a_page_of_spans_markup_entities_and_hidden_text(tmp_path: Path) -> None:
    """Headings over two rows (a colspan over "Prévu" and "Réel", a rowspan beside them), a
    section heading across the row, inline markup, a footnote marker and screen-reader words
    left out, `&nbsp;` and `&#8239;` as digit group spaces, the unit above the table, and the
    sentence below it read for its claim."""
    path = tmp_path / "etat.html"
    path.write_text(PAGE, encoding="utf-8")
    plan = load(path)
    table = plan.tables[0]
    assert plan.plan.language == "fr" and table.scale == 3
    assert table.title == "État des résultats prospectif"
    assert [c.label for c in table.columns] == ["2024‑2025 Prévu", "2024‑2025 Réel"]
    assert [r.label for r in table.rows] == ["Charges", "Programme A", "Programme B",
                                            "Total des charges"]
    assert [c.text for c in table.rows[1].cells.values()] == ["1 234 $", "1 100 $"]
    assert [c.line for c in table.rows[1].cells.values()] == [17, 17]
    report = check(plan)
    assert report.errors == [] and sum(1 for p in report.passed if p.code == "BC107") == 2
    assert plan.claims and plan.claims[0].lines[0] == 22  # the sentence under the table
    path.write_text(PAGE.replace("<td>500</td>", "<td>50</td>"), encoding="utf-8")
    errors = check(load(path)).errors  # the total, and the sentence's sum, at that cell
    assert {f.code for f in errors} >= {"BC107"} and all(18 in f.lines for f in errors
                                                         if f.code == "BC107")


def test_a_page_with_no_table_and_no_claim_and_a_row_too_wide_are_refused(tmp_path, capsys):
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><p>Nothing to see.</p></body></html>", encoding="utf-8")
    wide = tmp_path / "wide.html"
    wide.write_text("<table>\n<tr><td>Item</td>" + "<td>1</td>" * 200 + "</tr>\n</table>",
                    encoding="utf-8")
    assert main(["check", str(empty)]) == 2
    assert main(["check", str(wide)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "empty.html" in err[0] and "no table" in err[0]
    assert "wide.html:2" in err[1] and "cells" in err[1]


def test_malformed_html_is_read_as_far_as_it_goes(tmp_path: Path) -> None:
    """Unclosed cells and rows, a table left open, stray end tags: read, never a traceback."""
    text = ("<p>Budget (in dollars)</p><table><tr><th></th><th>2024<th>2023</tr>"
            "<tr><td>Roads<td>100<td>90</div><tr><td>Parks<td>50<td>40</span>"
            "<tr><td>Total<td>150<td>130")
    path = tmp_path / "broken.html"
    path.write_text(text, encoding="utf-8")
    report = check(load(path))
    assert report.errors == [] and sum(1 for p in report.passed if p.code == "BC107") == 2


def test_a_marker_or_a_head_left_open_hides_no_more_than_itself(tmp_path: Path) -> None:
    """"<td>Roads<sup>1</td>": the footnote marker ends with its cell; a `<head>` never
    closed ends where the body starts."""
    text = ("<html><head><title>Budget</title>\n<body><p>Budget (in dollars)</p>\n<table>\n"
            "<tr><th></th><th>2024</th><th>2023</th></tr>\n"
            "<tr><td>Roads<sup>1</td><td>100</td><td>90</td></tr>\n"
            "<tr><td>Parks</td><td>50<span class=\"wb-inv\"> dollars</td><td>40</td></tr>\n"
            "<tr><td>Total</td><td>150</td><td>130</td></tr>\n</table></body></html>\n")
    path = tmp_path / "open.html"
    path.write_text(text, encoding="utf-8")
    table = load(path).tables[0]
    assert [r.label for r in table.rows] == ["Roads", "Parks", "Total"]
    assert [c.text for c in table.rows[1].cells.values()] == ["50", "40"]
    assert check(load(path)).errors == []


def test_each_table_takes_its_title_from_the_text_above_it_only(tmp_path: Path) -> None:
    text = ("<h2>Statement of operations</h2>\n<p>(in dollars)</p>\n<table>\n"
            "<tr><th></th><th>2024</th></tr>\n<tr><td>Roads</td><td>100</td></tr>\n"
            "<tr><td>Parks</td><td>50</td></tr>\n<tr><td>Total</td><td>150</td></tr>\n"
            "</table>\n<table>\n<tr><th></th><th>2024</th></tr>\n"
            "<tr><td>Clerks</td><td>3</td></tr>\n<tr><td>Total</td><td>3</td></tr>\n</table>\n")
    path = tmp_path / "two.html"
    path.write_text(text, encoding="utf-8")
    tables = load(path).tables
    assert [t.title for t in tables] == ["Statement of operations", "Table"]
    assert check(load(path)).errors == []


def test_a_finding_on_a_page_points_at_its_cell_in_the_source(tmp_path: Path, capsys) -> None:
    """SARIF's region and GitHub's annotation give the columns of the figure in the page's
    source, where the cell writes it with entities ("1&nbsp;734&nbsp;$" is "1 734 $")."""
    import json

    from budgetcheck.cli import main

    total = "<td>1&nbsp;734&nbsp;$</td>"
    page = PAGE.replace("<td>1 734 $</td>", total).replace("<td>500</td>", "<td>50</td>")
    path = tmp_path / "etat.html"
    path.write_text(page, encoding="utf-8")
    line = next(n for n, text in enumerate(page.split("\n"), 1) if total in text)
    source = page.split("\n")[line - 1]
    start = source.index(total) + len("<td>") + 1
    end = source.index(total) + len(total) - len("</td>") + 1
    assert main(["check", "--format", "sarif", str(path)]) == 1
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    at_total = [r["locations"][0]["physicalLocation"]["region"] for r in results
                if r["ruleId"] == "BC107"]
    assert {"startLine": line, "endLine": line, "startColumn": start,
            "endColumn": end} in at_total
    assert main(["check", "--format", "github", str(path)]) == 1
    annotations = capsys.readouterr().out.splitlines()
    assert any(f"line={line},col={start},endColumn={end - 1}," in a for a in annotations)
