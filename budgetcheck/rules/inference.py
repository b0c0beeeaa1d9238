"""Finding what a statement's totals add up, the way audit tools "find all sums".

Pure functions over a table: for each total-like row, the candidate relations in the order a
reader would try them (the block of rows just above; the rows since each section heading; the
previous total plus or minus the rows since; a signed combination of two or three earlier
totals), and a fast test of each on the rounding intervals of the printed figures. The rule
(`inferred.py`) re-judges the relation it keeps with the engine, so every verdict, note and hint
is the engine's own.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from budgetcheck.numbers.interval import EXACT
from budgetcheck.plan.model import Row, Table

#: Result lines that may be a combination of earlier totals: "Net cost of operations",
#: "Excédent (déficit) de l'exercice", "Net debt". Reported only when close to a candidate.
RESULT_LABEL = re.compile(
    r"^(?:net\b|co[uû]t (?:de fonctionnement )?net|r[ée]sultats? net|r[ée]sultat de l|"
    r"exc[ée]dent|d[ée]ficit|surplus|solde|dette nette|actifs? (?:financiers )?nets?|"
    r"passifs? nets?|situation financi[èe]re nette|b[ée]n[ée]fice net|perte nette|"
    r"(?:annual|accumulated) (?:surplus|deficit)|(?:augmentation|diminution) nette|"
    r"(?:increase|decrease) in net|profit|loss for|income (?:before|for)|"
    r".*(?:end of (?:the )?(?:year|period)|fin de l['’]exercice|fin de la p[ée]riode))",
    re.IGNORECASE)
#: The same nouns after a qualifier: "Departmental net debt", "Departmental net financial
#: position" (federal departments print them so), and the results of an operating budget:
#: "Operating income", "Gross margin", "Résultat d'exploitation".
RESULT_NOUN = re.compile(
    r"\bnet (?:debt|financial (?:position|assets|liabilities)|assets|liabilities|position|"
    r"cost of operations)\b|\b(?:operating|net) (?:income|loss|profit|surplus|deficit|gain)\b|"
    r"^excess (?:\((?:deficiency|deficit)\) )?of (?:revenues?|income|receipts)\b|"
    r"\bgross (?:profit|margin)\b|\br[ée]sultat d['’]exploitation\b|\bmarge brute\b|"
    r"\bdette nette\b|\bsituation financi[èe]re nette\b|"
    r"\bactifs? financiers nets\b|\bco[uû]t de fonctionnement net\b", re.IGNORECASE)
#: Results a statement of financial position or of operations always prints as a combination of
#: its totals: when none fits, the line is a wrong total, not a line item, however far it is.
BALANCE_RESULT = re.compile(
    r"\bnet (?:debt|financial (?:position|assets|liabilities))\b|\bdette nette\b|"
    r"\bsituation financi[èe]re nette\b|\b(?:actifs|passifs) financiers nets\b|"
    r"\bnet cost of operations before\b|\bco[uû]t de fonctionnement net avant\b",
    re.IGNORECASE)
#: The results of a statement of cash flows, in a table titled so: elsewhere "Net cash provided by
#: Government" is an item of the funding that a statement of operations lists.
CASH_FLOW_RESULT = re.compile(
    r"\bcash (?:used|provided|generated) (?:in|by|from) (?:\w+ ){1,3}activities\b|"
    r"\bnet cash provided by (?:the )?government\b|"
    r"\btr[ée]sorerie (?:utilis[ée]e|nette) (?:\w+ ){1,4}activit[ée]s\b", re.IGNORECASE)
#: The net cost a statement of operations prints (total expenses less total revenues); a
#: statement of cash flows starts from it as an item.
NET_COST = re.compile(r"^(?:net cost of operations|co[uû]t de fonctionnement net)\s*$",
                      re.IGNORECASE)
CASH_FLOW_TITLE = re.compile(r"cash flow|flux de tr[ée]sorerie", re.IGNORECASE)
_PERIOD_END = re.compile(
    r"end of (?:the )?(?:year|period)|fin de l['’]exercice|fin de la p[ée]riode", re.IGNORECASE)
#: Not results, whatever their nouns: an opening balance, or the funding a statement of
#: operations lists ("Net cash provided by Government": in a statement of cash flows it is the
#: result, and `CASH_FLOW_RESULT` makes it one there).
NOT_RESULT = re.compile(r"beginning|d[ée]but|opening|ouverture|provided by|fournie par",
                        re.IGNORECASE)
#: Earlier totals a result line may combine, two or three of them, nearest first: a statement
#: combines the last few ("Net cost" = "Total expenses" − "Total revenues"), and every one more
#: costs a wrong total dozens of candidates.
MAX_EARLIER_TOTALS = 6
#: A result line whose nearest candidate is further than this is a line item, not a total.
RESULT_NEAR = Decimal("0.10")


@dataclass(frozen=True)
class Candidate:
    """`row` = sum of sign × member over the members, by row index."""

    kind: str  # block, section, items, previous, combination
    members: tuple[tuple[int, int], ...]  # (sign, row index)


@dataclass
class Fit:
    candidate: Candidate
    failing: list[str]  # columns where the candidate does not hold
    checked: int  # columns where it could be checked
    worst: Decimal  # the largest relative difference among failing columns
    held_figures: int = 0  # columns where it holds on a figure other than nil

    @property
    def matches(self) -> bool:
        return self.checked > 0 and not self.failing


def is_total(row: Row) -> bool:
    """A row the reader marked as a total by its label ("Total …", "Sous-total …")."""
    return row.role in ("total", "subtotal")


def in_dollars(row: Row) -> bool:
    """A row of amounts; a row of percentages or ratios ("Share of the total 60 %") is part of
    no sum of dollars."""
    return any(cell.amount.unit == "$" for cell in row.cells.values())


def is_balance_result(row: Row) -> bool:
    """A net debt, net financial position or net cost before funding: always a combination.
    Not the position at the end of the year, which a reconciliation may not print whole."""
    label = row.label
    return bool(BALANCE_RESULT.search(label)) and not NOT_RESULT.search(label) \
        and not _PERIOD_END.search(label)


def is_result(row: Row) -> bool:
    label = row.label.lstrip("(")  # "(Deficit)", as a statement with no surplus prints it
    return bool(RESULT_LABEL.match(label) or RESULT_NOUN.search(label)) \
        and not NOT_RESULT.search(label)


#: Section headings a total may add the rows since, nearest first (and the table's start).
MAX_SECTIONS = 8


class _Fenwick:
    """Prefix sums of integers over row positions, with updates, in O(log n) each."""

    def __init__(self, size: int) -> None:
        self._tree = [0] * (size + 1)

    def add(self, position: int, delta: int) -> None:
        i = position + 1
        while i < len(self._tree):
            self._tree[i] += delta
            i += i & -i

    def before(self, position: int) -> int:
        """The sum over positions < `position`."""
        total, i = 0, position
        while i > 0:
            total += self._tree[i]
            i -= i & -i
        return total

    def between(self, start: int, end: int) -> int:
        """The sum over positions start < j < end."""
        return self.before(end) - self.before(start + 1) if end > start + 1 else 0


@dataclass
class _Span:
    """A candidate given by the rows it adds, before its members are listed: the rows in
    (start, end) that a block may add (`top_level`) or the item rows there (`items`), with
    signs, and an earlier total first for "previous"."""

    kind: str
    start: int
    end: int
    items: bool = False
    first: tuple[int, int] | None = None  # (sign of the rest, the previous total)
    negated: bool = False  # the whole negated: "Surplus" = revenue from government − net cost


class _Ledger:
    """The sums every candidate of a table needs, kept as the table is read: each dollar
    figure as an integer in units of half the table's finest digit, and per column the sums of
    values, of half units and of rows that cannot be added (a cell missing or not in dollars)
    over the rows a block may still add (trees: a row leaves when a total covers it) and over
    the item rows (prefix sums: a row's role is final once it is read)."""

    def __init__(self, table: Table, exclude: frozenset[str] = frozenset()) -> None:
        rows = table.rows
        self.rows = rows
        exponents = [c.amount.exponent for r in rows for k, c in r.cells.items()
                     if c.amount.unit == "$" and k not in exclude]
        self.exponent = min(exponents, default=0) - 1
        self.columns = [c.key for c in table.columns if c.key not in exclude]
        self.cells: list[dict[str, tuple[int, int]]] = [
            {k: (int(c.amount.value.scaleb(-self.exponent, EXACT)),
                 int(c.amount.half_unit.scaleb(-self.exponent, EXACT)))
             for k, c in r.cells.items() if c.amount.unit == "$" and k not in exclude}
            for r in rows]
        n = len(rows)
        self.open = [False] * n  # may a block still add the row?
        self.count, self.totals = _Fenwick(n), _Fenwick(n)
        self.value = {k: _Fenwick(n) for k in self.columns}
        self.half = {k: _Fenwick(n) for k in self.columns}
        self.bad = {k: _Fenwick(n) for k in self.columns}
        # item prefix sums: index j holds the sums over rows < j
        self.item_value = {k: [0] for k in self.columns}
        self.item_half = {k: [0] for k in self.columns}
        self.item_bad = {k: [0] for k in self.columns}
        self.item_count = [0]

    def passed(self, j: int, total: bool) -> None:
        """Row j has been read: a block may add it (if in dollars), and it is an item unless it
        was taken for a total."""
        row, cells = self.rows[j], self.cells[j]
        if in_dollars(row):
            self.open[j] = True
            self.count.add(j, 1)
            if total:
                self.totals.add(j, 1)
            for k in self.columns:
                cell = cells.get(k)
                if cell is None:
                    self.bad[k].add(j, 1)
                else:
                    self.value[k].add(j, cell[0])
                    self.half[k].add(j, cell[1])
        item = bool(row.cells) and not total
        self.item_count.append(self.item_count[-1] + item)
        for k in self.columns:
            cell = cells.get(k) if item else (0, 0)
            self.item_bad[k].append(self.item_bad[k][-1] + (cell is None))
            self.item_value[k].append(self.item_value[k][-1] + (cell or (0, 0))[0])
            self.item_half[k].append(self.item_half[k][-1] + (cell or (0, 0))[1])

    def cover(self, j: int, total: bool) -> None:
        """A total adds row j: no later block adds it again."""
        if not self.open[j]:
            return
        self.open[j] = False
        self.count.add(j, -1)
        if total:
            self.totals.add(j, -1)
        cells = self.cells[j]
        for k in self.columns:
            cell = cells.get(k)
            if cell is None:
                self.bad[k].add(j, -1)
            else:
                self.value[k].add(j, -cell[0])
                self.half[k].add(j, -cell[1])

    def size(self, span: _Span) -> int:
        if span.items:
            return self.item_count[span.end] - self.item_count[span.start + 1] \
                if span.end > span.start + 1 else 0
        return self.count.between(span.start, span.end)

    def sums(self, span: _Span, column: str) -> tuple[int, int] | None:
        """(value, half units) of the span's rest in a column; None if a cell cannot be added."""
        if span.items:
            lo, hi = span.start + 1, span.end
            if hi <= lo:
                return 0, 0
            if self.item_bad[column][hi] - self.item_bad[column][lo]:
                return None
            return (self.item_value[column][hi] - self.item_value[column][lo],
                    self.item_half[column][hi] - self.item_half[column][lo])
        if self.bad[column].between(span.start, span.end):
            return None
        return (self.value[column].between(span.start, span.end),
                self.half[column].between(span.start, span.end))

    def members(self, span: _Span, totals: set[int]) -> tuple[tuple[int, int], ...]:
        """The span's rows, listed (for the candidate that is kept)."""
        sign = span.first[0] if span.first else 1
        sign = -sign if span.negated else sign
        if span.items:
            rest = [j for j in range(span.start + 1, span.end)
                    if self.rows[j].cells and j not in totals]
        else:
            rest = [j for j in range(span.start + 1, span.end) if self.open[j]]
        head = ((-1 if span.negated else 1, span.first[1]),) if span.first else ()
        return (*head, *((sign, j) for j in rest))


def _spans(ledger: _Ledger, i: int, headings: list[int], totals: list[int],
           covered: set[int]) -> Iterator[_Span | Candidate]:
    """The candidates of total row i, in the order a reader would try them: the block of rows
    just above; the rows (then the items) since each section heading, nearest first, and since
    the table's start; the previous total minus, then plus, the rows since (and the rows since
    minus the previous total: a surplus after a net cost of services); a signed
    combination of two or three earlier totals."""
    previous_total = max((j for j in totals if j < i), default=-1)
    nearest_heading = headings[-1] if headings else -1
    yield _Span("block", max(previous_total, nearest_heading), i)
    for heading in [*reversed(headings[-MAX_SECTIONS:]), -1]:
        yield _Span("section", heading, i)
        yield _Span("items", heading, i, items=True)
    if previous_total >= 0:
        after = _Span("previous", previous_total, i)
        if ledger.size(after):
            yield _Span("previous", previous_total, i, first=(-1, previous_total))
            yield _Span("previous", previous_total, i, first=(1, previous_total))
            yield _Span("previous", previous_total, i, first=(-1, previous_total), negated=True)
    earlier = [j for j in totals if j < i and j not in covered][-MAX_EARLIER_TOTALS:]
    # A total labelled so is a sum or a difference of two; a result line may combine three.
    for size in (2,) if is_total(ledger.rows[i]) else (2, 3):
        for group in itertools.combinations(earlier, size):
            for signs in itertools.product((1, -1), repeat=size):
                if size == 3 and all(sign == -1 for sign in signs):
                    continue  # "−a − b" is a cash flow's "net cash provided"; three, chance
                # Terms added come first: "non-financial assets − net debt" reads as printed.
                members = sorted(zip(signs, group), key=lambda m: -m[0])
                yield Candidate("combination", tuple(members))


def _fit(ledger: _Ledger, i: int, candidate: _Span | Candidate) -> Fit:
    """The failing columns, the columns checked, the worst relative difference and the columns
    held on a figure other than nil, of a candidate for total row i, on the rounding intervals
    of the printed figures, from the ledger's sums (the fit's candidate left empty)."""
    failing: list[str] = []
    held_figures = 0
    checked = 0
    worst = Decimal(0)
    for column, (stated, stated_half) in ledger.cells[i].items():
        if isinstance(candidate, Candidate):
            parts = [(sign, part) for sign, j in candidate.members
                     if (part := ledger.cells[j].get(column)) is not None]
            if len(parts) < len(candidate.members):
                continue  # a member prints nothing in this column
            computed = sum(sign * value for sign, (value, _) in parts)
            halves = sum(half for _, (_, half) in parts)
        else:
            rest = ledger.sums(candidate, column)
            if rest is None:
                continue
            computed, halves = rest
            if candidate.first is not None:
                sign, j = candidate.first
                head = ledger.cells[j].get(column)
                if head is None:
                    continue
                computed, halves = head[0] + sign * computed, head[1] + halves
                computed = -computed if candidate.negated else computed
        checked += 1
        difference = abs(stated - computed)
        if difference > stated_half + halves:
            failing.append(column)
            one = 10 ** -ledger.exponent if ledger.exponent < 0 else 1
            scale = max(abs(stated), abs(computed), one)
            worst = max(worst, Decimal(difference) / Decimal(scale))
        elif stated:
            held_figures += 1
    return Fit(Candidate("", ()), failing, checked, worst, held_figures)


def infer(table: Table, exclude: frozenset[str] = frozenset()) -> Iterator[tuple[int, Fit, bool]]:
    """(row index, the fit kept, whether it matched) for each total found in the table, the
    columns `exclude` names left out (a difference column, which its own rule checks)."""
    ledger = _Ledger(table, exclude)
    covered: set[int] = set()
    totals: list[int] = []
    total_rows: set[int] = set()
    headings: list[int] = []
    cash_flows = bool(CASH_FLOW_TITLE.search(table.title))
    above = _Above(table.rows)
    balances = _equity_balances(table.rows)
    for i, row in enumerate(table.rows):
        certain = is_total(row) or is_balance_result(row) \
            or bool((CASH_FLOW_RESULT if cash_flows else NET_COST).search(row.label))
        if not row.cells:
            headings.append(i)
        if not row.cells or not (certain or is_result(row)) or i in balances:
            ledger.passed(i, total=False)
            continue
        found = _best(ledger, i, headings, totals, covered)
        if found is None:
            if certain:  # a condensed statement prints totals without their rows
                totals.append(i)
                total_rows.add(i)
            ledger.passed(i, total=certain)
            continue
        best, candidate = found
        if not best.matches and not certain and best.worst > RESULT_NEAR \
                and not best.held_figures:
            # a result-like label far from every candidate in every column where it is not
            # nil: a line item after all (one that adds up in another column is a result)
            ledger.passed(i, total=False)
            continue
        if _printed_alone(table, i, best, total_rows, above):
            totals.append(i)
            total_rows.add(i)
            ledger.passed(i, total=True)
            continue
        totals.append(i)
        total_rows.add(i)
        members = candidate.members if isinstance(candidate, Candidate) else \
            ledger.members(candidate, total_rows)
        fit = Fit(Candidate(candidate.kind, members), best.failing, best.checked, best.worst,
                  best.held_figures)
        if best.matches:
            covered.update(j for _, j in members)
            for _, j in members:
                ledger.cover(j, total=j in total_rows)
        ledger.passed(i, total=True)
        yield i, fit, best.matches


#: An accumulated balance of equity: "Accumulated deficit", "Accumulated surplus (deficit)".
_ACCUMULATED = re.compile(r"^(?:accumulated|cumulative) (?:surplus|deficit)|"
                          r"^(?:d[ée]ficit|exc[ée]dent) (?:accumul[ée]|cumul[ée])", re.IGNORECASE)


def _equity_balances(rows: list[Row]) -> set[int]:
    """The accumulated surpluses and deficits that a total of their section follows ("Equity"
    / "Contributed equity" / "Reserves" / "Accumulated deficit" / "Total equity"): items of
    equity, not results of the year (as they are at the foot of a statement of operations)."""
    found: set[int] = set()
    pending: list[int] = []
    for i, row in enumerate(rows):
        if not row.cells:
            pending = []
        elif is_total(row):
            found.update(pending)
            pending = []
        elif _ACCUMULATED.match(row.label) and not _PERIOD_END.search(row.label):
            pending.append(i)
    return found


def _printed_alone(table: Table, i: int, best: Fit, total_rows: set[int],
                   rows_above: _Above) -> bool:
    """A "Total …" printed without its items, as a summary of key figures prints "Total
    assets" under "Net result for the period": no item stands right above it, no candidate
    holds in any of its columns, and the nearest is more than 10 % away in one; or a
    department's total in a summary of them (`_Above.names_nothing_of`) that no candidate holds
    for. Like a condensed statement's totals it is not checked (later results may combine it).
    A net debt or a net cost is never alone."""
    row = table.rows[i]
    if not is_total(row) or is_balance_result(row) or i == 0:
        return False
    above = table.rows[i - 1]
    failing_everywhere = best.checked > 0 and len(best.failing) == best.checked
    if failing_everywhere and rows_above.names_nothing_of(i):
        return True
    return (i - 1 in total_rows or is_result(above)) and failing_everywhere \
        and best.worst > RESULT_NEAR


#: Words of a total's label that say it is one, words that name nothing, and the classes
#: every statement totals ("Total expenses" is checked wherever it stands). Singular.
_TOTAL_WORDS = {"total", "totals", "totale", "totales", "totaux", "sub", "subtotal", "sous",
                "grand", "of", "the", "and", "for", "de", "des", "du", "la", "le", "les", "et",
                "other", "autre", "net", "gross", "brut", "general", "général", "operating",
                "revenue", "revenu", "recette", "income", "produit", "expense", "expenditure",
                "dépense", "charge", "cost", "coût", "asset", "actif", "liabilitie", "liability",
                "passif", "equity", "fund", "fond", "cash", "receipt", "payment", "sale", "vente",
                "item", "poste", "amount", "montant"}


def _words(label: str) -> set[str]:
    """The words of a label, in lower case and singular ("Revenues" and "revenue" agree)."""
    words = re.findall(r"[^\W\d_]+", label.lower())
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words}


