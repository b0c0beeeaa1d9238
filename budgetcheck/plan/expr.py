"""The relation language: a few arithmetic forms over figures, parsed with `ast` and an allow-list.

    t5[total, Total] == t4[total] + t5[isde_receivable, Total]
    t4[autres] == t4_2star[memberships] + t4_2star[interest]
    sum(t2[isde_phase1:isde_workforce]) <= '80 M$'
    committed / available == share

A reference is `source[row]` (a table with one value column, or a claim's or footnote's figure),
`source[row, column]`, or a bare name (a figure of the claim being checked). `sum()` adds its
arguments; a slice `a:b` spans rows a to b of a table in printed order. Strings are amounts with
units ('0,05 M$'); bare numbers are exact pure numbers. Nothing here ever reaches eval or exec:
the tree is rebuilt from allowed node types only, and anything else is refused by name.
"""

from __future__ import annotations

import ast
import warnings
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from budgetcheck.numbers.amount import Amount, AmountError, check_decimal_bounds
from budgetcheck.numbers.notation import parse_amount

MAX_LENGTH = 2000
MAX_NODES = 400
MAX_DEPTH = 40


def _quote(text: str) -> str:
    """The expression as quoted in an error: whole when short, its start when not."""
    return repr(text) if len(text) <= 80 else repr(text[:60] + " …")


class ExpressionError(ValueError):
    """An expression outside the language; the message says what was refused and where."""


@dataclass(frozen=True)
class Ref:
    source: str
    row: str | None = None
    column: str | None = None
    row_end: str | None = None  # a slice a:b of rows

    def __str__(self) -> str:
        if self.row is None:
            return self.source
        row = f"{self.row}:{self.row_end}" if self.row_end else self.row
        return f"{self.source}[{row}{', ' + self.column if self.column else ''}]"


@dataclass(frozen=True)
class AmountLiteral:
    """An amount written in a relation as text ('100 %', '0 $'), read with its precision."""

    amount: Amount
    text: str


@dataclass(frozen=True)
class Number:
    value: Decimal
    text: str


@dataclass(frozen=True)
class BinOp:
    op: str  # + - * /
    left: Node
    right: Node


@dataclass(frozen=True)
class Neg:
    operand: Node


@dataclass(frozen=True)
class Sum:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Comparison:
    op: str  # == <= >= < >
    left: Node
    right: Node
    source: str = field(compare=False, default="")


Node = Ref | AmountLiteral | Number | BinOp | Neg | Sum

_BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_CMPOPS = {ast.Eq: "==", ast.LtE: "<=", ast.GtE: ">=", ast.Lt: "<", ast.Gt: ">"}
_REFUSED = {
    ast.Attribute: "attribute access", ast.Call: "function calls other than sum()",
    ast.Lambda: "lambdas", ast.ListComp: "comprehensions", ast.SetComp: "comprehensions",
    ast.DictComp: "comprehensions", ast.GeneratorExp: "comprehensions",
    ast.Pow: "'**' (powers)", ast.NamedExpr: "assignment", ast.Await: "await",
    ast.IfExp: "conditional expressions", ast.BoolOp: "'and'/'or'", ast.JoinedStr: "f-strings",
    ast.Starred: "'*' unpacking", ast.Dict: "dicts", ast.Set: "sets", ast.List: "lists",
    ast.FloorDiv: "'//'", ast.Mod: "'%' as an operator (write percentages as '95 %')",
    ast.MatMult: "'@'", ast.BitAnd: "bit operations", ast.BitOr: "bit operations",
    ast.BitXor: "bit operations", ast.LShift: "bit operations", ast.RShift: "bit operations",
    ast.Invert: "'~'", ast.Not: "'not'", ast.Yield: "yield", ast.YieldFrom: "yield",
}


@lru_cache(maxsize=4096)
def parse_relation(text: str) -> Comparison:
    """Parse `left OP right`; every relation and claim is one comparison. (Cached: the result
    is immutable, and a batch of plans written from one template repeats its relations.)"""
    tree = _parse(text)
    node = tree.body
    if not isinstance(node, ast.Compare):
        _build(node, text, 1)  # a forbidden construct is named before the missing comparison
        raise ExpressionError(f"{_quote(text)}: a relation must compare two sides with ==, <=, >=, < or >")
    if len(node.ops) != 1:
        raise ExpressionError(f"{_quote(text)}: chained comparisons are not allowed; write one relation")
    op = _CMPOPS.get(type(node.ops[0]))
    if op is None:
        raise ExpressionError(f"{_quote(text)}: comparison {type(node.ops[0]).__name__} is not allowed")
    left, right = _build(node.left, text, 1), _build(node.comparators[0], text, 1)
    if left == right:
        raise ExpressionError(f"{_quote(text)}: compares an expression with itself, which checks "
                              "nothing; a relation needs two different sides")
    return Comparison(op, left, right, text)


@lru_cache(maxsize=4096)
def parse_expression(text: str) -> Node:
    """Parse an arithmetic expression (no comparison), e.g. a candidate value."""
    tree = _parse(text)
    if isinstance(tree.body, ast.Compare):
        raise ExpressionError(f"{_quote(text)}: expected a value, not a comparison")
    return _build(tree.body, text, 1)


