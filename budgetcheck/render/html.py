"""One self-contained HTML page to put in an audit file (no network, nothing on hover only).

At the top the run: when, which tool, with which settings, and every input with its SHA-256, so
the page says which files it speaks of. Then a legend, filters by severity and rule, and for
each input its summary, its tables (title, unit line and period; the cells a finding names
outlined, the stated figure marked, each linked to its numbered findings) and the findings,
each linked back to its cell. Passed checks are folded away. On paper every finding shows."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from html import escape

from budgetcheck.plan.model import Plan
from budgetcheck.render import RenderOptions
from budgetcheck.render.html_assets import SCRIPT, SEVERITY_LOOK, STYLE, WORDS
from budgetcheck.render.html_tables import cell_ids, marks_of, stated_cell, table_html
from budgetcheck.render.text import LABELS
from budgetcheck.report import Finding, Report
from budgetcheck.util.clock import utc_now
from budgetcheck.util.version import __version__

SEVERITIES = ("error", "warning", "note")


def sha256_of(path: str) -> str | None:
    """The file's SHA-256, read in blocks; None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as file:
            for block in iter(lambda: file.read(1 << 20), b""):
                digest.update(block)
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


def _run_html(reports: list[Report], options: RenderOptions, words: Mapping[str, str]) -> str:
    started = options.started or utc_now()
    settings = "".join(f"<dt>{escape(words.get(key, key))}</dt><dd>{escape(value)}</dd>"
                       for key, value in options.settings.items())
    inputs = []
    seen: set[str] = set()
    for report in reports:
        for role, path in (("plan", report.plan_file), ("document", report.document)):
            if not path or path in seen:
                continue
            seen.add(path)
            digest = sha256_of(path)
            inputs.append(f"<tr><td><code>{escape(path)}</code></td><td>{words[role]}</td>"
                          f"<td><code class=\"sha256\">{digest or words['unreadable']}</code>"
                          "</td></tr>")
    return (f"<section class=\"run\"><h2>{words['run']}</h2><dl class=\"run\">"
            f"<dt>{words['date']}</dt><dd><time>{escape(started)}</time></dd>"
            f"<dt>{words['tool']}</dt><dd>budgetcheck {escape(__version__)}</dd>"
            f"{settings}</dl>"
            f"<h3>{words['inputs']}</h3><table class=\"inputs\"><thead><tr>"
            f"<th>{words['file']}</th><th>{words['role']}</th><th>{words['sha']}</th></tr>"
            f"</thead><tbody>{''.join(inputs)}</tbody></table></section>")


def _legend_html(words: Mapping[str, str], labels: Mapping[str, str]) -> str:
    items = [f"<li class=\"sev-{s}\"><span class=\"icon\">{SEVERITY_LOOK[s][0]}</span> "
             f"{labels[s]}</li>" for s in (*SEVERITIES, "pass")]
    cells = (f"<li class=\"sev-error\"><span class=\"swatch\" style=\"outline:3px solid "
             f"var(--sev);outline-offset:-3px\"></span>{words['stated']}</li>"
             f"<li class=\"sev-error\"><span class=\"swatch\" style=\"outline:2px dashed "
             f"var(--sev);outline-offset:-3px\"></span>{words['named']}</li>"
             f"<li><span class=\"swatch\" style=\"border-bottom:2px dotted #009E73\"></span>"
             f"{words['inferred_cell']}</li>")
    return (f"<section class=\"legend\"><h2>{words['legend']}</h2><ul>{''.join(items)}</ul>"
            f"<ul>{cells}</ul></section>")


def _filters_html(reports: list[Report], words: Mapping[str, str],
                  labels: Mapping[str, str]) -> str:
    boxes = "".join(f"<label class=\"sev-{s}\"><input type=\"checkbox\" value=\"{s}\" checked> "
                    f"<span class=\"icon\">{SEVERITY_LOOK[s][0]}</span> {labels[s]}</label>"
                    for s in SEVERITIES)
    codes = sorted({f.code for r in reports for f in r.findings})
    options = "".join(f"<option value=\"{escape(c)}\">{escape(c)}</option>" for c in codes)
    return (f"<fieldset class=\"filters\"><legend>{words['filters']}</legend>{boxes}"
            f"<select aria-label=\"rule\"><option value=\"\">{words['all_rules']}</option>"
            f"{options}</select></fieldset>")


