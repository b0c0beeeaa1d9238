"""Input problems (BC104, BC9xx) are found by the readers before any rule runs; their codes and
documentation are the error classes' (`budgetcheck.inputs.errors`), registered here."""

from budgetcheck.inputs.errors import INPUT_ERRORS
from budgetcheck.rules.registry import input_rule

for _error in INPUT_ERRORS:
    input_rule(_error.code, _error.name, _error.documentation())
