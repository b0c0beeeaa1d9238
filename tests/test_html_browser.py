"""The HTML audit report is one self-contained file; a real headless Chromium renders it, prints
it to PDF, and the PDF's text (poppler's pdftotext) holds every finding."""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess

import pytest

from budgetcheck.cli import main

from .conftest import ROOT
from .test_cli import bad_plan

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]


def html_report(tmp_path, *args, name="report.html"):
    out = tmp_path / name
    main(["check", "--format", "html", "-o", str(out), *args])
    return out


def json_report(capsys, *args):
    capsys.readouterr()
    main(["check", "--format", "json", *args])
    return json.loads(capsys.readouterr().out)


def test_html_is_self_contained(tmp_path):
    text = html_report(tmp_path).read_text(encoding="utf-8")
    assert not re.search(r"(src|href)=\"https?://", text) and "@import" not in text
    assert text.count("<table class=\"plan\">") == 5
    assert text.count("class=\"finding ") == 14


def test_the_run_is_recorded_with_every_input_and_its_digest(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    plan = bad_plan(tmp_path)
    text = html_report(tmp_path, "--lang", "en", "--mode", "strict", str(plan)).read_text(
        encoding="utf-8")
    assert re.search(r"<dt>Checked on \(UTC\)</dt><dd><time>\d{4}-\d\d-\d\dT", text)
    assert "<dt>mode</dt><dd>strict</dd>" in text and "budgetcheck 0." in text
    for path in (plan, ROOT / "seeds/scale-ai-plan-directeur-2023-2024.fr.txt"):
        assert hashlib.sha256(path.read_bytes()).hexdigest() in text
    # every table with its unit line and period
    assert text.count("<p class=\"unit-line\">") == 5
    assert "(in dollars, or in the unit each figure is printed with) · fiscal year 2023-2024" \
        in text


def test_only_the_cells_a_finding_names_are_marked(tmp_path, capsys):
    plan = bad_plan(tmp_path)
    data = json_report(capsys, "--lang", "en", str(plan))
    text = html_report(tmp_path, "--lang", "en", str(plan)).read_text(encoding="utf-8")
    stated = {(f["table"], f["row"], f["column"]) for f in data["findings"]
              if f["table"] and f["row"] and f["column"]}
    named = {(g["table"], g["row"], g["column"]) for f in data["findings"] for g in f["figures"]
             if g.get("table") and g.get("row") and g.get("column")} - stated
    cells = {key: classes for classes, key in
             re.findall(r'<td id="[^"]+" class="([^"]*)"[^>]*data-cell="([^"]+)"', text)}
    marked_stated = {k for k, c in cells.items() if " stated " in f" {c} "}
    marked_named = {k for k, c in cells.items() if " named " in f" {c} "}
    assert marked_stated == {".".join(k) for k in stated}
    assert marked_named == {".".join(k) for k in named}
    # Table 5 is not tinted whole: its stated totals are, the rest are outlined or plain
    table5 = [k for k in cells if k.startswith("t5.")]
    assert 0 < len([k for k in table5 if k in marked_stated]) < len(table5) / 2


def chromium(tmp_path, *args):
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (.ci/run installs it)")
    profile = tmp_path / "profile"
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)


def test_chromium_draws_findings_linked_to_their_cells_both_ways(tmp_path, capsys):
    plan = bad_plan(tmp_path)
    data = json_report(capsys, "--lang", "en", str(plan))
    page = html_report(tmp_path, "--lang", "en", str(plan))
    dom = chromium(tmp_path, "--virtual-time-budget=3000", "--dump-dom", page.as_uri()).stdout
    body = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', re.search(r"<body([^>]*)>", dom).group(1)))
    assert body["ready"] == "yes" and int(body["visible-findings"]) == len(data["findings"])
    cell = re.search(r'<td id="([^"]+)" class="([^"]*)"[^>]*data-cell="t3.total.depenses"'
                     r'[^>]*>96,4 M\$<sup class="refs">(.*?)</sup></td>', dom)
    assert {"stated", "sev-error"} <= set(cell.group(2).split())
    findings = dict(re.findall(r'<li id="([^"]+)"[^>]*class="finding [^"]*"[^>]*>(.*?)</li>', dom))
    assert len(findings) == len(data["findings"])
    ids = list(findings)
    for target in re.findall(r'href="#([^"]+)"', cell.group(3)):  # the cell's findings name it
        finding = data["findings"][ids.index(target)]
        assert ("t3", "total", "depenses") in [(finding["table"], finding["row"], finding["column"])] + \
            [(g.get("table"), g.get("row"), g.get("column")) for g in finding["figures"]]
    for finding_id, item in findings.items():  # every link to a cell links back
        for cell_id in re.findall(r'class="to-cell" href="#([^"]+)"', item):
            td = re.search(rf'<td id="{cell_id}"[^>]*>.*?</td>', dom).group(0)
            assert f'href="#{finding_id}"' in td
    # the legend, and severity as icon and word as well as colour
    assert "Legend" in dom and dom.count('<span class="icon">✖</span> <strong>error</strong>') == \
        sum(1 for f in data["findings"] if f["severity"] == "error")


