"""Read a plan document (plain text, as extracted from a PDF) into a `Plan`.

The shape read here is the one corporate plans print: a heading "Tableau N :" / "Table N:" with a
title that may wrap, a header line (a caption and the column labels, or quarter columns), rows
whose labels wrap over several lines with the figures at the end of the last one or on a line of
their own, footnote markers (*, **, ***) on labels and totals, then the footnotes themselves.
Every figure keeps its text as printed and the line it starts on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from budgetcheck.numbers.notation import normalise_spaces
from budgetcheck.sources.statement_headings import unit_scale

HEADING = re.compile(r"^\s*(?:Tableau|Table)\s+([0-9]+)\s*[:.\-–—]\s*(.*)$", re.IGNORECASE)
SECTION = re.compile(r"^\s*[0-9]+\.\s+\S")
FOOTNOTE = re.compile(r"^\s*(\*{1,4}|†{1,3}|Remarque\s*:|Note\s*:|Nota\s*:)\s*(.*)$", re.IGNORECASE)
COLUMN_TOKEN = re.compile(r"^(?:[TQ][1-4]|Total|(?:19|20)[0-9][0-9](?:[-–/][0-9]{2,4})?)\*{0,3}$",
                          re.IGNORECASE)
TOTAL_LABEL = re.compile(r"^(?:total|sous-total|subtotal|grand total)\b", re.IGNORECASE)
SUBTOTAL_LABEL = re.compile(r"^(?:sous-total|subtotal)\b", re.IGNORECASE)
UNIT = r"(?:M\s?\$|k\s?\$|G\s?\$|\$|millions?\s+de\s+\$|millions?\s+de\s+dollars|milliards?\s+de\s+\$)"
_DIGITS = r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})*(?:,[0-9]+)?"
NUMBER = rf"(?:\({_DIGITS}\)|[-−]?{_DIGITS})"
#: English plans put the dollar first: "$52.0M", "$151 million", "($5.2M)", "$ 430,423".
_EN_DIGITS = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
_EN_SCALE = r"(?:\s?[MKBG]|\s(?:million|billion|thousand))?"
_EN_AMOUNT = (rf"\(\$\s?(?:{_EN_DIGITS}){_EN_SCALE}\)"
              rf"|[-−]?\$\s?(?:{_EN_DIGITS}){_EN_SCALE}")
AMOUNT = re.compile(rf"(?<![\w,.])(?:{NUMBER}\s*{UNIT}|{_EN_AMOUNT})(?![\w])")
DASH_CELL = re.compile(r"(?<!\S)[—–-](?!\S)")
#: Words after which a number belongs to the label ("Phase 1 128 M$" is Phase 1, 128 M$).
NUMBERING = {"phase", "tableau", "table", "objectif", "objective", "volet", "étape", "niveau",
             "année", "year", "exercice", "part", "section", "annexe", "appendix", "t", "q"}


@dataclass
class Line:
    number: int
    text: str


@dataclass
class RawRow:
    label_parts: list[Line] = field(default_factory=list)
    cells: list[tuple[str, int]] = field(default_factory=list)
    line: int | None = None


def slug(text: str) -> str:
    """A row or column key from a label: ascii, lower case, words joined by underscores."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    key = "_".join(words)[:60] or "row"
    return key if not key[0].isdigit() else f"r_{key}"


def clean_lines(text: str) -> list[Line]:
    """The document's lines, numbered as an editor numbers them (BOM, CRLF and tabs tolerated)."""
    text = text.lstrip("\ufeff")
    return [Line(i, normalise_spaces(raw)) for i, raw in enumerate(text.splitlines(), 1)]


def _join_wrapped_units(lines: list[Line]) -> list[Line]:
    """"171,8 millions" / "de $" on the next line is one figure: join the two lines' text."""
    out: list[Line] = []
    skip = False
    for i, line in enumerate(lines):
        if skip:
            skip = False
            out.append(Line(line.number, ""))
            continue
        following = next((x for x in lines[i + 1 :] if x.text), None)
        if re.search(r"[0-9]\s+millions?$|[0-9]\s+milliards?$", line.text) and following \
                and re.match(r"^de\s+(?:\$|dollars)", following.text) \
                and following.number == line.number + 1:
            out.append(Line(line.number, f"{line.text} {following.text}"))
            skip = True
            continue
        out.append(line)
    return out


def split_figures(text: str) -> tuple[str, list[str]]:
    """A row line as (label part, figure texts at its end). A dash is a zero cell only beside
    other figures or alone on its line; at the end of a label it continues the label."""
    amounts = list(AMOUNT.finditer(text))
    dashes = list(DASH_CELL.finditer(text))
    if dashes and not amounts and text.strip() not in {"—", "–", "-"}:
        dashes = []
    matches = sorted(amounts + dashes, key=lambda m: m.start())
    if not matches:
        return text, []
    figures: list[str] = []
    end = len(text.rstrip())
    for match in reversed(matches):
        if text[match.end() : end].strip():
            break
        figures.insert(0, match.group(0))
        end = match.start()
    label = text[:end].rstrip()
    if figures:
        label, figures = _give_back_numbering(label, figures)
    return label, figures


