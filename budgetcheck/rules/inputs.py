"""Input problems (BC9xx): found by the loader before any rule runs; documented here."""

from budgetcheck.rules.registry import input_rule

input_rule("BC901", "unreadable-input", """The file cannot be read as a plan.

## What it does
Reports a path that does not exist, a directory without plan files, a file that cannot be read,
is not UTF-8 text, is empty, or is larger than the input limit (the message states the limit).

## Why
Pre-commit runs on whatever is committed; the checker must say in one line what is wrong with
which file, and exit with status 2, rather than fail with a traceback.

## Example
    budgetcheck check plan.toml   ->   plan.toml: BC901 file is not UTF-8 text (byte 0xff at offset 12)
""")

input_rule("BC902", "syntax-error", """The plan file is not valid TOML or JSON.

## What it does
Reports the parser's message with the line (and column) where parsing stopped.

## Why
A plan that does not parse cannot be checked at all; the line saves the author a search.

## Example
    plan.toml:12: BC902 invalid TOML: Expected '=' after a key in a key/value pair (at line 12, column 9)
""")

input_rule("BC903", "schema-violation", """The plan file parses but does not have the plan's shape.

## What it does
Reports wrong types, unknown keys (typos), missing required fields, duplicate ids and figures
that cannot be read, with the data path (tables.2.rows.5.cells.T1) and the line it maps to.

## Why
Unknown keys are usually typos that would silently drop a figure from every check.

## Example
    plan.toml:40: BC903 tables.0.rows.2.celss: Extra inputs are not permitted
""")

input_rule("BC904", "invalid-amount", """A figure cannot be read as an amount.

## What it does
Reports figure texts with no number, unknown units ("12 Z$"), badly grouped digits ("1 23 456"),
or numbers beyond what any budget needs (more than 30 digits, beyond 10^18).

## Why
A figure the checker cannot read would otherwise drop out of every total it belongs to.

## Example
    plan.toml:33: BC903 tables.0.rows.1.cells.T1: unknown unit 'Z$' in '1,5 Z$'
""")

input_rule("BC905", "invalid-expression", """A relation or claim uses something outside the relation language.

## What it does
Relations are parsed with Python's `ast` and rebuilt from an allow-list (+, -, *, /, sum(),
comparisons, references, amounts). Attribute access, calls, lambdas, comprehensions, `**`,
names starting with `__` and over-long or over-deep expressions are refused by name.

## Why
Rule files come from many hands; an expression must never be able to run code.

## Example
    relations.0.expr: '__import__('os')': function calls other than sum() are not allowed
""")

input_rule("BC906", "unknown-reference", """A relation names a table, row, column or figure the plan does not have.

## What it does
Resolves every reference of every relation and claim when the plan is loaded.

## Why
A reference to a renamed row would otherwise make a check silently vanish.

## Example
    relations.3.expr: t4[autre]: table 't4' has no row 'autre'
""")

input_rule("BC907", "unit-mismatch", """A relation adds or compares dollars with a pure number.

## What it does
Checks the units of both sides of every relation when the plan is loaded: dollars with
dollars, ratios and percentages with pure numbers.

## Why
"t1[total] == 95 %" compares money with a share; it is a mistake in the rule, not in the plan.

## Example
    relations.0.expr: '+' mixes dollars and a pure number (ratio or percentage)
""")

input_rule("BC908", "output-not-written", """The report, baseline or schema cannot be written.

## What it does
Reports an `-o` or `--write-baseline` path that is a directory, lies in a directory that does
not exist, or cannot be written, before anything is written (exit status 2).

## Why
The checker writes only what it is asked to write, and only whole files: it writes a temporary
file beside the target and renames it, so an interrupted run leaves the old file intact.

## Example
    budgetcheck check -o reports/   ->   reports: BC908 is a directory; give a file name ...
""")