@pytest.mark.parametrize("hash_, wanted", [("severity=error", {"error"}),
                                           ("severity=warning,note", {"warning", "note"}),
                                           ("rule=BC103", None)])
def test_the_filters_hide_what_is_not_asked_for(tmp_path, capsys, hash_, wanted):
    plan = bad_plan(tmp_path)
    data = json_report(capsys, "--lang", "en", str(plan))
    page = html_report(tmp_path, "--lang", "en", str(plan))
    dom = chromium(tmp_path, "--virtual-time-budget=3000", "--dump-dom",
                   page.as_uri() + "#" + hash_).stdout
    expected = [f for f in data["findings"]
                if (f["severity"] in wanted if wanted else f["code"] == "BC103")]
    visible = re.findall(r'<li id="[^"]+" value="\d+" class="finding [^"]*" data-code="([^"]+)" '
                         r'data-severity="([^"]+)">', dom)
    assert len(visible) == len(expected) > 0
    assert dom.count("hidden=\"\"") == len(data["findings"]) - len(expected)


def test_a_screenshot_and_a_printed_pdf_hold_every_finding(tmp_path, capsys):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (.ci/run installs poppler-utils)")
    plan = bad_plan(tmp_path)
    data = json_report(capsys, "--lang", "en", str(plan))
    page = html_report(tmp_path, "--lang", "en", str(plan))
    shot = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1300,2600", page.as_uri())
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 50_000
    # printed with the screen's filters set to errors only: paper still shows every finding
    pdf = tmp_path / "report.pdf"
    chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
             "--virtual-time-budget=3000", page.as_uri() + "#severity=error")
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.split())
    for finding in data["findings"]:
        assert " ".join(finding["message"].split()) in flat, finding["message"]
        for hint in finding["hints"]:
            assert " ".join(hint.split()) in flat


def test_the_french_report_is_french_throughout(tmp_path):
    text = html_report(tmp_path, "--lang", "fr").read_text(encoding="utf-8")
    assert '<html lang="fr">' in text and "Rapport d’audit budgetcheck" in text
    assert "Légende" in text and "Constats" in text and "Fichiers vérifiés" in text
    assert "(en dollars, ou dans l’unité imprimée avec chaque chiffre) · exercice 2023-2024" \
        in text
    items = re.findall(r'<li id="[^"]+"[^>]*class="finding [^"]*".*?</li>', text)
    assert items and all(re.search(r"<strong>(avertissement|remarque|erreur)</strong>", i)
                         for i in items)
    assert not re.search(r"<strong>(warning|note|error)</strong>", text)
    assert "Tableau 5 — " in text


def test_every_string_from_the_plan_is_escaped(tmp_path):
    hostile = '<img src=x onerror=alert(1)>"\''
    source = (ROOT / "fixtures/scale-ai-2023-2024.toml").read_text(encoding="utf-8")
    plan = tmp_path / "hostile.toml"
    plan.write_text(source.replace('label = "Total"', f'label = {json.dumps(hostile)}', 1)
                    .replace('depenses = "94,6 M$"', 'depenses = "96,4 M$"'),
                    encoding="utf-8")
    text = html_report(tmp_path, str(plan)).read_text(encoding="utf-8")
    assert "<img" not in text and html.escape(hostile) in text
