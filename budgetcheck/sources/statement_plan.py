"""Statements (from text or Markdown) as plan data: tables whose totals the checker infers."""

from __future__ import annotations

import re
from typing import Any

from budgetcheck.sources.statement import TOTAL_LABEL, Statement, read_text_statements
from budgetcheck.sources.statement_groups import resolve_readings
from budgetcheck.sources.statement_headings import unit_scale
from budgetcheck.sources.statement_lines import is_year
from budgetcheck.sources.statement_markdown import read_markdown_statements
from budgetcheck.sources.text_plan import UniqueKeys, _unique, guess_language, slug

#: A column after four quarters that is their year: "Total", "FY 2026", "Year", "Annuel", "2026".
_YEAR_TOTAL = re.compile(r"^(?:total\b.*|(?:fy|exercice|ann[ée]e|year|annual|annuel(?:le)?|"
                         r"full[- ]year)\b.*|(?:19|20)[0-9][0-9](?:\s*[-–/]\s*[0-9]{2,4})?)$",
                         re.IGNORECASE)
#: A column of percentages by its heading: "% change", "Change (%)", "Variation en %",
#: "Percentage change": its bare figures are percentages, whatever the table's unit.
PERCENT_HEADING = re.compile(r"%|\bper\s?cent|\bpourcentage\b|\bpercentage\b", re.IGNORECASE)
_QUARTER_LABEL = re.compile(r"^[TQ][1-4]\b", re.IGNORECASE)



# -- plan data ----------------------------------------------------------------------------------

def _column_key(label: str) -> str:
    first = label.split()[0] if label.split() else label
    if is_year(first) and len(label.split()) == 1:
        return "y" + re.sub(r"[^0-9]+", "_", first).strip("_")
    return slug(label)


def _total_columns(labels: list[str]) -> set[int]:
    """A column headed "Total", and the column after four quarters that names their year."""
    totals = {n for n, label in enumerate(labels) if label.lower() == "total"}
    quarters = [n for n, label in enumerate(labels) if _QUARTER_LABEL.match(label)]
    if len(quarters) == 4 and quarters[-1] - quarters[0] == 3 and quarters[-1] + 1 < len(labels) \
            and _YEAR_TOTAL.match(labels[quarters[-1] + 1]):
        totals.add(quarters[-1] + 1)
    return totals


def table_data(statement: Statement, seen_ids: UniqueKeys) -> dict[str, Any]:
    column_keys = UniqueKeys()
    # A column with no heading ("| | 2023 | |") is named by its place, the rows' labels first.
    labels = [label.strip() or f"(column {n})" for n, label in enumerate(statement.columns, 2)]
    totals = _total_columns(labels)
    columns = [{"key": _unique(_column_key(label), column_keys), "label": label,
                **({"role": "total"} if n in totals else {}),
                **({"unit": "%"} if PERCENT_HEADING.search(label) else {})}
               for n, label in enumerate(labels)]
    if all(c.get("role") == "total" for c in columns):
        for column in columns:
            column.pop("role", None)
    row_keys = UniqueKeys()
    rows = []
    for row in statement.rows:
        label = re.sub(r"\s+", " ", row.label).strip()
        if not label:
            label = "(total)" if row.after_rule else "(no label)"
        is_total = bool(TOTAL_LABEL.match(label)) or (row.after_rule and label == "(total)")
        data: dict[str, Any] = {"key": _unique(slug(label), row_keys), "label": label}
        if row.line is not None:
            data["line"] = row.line
        lines = [n for n in row.label_lines if n]
        if lines and lines != [row.line]:
            data["label_lines"] = lines
        if is_total and row.cells:
            data["role"] = "total"
        if row.readings:
            data["readings"] = row.readings
        if row.repairs:
            data["repairs"] = row.repairs
        data["cells"] = {columns[c]["key"]: (text if line == row.line and c not in row.places
                                             else {"text": text, "line": line,
                                                   **({"place": row.places[c]}
                                                      if c in row.places else {}),
                                                   **({"formula": row.formulas[c]}
                                                      if c in row.formulas else {})})
                         for c, (text, line) in sorted(row.cells.items())}
        rows.append(data)
    words = slug(statement.title).split("_")
    short = "_".join(w for w in words if w not in {"of", "the", "des", "de", "du", "la", "le",
                                                     "et", "and", "les"})[:32].rstrip("_")
    return {"id": _unique(short or "statement", seen_ids),
            "title": statement.title, "line": statement.line, "scale": statement.scale or 0,
            "totals": "inferred", "columns": columns, "rows": rows}


def statement_plan_data(text: str, source: str, markdown: bool) -> dict[str, Any]:
    raw_lines = text.lstrip("\ufeff").splitlines()
    statements = read_markdown_statements(raw_lines)
    if not statements and not markdown:
        statements = read_text_statements(raw_lines)
        for statement in statements:
            resolve_readings(statement)
    return plan_of_statements(statements, text, source)


def plan_of_statements(statements: list[Statement], text: str, source: str) -> dict[str, Any]:
    """Plan data of the statements a document prints; `text` is the document's (or a page's
    words outside its tables), for its organisation and language."""
    seen = UniqueKeys()
    tables = [table_data(s, seen) for s in statements]
    years = [c["label"] for t in tables for c in t["columns"] if _starts_with_year(c["label"])]
    labels = " ".join(r["label"] for t in tables for r in t["rows"])
    return {"plan": {"organisation": _organisation(text.splitlines()), "fiscal_year": years[0]
                     if years else "unknown", "language": _language(f"{text}\n{labels}"),
                     "source": source},
            "tables": tables}


def _starts_with_year(label: str) -> bool:
    words = label.split()  # a column heading may be empty ("| | 2023 |")
    return bool(words) and is_year(words[0])


def _organisation(raw_lines: list[str]) -> str:
    for line in raw_lines[:10]:
        text = line.strip().strip("#*_ ")
        if text and unit_scale(text) is None and not text.startswith("|"):
            return text[:120]
    return "unknown"


def _language(text: str) -> str:
    lowered = text.lower()
    if re.search(r"\ben (?:milliers|millions|dollars)\b|\btotal des\b|\bcharges\b|\brevenus\b",
                 lowered):
        return "fr"
    if re.search(r"\bin (?:thousands|millions|dollars)\b|\btotal (?:expenses|revenues?|assets)\b",
                 lowered):
        return "en"
    return guess_language(text)
