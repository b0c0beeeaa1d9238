"""Financial statements with no rules written: the shape governments and companies share.

A title ("Statement of Operations", "État des résultats"), a unit line ("(in thousands of
dollars)", "(en milliers de dollars)"), column headings (years, quarters), section headings
("Expenses", "Charges"), rows of a label and one figure per column, total rows. Read from text
laid out in columns or from Markdown pipe tables. The tables come out with `totals = "inferred"`:
the checker finds what each total adds up (rule BC107) instead of being told.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from statistics import median

from budgetcheck.sources.statement_lines import (
    SplitLine,
    assign,
    choose,
    expand,
    is_year,
    other_readings,
    plausible,
    split_line,
)

#: A row that is a total by its label: the checker reports an error when nothing matches it.
#: French also puts the word last: "Charges totales", "Revenus totaux".
TOTAL_LABEL = re.compile(r"^(?:grand\s+total|sous-total|sous\s+total|subtotal|sub-total|total|"
                         r"totaux|totals)\b|^[\w’' -]+\s(?:totale?s?|totaux)$", re.IGNORECASE)
#: A unit line: "(in thousands of dollars)", "(en milliers de dollars, sauf indication
#: contraire)", "(in millions of Canadian dollars)", "($000)", "(k$)", or a short sentence
#: "All figures in thousands of dollars." / "Tous les montants sont en milliers de dollars".
_UNIT_LEAD = re.compile(
    r"^(?:(?:all\s+)?(?:dollar\s+)?(?:figures|amounts)(?:\s+are)?"
    r"(?:\s+(?:shown|expressed|presented|stated|reported))?"
    r"|(?:tous\s+)?les\s+(?:montants|chiffres)(?:\s+sont)?(?:\s+(?:exprimés|présentés|indiqués))?"
    r"|montants|chiffres)\s+(?=(?:in|en)\s)", re.IGNORECASE)
_UNIT_QUALIFIER = re.compile(
    r"\s*[,;]\s*(?:unless\s+otherwise\s+\w+|except\s.{0,40}|sauf\s.{0,40})$", re.IGNORECASE)
_UNIT_IN = re.compile(r"^(?:in|en)\s+", re.IGNORECASE)
_UNIT_WORDS = re.compile(
    r"^(?P<word>dollars|thousands|milliers|millions|milliards|billions)"
    r"(?P<of>\s+(?:of|de|d['’])\s*(?:canadian\s+|u\.?s\.?\s+|american\s+)?(?:dollars|\$|cad|usd))?"
    r"(?:\s+(?:canadiens|canadian|us|américains|cad|usd))?$", re.IGNORECASE)
_UNIT_SYMBOL = re.compile(
    r"^(?:\$\s*['’`]?\s*(?:thousands|millions|000s?)['’]?|000\s*\$|[kmg]\s*\$)$", re.IGNORECASE)
_SCALES = {"dollars": 0, "thousands": 3, "milliers": 3, "millions": 6, "milliards": 9,
           "billions": 9}
_HEADER_WORDS = {"total", "budget", "actual", "actuals", "réel", "réels", "reel", "prévu",
                 "prevu", "prévus", "estimates", "estimate", "forecast", "planned", "plan",
                 "note", "notes", "restated", "redressé", "retraité", "prévisions", "main",
                 "budget principal", "($)", "$", "variance", "écart", "ecart", "%", "année",
                 "annee", "annuel", "annuelle", "annual", "fy", "ytd", "cumul", "cumulatif",
                 "results", "résultats", "difference", "différence", "minus", "moins",
                 "estimated", "projected", "prévues", "réelles", "change", "variation",
                 "original", "revised", "initial", "forward"}
#: Words that join heading words ("Prévisions des résultats", "End of fiscal year 31 March").
_HEADING_CONNECTORS = {"de", "des", "du", "of", "the", "au", "at", "fin", "end", "mars", "march",
                       "31", "décembre", "december", "30", "juin", "june", "september",
                       "septembre", "exercice", "year", "fiscal"}
_QUARTER = re.compile(r"^(?:[TQ][1-4]|Q[1-4]\s*[0-9]{4})$", re.IGNORECASE)
_RULE_LINE = re.compile(r"^[\s\-=_—–]*[\-=_—–]{3,}[\s\-=_—–]*$")  # "------", not a lone dash
_CONNECTOR = re.compile(r"(?:\b(?:and|of|for|the|to|before|after|et|de|des|du|la|le|les|pour|"
                        r"avant|après|au|aux)|[,\-–(])$", re.IGNORECASE)


@dataclass
class StatementRow:
    label: str
    label_lines: list[int]
    line: int | None = None
    cells: dict[int, tuple[str, int]] = field(default_factory=dict)  # column index -> figure
    after_rule: bool = False
    readings: list[list[str]] = field(default_factory=list)  # other ways to group its figures
    repairs: list[str] = field(default_factory=list)  # its figures printed with a stray space


@dataclass
class Statement:
    title: str
    line: int
    scale: int | None = None
    columns: list[str] = field(default_factory=list)
    rows: list[StatementRow] = field(default_factory=list)
    notes: bool = False  # the headings have a "Note" column (references, not figures)


def unit_scale(text: str) -> int | None:
    """The power of ten a statement's figures are written in, if `text` is its unit line."""
    body = text.strip()
    parenthesized = body.startswith("(") and body.rstrip(".").endswith(")")
    body = body.rstrip(".").strip("()").strip()
    if len(body) > 90:
        return None  # a sentence of prose, not a unit line
    body = _UNIT_QUALIFIER.sub("", body)
    lead = _UNIT_LEAD.match(body)
    body = body[lead.end():] if lead else body
    said_in = _UNIT_IN.match(body)
    body = body[said_in.end():] if said_in else body
    words = _UNIT_WORDS.match(body)
    if words and (parenthesized or said_in or words.group("of")):
        return _SCALES[words.group("word").lower()]
    if _UNIT_SYMBOL.match(body):
        symbol = body.lower().replace(" ", "")
        return 9 if symbol.startswith("g") else 6 if "million" in symbol \
            or symbol.startswith("m") else 3
    return None


