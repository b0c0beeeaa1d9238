"""HTML pages read as statements: every `<table>` of the page, with the standard library's
`html.parser` (no DTD, no entity beyond HTML's own, nothing fetched).

A table's headings are its `<thead>` rows, or the rows of `<th>` cells that open it; `colspan`
and `rowspan` repeat a cell over the columns and rows it spans; inline markup inside a cell
(`<strong>`, `<abbr>`, `<span>`) keeps its text, while footnote markers (`<sup>`) and text hidden
from the eye (`class="wb-inv"`, the Government of Canada's screen-reader words) are left out. The
title and the unit come from the `<caption>` or the text just above the table. A figure's line
is the line of the page's source where its cell starts. The page's text outside its tables is
given back, line for line, so that its sentences are read for claims like a text document's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from budgetcheck.sources.statement import Statement
from budgetcheck.sources.statement_markdown import column_kinds, grid_statement
from budgetcheck.util.limits import LINE_FIGURES

#: A cell spans at most this many columns or rows: a page that asks for more is not a table.
MAX_SPAN = 64
#: Text blocks above a table where its title and unit are looked for.
ABOVE_BLOCKS = 6

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "caption", "br",
           "tr", "table", "section", "article", "header", "footer", "figcaption", "blockquote"}
_SKIPPED = {"script", "style", "template", "noscript", "head", "title"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "col", "wbr", "source", "area", "base"}
#: Tags that hide text when left open end at the next tag of structure.
_INLINE = {"sup", "sub", "span", "a", "abbr", "small", "em", "strong", "i", "b", "font"}
_STRUCTURE = {"td", "th", "tr", "table", "tbody", "thead", "tfoot", "caption", "p", "li", "div",
              "body", "html", "main", "section"}


@dataclass
class _Cell:
    text: str
    line: int
    header: bool
    colspan: int = 1
    rowspan: int = 1


@dataclass
class _Row:
    cells: list[_Cell] = field(default_factory=list)
    head: bool = False


@dataclass
class _Table:
    line: int
    above: list[tuple[str, int]]
    caption: list[tuple[str, int]] = field(default_factory=list)
    rows: list[_Row] = field(default_factory=list)


def _span(value: str | None) -> int:
    try:
        return min(max(int(value or "1"), 1), MAX_SPAN)
    except ValueError:
        return 1


class _PageParser(HTMLParser):
    """The page's tables (top level; a table inside a cell is its text) and its other text,
    each piece with the line it starts on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[_Table] = []
        self.blocks: list[tuple[str, int]] = []  # text outside the tables, by block
        self._block: list[str] = []
        self._block_line = 0
        self._table: _Table | None = None
        self._depth = 0  # tables open (a nested one is read as text of its cell)
        self._cell: _Cell | None = None
        self._cell_text: list[str] = []
        self._caption: list[str] | None = None
        self._caption_line = 0
        self._in_head = False
        self._hidden: list[str] = []  # the tags whose text is not read, innermost last
        self._hidden_count: dict[str, int] = {}  # how many of each are open (no list scans)
        self._hidden_structure = 0  # how many of them are not inline tags
        self._after_table = 0  # the first block after the last table (text above the next)

    # -- text outside tables --------------------------------------------------------------
    def _end_block(self) -> None:
        text = " ".join("".join(self._block).split())
        if text:
            self.blocks.append((text, self._block_line))
        self._block = []

    # -- parsing -------------------------------------------------------------------------
    def _hide(self, tag: str) -> None:
        self._hidden.append(tag)
        self._hidden_count[tag] = self._hidden_count.get(tag, 0) + 1
        self._hidden_structure += tag not in _INLINE

    def _unhide_from(self, index: int) -> None:
        """Close the hidden tags from `index` (innermost last) on."""
        for tag in self._hidden[index:]:
            self._hidden_count[tag] -= 1
            self._hidden_structure -= tag not in _INLINE
        del self._hidden[index:]

    def _unhide_at(self, tag: str) -> None:
        """A tag that opens or closes structure ends what hid text inside it and was left
        open ("<td>1<sup>2</td>"), and a page's body ends a `<head>` never closed."""
        if not self._hidden or self._hidden_count.get(tag):
            return
        if tag in _STRUCTURE and not self._hidden_structure \
                or tag in ("body", "main") and self._hidden_count.get("head"):
            self._unhide_from(0)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        self._unhide_at(tag)
        if self._hidden and tag not in _VOID:
            self._hide(tag)
            return
        classes = (given.get("class") or "").split()
        if tag in _SKIPPED or tag == "sup" or "wb-inv" in classes or "hidden" in given:
            if tag not in _VOID:
                self._hide(tag)
            return
        line = self.getpos()[0]
        if tag == "table":
            if self._depth == 0:
                self._end_block()
                since = max(self._after_table, len(self.blocks) - ABOVE_BLOCKS)
                above = list(reversed(self.blocks[since:]))
                self._table = _Table(line, above)
            self._depth += 1
            return
        table = self._table
        if table is None or self._depth > 1:
            if tag in _BLOCKS:
                self._space()
            return
        if tag == "caption":
            self._caption, self._caption_line = [], line
        elif tag == "thead":
            self._in_head = True
        elif tag in ("tbody", "tfoot"):
            self._in_head = False
        elif tag == "tr":
            self._close_cell()
            table.rows.append(_Row(head=self._in_head))
        elif tag in ("td", "th"):
            self._close_cell()
            if not table.rows:
                table.rows.append(_Row(head=self._in_head))
            self._cell = _Cell("", line, tag == "th", _span(given.get("colspan")),
                               _span(given.get("rowspan")))
        elif tag in _BLOCKS:
            self._space()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self._hidden:
            self._space()

    def handle_endtag(self, tag: str) -> None:
        self._unhide_at(tag)
        if self._hidden:
            if self._hidden_count.get(tag):  # close back to its innermost one (left open inside)
                at = len(self._hidden) - 1
                while self._hidden[at] != tag:
                    at -= 1
                self._unhide_from(at)
            return
        if tag == "table" and self._depth:
            self._depth -= 1
            if self._depth == 0 and self._table is not None:
                self._close_cell()
                self.tables.append(self._table)
                self._table = None
                self._after_table = len(self.blocks)
            return
        if self._table is None or self._depth > 1:
            if tag in _BLOCKS:
                self._space()
            return
        if tag == "caption" and self._caption is not None:
            # each line of the caption ("Statement of …" <br> "As at March 31" <br> "(in
            # thousands of dollars)") is looked at as the text above a table is
            parts = [" ".join(p.split()) for p in "".join(self._caption).split("\n")]
            self._table.caption = [(p, self._caption_line) for p in parts if p]
            self._caption = None
        elif tag in ("td", "th"):
            self._close_cell()
        elif tag == "thead":
            self._in_head = False
        elif tag in _BLOCKS:
            self._space()

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        if self._caption is not None:
            self._caption.append(data.replace("\n", " "))
        elif self._cell is not None:
            self._cell_text.append(data)
        elif self._table is None:
            if not self._block and data.strip():
                self._block_line = self.getpos()[0] + data[: len(data) - len(data.lstrip())] \
                    .count("\n")
            self._block.append(data)

    def _space(self) -> None:
        if self._caption is not None:
            self._caption.append("\n")
        elif self._cell is not None:
            self._cell_text.append(" ")
        elif self._table is None:
            self._end_block()

    def _close_cell(self) -> None:
        if self._cell is not None and self._table is not None:
            self._cell.text = " ".join("".join(self._cell_text).replace("\u00a0", " ").split())
            self._table.rows[-1].cells.append(self._cell)
        self._cell, self._cell_text = None, []

    def close(self) -> None:
        super().close()
        self._close_cell()
        if self._table is not None:
            self.tables.append(self._table)
            self._table = None
        self._end_block()


