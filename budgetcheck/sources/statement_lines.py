"""One line of a financial statement laid out as text: its label and the figures at its end.

Statements print figures in columns: "Salaries and benefits      1 234 567     1 198 004". In
French a single space (or U+00A0, U+202F) also separates the thousands, so "20 000 18 500" could
be two figures or four; of every way of grouping the digits that the notation allows the
statement chooses the grouping with as many figures as it has columns, whose figures end nearest
the columns' right edges. A no-break space always joins (it is never a column gap) and two spaces
or a tab always separate.

The groupings are never listed (a line of twelve ambiguous spaces has 4 096): a grouping is a way
through the line's cut points, and each question asked of them (which counts of figures can be
had, the first grouping, the best aligned one) is a dynamic programme over those points, linear in
the line for a bounded number of ambiguous spaces (`MAX_SPLITS`) and of digit groups in a figure
(`MAX_GROUPS`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

#: Characters that join digit groups and never separate columns.
JOINERS = "\u00a0\u202f\u2009\u2007"
_GROUPED = r"[0-9]{1,3}(?:[" + JOINERS + r"][0-9]{3})*"
_NUM = re.compile(
    r"^\(?(?:CA\$ ?|C\$ ?|\$ ?)?[−–-]?(?:" + _GROUPED + r"|[0-9]+)(?:[.,][0-9]+)*"
    # a "$" attached by `_attach_dollars` ("1 234 $", "(5 397) $") is part of the figure
    r"(?:[ " + JOINERS + r"]?\$)?\)?(?: ?\$)?%?\*{0,3}$")
_DASHES = {"-", "—", "–", "−", "nil", "néant", "neant"}
_YEAR = re.compile(r"^\(?(?:19|20)[0-9][0-9](?:[-–/](?:19|20)?[0-9][0-9])?\)?\*{0,3}$")
#: Leaders between a label and its figures: "Salaries ........ 1 234".
_LEADER = re.compile(r"[\s.·…_]{2,}$")
#: Ambiguous spaces a line may leave to its statement (beyond, all join: French grouping is the
#: common case), and the groups of digits a figure may join (a figure has at most 30 digits).
MAX_SPLITS = 12
MAX_GROUPS = 12


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
                re.match(r"^\((?:\$)?[−-]?[0-9]{1,3}$", text) or re.match(r"^[0-9]{3}(?:,[0-9]+)?\)(?: ?\$)?$", text):
            return "number"
        return "word"


@dataclass(frozen=True)
class FigureSpan:
    text: str
    start: int
    end: int


@dataclass
class SplitLine:
    """A line's label and the figure tokens at its end, with the points where a figure may
    end: `ends[c]` lists, longest first, the cut points a figure starting at cut point `c` may
    end at (the figure joins the tokens between)."""

    label: str
    tokens: list[Token]
    gap: int  # spaces between the label and the first figure (0 when no label)
    ends: dict[int, list[int]] = field(default_factory=dict, repr=False)
    repairs: list[str] = field(default_factory=list)  # figures printed with a stray space

    @property
    def has_figures(self) -> bool:
        return bool(self.tokens)

    @cached_property
    def _counts(self) -> dict[int, int]:
        """For each cut point, the counts of figures the rest of the line can be read as, as a
        bit set (bit k: k figures); the end of the line reads as 0 figures."""
        counts = {len(self.tokens): 1}
        for start in sorted(self.ends, reverse=True):
            bits = 0
            for end in self.ends[start]:
                bits |= counts.get(end, 0) << 1
            counts[start] = bits
        return counts

    @property
    def readable(self) -> bool:
        """Some grouping keeps every figure's brackets balanced (else each token is a figure)."""
        return not self.tokens or bool(self._counts.get(0, 0))

    @cached_property
    def fewest(self) -> list[FigureSpan]:
        """The first grouping, joining wherever it can: the fewest figures."""
        return self.first(None)

    @cached_property
    def unique(self) -> bool:
        """The line can be grouped one way only."""
        if not self.readable:
            return True
        ways = {len(self.tokens): 1}
        for start in sorted(self.ends, reverse=True):
            ways[start] = min(2, sum(ways.get(end, 0) for end in self.ends[start]))
        return ways.get(0, 0) <= 1

    def possible_counts(self) -> list[int]:
        """Every number of figures the line can be grouped into, smallest first."""
        if not self.tokens:
            return []
        if not self.readable:
            return [len(self.tokens)]
        bits = self._counts[0]
        return [k for k in range(bits.bit_length()) if bits >> k & 1]

    def first(self, count: int | None) -> list[FigureSpan]:
        """The first grouping (joining wherever it can) of `count` figures (None: any)."""
        if not self.readable:
            return [FigureSpan(t.text, t.start, t.end) for t in self.tokens]
        counts, figures, at, left = self._counts, [], 0, count
        while at < len(self.tokens):
            for end in self.ends[at]:
                bits = counts.get(end, 0)
                if bits if left is None else bits >> (left - 1) & 1:
                    figures.append(_figure(self.tokens[at:end]))
                    at, left = end, None if left is None else left - 1
                    break
        return figures

    def groupings(self, count: int, limit: int) -> list[list[FigureSpan]]:
        """Up to `limit` groupings of `count` figures, in the order `first` tries them."""
        if not self.readable:
            return [self.first(None)] if len(self.tokens) == count else []
        found: list[list[FigureSpan]] = []
        # depth-first over cut points; every path followed ends in a grouping of `count`
        # figures (the count bits say so), so this costs limit × figures
        stack: list[tuple[int, int, list[FigureSpan]]] = [(0, count, [])]
        while stack and len(found) < limit:
            at, left, figures = stack.pop()
            if at == len(self.tokens):
                found.append(figures)
                continue
            for end in reversed(self.ends.get(at, [])):
                if left and self._counts.get(end, 0) >> (left - 1) & 1:
                    stack.append((end, left - 1, [*figures, _figure(self.tokens[at:end])]))
        return found

    def aligned(self, count: int, edges: list[int]) -> list[FigureSpan]:
        """Of the groupings of `count` figures, the one whose figures, placed in order in the
        columns, end nearest the columns' right edges (the first such grouping on a tie)."""
        m = len(edges)
        if count > m or not self.readable:
            return self.first(count)
        n, tokens, ends, counts = len(self.tokens), self.tokens, self.ends, self._counts
        unreachable = 10**9
        costs: dict[tuple[int, int, int], int] = {}
        places: dict[tuple[int, int, int], int] = {}

        def here(end: int, left: int, q: int) -> int:
            """The figure ending at cut point `end`, in column q, and the rest after it."""
            return abs(tokens[end - 1].end - edges[q]) + cost(end, left - 1, q + 1)

        def placed(end: int, left: int, column: int) -> int:
            """The least distance with the next figure ending at `end`, in a column from
            `column` on: in this column, or in a later one (one step a column, so a line
            costs figures × columns, not × columns²)."""
            if column > m - left:
                return unreachable
            key = (end, left, column)
            if key not in places:
                places[key] = min(here(end, left, column), placed(end, left, column + 1))
            return places[key]

        def usable(at: int, left: int) -> list[int]:
            return [e for e in ends.get(at, ()) if counts.get(e, 0) >> (left - 1) & 1]

        def cost(at: int, left: int, column: int) -> int:
            """The least distance for `left` figures from cut point `at`, placed in order in
            the columns from `column` on."""
            if left == 0:
                return 0 if at == n else unreachable
            key = (at, left, column)
            if key not in costs:
                costs[key] = min((placed(e, left, column) for e in usable(at, left)),
                                 default=unreachable)
            return costs[key]

        figures: list[FigureSpan] = []
        at, left, column = 0, count, 0
        while left:
            goal = cost(at, left, column)
            end = next(e for e in usable(at, left) if placed(e, left, column) == goal)
            q = next(q for q in range(column, m - left + 1) if here(end, left, q) == goal)
            figures.append(_figure(tokens[at:end]))
            at, left, column = end, left - 1, q + 1
        return figures


