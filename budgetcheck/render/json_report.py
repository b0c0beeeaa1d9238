"""The JSON contract (version 1): amounts as exact decimal strings, null where a field does not
apply. Other tools parse this; change it only by adding fields or by bumping `version`."""

from __future__ import annotations

from typing import Any

from budgetcheck.render import RenderOptions
from budgetcheck.report import FigureRef, Finding, Passed, Report, Summary
from budgetcheck.util.jsontext import json_text
from budgetcheck.util.version import __version__

FIELDS = ("code", "name", "severity", "message", "path", "line", "lines", "table", "row", "column",
          "place", "stated", "computed", "difference", "allowed", "hints")


def figure_dict(figure: FigureRef) -> dict[str, Any]:
    """A figure as JSON gives it: its place ("Budget!C12") only where a workbook or a PDF
    gives one."""
    data = figure._asdict()
    if data["place"] is None:
        del data["place"]
    return data


def finding_dict(finding: Finding) -> dict[str, Any]:
    data = {name: getattr(finding, name) for name in FIELDS}
    data["allowed"] = list(finding.allowed) if finding.allowed else None
    data["relation"] = finding.relation
    data["inferred"] = finding.inferred
    data["figures"] = [figure_dict(f) for f in finding.figures]
    return data


def inferred_dict(item: Finding | Passed, document: str) -> dict[str, Any]:
    """A relation the checker inferred, with its verdict ("pass" when it held)."""
    return {"code": item.code, "verdict": getattr(item, "severity", "pass"),
            "path": getattr(item, "path", document), "line": item.line, "lines": item.lines,
            "table": getattr(item, "table", None), "row": getattr(item, "row", None),
            "column": getattr(item, "column", None), "relation": item.relation,
            "subject": item.subject}


def document(reports: list[Report], options: RenderOptions) -> dict[str, Any]:
    totals = dict.fromkeys(Summary.model_fields, 0)
    for report in reports:
        for key, value in report.summary.model_dump().items():
            totals[key] += value
    return {
        "version": 1,
        "tool": {"name": "budgetcheck", "version": __version__},
        "mode": reports[0].mode if reports else options.mode,
        "inputs": [{"plan": r.plan_file, "document": r.document, "language": r.language}
                   for r in reports],
        "summary": totals,
        "findings": [finding_dict(f) for r in reports for f in r.findings],
        "inferred": [inferred_dict(x, r.document) for r in reports for x in r.inferred],
        **({"passed": [p.model_dump() for r in reports for p in r.passed]}
           if options.verbose else {}),
    }


def render(reports: list[Report], options: RenderOptions) -> str:
    return json_text(document(reports, options))
