"""Markdown for a pull-request comment: a summary line and a table of findings."""

from __future__ import annotations

from ..oneline import printable
from ..report import Report

ICONS = {"error": "❌", "warning": "⚠️", "note": "ℹ️"}


def _cell(text: str) -> str:
    return printable(text).replace("|", "\\|")


def render(reports: list[Report], options: dict[str, object]) -> str:
    out = ["## budgetcheck", ""]
    for report in reports:
        s = report.summary
        out.append(f"**{report.plan_file or report.document}**: {s.errors} errors, "
                   f"{s.warnings} warnings, {s.notes} notes, {s.passed} checks passed "
                   f"(mode: {report.mode})")
        out.append("")
        shown = [f for f in report.findings if not (options.get("quiet") and f.severity == "note")]
        inferred = [p for p in report.passed if p.inferred]
        if inferred:
            out += ["<details><summary>Inferred relations that hold "
                    f"({len(inferred)})</summary>", ""]
            out += [f"- `{report.document}:{p.line}` {_cell(p.subject)}" for p in inferred]
            out += ["", "</details>", ""]
        if not shown:
            out += ["No findings.", ""]
            continue
        out += ["| | Code | Where | Finding |", "|---|---|---|---|"]
        for f in shown:
            where = f"`{f.path}:{f.line}`" if f.line else f"`{f.path}`"
            hints = "".join(f"<br>→ {_cell(h)}" for h in f.hints)
            tag = " (inferred)" if f.inferred else ""
            out.append(f"| {ICONS[f.severity]} {f.severity}{tag} | {f.code} {f.name} | {where} | "
                       f"{_cell(f.message)}{hints} |")
        out.append("")
    return "\n".join(out)