def expand(raw: str) -> str:
    """Tabs become column gaps; other spaces stay where they are so positions mean columns. A
    backslash that ends the line is Markdown's line break, as pages copied to text keep it
    ("… 68,805 (10,777)\\"), not part of the last figure; a year range split after its dash
    ("2017- 18") is one heading."""
    line = raw.replace("\t", "    ").rstrip("\r\n").rstrip()
    line = line[:-1].rstrip() if line.endswith("\\") and not line.endswith("\\\\") else line
    # "2017- 18": a year range split after its dash, joined (its space moved after it, so the
    # columns keep their places); so is a bracket a PDF's text set apart from its figure,
    # "( 15 731)" (its space moved before it: a figure's column is where it ends)
    line = _SPLIT_YEARS.sub(r"\1\2\3 ", line)
    return _OPEN_BRACKET.sub(lambda m: f"{m.group(1)}({m.group(2)}", line) if "( " in line \
        else line


_SPLIT_YEARS = re.compile(r"\b((?:19|20)[0-9]{2})([-–/]) ([0-9]{2}(?:[0-9]{2})?)\b")
_OPEN_BRACKET = re.compile(r"\(( +)([0-9][0-9 ,." + JOINERS + r"]{0,40}\))")


#: Where a page copied to text ran its cells together, in a document that groups its digits
#: with commas: a label and its figure ("Revenue11,250,559"), two figures ("11,250,55911,310,567",
#: a group of three digits cannot go on), a figure and a dollar sign ("$19,762,031$20,502,287"),
#: a bracket and what follows ("(2,458)(2,602)").
_GLUED = re.compile(r"(?<=[^\W\d_])(?=\(?\$?[0-9]{1,3},[0-9]{3})|(?<=,[0-9]{3})(?=[0-9$(])"
                    r"|(?<=[0-9)])(?=\$[0-9(])|(?<=\))(?=[0-9($])")


