"""Where a statement's figures get their names and scale: unit lines ("(in thousands of
dollars)", "(en milliers de dollars)", "($000)"), units inside a title or a heading ("Actual 2024
($000)", "Montant (M$)"), and column heading lines (years, quarters, heading words, a caption in
the labels' place before them). Pure functions of one line of text.
"""

from __future__ import annotations

import re

from budgetcheck.sources.statement_lines import is_year

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

#: Words that name a statement or a table, as its title does ("Statement of Operations", "État
#: de la situation financière", "Schedule 2", "Budget summary").
STATEMENT_NAME = re.compile(r"statement|état|etat|schedule|tableau|table|bilan|budget|compte|"
                            r"annexe|résultats|summary|sommaire", re.IGNORECASE)


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
    if scale is None or not heading or len(heading.split()) > 3 or re.search(r"[0-9]", heading) \
            or STATEMENT_NAME.search(heading):  # "Statement of Operations (in thousands)"
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
    return (scale, rest) if rest.strip() and is_header(rest) else None


def is_header(text: str) -> bool:
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


def heading_words(text: str) -> bool:
    """A heading of words only, alone on its line among stacked headings ("Original Budget"
    under "2020" / "$’000" / "2019" / "$’000")."""
    words = text.split()  # a footnote marker may follow: "Budget1", "Budget 1"
    return 0 < len(words) <= 4 and all(
        w.lower().strip("()*").rstrip("0123456789") in _HEADER_WORDS or re.fullmatch("[0-9]", w)
        for w in words) and not re.fullmatch("[0-9]", words[0])


def by_years(text: str, ending: bool = False) -> list[str]:
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


def continues_heading(text: str, edges: list[int]) -> bool:
    """A line under the headings that finishes them ("results   results   (planned" / "minus
    forecast)"): heading words only, each piece ending at a column's right edge."""
    pieces = [(m.group(0), m.end()) for m in re.finditer(r"\S+(?: \S+)*", text)]
    return bool(pieces) and bool(edges) \
        and all(w.lower().strip("()*,") in _HEADER_WORDS or is_year(w.strip("()"))
                for piece, _ in pieces for w in piece.split()) \
        and all(nearest_column(end, edges) is not None for _, end in pieces)


def nearest_column(end: int, edges: list[int]) -> int | None:
    """The column whose right edge is nearest a heading piece's end (headings wrap ragged)."""
    distance, column = min((abs(end - e), n) for n, e in enumerate(edges))
    return column if distance <= 10 else None


def header_columns(text: str) -> tuple[list[str], list[int]]:
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