def _parse(text: str) -> ast.Expression:
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression is longer than {MAX_LENGTH} characters")
    if "\x00" in text:
        raise ExpressionError("expression contains a NUL character")
    try:
        # Python only warns on "1if", "2and" (a number run into a keyword), and the warning
        # would reach the user's terminal as a second, unlocated line: it is a syntax error here.
        with warnings.catch_warnings():
            warnings.simplefilter("error", SyntaxWarning)
            tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"{_quote(text)}: syntax error at column {exc.offset}: {exc.msg}") from None
    except (RecursionError, MemoryError, ValueError):
        raise ExpressionError(f"{_quote(text)}: expression is nested too deeply") from None
    count = sum(1 for _ in ast.walk(tree))
    if count > MAX_NODES:
        raise ExpressionError(f"expression has {count} parts; at most {MAX_NODES} are allowed")
    return tree


def _refuse(node: ast.AST, text: str) -> ExpressionError:
    what = _REFUSED.get(type(node)) or f"{type(node).__name__} nodes"
    if isinstance(node, ast.BinOp):
        what = _REFUSED.get(type(node.op), f"operator {type(node.op).__name__}")
    if isinstance(node, ast.UnaryOp):
        what = _REFUSED.get(type(node.op), f"operator {type(node.op).__name__}")
    col = getattr(node, "col_offset", None)
    where = f" at column {col + 1}" if col is not None else ""
    return ExpressionError(f"{_quote(text)}: {what} are not allowed{where}")


def _build(node: ast.AST, text: str, depth: int) -> Node:
    if depth > MAX_DEPTH:
        raise ExpressionError(f"{_quote(text)}: expression is nested deeper than {MAX_DEPTH} levels")
    d = depth + 1
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        return BinOp(_BINOPS[type(node.op)], _build(node.left, text, d), _build(node.right, text, d))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = _build(node.operand, text, d)
        return Neg(inner) if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.Constant):
        return _constant(node, text)
    if isinstance(node, ast.Name):
        if node.id.startswith("__"):
            raise ExpressionError(f"{_quote(text)}: name {node.id!r} is not allowed")
        return Ref(node.id)
    if isinstance(node, ast.Subscript):
        return _reference(node, text)
    if isinstance(node, ast.Call):
        if not (isinstance(node.func, ast.Name) and node.func.id == "sum") or node.keywords:
            raise _refuse(node, text)
        if not node.args:
            raise ExpressionError(f"{_quote(text)}: sum() needs at least one argument")
        return Sum(tuple(_build(a, text, d) for a in node.args))
    raise _refuse(node, text)


def _constant(node: ast.Constant, text: str) -> Node:
    value = node.value
    if isinstance(value, bool) or value is None or value is Ellipsis:
        raise ExpressionError(f"{_quote(text)}: constant {value!r} is not allowed")
    if isinstance(value, str):
        try:
            return AmountLiteral(parse_amount(value, round_thousands=False), value)
        except AmountError as exc:
            raise ExpressionError(f"{_quote(text)}: {exc}") from None
    if isinstance(value, (int, float)):
        # Read the digits as written, never through a float.
        written = ast.get_source_segment(text.strip(), node) or str(value)
        try:
            number = Decimal(written.replace("_", ""))
            check_decimal_bounds(number, "number")
        except (InvalidOperation, AmountError) as exc:
            raise ExpressionError(f"{_quote(text)}: number {written[:40]!r} is not allowed: {exc}") from None
        return Number(number, written)
    raise ExpressionError(f"{_quote(text)}: constant of type {type(value).__name__} is not allowed")


def _reference(node: ast.Subscript, text: str) -> Ref:
    if not isinstance(node.value, ast.Name) or node.value.id.startswith("__"):
        raise ExpressionError(f"{_quote(text)}: only a table, claim or footnote id can be subscripted")
    source = node.value.id
    parts = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
    if not 1 <= len(parts) <= 2:
        raise ExpressionError(f"{_quote(text)}: write {source}[row] or {source}[row, column]")
    row, row_end = _row_part(parts[0], source, text)
    column = _name(parts[1], source, text) if len(parts) == 2 else None
    return Ref(source, row, column, row_end)


def _row_part(node: ast.AST, source: str, text: str) -> tuple[str, str | None]:
    if isinstance(node, ast.Slice):
        if node.step is not None or node.lower is None or node.upper is None:
            raise ExpressionError(f"{_quote(text)}: a row range is written {source}[first:last]")
        return _name(node.lower, source, text), _name(node.upper, source, text)
    return _name(node, source, text), None


def _name(node: ast.AST, source: str, text: str) -> str:
    if isinstance(node, ast.Name) and not node.id.startswith("__"):
        return node.id
    raise ExpressionError(f"{_quote(text)}: inside {source}[...] write row and column keys as names")


def references(node: Node | Comparison) -> list[Ref]:
    """Every reference in an expression, in reading order."""
    if isinstance(node, Ref):
        return [node]
    if isinstance(node, (BinOp, Comparison)):
        return references(node.left) + references(node.right)
    if isinstance(node, Neg):
        return references(node.operand)
    if isinstance(node, Sum):
        return [r for item in node.items for r in references(item)]
    return []