class _Above:
    """The rows above a total, read as the totals move down the table and only when asked
    (each row once): whether one is a section heading, and the words of their labels."""

    def __init__(self, rows: list[Row]) -> None:
        self.rows = rows
        self.read = 0
        self.headed = False
        self.words: set[str] = set()

    def names_nothing_of(self, i: int) -> bool:
        """Is row `i` a total named for something no row above it names ("Police Total" under
        "Town Hall Government", "Total DPW"), in a table of figures with no section headings?
        A summary of department totals, whose items are on other pages. Checked all the same:
        a bare "Total", a total of a class every statement totals ("Total expenses", "Total
        other revenue"), a total under section headings, and one whose subject a row above
        shares."""
        for row in self.rows[self.read:i]:
            self.headed = self.headed or not row.cells
            self.words |= _words(row.label)
        self.read = max(self.read, i)
        subject = _words(self.rows[i].label) - _TOTAL_WORDS
        return bool(subject) and not self.headed and not subject & self.words


def _best(ledger: _Ledger, i: int, headings: list[int], totals: list[int],
          covered: set[int]) -> tuple[Fit, _Span | Candidate] | None:
    """The first candidate that holds in every column, else the nearest one checked."""
    best: tuple[Fit, _Span | Candidate] | None = None
    for candidate in _spans(ledger, i, headings, totals, covered):
        if isinstance(candidate, _Span):
            size = ledger.size(candidate) + (candidate.first is not None)
            if size == 0 or size == 1 and candidate.first is None and not candidate.items \
                    and ledger.totals.between(candidate.start, candidate.end):
                continue  # nothing to add, or "Total revenues" = "Total expenses" alone
        fitted = _fit(ledger, i, candidate)
        result = Fit(Candidate(candidate.kind, ()), fitted.failing, fitted.checked, fitted.worst,
                     fitted.held_figures)
        if result.matches:
            return result, candidate
        if result.checked and (best is None or _closer(result, best[0])):
            best = result, candidate
    return best


def _closer(a: Fit, b: Fit) -> bool:
    return (len(a.failing), a.worst) < (len(b.failing), b.worst)
