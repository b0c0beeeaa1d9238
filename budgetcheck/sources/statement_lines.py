"""One line of a financial statement laid out as text: its label and the figures at its end.

Statements print figures in columns: "Salaries and benefits      1 234 567     1 198 004". In
French a single space (or U+00A0, U+202F) also separates the thousands, so "20 000 18 500" could
be two figures or four; the reader keeps every way of grouping the digits that the notation
allows and lets the statement choose: the grouping with as many figures as the statement has
columns, whose figures end nearest the columns' right edges. A no-break space always joins (it is
never a column gap) and two spaces or a tab always separate.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

#: Characters that join digit groups and never separate columns.
JOINERS = "\u00a0\u202f\u2009\u2007"
_GROUPED = r"\d{1,3}(?:[" + JOINERS + r"]\d{3})*"
_NUM = re.compile(
    r"^\(?(?:CA\$|C\$|\$)?[−–-]?(?:" + _GROUPED + r"|\d+)(?:[.,]\d+)*(?:[" + JOINERS + r"]?\$)?\)?%?\*{0,3}$")
_DASHES = {"-", "—", "–", "−", "nil", "néant", "neant"}
_YEAR = re.compile(r"^\(?(?:19|20)\d\d(?:[-–/](?:19|20)?\d\d)?\)?\*{0,3}$")
#: Leaders between a label and its figures: "Salaries ........ 1 234".
_LEADER = re.compile(r"[\s.·…_]{2,}$")
MAX_SPLITS = 12


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def kind(self) -> str:
        text = self.text
        if text == "$":
            return "dollar"
        if text.lower() in _DASHES:
            return "dash"
        if _NUM.match(text) and text.count("(") == text.count(")") or \
                re.match(r"^\((?:\$)?[−-]?\d{1,3}$", text) or re.match(r"^\d{3}(?:,\d+)?\)$", text):
            return "number"
        return "word"


@dataclass(frozen=True)
class Figure:
    text: str
    start: int
    end: int


@dataclass
class SplitLine:
    label: str
    groupings: list[list[Figure]]  # every admissible grouping of the figure tokens
    gap: int  # spaces between the label and the first figure (0 when no label)

    @property
    def has_figures(self) -> bool:
        return bool(self.groupings and self.groupings[0])


def expand(raw: str) -> str:
    """Tabs become column gaps; other spaces stay where they are so positions mean columns."""
    return raw.replace("\t", "    ").rstrip("\r\n").rstrip()


def tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[^ ]+", text)]


def split_line(text: str) -> SplitLine:
    """The label and the figure tokens at the end of a line, with every admissible grouping."""
    found = tokens(text)
    k = len(found)
    while k > 0 and found[k - 1].kind != "word":
        k -= 1
    figures = _attach_dollars(found[k:])
    label_tokens = found[:k]
    label_end = label_tokens[-1].end if label_tokens else 0
    label = text[:label_end].strip()
    label = _LEADER.sub("", label).strip() if label else label
    gap = figures[0].start - label_end if figures and label_tokens else 0
    return SplitLine(label, _groupings(figures), gap)


def _attach_dollars(found: list[Token]) -> list[Token]:
    """"$ 430,423" is one figure in English, "1 234 $" one figure in French."""
    out: list[Token] = []
    i = 0
    while i < len(found):
        token = found[i]
        following = found[i + 1] if i + 1 < len(found) else None
        if token.kind == "dollar" and following is not None and following.kind == "number" \
                and following.start - token.end <= 1:
            out.append(Token(token.start, following.end, f"$ {following.text}"))
            i += 2
            continue
        if token.kind == "dollar" and out and out[-1].kind == "number" \
                and token.start - out[-1].end <= 1:
            last = out.pop()
            out.append(Token(last.start, token.end, f"{last.text} $"))
        elif token.kind != "dollar":  # a "$" alone in its own column marks the currency only
            out.append(token)
        i += 1
    return out


def _can_join(left: Token, right: Token) -> bool:
    """Could `right` be the next group of thousands of `left` ("1 234", "(5 397)")?"""
    if right.start - left.end != 1 or left.kind != "number" or right.kind != "number":
        return False
    if left.text.endswith((")", "$", "%")) or "," in left.text or "." in left.text:
        return False
    return re.match(r"^\d{3}(?:,\d+)?\)?(?: \$)?%?$", right.text) is not None \
        and re.search(r"(?:^|[^\d])\d{1,3}$", left.text.replace("\u00a0", " ")) is not None


def _must_join(left: Token, right: Token) -> bool:
    return left.text.startswith("(") and not left.text.endswith(")")


def _groupings(found: list[Token]) -> list[list[Figure]]:
    if not found:
        return [[]]
    joinable = [i for i in range(1, len(found)) if _can_join(found[i - 1], found[i])]
    forced = {i for i in joinable if _must_join(found[i - 1], found[i])}
    optional = [i for i in joinable if i not in forced]
    if len(optional) > MAX_SPLITS:  # join them all: French grouping is the common case
        forced |= set(optional)
        optional = []
    results = []
    for choice in itertools.product((True, False), repeat=len(optional)):
        joins = forced | {i for i, join in zip(optional, choice) if join}
        grouping = _group(found, joins)
        if grouping is not None:
            results.append(grouping)
    return results or [[Figure(t.text, t.start, t.end) for t in found]]


def _group(found: list[Token], joins: set[int]) -> list[Figure] | None:
    figures: list[Figure] = []
    current = [found[0]]
    for i in range(1, len(found)):
        if i in joins:
            current.append(found[i])
        else:
            figures.append(_figure(current))
            current = [found[i]]
    figures.append(_figure(current))
    if any(f.text.count("(") != f.text.count(")") for f in figures):
        return None
    return figures


def _figure(parts: list[Token]) -> Figure:
    text = " ".join(p.text for p in parts).rstrip("*")  # "1,234*": the marker is not the figure
    return Figure(text, parts[0].start, parts[-1].end)


def is_year(text: str) -> bool:
    return _YEAR.match(text) is not None


def choose(split: SplitLine, columns: int | None, edges: list[int]) -> list[Figure]:
    """The grouping that fits the statement: as many figures as columns (or fewer), each
    ending nearest a column's right edge; with nothing known, the one with the fewest figures."""
    options = split.groupings
    if columns:
        fitting = [g for g in options if len(g) == columns] or \
            [g for g in options if len(g) < columns]
        if fitting:
            options = fitting
    if edges:
        return min(options, key=lambda g: (-len(g) if columns and len(g) <= columns else 0,
                                           alignment(g, edges)))
    return min(options, key=len)


def alignment(figures: list[Figure], edges: list[int]) -> int:
    """How far the figures end from the columns they would fall in (in order), in characters."""
    return sum(d for _, d in assign(figures, edges))


def assign(figures: list[Figure], edges: list[int]) -> list[tuple[int, int]]:
    """(column index, distance) for each figure: the in-order assignment of figures to columns
    that puts each figure's right end nearest its column's right edge."""
    n, m = len(figures), len(edges)
    if n > m:
        return [(i, 0) for i in range(n)]
    big = 10**9
    # best[i][j]: the cost of placing the first i figures within the first j columns
    best = [[0] * (m + 1)] + [[big] * (m + 1) for _ in range(n)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            place = best[i - 1][j - 1] + abs(figures[i - 1].end - edges[j - 1])
            best[i][j] = min(best[i][j - 1], place)
    placed: list[tuple[int, int]] = []
    i, j = n, m
    while i > 0:
        if best[i][j] == best[i][j - 1] and j > i:
            j -= 1
            continue
        placed.append((j - 1, abs(figures[i - 1].end - edges[j - 1])))
        i, j = i - 1, j - 1
    return list(reversed(placed))
