"""Figures named as a reader of the document names them, in the report's language.

Relations and rules files name a figure by keys (`t5[isde_phase1, T1]`, `t4_3star[surplus]`);
a report names it by what the document prints: "Table 5, “ISDE — Phase 1”, T1", "footnote *** to
Table 4". Keys stay in the data (`subject`, `figures`, baselines); messages use labels."""

from __future__ import annotations

import re

from budgetcheck.judge.wording import say
from budgetcheck.numbers.formatting import Lang
from budgetcheck.plan.expr import ExpressionError, Ref, parse_expression
from budgetcheck.plan.figures import FigureIndex
from budgetcheck.plan.model import Claim, Footnote, Table

_QUOTES = {"en": ("“", "”"), "fr": ("« ", " »")}
_WORDS = {
    "en": {"footnote": "footnote {marker} to {table}",
           "footnote_alone": "footnote {marker}", "claim": "the claim of line {line}",
           "rows": "{first} to {last}"},
    "fr": {"footnote": "note {marker} du {table}",
           "footnote_alone": "note {marker}", "claim": "l’énoncé de la ligne {line}",
           "rows": "{first} à {last}"},
}
#: A table's title stands for it (when it has no number) cut to this many characters.
TITLE_CHARACTERS = 60


def quoted(text: str, lang: Lang) -> str:
    opening, closing = _QUOTES[lang]
    return f"{opening}{text}{closing}"


def table_name(table: Table, lang: Lang) -> str:
    if table.number is not None:
        return say("table", lang, number=table.number)
    title = table.title if len(table.title) <= TITLE_CHARACTERS else \
        table.title[:TITLE_CHARACTERS - 1].rstrip() + "…"
    return title


def cell_label(index: FigureIndex, table_id: str, row: str | None, column: str | None,
               lang: Lang, row_end: str | None = None) -> str:
    """'Table 5, “ISDE — Phase 1”, T1': the table, the row's label, and the column's when the
    table has several."""
    table = index.tables.get(table_id)
    if table is None:
        return table_id
    parts = [table_name(table, lang)]
    order = index.rows.get(table_id, {})

    def label(key: str) -> str:
        return quoted(table.rows[order[key]].label if key in order else key, lang)

    if row is not None:
        first = label(row)
        if row_end is not None:
            first = _WORDS[lang]["rows"].format(first=first, last=label(row_end))
        parts.append(first)
    if column is not None and len(table.columns) > 1:
        found = table.column(column)
        parts.append(found.label if found is not None and found.label else column)
    return ", ".join(parts)


def figure_label(index: FigureIndex, ident: str, lang: Lang, table: str | None = None,
                 row: str | None = None, column: str | None = None) -> str:
    """A figure's label: a table cell's place, a footnote's marker, a claim's line; the key
    itself for a name the plan does not know (a claim's unknown)."""
    if table is not None:
        return cell_label(index, table, row, column, lang)
    owner, _, rest = ident.partition("[")
    name = rest.rstrip("]")
    return _named_label(index, owner, name, lang) or ident


def _named_label(index: FigureIndex, owner_id: str, name: str, lang: Lang) -> str | None:
    owner = _owner(index, owner_id)
    if owner is None:
        return None
    words = _WORDS[lang]
    if isinstance(owner, Footnote):
        table = index.tables.get(owner.table) if owner.table else None
        label = words["footnote"].format(marker=owner.marker, table=table_name(table, lang)) \
            if table is not None else words["footnote_alone"].format(marker=owner.marker)
    else:
        label = words["claim"].format(line=owner.lines[0])
    if len(owner.figures) > 1 and name in owner.figures:  # which of its figures
        label += f" ({owner.figures[name].text})"
    return label


def _owner(index: FigureIndex, owner_id: str) -> Footnote | Claim | None:
    return index.owners.get(owner_id)


#: A reference as relations write it: a name, then brackets with no brackets inside.
_REFERENCE = re.compile(r"\b([A-Za-z_]\w*)\s*\[([^\[\]]{1,400})\]")
_OPERATORS = {"==": "=", "<=": "≤", ">=": "≥", " - ": " − ", " * ": " × ", " / ": " ÷ "}


def expression_label(index: FigureIndex, text: str, lang: Lang) -> str:
    """A relation written with the labels of its figures: "Table 3, “Opérations” = Table 4,
    “ISDE — Opérations” + footnote *** to Table 4". What cannot be read is kept as written."""
    def label(match: re.Match[str]) -> str:
        try:
            node = parse_expression(match.group(0))
        except ExpressionError:
            return match.group(0)
        if not isinstance(node, Ref):
            return match.group(0)
        return _ref_label(index, node, lang) or match.group(0)

    for operator, shown in _OPERATORS.items():  # before the labels: a label keeps its " - "
        text = text.replace(operator, shown)
    return _REFERENCE.sub(label, text)


def _ref_label(index: FigureIndex, ref: Ref, lang: Lang) -> str | None:
    if ref.source in index.tables:
        return cell_label(index, ref.source, ref.row, ref.column, lang, ref.row_end)
    if ref.row is not None:
        return _named_label(index, ref.source, ref.row, lang)
    return None