class TableTooWide(ValueError):
    """A row that spans more columns than any statement prints."""

    def __init__(self, line: int, columns: int) -> None:
        super().__init__(f"a table row of {columns:,} cells; the limit is {LINE_FIGURES}")
        self.line = line


def _grid(table: _Table) -> list[list[_Cell | None]]:
    """The table's rows with every cell placed in the columns and rows it spans."""
    grid: list[list[_Cell | None]] = []
    pending: dict[int, dict[int, _Cell]] = {}  # row -> column -> the cell a rowspan carries
    for r, row in enumerate(table.rows):
        carried = pending.pop(r, {})
        last = max(carried, default=-1)  # (spans from above fill this row up to here)
        placed: list[_Cell | None] = []
        cells = iter(row.cells)
        cell = next(cells, None)
        while cell is not None or len(placed) <= last:
            column = len(placed)
            if column in carried:
                placed.append(carried[column])
            elif cell is None:
                placed.append(None)
            else:
                for k in range(cell.colspan):
                    placed.append(cell)
                    for below in range(1, cell.rowspan):
                        pending.setdefault(r + below, {})[column + k] = cell
                cell = next(cells, None)
            if len(placed) > LINE_FIGURES + 2:
                raise TableTooWide(row.cells[0].line if row.cells else table.line,
                                   len(carried) + sum(c.colspan for c in row.cells))
        grid.append(placed)
    return grid


