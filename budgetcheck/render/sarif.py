"""SARIF 2.1.0 for GitHub code scanning: rule metadata from the catalogue, one result a finding."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from budgetcheck.render import RenderOptions
from budgetcheck.render.locations import DocumentLines, columns_of
from budgetcheck.report import Finding, Report
from budgetcheck.rules.catalogue import load_builtin_rules
from budgetcheck.rules.registry import REGISTRY
from budgetcheck.util.clock import utc_now
from budgetcheck.util.jsontext import json_text
from budgetcheck.util.version import __version__

LEVELS = {"error": "error", "warning": "warning", "note": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rule(code: str, lang: str) -> dict[str, Any]:
    """A rule's metadata, its texts in the report's language (code scanning shows them)."""
    from budgetcheck.rules.catalogue import doc_in, summary_in

    rule = REGISTRY[code]
    doc = doc_in(rule, lang)
    return {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": summary_in(rule, lang)},
        "fullDescription": {"text": doc},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
    }


def fingerprint(finding: Finding) -> str:
    """Stable across runs and line moves: the finding's identity, not its position."""
    return hashlib.sha256("\x1f".join(finding.key).encode()).hexdigest()[:32]


def _uri(path: str) -> str:
    """A relative URI reference, from the folder the check ran in (the repository, in CI):
    no absolute local path goes into a report that is uploaded; characters a URI cannot hold
    (a space) are percent-encoded."""
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.resolve().relative_to(Path.cwd().resolve())
        except ValueError:  # outside it (an installed package's file): relative all the same
            candidate = Path(os.path.relpath(candidate.resolve(), Path.cwd().resolve()))
    return quote(candidate.as_posix(), safe="/")


def _cell(place: str) -> dict[str, str]:
    """A workbook cell ("Budget!C12") as SARIF's logical location of a result."""
    return {"fullyQualifiedName": place, "name": place.rsplit("!", 1)[-1], "kind": "resource"}


def _result(finding: Finding, index: dict[str, int], documents: DocumentLines) -> dict[str, Any]:
    start = finding.line or 1
    first_col, last_col = columns_of(finding, documents)
    region = {"startLine": start, "endLine": start, "startColumn": first_col,
              "endColumn": last_col}
    # Every figure of a finding was printed in its document: one artifact, resolved once (a
    # note on a column names 200 figures), and against the same base as the main location.
    artifact = {"uri": _uri(finding.path), "uriBaseId": "%SRCROOT%"}
    related = [{"id": i, "message": {"text": f"{f.ident} = {f.text}"},
                "physicalLocation": {"artifactLocation": artifact,
                                     "region": {"startLine": f.line}},
                **({"logicalLocations": [_cell(f.place)]} if f.place else {})}
               for i, f in enumerate(finding.figures) if f.line]
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message + "".join(f"\n→ {h}" for h in finding.hints)},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region},
                       **({"logicalLocations": [_cell(finding.place)]} if finding.place
                          else {})}],
        "partialFingerprints": {"budgetcheck/v1": fingerprint(finding)},
        "properties": {"table": finding.table, "row": finding.row, "column": finding.column,
                       "stated": finding.stated, "computed": finding.computed,
                       "allowed": list(finding.allowed) if finding.allowed else None,
                       "inferred": finding.inferred, "relation": finding.relation},
    }
    if related:
        result["relatedLocations"] = related
    return result


#: GitHub code scanning shows the first 5 000 results of a run and refuses more than 25 000:
#: beyond this many, the most severe are kept and a notification counts the others.
MAX_RESULTS = 5_000


def _kept(findings: list[Finding]) -> list[Finding]:
    """At most `MAX_RESULTS` findings, the most severe first, in their order."""
    if len(findings) <= MAX_RESULTS:
        return findings
    rank = {"error": 0, "warning": 1, "note": 2}
    chosen = sorted(range(len(findings)), key=lambda n: (rank[findings[n].severity], n))
    return [findings[n] for n in sorted(chosen[:MAX_RESULTS])]


def _invocation(options: RenderOptions, shown: int, found: int) -> dict[str, Any]:
    """The run: whether it completed, when, with what exit status, and what was left out."""
    invocation: dict[str, Any] = {"executionSuccessful": True, "endTimeUtc": utc_now()}
    if options.started is not None:
        invocation["startTimeUtc"] = options.started
    if options.exit_code is not None:
        invocation["exitCode"] = options.exit_code
    if shown < found:
        invocation["toolExecutionNotifications"] = [{
            "level": "warning",
            "message": {"text": f"{found - shown} more findings were left out, to keep the "
                                f"results under {MAX_RESULTS:,} (the most severe are kept): "
                                "`--format json` lists them all"}}]
    return invocation


def document(reports: list[Report], options: RenderOptions) -> dict[str, Any]:
    load_builtin_rules()
    codes = sorted({c for c, r in REGISTRY.items() if r.check is not None}
                   | {f.code for r in reports for f in r.findings})
    index = {code: i for i, code in enumerate(codes)}
    documents = DocumentLines()
    found = [f for r in reports for f in r.findings]
    kept = _kept(found)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "budgetcheck", "version": __version__,
                                "semanticVersion": __version__,
                                "rules": [_rule(code, reports[0].language if reports
                                                else "en") for code in codes]}},
            "automationDetails": {"id": "budgetcheck/"},
            "invocations": [_invocation(options, len(kept), len(found))],
            # No local path: a code-scanning service resolves the base against its checkout.
            "originalUriBaseIds": {"%SRCROOT%": {"description": {
                "text": "The folder budgetcheck was run in: the repository's root in CI."}}},
            "results": [_result(f, index, documents) for f in kept],
        }],
    }


def render(reports: list[Report], options: RenderOptions) -> str:
    return json_text(document(reports, options))
