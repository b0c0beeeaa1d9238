"""Plain text for a terminal, as ruff writes it: `path:line:col: CODE severity message`, the
printed line under it with a marker under the figure, grouped by table, and a closing count."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Mapping
from itertools import groupby
from typing import TYPE_CHECKING

from budgetcheck.render import RenderOptions
from budgetcheck.render.locations import DocumentLines, figure_columns
from budgetcheck.report import Finding, Passed, Report
from budgetcheck.util.oneline import printable

if TYPE_CHECKING:
    from budgetcheck.plan.model import Table

COLOURS = {"error": "\033[31m", "warning": "\033[33m", "note": "\033[36m", "pass": "\033[32m"}
RESET, BOLD = "\033[0m", "\033[1m"
LABELS = {
    "en": {"error": "error", "warning": "warning", "note": "note", "passed": "passed",
           "relations": "Relations and footnotes", "claims": "Claims in the text",
           "summary": "{errors} errors, {warnings} warnings, {notes} notes, {passed} checks passed",
           "table": "Table", "inferred": "inferred", "inferred_heading": "Inferred relations",
           "nothing": "nothing to check: no total, relation or claim the checker can "
                      "verify was found",
           "accepted": "; {accepted} accepted by the baseline",
           "hidden": "; {hidden} hidden by --show",
           "found": "Found {errors} {error_word}, {warnings} {warning_word} and {notes} "
                    "{note_word} in {files} {file_word}.",
           "all_passed": "All checks passed in {files} {file_word}."},
    "fr": {"error": "erreur", "warning": "avertissement", "note": "remarque", "passed": "réussi",
           "relations": "Relations et notes", "claims": "Énoncés du texte",
           "summary": "{errors} erreurs, {warnings} avertissements, {notes} remarques, "
                      "{passed} vérifications réussies",
           "table": "Tableau", "inferred": "déduit", "inferred_heading": "Relations déduites",
           "nothing": "rien à vérifier : aucun total, aucune relation ni aucun énoncé que "
                      "le vérificateur puisse vérifier",
           "accepted": " ; {accepted} acceptés par la référence",
           "hidden": " ; {hidden} masqués par --show",
           "found": "{errors} {error_word}, {warnings} {warning_word} et {notes} {note_word} "
                    "dans {files} {file_word}.",
           "all_passed": "Toutes les vérifications ont réussi dans {files} {file_word}."},
}

#: Singular and plural of the words the closing line counts.
PLURALS = {
    "en": {"error": ("error", "errors"), "warning": ("warning", "warnings"),
           "note": ("note", "notes"), "file": ("file", "files")},
    "fr": {"error": ("erreur", "erreurs"), "warning": ("avertissement", "avertissements"),
           "note": ("remarque", "remarques"), "file": ("fichier", "fichiers")},
}


def table_heading(table: Table, lang: str) -> str:
    """A table's heading in the report's language, its title as printed: "Table 5 — …"."""
    if table.number is None:
        return table.title
    return f"{LABELS[lang]['table']} {table.number} — {table.title}"


def use_colour(stream: object = None, choice: str = "auto") -> bool:
    """Whether to write ANSI colours: `--color always|never` decides; else FORCE_COLOR (set and
    not empty) turns them on and NO_COLOR turns them off, as those conventions say; else a
    terminal gets them and a file or a pipe does not."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
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
    documents = None if options.statistics else DocumentLines()
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
                found = figure_columns(finding, documents) if documents else None
                out.append(_line(finding, words, colour, found))
                if documents is not None and not options.concise:
                    out += _excerpt(finding, documents, found, colour)
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
            if not report.findings and not report.passed and not s.accepted and not s.hidden:
                out.append(f"{printable(source)}: {words['nothing']}")  # a press release
                continue
            accepted = words["accepted"].format(accepted=s.accepted) if s.accepted else ""
            accepted += words["hidden"].format(hidden=s.hidden) if s.hidden else ""
            out.append(f"{printable(source)}: " + words["summary"].format(
                errors=s.errors, warnings=s.warnings, notes=s.notes, passed=s.passed) + accepted)
    checked = [r for r in reports if r.findings or r.passed or r.accepted or r.hidden]
    if checked and not quiet and not options.statistics:  # not for press releases alone
        out.append(_closing(reports, colour))
    return "\n".join(out) + ("\n" if out else "")


