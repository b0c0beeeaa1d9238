"""Markdown for a pull-request comment: a summary line and a table of findings.

Every string that comes from a plan or a document (its source, titles, labels, the messages that
quote them, file names) is escaped: on one line (`printable`), HTML's three characters as
entities (no raw HTML reaches the page), and Markdown's inline punctuation with a backslash, so
no label can forge a heading, a line, a link, an image or a table cell.
"""

from __future__ import annotations

import re

from budgetcheck.render import RenderOptions
from budgetcheck.report import Report
from budgetcheck.util.oneline import printable

ICONS = {"error": "❌", "warning": "⚠️", "note": "ℹ️"}
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
#: What Markdown reads inside a line (emphasis, code, links, table cells, strikethrough, and
#: "$…$", which GitHub reads as math). Nothing here starts a line, so "#", "-" or "1." cannot
#: start a heading or a list.
_MARKDOWN = re.compile(r"([\\`*_\[\]|~$])")


def _cell(text: str) -> str:
    """Plain text inside a paragraph or a table cell."""
    return _MARKDOWN.sub(r"\\\1", printable(text).translate(_HTML))


def _code(text: str) -> str:
    """Text as a code span: a fence longer than any run of backticks inside it, and the table's
    bar escaped (GitHub splits cells on it even in code)."""
    text = printable(text).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render(reports: list[Report], options: RenderOptions) -> str:
    out = ["## budgetcheck", ""]
    for report in reports:
        s = report.summary
        out.append(f"**{_cell(report.plan_file or report.document)}**: {s.errors} errors, "
                   f"{s.warnings} warnings, {s.notes} notes, {s.passed} checks passed"
                   + (f", {s.accepted} accepted by the baseline" if s.accepted else "")
                   + f" (mode: {report.mode})")
        out.append("")
        shown = [f for f in report.findings if not (options.quiet and f.severity == "note")]
        inferred = [p for p in report.passed if p.inferred]
        if inferred:
            out += ["<details><summary>Inferred relations that hold "
                    f"({len(inferred)})</summary>", ""]
            out += [f"- {_code(f'{report.document}:{p.line}')} {_cell(p.subject)}"
                    for p in inferred]
            out += ["", "</details>", ""]
        if not report.findings and not report.passed and not s.accepted:
            out += ["Nothing to check: no total, relation or claim the checker can verify was "
                    "found.", ""]
            continue
        if not shown:
            out += ["No findings.", ""]
            continue
        out += ["| | Code | Where | Finding |", "|---|---|---|---|"]
        for f in shown:
            where = _code((f"{f.path}:{f.line}" if f.line else f.path)
                          + (f" ({f.place})" if f.place else ""))
            hints = "".join(f"<br>→ {_cell(h)}" for h in f.hints)
            tag = " (inferred)" if f.inferred else ""
            out.append(f"| {ICONS[f.severity]} {f.severity}{tag} | {_cell(f.code)} {_cell(f.name)} "
                       f"| {where} | "
                       f"{_cell(f.message)}{hints} |")
        out.append("")
    return "\n".join(out)