_TRAILING_SYMBOL = re.compile(r"\s(\$\s?['’]?000|000\s?\$|[kKMG]\$)$")
_TRAILING_BRACKETS = re.compile(r"\(([^()]{1,120})\)\s*\.?$")


def unit_in_title(text: str) -> int | None:
    """The unit a title or a column heading ends with: in brackets, "Consolidated Financial
    Information (Annual Report 2014-2015; in thousands of dollars)" (the last part of them, when
    it is a unit), "Actual 2024 ($000)"; or as a symbol, "30 June 2024 $’000", "Budget k$"."""
    symbol = _TRAILING_SYMBOL.search(text.strip())
    if symbol is not None:  # "30 June 2024 $’000"
        plain = symbol.group(1).replace("’", "").replace("'", "")
        return unit_scale(f"({plain})")
    found = _TRAILING_BRACKETS.search(text.strip())
    if found is None or found.start() == 0 and not re.search(r"[;,]", found.group(1)):
        return None  # a line that is only a unit is a unit line, read as one
    return unit_scale(f"({re.split(r'[;,]', found.group(1))[-1].strip()})")


def unit_heading(text: str) -> tuple[str, int] | None:
    """A column heading with its unit in brackets, alone on its line above a table's rows:
    "Montant (M$)", "Amount ($000)": the heading and the scale."""
    found = _TRAILING_BRACKETS.search(text.strip())
    if found is None or found.start() == 0:
        return None
    heading = text.strip()[: found.start()].strip()
    scale = unit_in_title(text)
    if scale is None or not heading or len(heading.split()) > 3 or re.search(r"[0-9]", heading):
        return None
    return heading, scale


def unit_before_headings(text: str) -> tuple[int, str] | None:
    """A unit line that carries the column headings too, "(in thousands of dollars) 2021 2020":
    the scale, and the line with the unit blanked (so the headings keep their columns)."""
    stripped = text.lstrip()
    if not stripped.startswith("("):
        return None
    close = stripped.find(")")
    scale = unit_scale(stripped[: close + 1]) if close > 0 else None
    if scale is None:
        return None
    offset = len(text) - len(stripped) + close + 1
    rest = " " * offset + text[offset:]
    return (scale, rest) if rest.strip() and _is_header(rest) else None