def unglue(line: str) -> str:
    """The line with a space wherever a page copied to text ran two cells together (in a
    document that groups digits with commas; "1,2345" is no figure there)."""
    return _GLUED.sub(" ", line) if "," in line else line


def tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[^ ]+", text)]


def split_line(text: str, space_groups: bool = True) -> SplitLine:
    """The label and the figure tokens at the end of a line, with the points where its figures
    may be cut; with `space_groups` False (a document that groups digits with commas) a space
    never joins two numbers into one figure ("Depreciation 4 158 624 400": a note reference,
    then three figures)."""
    found, repairs = _mend_stray_spaces(tokens(text))
    k = len(found)
    while k > 0 and found[k - 1].kind != "word":
        k -= 1
    figures = _attach_dollars(found[k:])
    label_tokens = found[:k]
    label_end = label_tokens[-1].end if label_tokens else 0
    label = text[:label_end].strip()
    label = _LEADER.sub("", label).strip() if label else label
    gap = figures[0].start - label_end if figures and label_tokens else 0
    mended = [printed for start, printed in repairs if figures and start >= figures[0].start]
    return SplitLine(label, figures, gap, _cut_points(figures, space_groups), mended)


#: "4,059," then "360": a figure grouped with commas, broken by a stray space after a comma.
_BROKEN_LEFT = re.compile(r"^\(?\$?[0-9]{1,3}(?:,[0-9]{3})*,$")
_BROKEN_RIGHT = re.compile(r"^[0-9]{3}(?:,[0-9]{3})*\)?$")


def _mend_stray_spaces(found: list[Token]) -> tuple[list[Token], list[tuple[int, str]]]:
    """Tokens with the figures a stray space broke joined again ("4,059, 360" is 4,059,360:
    "4,059," is no figure), and (start, the figure as printed) of each."""
    out: list[Token] = []
    repairs: list[tuple[int, str]] = []
    for token in found:
        last = out[-1] if out else None
        if last is not None and token.start - last.end == 1 and _BROKEN_LEFT.match(last.text) \
                and _BROKEN_RIGHT.match(token.text):
            out[-1] = Token(last.start, token.end, last.text + token.text)
            repairs.append((last.start, f"{last.text} {token.text}"))
        else:
            out.append(token)
    return out, repairs


def _attach_dollars(found: list[Token]) -> list[Token]:
    """"$ 430,423" is one figure in English, "1 234 $" one figure in French. A line that ends
    with its "$" writes it after each figure: "59 209 012 $ 58 209 012 $" is two figures."""
    out: list[Token] = []
    after = bool(found) and found[-1].kind == "dollar"
    i = 0
    while i < len(found):
        token = found[i]
        following = found[i + 1] if i + 1 < len(found) else None
        # the figure or dash just before, "1 234 $", "— $" (the French nil)
        behind = bool(out) and out[-1].kind in ("number", "dash") \
            and token.start - out[-1].end <= 1
        if token.kind == "dollar" and following is not None and following.kind == "number" \
                and following.start - token.end <= 1 and not (after and behind):
            out.append(Token(token.start, following.end, f"$ {following.text}"))
            i += 2
            continue
        if token.kind == "dollar" and behind and out[-1].kind == "number":
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
    return re.match(r"^[0-9]{3}(?:,[0-9]+)?\)?(?: \$)?%?$", right.text) is not None \
        and re.search(r"(?:^|[^0-9])[0-9]{1,3}$", left.text.replace("\u00a0", " ")) is not None


def _must_join(left: Token, right: Token) -> bool:
    return left.text.startswith("(") and not left.text.endswith(")")


