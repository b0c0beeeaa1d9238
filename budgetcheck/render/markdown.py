"""Markdown for a pull-request comment: a summary line and a table of findings.

Every string that comes from a plan or a document (its source, titles, labels, the messages that
quote them, file names) is escaped: on one line (`printable`), HTML's three characters as
entities (no raw HTML reaches the page), and Markdown's inline punctuation with a backslash, so
no label can forge a heading, a line, a link, an image or a table cell.
"""

from __future__ import annotations

import re

from budgetcheck.render import RenderOptions
from budgetcheck.render.text import LABELS
from budgetcheck.report import Finding, Report
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


#: A pull-request comment holds 65 536 characters: the Markdown stays under this, whatever the
#: size of the plans; what does not fit is counted.
MAX_CHARACTERS = 65_000
#: Kept for the lines that say what was left out, a report's summary and the last report's.
_RESERVE = 2_000


#: The words of the comment that the text report does not have, in the report's language
#: (its summary, severities and baseline count are the text report's: `text.LABELS`).
#: The check's mode as each language names it.
MODES = {"en": {"rounding": "rounding", "strict": "strict", "absolute": "absolute"},
         "fr": {"rounding": "arrondi", "strict": "strict", "absolute": "absolu"}}

WORDS = {
    "en": {"mode": " (mode: {mode})", "holding": "Inferred relations that hold ({n})",
           "more_holding": "- … and {n} more, not listed to keep this comment short",
           "nothing": "Nothing to check: no total, relation or claim the checker can verify "
                      "was found.",
           "none": "No findings.", "header": "| | Code | Where | Finding |",
           "inferred": " (inferred)", "errors": "errors", "warnings": "warnings",
           "notes": "notes",
           "left_out": "… and {n} more findings ({counts}), not shown to keep this comment "
                       "under {max:,} characters: the whole list is in `--format json` or "
                       "`--format sarif`"},
    "fr": {"mode": " (mode : {mode})", "holding": "Relations déduites qui tiennent ({n})",
           "more_holding": "- … et {n} de plus, non listées pour garder ce commentaire court",
           "nothing": "Rien à vérifier : aucun total, aucune relation ni aucun énoncé que le "
                      "vérificateur puisse vérifier.",
           "none": "Aucun constat.", "header": "| | Code | Où | Constat |",
           "inferred": " (déduit)", "errors": "erreurs", "warnings": "avertissements",
           "notes": "remarques",
           "left_out": "… et {n} constats de plus ({counts}), non affichés pour garder ce "
                       "commentaire sous {max:,} caractères : la liste entière est dans "
                       "`--format json` ou `--format sarif`"},
}


def render(reports: list[Report], options: RenderOptions) -> str:
    text = _render(reports, options, budget=None)
    if len(text) <= MAX_CHARACTERS:
        return text
    per_report = (MAX_CHARACTERS - _RESERVE * (len(reports) + 1)) // max(1, len(reports))
    return _render(reports, options, budget=max(per_report, 0))


def _fitted(rows: list[tuple[int, str]], budget: int) -> list[int]:
    """The indexes of the rows that fit in `budget` characters, the most severe first (rank 0:
    errors), in their own order."""
    chosen: list[int] = []
    used = 0
    for n in sorted(range(len(rows)), key=lambda n: (rows[n][0], n)):
        size = len(rows[n][1]) + 1
        if used + size > budget:
            break
        chosen.append(n)
        used += size
    return sorted(chosen)


def _render(reports: list[Report], options: RenderOptions, budget: int | None) -> str:
    out = ["## budgetcheck", ""]
    for report in reports:
        s = report.summary
        words = {**LABELS[report.language], **WORDS[report.language]}
        out.append(f"**{_cell(report.plan_file or report.document)}**: "
                   + words["summary"].format(errors=s.errors, warnings=s.warnings,
                                             notes=s.notes, passed=s.passed)
                   + (words["accepted"].format(accepted=s.accepted) if s.accepted else "")
                   + (words["hidden"].format(hidden=s.hidden) if s.hidden else "")
                   + words["mode"].format(mode=MODES[report.language].get(report.mode,
                                                                         report.mode)))
        out.append("")
        shown = [f for f in report.findings if not (options.quiet and f.severity == "note")]
        inferred = [p for p in report.passed if p.inferred]
        rows = [(_RANK[f.severity], _row(f, words)) for f in shown]
        kept = list(range(len(rows)))
        if budget is not None:  # findings first; the relations that hold get what remains
            kept = _fitted(rows, budget)
        shown_rows = set(kept)
        left_out = [f for n, f in enumerate(shown) if n not in shown_rows]
        if inferred:
            holding = [f"- {_code(f'{report.document}:{p.line}')} {_cell(p.subject)}"
                       for p in inferred]
            listed = len(holding)
            if budget is not None:
                room = budget - sum(len(rows[n][1]) + 1 for n in kept)
                holding = [holding[n] for n in _fitted([(0, h) for h in holding], max(room, 0))]
            out += [f"<details><summary>{words['holding'].format(n=len(inferred))}</summary>",
                    ""]
            out += holding
            if len(holding) < listed:
                out.append(words["more_holding"].format(n=listed - len(holding)))
            out += ["", "</details>", ""]
        if not report.findings and not report.passed and not s.accepted and not s.hidden:
            out += [words["nothing"], ""]
            continue
        if not shown:
            out += [words["none"], ""]
            continue
        out += [words["header"], "|---|---|---|---|"]
        out += [rows[n][1] for n in kept]
        if left_out:
            counts = ", ".join(f"{sum(1 for f in left_out if f.severity == s)} {words[s + 's']}"
                               for s in ("error", "warning", "note")
                               if any(f.severity == s for f in left_out))
            out.append("| | | | " + words["left_out"].format(
                n=len(left_out), counts=counts, max=MAX_CHARACTERS) + " |")
        out.append("")
    return "\n".join(out)


_RANK = {"error": 0, "warning": 1, "note": 2}


def _row(f: Finding, words: dict[str, str]) -> str:
    where = _code((f"{f.path}:{f.line}" if f.line else f.path)
                  + (f" ({f.place})" if f.place else ""))
    hints = "".join(f"<br>→ {_cell(h)}" for h in f.hints)
    tag = words["inferred"] if f.inferred else ""
    return (f"| {ICONS[f.severity]} {words[f.severity]}{tag} | {_cell(f.code)} "
            f"{_cell(f.name)} | {where} | {_cell(f.message)}{hints} |")