def _is_header(text: str) -> bool:
    """Column headings: years, quarters and heading words only, at least one year or quarter
    ("Financial information   2024–25 forecast   2025–26 planned": the caption over the labels
    may say anything)."""
    text = text[_caption_end(text):]
    chunks = [c for c in re.split(r" {2,}", text.strip()) if c]
    words = text.split()
    if not words:
        return False
    dated = any(is_year(w) or _QUARTER.match(w) for w in words)
    if not dated and not (len(chunks) >= 2 and all(c.lower().strip("()*") in _HEADER_WORDS
                                                   for c in chunks)):
        return False
    return all(is_year(w) or _QUARTER.match(w) or w.lower().strip("()*") in _HEADER_WORDS
               or w.lower() in _HEADING_CONNECTORS for w in words)


def _heading_words(text: str) -> bool:
    """A heading of words only, alone on its line among stacked headings ("Original Budget"
    under "2020" / "$’000" / "2019" / "$’000")."""
    words = text.split()  # a footnote marker may follow: "Budget1", "Budget 1"
    return 0 < len(words) <= 4 and all(
        w.lower().strip("()*").rstrip("0123456789") in _HEADER_WORDS or re.fullmatch("[0-9]", w)
        for w in words) and not re.fullmatch("[0-9]", words[0])


def _by_years(text: str, ending: bool = False) -> list[str]:
    """Headings that each begin with a year, "2012 Planned Results 2012 2011 Restated" ->
    "2012 Planned Results", "2012", "2011 Restated"; or that each end with one, "Results 2012
    Results 2013" (headings stacked one a line) -> "Results 2012", "Results 2013"."""
    groups: list[list[str]] = []
    for word in text.split():
        if ending:
            if not groups or is_year(groups[-1][-1]):
                groups.append([])
            groups[-1].append(word)
        elif is_year(word) and not (len(groups) == 1 and not any(map(is_year, groups[0]))):
            groups.append([word])  # (words before the first year are its heading's)
        elif groups:
            groups[-1].append(word)
        else:
            groups.append([word])
    return [" ".join(g) for g in groups]


def _years_apart(chunk: str, end: int) -> list[tuple[str, int]]:
    """A heading chunk of years one space apart, split into one heading per year."""
    words = list(re.finditer(r"\S+", chunk))
    if len(words) < 2 or not all(is_year(w.group()) for w in words):
        return [(chunk, end)]
    base = end - len(chunk)
    return [(w.group(), base + w.end()) for w in words]


def _has_caption(text: str, chunks: list[str]) -> bool:
    """Does the heading line start with a caption in the labels' place ("Financial
    information"), before at least two column headings?"""
    return bool(text[:1].strip()) and len(chunks) >= 3


#: A caption this long at most heads the labels before the years ("Town Operating Budget").
MAX_CAPTION_WORDS = 6
#: The years of one heading line lie within this many years of each other.
MAX_YEAR_SPAN = 12


def _caption_end(text: str) -> int:
    """Where the column headings of a heading line begin, after the caption printed in the
    labels' place: a first chunk set apart by two spaces ("Financial information   2024–25
    forecast"), or the words before the first year when they are not heading words ("Town
    Operating Budget 2011 2012 2013 2013 $ Change"). A row of figures that look like years
    ("Grants 2000 2010") is not a heading line: a caption needs three years, or two and a
    heading word, all within a dozen years of each other."""
    if not text[:1].strip():
        return 0
    chunks = [m for m in re.finditer(r"\S+(?: \S+)*", text)]
    start = chunks[0].end() if _has_caption(text, [m.group(0) for m in chunks]) else 0
    words = list(re.finditer(r"\S+", text[start:]))
    first = next((n for n, w in enumerate(words) if is_year(w.group())), None)
    if not first or first + bool(start) > MAX_CAPTION_WORDS:
        return start
    heading = [w.group().lower().strip("()*") in _HEADER_WORDS | _HEADING_CONNECTORS
               for w in words[:first]]
    if all(heading):
        return start
    rest = [w.group() for w in words[first:]]
    years = [int(w[:4]) for w in rest if is_year(w) and w[:4].isdigit()]
    words_too = any(not is_year(w) for w in rest)
    if len(years) < (2 if words_too else 3) or max(years) - min(years) > MAX_YEAR_SPAN:
        return start
    # two or more heading words just before the first year are its heading's ("… financiers
    # Prévisions des résultats 2023-2024"); one is the caption's ("Town Operating Budget")
    kept = len(heading) - heading[::-1].index(False)
    kept = kept if first - kept >= 2 else first
    return start + words[kept].start()