def _give_back_numbering(label: str, figures: list[str]) -> tuple[str, list[str]]:
    first = figures[0]
    words = label.split()
    groups = re.match(r"[-−]?([0-9]{1,3})[ \u00a0\u202f]([0-9]{3}(?:[ \u00a0\u202f][0-9]{3})*.*)$", first)
    if groups and words and words[-1].lower().strip("—–-:") in NUMBERING:
        return f"{label} {groups.group(1)}", [groups.group(2), *figures[1:]]
    return label, figures


@dataclass
class RawTable:
    number: int
    title: str
    line: int
    caption: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[RawRow] = field(default_factory=list)
    footnotes: list[dict[str, Any]] = field(default_factory=list)


def find_tables(lines: list[Line]) -> list[tuple[int, int]]:
    """(start, end) indices of each table's block, from its heading to the next block."""
    starts = [i for i, line in enumerate(lines) if HEADING.match(line.text)]
    blocks = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        for j in range(start + 1, end):
            if SECTION.match(lines[j].text) and not AMOUNT.search(lines[j].text):
                end = j
                break
        blocks.append((start, end))
    return blocks


def read_table(lines: list[Line], start: int, end: int) -> RawTable:
    heading = HEADING.match(lines[start].text)
    assert heading is not None
    title_parts = [heading.group(2)]
    i = start + 1
    while i < end and lines[i].text and not _starts_body(lines[i].text):
        if unit_scale(lines[i].text) is None:  # "(in millions of dollars)" is no title
            title_parts.append(lines[i].text)
        i += 1
    title = re.sub(r"\s*:\s*$", "", " ".join(p for p in title_parts if p).strip())
    table = RawTable(int(heading.group(1)), title, lines[start].number)
    body = _join_wrapped_units(lines[i:end])
    header_at = _header(body, table)
    pending = RawRow()
    k = header_at + 1
    while k < len(body):
        line = body[k]
        if FOOTNOTE.match(line.text) and not pending.label_parts:
            table.footnotes = _footnotes(body[k:])
            break
        if not line.text:
            k += 1
            continue
        label, figures = split_figures(line.text)
        if label:
            pending.label_parts.append(Line(line.number, label))
        if figures:
            pending.cells = [(f, line.number) for f in figures]
            pending.line = line.number
            table.rows.append(pending)
            pending = RawRow()
        k += 1
    return table


def _starts_body(text: str) -> bool:
    """A title wraps until a blank line, unless the column headings or a row of figures come
    first (no blank line under the title)."""
    tokens = text.split()
    return (len(tokens) >= 1 and all(COLUMN_TOKEN.match(t) for t in tokens)) \
        or bool(split_figures(text)[1])


def _header(body: list[Line], table: RawTable) -> int:
    """Index of the column header line; sets the table's caption and column labels."""
    non_blank = [(i, x) for i, x in enumerate(body) if x.text][:6]
    for position, (i, line) in enumerate(non_blank):
        tokens = line.text.split()
        if len(tokens) >= 2 and all(COLUMN_TOKEN.match(t) for t in tokens):
            table.caption = " ".join(x.text for _, x in non_blank[:position])
            table.columns = [t.rstrip("*") for t in tokens]
            return i
    if not non_blank:
        return len(body)
    i, line = non_blank[0]
    words = line.text.split()
    # "Volet du programme Engagements": the column label starts at the last capitalised word.
    cut = max((n for n, w in enumerate(words) if w[:1].isupper() and n > 0), default=len(words) - 1)
    table.caption = " ".join(words[:cut]).rstrip("*")
    table.columns = [" ".join(words[cut:])]
    return i


def _footnotes(lines: list[Line]) -> list[dict[str, Any]]:
    """Footnotes after a table: a marker line and its continuation lines, up to a blank line;
    the first line that is neither ends the footnotes."""
    notes: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for line in lines:
        match = FOOTNOTE.match(line.text)
        if match:
            marker = match.group(1).rstrip(":").strip()
            current = {"marker": marker, "line": line.number,
                       "parts": [(line.number, match.group(2))]}
            notes.append(current)
        elif not line.text:
            current = None
        elif current is not None:
            current["parts"].append((line.number, line.text))
        else:
            break
    return notes


MARKER_NAMES = {"*": "star", "**": "2star", "***": "3star", "****": "4star"}
FISCAL_YEAR = re.compile(r"(?:exercice financier|fiscal year|exercice)\s+((?:19|20)[0-9][0-9][-–](?:19|20)?[0-9][0-9])",
                         re.IGNORECASE)