def _heading_rows(table: _Table, grid: list[list[_Cell | None]]) -> int:
    """How many rows head the table: its `<thead>` rows, else the rows of `<th>` cells (the
    first column's aside) that open it."""
    heads = sum(1 for row in table.rows if row.head)
    if heads:
        return heads
    count = 0
    for row in grid:
        cells = [c for c in row[1:] if c is not None and c.text]
        if cells and all(c.header for c in cells):
            count += 1
        else:
            break
    return count


def _statement(table: _Table) -> Statement | None:
    grid = _grid(table)
    if not grid:
        return None
    width = max(len(row) for row in grid)
    heads = _heading_rows(table, grid)
    header = []
    for j in range(width):
        parts: list[str] = []
        for row in grid[:heads]:
            cell = row[j] if j < len(row) else None
            if cell is not None and cell.text and (not parts or parts[-1] != cell.text):
                parts.append(cell.text)
        header.append(" ".join(parts))
    body: list[list[tuple[str, int]]] = []
    shown: set[int] = set()  # a body cell that spans columns or rows is read once, where it starts
    for row in grid[heads:]:
        placed = []
        for cell in row:
            if cell is None or id(cell) in shown:
                placed.append(("", 0))
            else:
                shown.add(id(cell))
                placed.append((cell.text, cell.line))
        body.append(placed)
    if not body:
        return None
    kinds = column_kinds(header, [[text for text, _ in row] for row in body])
    # the caption's lines, its last nearest, then the text above the table
    above = list(reversed(table.caption)) + table.above
    start = table.caption[0][1] if table.caption else table.line
    return grid_statement(header, body, kinds, above, start)


def read_html_statements(text: str) -> tuple[list[Statement], list[tuple[str, int]]]:
    """The statements of a page (one a table that has figures) and its text outside its
    tables, each block with the line it starts on."""
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    statements = [s for s in map(_statement, parser.tables)
                  if s is not None and any(r.cells for r in s.rows)]
    return statements, parser.blocks


def prose_text(blocks: list[tuple[str, int]], lines: int) -> str:
    """The page's text outside its tables as a text document: each block on the line it
    starts on (blocks that share a line joined), the other lines blank."""
    out = [""] * max(lines, 1)
    for text, line in blocks:
        index = min(max(line, 1), len(out)) - 1
        out[index] = f"{out[index]} {text}".strip() if out[index] else text
    return "\n".join(out)