def _continues_heading(text: str, edges: list[int]) -> bool:
    """A line under the headings that finishes them ("results   results   (planned" / "minus
    forecast)"): heading words only, each piece ending at a column's right edge."""
    pieces = [(m.group(0), m.end()) for m in re.finditer(r"\S+(?: \S+)*", text)]
    return bool(pieces) and bool(edges) \
        and all(w.lower().strip("()*,") in _HEADER_WORDS or is_year(w.strip("()"))
                for piece, _ in pieces for w in piece.split()) \
        and all(_nearest(end, edges) is not None for _, end in pieces)


def _nearest(end: int, edges: list[int]) -> int | None:
    """The column whose right edge is nearest a heading piece's end (headings wrap ragged)."""
    distance, column = min((abs(end - e), n) for n, e in enumerate(edges))
    return column if distance <= 10 else None


def _header_columns(text: str) -> tuple[list[str], list[int]]:
    """Column labels and their right edges from a heading line: every chunk ("2024", "Budget
    2024", "Total", "Année", "Écart") but a Note column's heading and a lone "$", which head
    no figures of their own (note references are given back to the labels)."""
    start = _caption_end(text)
    chunks = [(m.group(0), m.end() + start)
              for m in re.finditer(r"\S+(?: \S+)*", text[start:])]
    # Years set one space apart ("2021 2020") are one heading each, as their figures are.
    chunks = [piece for chunk in chunks for piece in _years_apart(*chunk)]
    chosen = [c for c in chunks if c[0].lower().strip("()") not in {"note", "notes", "$"}]
    return [c[0] for c in chosen], [c[1] for c in chosen]


# -- plain text ---------------------------------------------------------------------------------

#: A figure grouped with commas, "12,345": a document that prints three of them groups its
#: digits so, and a space between two numbers there separates two figures.
_COMMA_GROUPED = re.compile(r"(?<![0-9,.])[0-9]{1,3}(?:,[0-9]{3})+(?![0-9,])")


def read_text_statements(raw_lines: list[str]) -> list[Statement]:
    lines = [expand(x) for x in raw_lines]
    space_groups = len(_COMMA_GROUPED.findall("\n".join(lines))) < 3
    splits = [split_line(x, space_groups) for x in lines]
    starts = _statement_starts(lines, splits)
    statements = []
    for n, start in enumerate(starts):
        end = _title_above(lines, splits, starts[n + 1]) if n + 1 < len(starts) else len(lines)
        statement = _read_block(lines, splits, start, end)
        if statement is not None and sum(1 for r in statement.rows if r.cells) >= 2:
            statements.append(statement)
    return statements


def _title_above(lines: list[str], splits: list[SplitLine], start: int) -> int:
    """The first of the lines right above a statement's start that are its title: text with no
    figure but a year ("Dépenses 2016" above "Montant (M$)"), not a row of the one before."""
    i = start
    while i > 0 and lines[i - 1].strip() and all(is_year(f.text) for f in splits[i - 1].fewest):
        i -= 1
    return i


def _statement_starts(lines: list[str], splits: list[SplitLine]) -> list[int]:
    """A statement starts at its unit line or its column headings, whichever comes first; a
    new one starts when such a line follows rows of figures. Before the first, a table that
    prints neither starts at its first row, if a total ends it (`_table_by_its_total`)."""
    starts: list[int] = []
    seen_rows = True
    for i, text in enumerate(lines):
        marker = unit_scale(text) is not None or _is_header(text) \
            or unit_before_headings(text) is not None or unit_heading(text) is not None
        if marker and seen_rows:
            starts.append(i)
            seen_rows = False
        elif not marker and splits[i].has_figures and splits[i].label and starts \
                and not (_heading_words(text) and not seen_rows):  # "Budget 1": a heading
            seen_rows = True
    unmarked = _table_by_its_total(lines, splits, starts[0] if starts else len(lines))
    return ([unmarked] if unmarked is not None else []) + starts