def _closing(reports: list[Report], colour: bool) -> str:
    """The run's last line, as ruff ends: "Found 2 errors, 5 warnings and 9 notes in 1 file."
    (what is shown: a baseline's and --show's are counted on each file's line)."""
    lang = reports[0].language
    words, plural = LABELS[lang], PLURALS[lang]

    def count(n: int, word: str) -> str:
        singular = n <= 1 if lang == "fr" else n == 1
        return plural[word][0 if singular else 1]

    files = len(reports)
    totals = {s: sum(1 for r in reports for f in r.findings if f.severity == s)
              for s in ("error", "warning", "note")}
    if not any(totals.values()) and not any(r.hidden for r in reports):
        return _paint(words["all_passed"].format(files=files, file_word=count(files, "file")),
                      COLOURS["pass"], colour)
    line = words["found"].format(
        errors=totals["error"], error_word=count(totals["error"], "error"),
        warnings=totals["warning"], warning_word=count(totals["warning"], "warning"),
        notes=totals["note"], note_word=count(totals["note"], "note"),
        files=files, file_word=count(files, "file"))
    return _paint(line, BOLD, colour)


#: An excerpt shows at most this many characters of a printed line, around its figure.
EXCERPT_WIDTH = 120


def _excerpt(finding: Finding, documents: DocumentLines, found: tuple[int, int] | None,
             colour: bool) -> list[str]:
    """The printed line the finding is about, with a marker under its figure:

         |
     640 | ISDE — Phase 1     12,0   …   63,2
         |                               ^^^^
    """
    lines = documents.of(finding.path) if finding.line else None
    if not lines or finding.line is None or finding.line > len(lines):
        return []
    text = lines[finding.line - 1].rstrip()
    start, end = (found[0] - 1, found[1] - 1) if found else (len(text), len(text))
    # A long line (a minified page) is shown around its figure, ellipses marking the cuts.
    left = max(0, min(start - EXCERPT_WIDTH // 3, len(text) - EXCERPT_WIDTH))
    right = min(len(text), left + EXCERPT_WIDTH)
    head, tail = ("…" if left else ""), ("…" if right < len(text) else "")
    shown = head + printable(text[left:right].replace("\t", " ")) + tail
    number = str(finding.line)
    gutter = " " * len(number)
    out = [f"{gutter} |", f"{number} | {shown}"]
    if found:
        offset = len(head) + len(printable(text[left:start].replace("\t", " ")))
        width = max(1, len(printable(text[start:min(end, right)])))
        marker = _paint("^" * width, COLOURS[finding.severity], colour)
        out.append(f"{gutter} | {' ' * offset}{marker}")
    return out


def _statistics(findings: list[Finding], words: dict[str, str]) -> list[str]:
    """One line per code, the commonest first, as ruff's `--statistics`: "  412  BC103
    quarterly-total  note"; a code found at several severities has a line for each."""
    counts = Counter((f.code, f.name, f.severity) for f in findings)
    width = len(str(max(counts.values(), default=0)))
    return [f"{n:>{width}}  {code}  {name}  {words[severity]}" for (code, name, severity), n in
            sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def _table_titles(options: RenderOptions, report: Report) -> Mapping[str, str]:
    return options.table_titles.get(report.plan_file or report.document, {})


def _line(finding: Finding, words: dict[str, str], colour: bool,
          found: tuple[int, int] | None = None) -> str:
    line = f":{finding.line}" if finding.line else ""
    line += f":{found[0]}" if found and finding.line else ""
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
