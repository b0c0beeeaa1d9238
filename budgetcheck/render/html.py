"""One self-contained HTML file (no network): the plan's tables drawn as printed, the cells of
every finding highlighted by severity, the finding on hover and in a list, a summary on top."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from html import escape

from budgetcheck.plan.model import Plan, Table
from budgetcheck.render import RenderOptions
from budgetcheck.report import SEVERITY_ORDER, Finding, Report
from budgetcheck.util.version import __version__

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d2433;max-width:70rem}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
.summary span{display:inline-block;margin-right:1rem;padding:.2rem .6rem;border-radius:4px}
table.plan{border-collapse:collapse;margin:.5rem 0 1rem}
table.plan td,table.plan th{border:1px solid #c9ced6;padding:.25rem .6rem}
table.plan td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.total td,tr.subtotal td{font-weight:600}
.sev-error{background:#f8d0d0}.sev-warning{background:#fbe7b5}.sev-note{background:#d6e8fa}
td.inferred{border-bottom:2px dotted #4a8a4a}em.inferred{color:#4a6a4a}
td.primary{outline:2px solid #1d2433;outline-offset:-2px}
li.finding{margin:.3rem 0}li.finding code{font-size:.9em}
.hint{color:#50596b;margin-left:1.2rem}
"""

SCRIPT = """
document.addEventListener('DOMContentLoaded', function () {
  var cells = document.querySelectorAll('td.flagged');
  var counts = {error: 0, warning: 0, note: 0};
  cells.forEach(function (td) {
    ['error', 'warning', 'note'].forEach(function (s) {
      if (td.classList.contains('sev-' + s)) { counts[s] += 1; }
    });
  });
  document.body.dataset.highlighted = cells.length;
  document.body.dataset.highlightedErrors = counts.error;
  document.body.dataset.highlightedWarnings = counts.warning;
  document.body.dataset.highlightedNotes = counts.note;
  var first = document.querySelector('td.flagged');
  if (first) { document.body.dataset.flaggedBackground = getComputedStyle(first).backgroundColor; }
});
"""

WORDS = {
    "en": {"title": "budgetcheck report", "errors": "errors", "warnings": "warnings",
           "notes": "notes", "passed": "checks passed", "findings": "Findings",
           "none": "No findings.", "table": "Table"},
    "fr": {"title": "Rapport budgetcheck", "errors": "erreurs", "warnings": "avertissements",
           "notes": "remarques", "passed": "vérifications réussies", "findings": "Constats",
           "none": "Aucun constat.", "table": "Tableau"},
}


def _cells_of(finding: Finding) -> list[tuple[str, str, str, bool]]:
    cells = []
    if finding.table and finding.row and finding.column:
        cells.append((finding.table, finding.row, finding.column, True))
    for figure in finding.figures:
        if figure.table and figure.row and figure.column:
            cells.append((figure.table, figure.row, figure.column, False))
    return cells


def _table_html(table: Table, marks: Mapping[tuple[str, str, str], list[tuple[Finding, bool]]], words: dict[str, str],
                inferred: dict[tuple[str, str, str], str]) -> str:
    title = f"{words['table']} {table.number} — {table.title}" if table.number else table.title
    head = "".join(f"<th>{escape(c.label)}</th>" for c in table.columns)
    rows = []
    for row in table.rows:
        markers = escape("".join(row.markers))
        tds = [f"<td>{escape(row.label)}{markers}</td>"]
        for column in table.columns:
            cell = row.cells.get(column.key)
            found = marks.get((table.id, row.key, column.key), [])
            classes = ["num"]
            tip = ""
            if found:
                worst = max(found, key=lambda item: SEVERITY_ORDER[item[0].severity])[0]
                classes += ["flagged", f"sev-{worst.severity}"]
                if any(primary for _, primary in found):
                    classes.append("primary")
                tip = " title=\"" + escape("\n".join(f"{f.code} {f.severity}: {f.message}"
                                                     for f, _ in found)) + "\""
            relation = inferred.get((table.id, row.key, column.key))
            if relation and not found:
                classes.append("inferred")
                tip = f" title=\"{escape(relation)}\""
            text = escape(cell.text) if cell else ""
            line = f" data-line=\"{cell.line}\"" if cell and cell.line else ""
            tds.append(f"<td class=\"{' '.join(classes)}\"{tip}{line} "
                       f"data-cell=\"{table.id}.{row.key}.{column.key}\">{text}</td>")
        rows.append(f"<tr class=\"{row.role}\">{''.join(tds)}</tr>")
    return (f"<h2 id=\"{escape(table.id)}\">{escape(title)}</h2>\n<table class=\"plan\">"
            f"<thead><tr><th></th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _finding_html(f: Finding) -> str:
    where = f"{escape(f.path)}:{','.join(map(str, f.lines))}" + (
        f" ({escape(f.place)})" if f.place else "")
    hints = "".join(f"<div class=\"hint\">→ {escape(h)}</div>" for h in f.hints)
    tag = " <em class=\"inferred\">inferred</em>" if f.inferred else ""
    return (f"<li class=\"finding sev-{f.severity}\" data-code=\"{escape(f.code)}\">"
            f"<code>{escape(f.code)}</code> "
            f"<strong>{f.severity}</strong>{tag} <code>{where}</code> {escape(f.message)}"
            f"{hints}</li>")


def render(reports: list[Report], options: RenderOptions) -> str:
    plans = options.plans
    lang = reports[0].language if reports else "en"
    words = WORDS[lang]
    body = [f"<h1>{words['title']}</h1>"]
    for report in reports:
        plan = plans.get(report.plan_file) if report.plan_file else None
        s = report.summary
        body.append(
            f"<p class=\"summary\"><strong>{escape(report.plan_file or report.document)}</strong>"
            f" <span class=\"sev-error\">{s.errors} {words['errors']}</span>"
            f"<span class=\"sev-warning\">{s.warnings} {words['warnings']}</span>"
            f"<span class=\"sev-note\">{s.notes} {words['notes']}</span>"
            f"<span>{s.passed} {words['passed']}</span> — mode {escape(report.mode)}</p>")
        marks: dict[tuple[str, str, str], list[tuple[Finding, bool]]] = defaultdict(list)
        for finding in report.findings:
            for table, row, column, primary in _cells_of(finding):
                marks[(table, row, column)].append((finding, primary))
        if isinstance(plan, Plan):
            held = {(p.table, p.row, p.column): p.subject for p in report.passed
                    if p.inferred and p.table and p.row and p.column}
            body += [_table_html(t, marks, words, held) for t in plan.tables]
        body.append(f"<h2>{words['findings']}</h2>")
        items = [_finding_html(f) for f in report.findings]
        body.append(f"<ol class=\"findings\">{''.join(items)}</ol>" if items
                    else f"<p>{words['none']}</p>")
    return (f"<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"generator\" content=\"budgetcheck {__version__}\">"
            f"<title>{words['title']}</title><style>{STYLE}</style>"
            f"<script>{SCRIPT}</script></head>\n<body>\n" + "\n".join(body) + "\n</body></html>\n")