#: A row of a table printed with no unit line and no headings: a short line, a label of words
#: and its figures, none of them a year alone ("Recettes 2016" is a title).
MAX_ROW_LENGTH = 120
#: Rows of figures a table found by its total has at least, the total one of them.
MIN_UNMARKED_ROWS = 3


def _is_row(text: str, split: SplitLine) -> bool:
    return split.has_figures and bool(split.label) and len(text.strip()) <= MAX_ROW_LENGTH \
        and not all(is_year(f.text) for f in split.fewest) \
        and not re.search(r"[.;:!?]\s", split.label)  # a sentence is prose


def _table_by_its_total(lines: list[str], splits: list[SplitLine], limit: int) -> int | None:
    """Where a table with no unit line and no column headings begins, among the lines before
    `limit`: a run of rows (blank lines and short headings between them allowed, not prose) with
    the same number of figures, one of them after the first labelled a total ("Total
    Revenues"). It begins at its first row, or at the heading just above it when a title stands
    above that ("Means of Financing" / "Revenues" / "Tax Collectors Revenue $342,000.00")."""
    run: list[int] = []
    for i in range(limit + 1):
        text = lines[i] if i < limit else ""
        split = splits[i] if i < limit else None
        if split is not None and _is_row(text, split) and \
                (not run or len(split.fewest) == len(splits[run[0]].fewest)):
            run.append(i)
            continue
        if split is not None and run and (not text.strip() or not split.has_figures
                                          and len(text.split()) <= 6):
            continue  # a blank line or a heading inside the table
        totalled = any(TOTAL_LABEL.match(splits[k].label) for k in run[1:])
        if len(run) >= MIN_UNMARKED_ROWS and totalled:
            first = run[0]
            heading = first - 1
            if heading >= 1 and lines[heading].strip() and not splits[heading].has_figures \
                    and lines[heading - 1].strip():
                return heading
            return first
        run = [i] if split is not None and _is_row(text, split) else []
    return None


#: Words that name a statement or a table, as its title does ("Statement of Operations", "État
#: de la situation financière", "Schedule 2", "Budget summary").
STATEMENT_NAME = re.compile(r"statement|état|etat|schedule|tableau|table|bilan|budget|compte|"
                            r"annexe|résultats|summary|sommaire", re.IGNORECASE)


#: A line of prose, not a title: a sentence that ends with its full stop, or a long one.
_SENTENCE = re.compile(r"\w[.!?]$|^(?:\S+\s+){15}")


def _title(lines: list[str], start: int) -> tuple[str, int]:
    """The statement's title: the nearest text line above its unit line or headings that names a
    statement, else the nearest text line."""
    above: list[tuple[str, int]] = []
    for i in range(start - 1, max(-1, start - 8), -1):
        text = lines[i].strip()
        if not text:
            # A blank line ends the title block, unless what was found is only a period ("As
            # at March 31") and the name stands above it.
            if any(STATEMENT_NAME.search(x[0]) for x in above):
                break
            continue
        split = split_line(lines[i])
        if split.has_figures and split.label and split.gap >= 2:
            break  # a row of figures: the previous statement's
        above.append((text, i))
    above = [x for x in above if not _SENTENCE.search(x[0])]
    named = [x for x in above if STATEMENT_NAME.search(x[0])]
    pick = named[0] if named else (above[-1] if above else ("Statement", start))
    return pick[0].strip("#* "), pick[1] + 1


