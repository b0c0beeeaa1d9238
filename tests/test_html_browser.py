"""The HTML report is one self-contained file; a real headless Chromium renders it."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from budgetcheck.cli import main

from .test_cli import bad_plan

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]


def html_report(tmp_path, *args):
    out = tmp_path / "report.html"
    main(["check", "--format", "html", "-o", str(out), *args])
    return out


def test_html_is_self_contained(tmp_path):
    text = html_report(tmp_path).read_text(encoding="utf-8")
    assert not re.search(r"(src|href)=\"https?://", text) and "@import" not in text
    assert text.count("<table class=\"plan\">") == 5
    assert text.count("class=\"finding ") == 14


def chromium(tmp_path, *args):
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (.ci/run installs it)")
    profile = tmp_path / "profile"
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)


def test_chromium_renders_the_highlighted_cells(tmp_path):
    page = html_report(tmp_path, "--lang", "en", str(bad_plan(tmp_path)))
    dom = chromium(tmp_path, "--virtual-time-budget=3000", "--dump-dom", page.as_uri()).stdout
    body = re.search(r"<body([^>]*)>", dom).group(1)
    attrs = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', body))
    # Errors on table 3's total and rows, notes and warnings elsewhere, all drawn by the browser.
    assert int(attrs["highlighted-errors"]) >= 1
    assert int(attrs["highlighted-notes"]) >= 7
    assert int(attrs["highlighted"]) >= int(attrs["highlighted-errors"]) + 7
    assert attrs["flagged-background"].startswith("rgb(")  # the CSS really applied
    cell = re.search(r'<td class="([^"]*)"[^>]*data-cell="t3.total.depenses"', dom)
    assert "sev-error" in cell.group(1) and "primary" in cell.group(1)
    assert re.search(r'data-cell="t3.total.depenses"[^>]*>96,4 M\$</td>', dom)

    shot = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,2400", page.as_uri())
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000
