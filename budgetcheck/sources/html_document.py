"""HTML pages as plans: their tables as statements (the checker infers their totals), the text
around them read for claims, every figure at the line of the page's source its cell starts on."""

from __future__ import annotations

from pathlib import Path

from budgetcheck.inputs.errors import UnreadableInput
from budgetcheck.sources.data import read_text
from budgetcheck.sources.document import refuse_beyond_limits, statements_plan
from budgetcheck.sources.origin import Read
from budgetcheck.sources.statement_html import TableTooWide, prose_text, read_html_statements
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
    return statements_plan(statements, prose, shown, rules, "no table with figures (<table>) "
                           "and no claim or figure was found in this page", prose=prose)