def _read_block(lines: list[str], splits: list[SplitLine], start: int, end: int) -> Statement | None:
    title, title_line = _title(lines, start)
    statement = Statement(title, title_line, unit_in_title(title))
    edges: list[int] = []
    stacked: list[str] = []  # the heading lines, each alone on its line (no two-space gap)
    i = start
    while i < end and (not lines[i].strip() or unit_scale(lines[i]) is not None
                       or _is_header(lines[i]) or unit_before_headings(lines[i]) is not None
                       or not statement.columns and unit_heading(lines[i]) is not None
                       or stacked and _heading_words(lines[i])
                       or statement.columns and _continues_heading(lines[i], edges)):
        both = unit_before_headings(lines[i])
        line = lines[i] if both is None else both[1]  # the unit blanked: then its headings
        if both is not None:
            statement.scale = both[0]
        alone = unit_heading(line) if not statement.columns else None
        if alone is not None:  # "Montant (M$)": one column, its unit
            statement.columns, statement.scale = [alone[0]], alone[1]
        elif unit_scale(line) is not None:
            statement.scale = unit_scale(line)
        elif not _is_header(line) and not (stacked and _heading_words(line)):
            # the end of a heading: join it by right edges
            pieces = [(m.group(0), m.end()) for m in re.finditer(r"\S+(?: \S+)*", line)]
            below = {_nearest(end, edges): text for text, end in pieces}
            statement.columns = [f"{label} {below[n]}" if n in below else label
                                 for n, label in enumerate(statement.columns)]
        else:
            if line.strip() and not re.search(r"\S\s{2,}\S", line.strip()):
                piece = re.sub(r"^notes?\s+", "", line.strip(), flags=re.IGNORECASE)
                if stacked and not any(map(is_year, stacked[-1].split())) \
                        and not any(map(is_year, piece.split())):
                    stacked[-1] += " " + piece  # "Original" / "Budget1": one heading
                else:
                    stacked.append(piece)
            upper, upper_edges = statement.columns, edges
            columns, edges = _header_columns(line)
            if len(columns) == len(upper):  # headings on two lines: "Budget" / "2024"
                columns = [f"{a} {b}" for a, b in zip(upper, columns)]
            elif upper:  # "Budget  Actual" over "2025  2025  Variance": join by right edges
                columns = [_over(upper, upper_edges, label, edge)
                           for label, edge in zip(columns, edges)]
            statement.columns = columns
            statement.notes = statement.notes or bool(re.search(r"\bnotes?\b", line,
                                                                re.IGNORECASE))
        i += 1
    body = range(i, end)
    counts = [len(splits[k].fewest) for k in body if splits[k].has_figures]
    if not statement.columns:
        if not counts:
            return None
        width = max(set(counts), key=counts.count)
        statement.columns = [f"Column {n + 1}" for n in range(width)]
    elif counts and len(statement.columns) < (usual := max(set(counts), key=counts.count)):
        # Headings set one space apart ("2012 Planned Results 2012 2011 Restated") read as
        # fewer columns than the rows print: each heading starts at a year.
        text = " ".join(statement.columns)
        # or one a line: "Notes 2020" / "$’000" / "2019" / "$’000" / "Original Budget" / "$’000"
        regrouped = next((g for g in (stacked, _by_years(text), _by_years(text, ending=True))
                          if len(g) == usual), None)
        if regrouped is not None:
            statement.columns, edges = regrouped, []
    width = len(statement.columns)
    if not edges:
        edges = _edges_from_rows([splits[k] for k in body], width)
    pending: list[tuple[str, int]] = []
    after_rule = False
    for k in body:
        text = lines[k]
        if not text.strip():
            _flush_heading(statement, pending)
            pending = []
            continue
        if _RULE_LINE.match(text):
            _flush_heading(statement, pending)
            pending, after_rule = [], True
            continue
        split = splits[k]
        figures = plausible(split, choose(split, width, edges)) if split.has_figures else []
        if figures and not split.label and len(figures) > width:
            figures = []
        if figures and split.label and split.gap < 2 and len(figures) < width \
                and not _completed_below(splits, k, end, width - len(figures)):
            figures = []  # a number at the end of a sentence, not a column
        if not figures:
            pending.append((split.label or text.strip(), k + 1))
            continue
        label = split.label
        previous = statement.rows[-1] if statement.rows else None
        if not label and not pending and previous is not None and previous.cells \
                and previous.line == k and len(previous.cells) + len(figures) == width:
            # "Net cost of operations ... $ 3,219,585" / "$ 3,207,599": the row goes on, its
            # figures in the order printed, one a column
            printed = [previous.cells[c] for c in sorted(previous.cells)]
            printed += [(figure.text, k + 1) for figure in figures]
            previous.cells = dict(enumerate(printed))
            continue
        if not label and not pending and previous is not None and not previous.cells \
                and previous.label_lines and k + 1 - previous.label_lines[-1] <= 3:
            # a label on its line, its figures a line or two below: "Conserving Nature" /
            # (blank) / "756,972 968,275"
            statement.rows.pop()
            pending = [(previous.label, previous.label_lines[-1])]
        if len(figures) > width:  # a note reference or a numbered label: give it back
            extra, figures = figures[: len(figures) - width], figures[len(figures) - width:]
            refs = " ".join(f.text for f in extra)
            label = f"{label} (note {refs})" if statement.notes else f"{label} {refs}"
            label = label.strip()
        if _wraps(pending, label):
            _flush_heading(statement, pending[:-1])
            label_parts = [pending[-1]] + ([(label, k + 1)] if label else [])
        else:
            _flush_heading(statement, pending)
            label_parts = [(label, k + 1)] if label else []
        pending = []
        row = StatementRow(" ".join(p for p, _ in label_parts).strip(), [n for _, n in label_parts],
                  k + 1, after_rule=after_rule)
        after_rule = False
        placed = assign(figures, edges) if len(figures) < width else \
            [(n, 0) for n in range(len(figures))]
        for figure, (column, _) in zip(figures, placed):
            row.cells[column] = (figure.text, k + 1)
        if len(figures) == width:
            row.readings = [[f.text for f in g] for g in other_readings(split, figures, edges)]
        row.repairs = split.repairs
        statement.rows.append(row)
    _flush_heading(statement, pending)
    _headings_stacked(statement)
    # What follows the last row of figures is the statement's footer ("The accompanying notes
    # form an integral part...", "Contingent liabilities (Note 13)"), not headings of rows.
    while statement.rows and not statement.rows[-1].cells:
        statement.rows.pop()
    return statement