def _cut_points(found: list[Token], space_groups: bool = True) -> dict[int, list[int]]:
    """For each point a figure may start at, the points it may end at, longest figure first.
    A figure never starts or ends inside "(5 397" (a bracket must close), never joins across a
    column gap, joins at most MAX_GROUPS tokens and keeps its brackets balanced."""
    n = len(found)
    if not n:
        return {}
    # (tokens are cut at plain spaces only: "1\u00a0234" is one token already)
    joinable = [False] + [space_groups and _can_join(found[i - 1], found[i])
                          for i in range(1, n)]
    forced = [j and _must_join(found[i - 1], found[i]) for i, j in enumerate(joinable)]
    if sum(j and not f for j, f in zip(joinable, forced)) > MAX_SPLITS:
        forced = joinable  # join them all: French grouping is the common case
    cuts = [i for i in range(n + 1) if i in (0, n) or not forced[i]]
    balance = [0]
    for token in found:
        balance.append(balance[-1] + token.text.count("(") - token.text.count(")"))
    ends: dict[int, list[int]] = {}
    for a, start in enumerate(cuts[:-1]):
        valid = []
        for end in cuts[a + 1:]:
            if end - start > MAX_GROUPS:
                break
            if balance[end] == balance[start]:
                valid.append(end)
            if end < n and not joinable[end]:
                break  # a column gap: no figure goes past it
        ends[start] = valid[::-1]
    return ends


def _figure(parts: list[Token]) -> FigureSpan:
    text = " ".join(p.text for p in parts).rstrip("*")  # "1,234*": the marker is not the figure
    return FigureSpan(text, parts[0].start, parts[-1].end)


def is_year(text: str) -> bool:
    return _YEAR.match(text) is not None


def choose(split: SplitLine, columns: int | None, edges: list[int]) -> list[FigureSpan]:
    """The grouping that fits the statement: as many figures as columns (or else the most
    below that), each ending nearest a column's right edge; with no edges known, the first
    grouping with as many figures as columns, or else the fewest figures."""
    if split.unique:  # one way to read the line: nothing to choose (the common case)
        return split.fewest
    counts = split.possible_counts()
    if not counts:
        return []
    below = [c for c in counts if columns and c < columns]
    if columns and columns in counts:
        count = columns
    elif below:
        count = max(below) if edges else min(below)
    else:
        # More figures than columns whichever way (a note reference or a numbered label, which
        # the reader gives back to the label): with edges, alignment cannot choose.
        return split.fewest if edges else split.first(min(counts))
    return split.aligned(count, edges) if edges else split.first(count)


_LEADING_ZERO = re.compile(r"^[($\s]*0[0-9]")  # "000" is a digit group, never a figure


def plausible(split: SplitLine, chosen: list[FigureSpan]) -> list[FigureSpan]:
    """The grouping kept, unless one of its figures starts with a zero ("1 | 000 100"): then
    the first grouping of as many figures whose figures do not."""
    if split.unique or not any(_LEADING_ZERO.match(f.text) for f in chosen):
        return chosen
    return next((g for g in split.groupings(len(chosen), 5)
                 if not any(_LEADING_ZERO.match(f.text) for f in g)), chosen)


def other_readings(split: SplitLine, chosen: list[FigureSpan],
                   edges: list[int]) -> list[list[FigureSpan]]:
    """The groupings of a line into as many figures as `chosen` that the statement cannot tell
    from it: any other, when no column edges are known (figures one space apart); else those
    that line up with the columns as well as it does, when the line's figures are apart by
    more than one space (one space apart, alignment says nothing). A French line "10 216 400"
    in a two-column row may be 10 216 | 400 or 10 | 216 400."""
    if split.unique:
        return []
    others = [g for g in split.groupings(len(chosen), 5)
              if [f.text for f in g] != [f.text for f in chosen]
              and not any(_LEADING_ZERO.match(f.text) for f in g)]
    tokens = split.tokens
    if edges and any(b.start - a.end >= 2 for a, b in zip(tokens, tokens[1:])):
        # the figures stand in columns: the others must line up as well as the one kept
        best = alignment(chosen, edges)
        others = [g for g in others if alignment(g, edges) <= best]
    return others


def alignment(figures: list[FigureSpan], edges: list[int]) -> int:
    """How far the figures end from the columns they would fall in (in order), in characters."""
    return sum(d for _, d in assign(figures, edges))


def assign(figures: list[FigureSpan], edges: list[int]) -> list[tuple[int, int]]:
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
