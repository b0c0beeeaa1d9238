"""HTML pages as plans: their tables as statements (the checker infers their totals), the text
around them read for claims, every figure at the line of the page's source its cell starts on."""

from __future__ import annotations

from pathlib import Path

from budgetcheck.inputs.errors import UnreadableInput
from budgetcheck.plan.model import Plan
from budgetcheck.sources.claims_text import Document, find_claims
from budgetcheck.sources.data import read_text, refuse_too_many_figures
from budgetcheck.sources.document import refuse_beyond_limits, with_rules
from budgetcheck.sources.origin import Origin, Read
from budgetcheck.sources.rules_file import read_rules
from budgetcheck.sources.statement_html import TableTooWide, prose_text, read_html_statements
from budgetcheck.sources.statement_plan import plan_of_statements
from budgetcheck.sources.text_plan import clean_lines
from budgetcheck.sources.validation import validated
from budgetcheck.util import limits


def read_html(path: str | Path, rules: str | Path | None = None) -> Read:
    """Read a page: its tables and the claims of its text, aligned with a rules file's when
    one is given."""
    shown = str(path)
    text = read_text(Path(path), limits.DOCUMENT_BYTES, "page")
    try:
        statements, blocks = read_html_statements(text)
    except TableTooWide as wide:
        raise UnreadableInput(shown, str(wide), line=wide.line) from None
    prose = prose_text(blocks, text.count("\n") + 1)
    refuse_beyond_limits(prose, shown)
    document = Document.of(clean_lines(prose))
    data = plan_of_statements(statements, prose, shown)
    data["footnotes"] = []
    origin = Origin(shown)
    if rules is None:
        data["claims"] = find_claims(document)
    else:
        parsed, rules_text, fmt = read_rules(rules)
        data = with_rules(data, document, parsed)
        origin = Origin(str(rules), rules_text, fmt)
    if not data["tables"] and not data.get("claims"):
        raise UnreadableInput(shown, "no table with figures (<table>) and no claim was found in "
                              "this page")
    plan = validated(Plan, data, shown)
    refuse_too_many_figures(plan, shown)
    return Read(plan, origin)
