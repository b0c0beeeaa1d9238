"""Plain text for a terminal: `path:line: CODE severity message`, grouped by table."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Mapping
from itertools import groupby

from budgetcheck.render import RenderOptions
from budgetcheck.report import Finding, Passed, Report
from budgetcheck.util.oneline import printable

COLOURS = {"error": "\033[31m", "warning": "\033[33m", "note": "\033[36m", "pass": "\033[32m"}
RESET, BOLD = "\033[0m", "\033[1m"
LABELS = {
    "en": {"error": "error", "warning": "warning", "note": "note", "passed": "passed",
           "relations": "Relations and footnotes", "claims": "Claims in the text",
           "summary": "{errors} errors, {warnings} warnings, {notes} notes, {passed} checks passed",
           "table": "Table", "inferred": "inferred", "inferred_heading": "Inferred relations",
           "nothing": "nothing to check: no total, relation or claim the checker can "
                      "verify was found",
           "accepted": "; {accepted} accepted by the baseline"},
    "fr": {"error": "erreur", "warning": "avertissement", "note": "remarque", "passed": "réussi",
           "relations": "Relations et notes", "claims": "Énoncés du texte",
           "summary": "{errors} erreurs, {warnings} avertissements, {notes} remarques, "
                      "{passed} vérifications réussies",
           "table": "Tableau", "inferred": "déduit", "inferred_heading": "Relations déduites",
           "nothing": "rien à vérifier : aucun total, aucune relation ni aucun énoncé que "
                      "le vérificateur puisse vérifier",
           "accepted": " ; {accepted} acceptés par la référence"},
}


def use_colour(stream: object = None) -> bool:
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def _group(finding: Finding) -> str:
    if finding.code.startswith("BC3"):
        return "~claims"
    if finding.table:
        return finding.table
    return "~relations"


def render(reports: list[Report], options: RenderOptions) -> str:
    colour = bool(options.colour)
    verbose = bool(options.verbose)
    quiet = bool(options.quiet)
    out: list[str] = []
    for report in reports:
        words = LABELS[report.language]
        titles = _table_titles(options, report)
        shown = [f for f in report.findings if not (quiet and f.severity == "note")]
        ordered = sorted(shown, key=lambda f: (_group(f), f.line or 0))
        if options.statistics:
            out += _statistics(shown, words)
            ordered = []
        for group, items in groupby(ordered, key=_group):
            heading = {"~claims": words["claims"], "~relations": words["relations"]}.get(
                group, titles.get(group, group))
            out.append(_paint(printable(heading), BOLD, colour))
            for finding in items:
                out.append(_line(finding, words, colour))
                for hint in finding.hints:
                    out.append(f"    → {printable(hint)}")
        inferred = [p for p in report.passed if p.inferred]
        if inferred and not quiet and not options.statistics:
            out.append(_paint(words["inferred_heading"], BOLD, colour))
            out += [_passed(p, report, words, colour) for p in inferred]
        if verbose:
            out += [_passed(p, report, words, colour) for p in report.passed if not p.inferred]
        if not quiet:
            s = report.summary
            source = report.plan_file or report.document
            if not report.findings and not report.passed and not s.accepted:
                out.append(f"{printable(source)}: {words['nothing']}")  # a press release
                continue
            accepted = words["accepted"].format(accepted=s.accepted) if s.accepted else ""
            out.append(f"{printable(source)}: " + words["summary"].format(
                errors=s.errors, warnings=s.warnings, notes=s.notes, passed=s.passed) + accepted)
    return "\n".join(out) + ("\n" if out else "")


def _statistics(findings: list[Finding], words: dict[str, str]) -> list[str]:
    """One line per code, the commonest first, as ruff's `--statistics`: "  412  BC103
    quarterly-total  note"; a code found at several severities has a line for each."""
    counts = Counter((f.code, f.name, f.severity) for f in findings)
    width = len(str(max(counts.values(), default=0)))
    return [f"{n:>{width}}  {code}  {name}  {words[severity]}" for (code, name, severity), n in
            sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def _table_titles(options: RenderOptions, report: Report) -> Mapping[str, str]:
    return options.table_titles.get(report.plan_file or report.document, {})


def _line(finding: Finding, words: dict[str, str], colour: bool) -> str:
    line = f":{finding.line}" if finding.line else ""
    severity = _paint(words[finding.severity], COLOURS[finding.severity], colour)
    tag = f" [{words['inferred']}]" if finding.inferred else ""
    # where a workbook or a PDF shows the figure, beside the line: "[Budget!B7]", "[page 2]"
    place = f" [{printable(finding.place)}]" if finding.place else ""
    return (f"{printable(finding.path)}{line}: {finding.code} {severity}{tag}{place} "
            f"{printable(finding.message)}")


def _passed(passed: Passed, report: Report, words: dict[str, str], colour: bool) -> str:
    where = f"{report.document}:{passed.line}" if passed.line else report.document
    tag = f" [{words['inferred']}]" if passed.inferred else ""
    return (f"{printable(where)}: {passed.code} " + _paint(words["passed"], COLOURS["pass"], colour)
            + f"{tag} {printable(passed.subject)}")


def _paint(text: str, code: str, colour: bool) -> str:
    return f"{code}{text}{RESET}" if colour else text