def _completed_below(splits: list[SplitLine], k: int, end: int, missing: int) -> bool:
    """Does the next line carry, with no label, the figures a row lacks?"""
    below = splits[k + 1] if k + 1 < end else None
    return below is not None and below.has_figures and not below.label \
        and len(below.fewest) == missing


#: Headings stacked one a line are looked for among this many columns' lines (two a column).
MAX_STACKED_HEADINGS = 8


def _headings_stacked(statement: Statement) -> None:
    """Headings printed one a line above the first row ("Forecast results" / "2024-25" /
    "Planned results" / "2025-26") were read as rows with no figures: when the statement has
    no headings of its own and the first such rows, joined, are one heading per column, each
    ending with a year, they are its headings."""
    if not statement.columns or not all(c.startswith("Column ") for c in statement.columns):
        return
    leading = list(itertools.takewhile(lambda r: not r.cells, statement.rows))
    for count in range(2, min(len(leading), 2 * MAX_STACKED_HEADINGS) + 1):
        groups = _by_years(" ".join(r.label for r in leading[:count]), ending=True)
        if len(groups) == len(statement.columns) and all(is_year(g.split()[-1]) for g in groups):
            statement.columns = groups
            del statement.rows[:count]
            return


def _over(upper: list[str], upper_edges: list[int], label: str, edge: int) -> str:
    """A lower heading with the upper heading that ends where it ends, if one does."""
    near = [(abs(e - edge), u) for u, e in zip(upper, upper_edges) if abs(e - edge) <= 3]
    return f"{min(near)[1]} {label}" if near else label


def _edges_from_rows(splits: list[SplitLine], width: int) -> list[int]:
    full = [s.fewest for s in splits if s.has_figures and s.unique and len(s.fewest) == width]
    if not full:
        return []
    return [int(median(g[n].end for g in full)) for n in range(width)]


def _wraps(pending: list[tuple[str, int]], label: str) -> bool:
    """Is the text line just above a row the start of its label? Yes when the row has no label
    of its own, starts in lower case, or the line above ends on a connecting word."""
    if not pending:
        return False
    return not label or label[:1].islower() or _CONNECTOR.search(pending[-1][0]) is not None


def _flush_heading(statement: Statement, pending: list[tuple[str, int]]) -> None:
    for text, number in pending:
        if text and not _RULE_LINE.match(text):
            statement.rows.append(StatementRow(text, [number]))