def _label_and_markers(parts: list[Line]) -> tuple[str, list[str]]:
    label = " ".join(p.text for p in parts).strip()
    markers = re.findall(r"\*+", label)
    label = re.sub(r"\s*\*+", "", label).strip()
    return label, markers


class UniqueKeys:
    """Keys handed out once each ("item", "item_2", "item_3"), the next suffix of each key
    kept: a label printed a thousand times costs no search through the ones before."""

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._next: dict[str, int] = {}

    def take(self, key: str) -> str:
        candidate, n = key, self._next.get(key, 2)
        if candidate in self._taken:
            while (candidate := f"{key}_{n}") in self._taken:
                n += 1
            self._next[key] = n + 1
        self._taken.add(candidate)
        return candidate


def _unique(key: str, seen: UniqueKeys) -> str:
    return seen.take(key)


def table_dict(raw: RawTable) -> dict[str, Any]:
    multi = len(raw.columns) > 1
    columns = [{"key": (label if multi else slug(label)), "label": label,
                "role": "total" if multi and label.lower() == "total" else "value"}
               for label in raw.columns]
    for column in columns:
        if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", column["key"]):
            column["key"] = slug(column["key"])
    seen = UniqueKeys()
    rows = []
    for row in raw.rows:
        label, markers = _label_and_markers(row.label_parts)
        figures = row.cells[-len(columns):] if len(row.cells) >= len(columns) else row.cells
        keys = [c["key"] for c in columns][-len(figures):] if figures else []
        role = ("subtotal" if SUBTOTAL_LABEL.match(label) else
                "total" if TOTAL_LABEL.match(label) else "item")
        label_lines = [p.number for p in row.label_parts]
        rows.append({
            "key": _unique(slug(label), seen), "label": label, "line": row.line,
            **({"label_lines": label_lines} if label_lines != [row.line] else {}),
            **({"role": role} if role != "item" else {}),
            **({"markers": markers} if markers else {}),
            "cells": {k: (text if line == row.line else {"text": text, "line": line})
                      for k, (text, line) in zip(keys, figures)},
        })
    return {"id": f"t{raw.number}", "number": raw.number, "title": raw.title, "line": raw.line,
            "columns": columns, "rows": rows}


def footnote_dicts(raw: RawTable) -> list[dict[str, Any]]:
    notes: list[dict[str, Any]] = []
    seen = UniqueKeys()
    for note in raw.footnotes:
        marker = note["marker"]
        name = MARKER_NAMES.get(marker, slug(marker))
        figures: dict[str, Any] = {}
        for number, text in note["parts"]:
            for match in AMOUNT.finditer(text):
                figures[f"amount_{len(figures) + 1}"] = {"text": match.group(0), "line": number}
        notes.append({"id": _unique(f"t{raw.number}_{name}", seen), "table": f"t{raw.number}",
                      "marker": marker, "line": note["line"],
                      "text": " ".join(t for _, t in note["parts"]).strip(),
                      **({"figures": figures} if figures else {})})
    return notes


def guess_language(text: str) -> str:
    """French or English by their commonest short words; a table of labels with none of them
    ("Town Hall Government", "Police Total") is French only if it writes French accents."""
    sample = f" {text.lower()} "
    french = sum(sample.count(w) for w in (" de ", " les ", " des ", " pour ", " et "))
    english = sum(sample.count(w) for w in (" the ", " of ", " and ", " for ", " to "))
    if french == english:
        return "fr" if re.search(r"[éèêàçù]", sample) else "en"
    return "fr" if french > english else "en"


def read_text_plan(text: str, source: str) -> dict[str, Any]:
    """The plan a document prints, as plan-file data (claims are added by `claims_text`)."""
    lines = clean_lines(text)
    raw_tables = [read_table(lines, start, end) for start, end in find_tables(lines)]
    years = FISCAL_YEAR.findall(text)
    return {
        "plan": {"organisation": _organisation(lines), "language": guess_language(text),
                 "fiscal_year": max(set(years), key=years.count) if years else "unknown",
                 "source": source},
        "tables": [table_dict(t) for t in raw_tables if t.rows],
        "footnotes": [n for t in raw_tables if t.rows for n in footnote_dicts(t)],
    }


def _organisation(lines: list[Line]) -> str:
    """The name the document repeats most among capitalised names before 'plan', or unknown."""
    counts: dict[str, int] = {}
    for line in lines[:200]:
        for name in re.findall(r"\b([A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,2})\s+(?:co-investit|a\s|est\s)",
                               line.text):
            counts[name] = counts.get(name, 0) + 1
    if counts:
        return max(counts, key=lambda k: counts[k])
    # Else a title line "Northern AI Cluster — Corporate Plan 2024-2025": the name before the dash.
    for line in lines[:5]:
        title = re.match(r"^(.{2,80}?)\s+[—–-]\s+.*\bplan\b", line.text, re.IGNORECASE)
        if title:
            return title.group(1).strip()
    return "unknown"