def _finding_html(number: int, finding: Finding, finding_id: str, cell: str | None,
                  words: Mapping[str, str], labels: Mapping[str, str]) -> str:
    icon = SEVERITY_LOOK[finding.severity][0]
    lines = ",".join(map(str, finding.lines))
    where = f"{escape(finding.path)}:{lines}" if lines else escape(finding.path)
    if finding.place:
        where += f" ({escape(finding.place)})"
    hints = "".join(f"<div class=\"hint\">→ {escape(h)}</div>" for h in finding.hints)
    tag = f" <em class=\"inferred\">{words['inferred']}</em>" if finding.inferred else ""
    link = (f" <a class=\"to-cell\" href=\"#{cell}\">{words['at_cell']} ↗</a>"
            if cell else "")
    return (f"<li id=\"{finding_id}\" value=\"{number}\" class=\"finding sev-{finding.severity}\" "
            f"data-code=\"{escape(finding.code)}\" data-severity=\"{finding.severity}\">"
            f"<span class=\"icon\">{icon}</span> <strong>{labels[finding.severity]}</strong> "
            f"<code>{escape(finding.code)}</code> {escape(finding.name)}{tag} "
            f"<span class=\"where\">{where}</span>{link}<br>{escape(finding.message)}"
            f"{hints}</li>")


def _report_html(number: int, report: Report, plan: Plan | None, words: Mapping[str, str],
                 labels: Mapping[str, str], lang: str) -> str:
    s = report.summary
    badges = "".join(f"<span class=\"badge sev-{sev}\"><span class=\"icon\">"
                     f"{SEVERITY_LOOK[sev][0]}</span> {n} {labels[sev + 's_word']}</span>"
                     for sev, n in (("error", s.errors), ("warning", s.warnings),
                                    ("note", s.notes)))
    extra = "".join(f" · {words[k].format(n=n)}" for k, n in (("accepted", s.accepted),
                                                             ("hidden", s.hidden)) if n)
    out = [f"<section class=\"input\" id=\"input-{number}\">"
           f"<h2>{escape(report.plan_file or report.document)}</h2>"
           f"<p class=\"summary\">{badges}<span class=\"badge sev-pass\"><span class=\"icon\">"
           f"{SEVERITY_LOOK['pass'][0]}</span> {words['passed'].format(n=s.passed)}</span>"
           f"{extra}</p>"]
    finding_ids = {n: f"f{number}-{n}" for n in range(1, len(report.findings) + 1)}
    ids: dict[tuple[str, str, str], str] = {}
    if plan is not None:
        ids = cell_ids(plan, number)
        marks = marks_of(report.findings)
        held = {(p.table, p.row, p.column): p.subject for p in report.passed
                if p.inferred and p.table is not None and p.row is not None
                and p.column is not None}
        out += [table_html(t, plan, marks, ids, finding_ids, held, words, lang)
                for t in plan.tables]
    elif report.findings and report.findings[0].code.startswith("BC9"):
        out.append(f"<p>{words['no_plan']}</p>")
    out.append(f"<h3>{words['findings']}</h3>")
    items = []
    for n, finding in enumerate(report.findings, 1):
        key = stated_cell(finding)
        items.append(_finding_html(n, finding, finding_ids[n], ids.get(key) if key else None,
                                   words, labels))
    out.append(f"<ol class=\"findings\">{''.join(items)}</ol>" if items
               else f"<p>{words['none']}</p>")
    if report.passed:
        passed = "".join(f"<li><code>{escape(p.code)}</code> {escape(p.subject)}"
                         + (f" <em class=\"inferred\">{words['inferred']}</em>" if p.inferred
                            else "") + "</li>" for p in report.passed)
        out.append(f"<details class=\"passed\"><summary>{words['passed'].format(n=len(report.passed))}"
                   f"</summary><ul>{passed}</ul></details>")
    out.append("</section>")
    return "\n".join(out)


def render(reports: list[Report], options: RenderOptions) -> str:
    lang = reports[0].language if reports else "en"
    words = WORDS[lang]
    labels = {**LABELS[lang], **_plural_words(lang), "pass": LABELS[lang]["passed"]}
    body = [f"<h1>{words['title']}</h1>", _run_html(reports, options, words),
            _legend_html(words, labels), _filters_html(reports, words, labels)]
    for number, report in enumerate(reports, 1):
        plan = options.plans.get(report.plan_file) if report.plan_file else None
        body.append(_report_html(number, report, plan if isinstance(plan, Plan) else None,
                                 words, labels, lang))
    return (f"<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width\">"
            f"<meta name=\"generator\" content=\"budgetcheck {__version__}\">"
            f"<title>{words['title']}</title><style>{STYLE}</style>"
            f"<script>{SCRIPT}</script></head>\n<body>\n" + "\n".join(body) + "\n</body></html>\n")


def _plural_words(lang: str) -> dict[str, str]:
    """"errors", "warnings", "notes" in the language, for the summary's badges."""
    from budgetcheck.render.text import PLURALS

    return {f"{s}s_word": PLURALS[lang][s][1] for s in SEVERITIES}
