"""Plan documents (plain text, Markdown) as plans, with or without a rules file.

With rules, the document's rows take the rules file's keys (matched by table and label, or by
position when a table keeps its shape but not its wording), footnote figures take the rules'
names in order, and each declared claim is found again in the document's sentences.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from budgetcheck.inputs.errors import UnreadableInput
from budgetcheck.plan.model import Plan
from budgetcheck.sources.claims_text import find_claims, reread_claim
from budgetcheck.sources.data import read_text, refuse_too_many_figures
from budgetcheck.sources.footnote_claims import footnote_claims
from budgetcheck.sources.origin import Origin, Read
from budgetcheck.sources.prose import PROSE_AMOUNT, Document
from budgetcheck.sources.registry import reader_for
from budgetcheck.sources.rules_file import RulesFile, read_rules
from budgetcheck.sources.statement import Statement
from budgetcheck.sources.statement_plan import plan_of_statements, statement_plan_data
from budgetcheck.sources.text_plan import clean_lines, read_text_plan
from budgetcheck.sources.validation import validated
from budgetcheck.util import limits
from budgetcheck.util.limits import LINE_CHARACTERS, LINE_FIGURES

#: A token that can only be (part of) a figure: digits, separators, brackets, signs, "$", "%".
_FIGURE_TOKEN = re.compile(r"[0-9.,()$%*\u2212\u2013\u2014-]+")


def _norm(label: str) -> str:
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def align_table(table: dict[str, Any], rules_table: dict[str, Any]) -> None:
    """Give the document's rows and columns the rules file's keys, in place."""
    if len(table["columns"]) == len(rules_table["columns"]):
        renames = {c["key"]: r["key"] for c, r in zip(table["columns"], rules_table["columns"])}
        for column, rule_column in zip(table["columns"], rules_table["columns"]):
            column["key"] = rule_column["key"]
        for row in table["rows"]:
            row["cells"] = {renames.get(k, k): v for k, v in row["cells"].items()}
    by_label = {_norm(r["label"]): r["key"] for r in rules_table["rows"]}
    same_shape = len(table["rows"]) == len(rules_table["rows"])
    used: set[str] = set()
    for i, row in enumerate(table["rows"]):
        key = by_label.get(_norm(row["label"]))
        if key is None and same_shape:
            key = rules_table["rows"][i]["key"]
        if key is not None and key not in used:
            row["key"] = key
            used.add(key)


def align_footnotes(notes: list[dict[str, Any]], rules: RulesFile) -> None:
    wanted = {n.id: n for n in rules.footnotes}
    for note in notes:
        rule_note = wanted.get(note["id"])
        if rule_note is None or "figures" not in note:
            continue
        names = [name for name, _ in sorted(rule_note.figures.items(), key=lambda kv: kv[1].line)]
        found = list(note["figures"].values())
        note["figures"] = {names[i] if i < len(names) else f"amount_{i + 1}": figure
                           for i, figure in enumerate(found)}


def plan_data(text: str, source: str, rules: RulesFile | None,
              markdown: bool = False) -> dict[str, Any]:
    data = read_text_plan(text, source)
    document = Document.of(clean_lines(text))
    if rules is None:
        if not data["tables"]:
            # No "Table N:" plan tables: read the statements (the checker infers their totals).
            data = statement_plan_data(text, source, markdown)
            data["footnotes"] = []
        data["claims"] = find_claims(document, data) + footnote_claims(data)
        return data
    return with_rules(data, document, rules)


def with_rules(data: dict[str, Any], document: Document, rules: RulesFile) -> dict[str, Any]:
    """The document's plan data given the rules file's keys, plan, claims and relations."""
    rules_tables = {t.id: t.model_dump() for t in rules.tables}
    for table in data["tables"]:
        if table["id"] in rules_tables:
            align_table(table, rules_tables[table["id"]])
    align_footnotes(data["footnotes"], rules)
    if rules.plan is not None:
        data["plan"].update(organisation=rules.plan.organisation,
                            fiscal_year=rules.plan.fiscal_year, language=rules.plan.language)
    data["claims"] = [reread_claim(claim, document) for claim in rules.claims]
    data["relations"] = [r.model_dump(exclude_defaults=True) for r in rules.relations]
    return data


def statements_plan(statements: list[Statement], words: str, shown: str,
                    rules: str | Path | None, nothing: str, prose: str | None = None) -> Read:
    """The plan of a file whose tables a reader has read as statements (a page, a CSV file, a
    workbook): `words` give its organisation and language, `prose` (the text outside its
    tables, when it has any) its claims; with a rules file, its tables take the rules' keys
    and the rules' claims are found again in the prose. `nothing` says what was looked for
    when nothing was found."""
    document = Document.of(clean_lines(prose or ""))
    data = plan_of_statements(statements, words, shown)
    data["footnotes"] = []
    origin = Origin(shown)
    if rules is None:
        data["claims"] = find_claims(document) if prose is not None else []
    else:
        parsed, rules_text, fmt = read_rules(rules)
        data = with_rules(data, document, parsed)
        origin = Origin(str(rules), rules_text, fmt)
    # A file with no prose (CSV, a workbook) is refused without tables even when a rules
    # file brings claims: they could only be looked for in text it does not have. A page with
    # prose figures and nothing to check in them is read: its report says so.
    if not data["tables"] and (prose is None or not data.get("claims") and not has_figures(prose)):
        raise UnreadableInput(shown, nothing)
    plan = validated(Plan, data, shown)
    refuse_too_many_figures(plan, shown)
    return Read(plan, origin)


#: A figure of prose that is not an amount: a count ("6000 participants", "40 pays"); a year
#: alone ("en 2025") is none.
_COUNT = re.compile(r"(?<![\w.,])(?!(?:19|20)[0-9]{2}\b)[0-9]+(?:[ ,.\u00a0\u202f][0-9]{3})*(?![\w])")


def has_figures(prose: str) -> bool:
    """The text states an amount ("1,234 dollars", "9 M$", "12 %") or a count ("6000
    participants"): a document of figures, whose report says when none of them could be
    checked, not a file that is no document at all."""
    return PROSE_AMOUNT.search(prose) is not None or _COUNT.search(prose) is not None


def _give_places(data: dict[str, Any], place_of: Callable[[int], str]) -> None:
    """Every cell of the plan data with the place its line is shown at ("page 3")."""
    for table in data.get("tables", []):
        for row in table.get("rows", []):
            cells = row.get("cells", {})
            for key, cell in cells.items():
                long = {"text": cell, "line": row.get("line")} if isinstance(cell, str) \
                    else dict(cell)
                if long.get("line") is not None:
                    long["place"] = place_of(long["line"])
                cells[key] = long


def refuse_beyond_limits(text: str, shown: str) -> None:
    """Refuse, at its line, a line longer than the readers promise to read in linear time, or
    one ending in more figures (or a Markdown row of more cells) than any statement prints."""
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) > LINE_CHARACTERS:
            raise UnreadableInput(shown, f"line is {len(line):,} characters long; the limit is "
                            f"{LINE_CHARACTERS:,}", line=number)
        if len(line) <= 2 * LINE_FIGURES:
            continue  # too short to hold that many figures
        if line.lstrip().startswith("|") and line.count("|") > LINE_FIGURES + 2:
            raise UnreadableInput(shown, f"a table row of {line.count('|') - 1:,} cells; the limit is "
                            f"{LINE_FIGURES}", line=number)
        tail = reversed(line.split())
        figures = sum(1 for _ in itertools.takewhile(_FIGURE_TOKEN.fullmatch, tail))
        if figures > LINE_FIGURES:
            raise UnreadableInput(shown, f"line ends in more than {LINE_FIGURES} figures; no "
                            "statement has that many columns", line=number)


def without_comments(text: str) -> str:
    """The text with its HTML comments (`<!-- ... -->`, invisible in rendered Markdown; a header
    saying where a statement comes from) blanked, their line breaks kept so that every line
    keeps its number. An unclosed comment runs to the end, as in HTML. Linear: one scan."""
    out: list[str] = []
    start = 0
    while (opening := text.find("<!--", start)) >= 0:
        closing = text.find("-->", opening + 4)
        end = len(text) if closing < 0 else closing + 3
        out += [text[start:opening], "\n" * text.count("\n", opening, end)]
        start = end
    out.append(text[start:])
    return "".join(out)


def read_document(path: str | Path, rules: str | Path | None = None) -> Read:
    """Read a plan document (text or Markdown): its tables, statements and claims, aligned
    with a rules file's tables when one is given (whose text then locates a bad expression)."""
    if rules is None:
        return document_plan(Path(path))
    parsed, rules_text, fmt = read_rules(rules)
    return document_plan(Path(path), parsed, Origin(str(rules), rules_text, fmt))


def document_plan(path: Path, rules: RulesFile | None = None,
                  origin: Origin | None = None) -> Read:
    reader = reader_for(path)
    return text_document_plan(read_text(path, limits.DOCUMENT_BYTES, "document"), str(path),
                              rules, origin, reader is not None and reader.name == "markdown")


def text_document_plan(text: str, shown: str, rules: RulesFile | None = None,
                       origin: Origin | None = None, markdown: bool = False,
                       place_of: Callable[[int], str] | None = None) -> Read:
    """The plan of a document's text (a text or Markdown file's, a PDF's as `pdftotext` gives
    it), every line keeping its number; `place_of` names where a line is shown ("page 3")."""
    text = without_comments(text)
    refuse_beyond_limits(text, shown)
    data = plan_data(text, shown, rules, markdown=markdown)
    if place_of is not None:
        _give_places(data, place_of)
    if not data["tables"] and not data.get("claims") and not has_figures(text):
        raise UnreadableInput(shown, "no table (a 'Tableau N :' or 'Table N:' heading, a statement "
                        "with a unit line or column headings, or a Markdown table), no claim "
                        "and no figure was found in this document")
    plan = validated(Plan, data, shown)
    refuse_too_many_figures(plan, shown)
    return Read(plan, origin or Origin(shown))
