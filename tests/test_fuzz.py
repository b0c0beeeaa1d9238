"""Fuzzing: arbitrary text and structured mutations of the real fixture and seed.

Every target must either give a result or reject the input with its own error type; nothing
else may escape. The CI profile (CI=1 or HYPOTHESIS_PROFILE=ci) runs 10 000 examples per
target; the default profile a few hundred. Mutations are applied to a window of the real
document (a table with its plan header, a page of the seed) so that 10 000 examples stay
affordable, and to the whole document in one example out of eight.
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetcheck import check
from budgetcheck.api import checked
from budgetcheck.inputs.errors import PlanError
from budgetcheck.numbers.amount import AmountError
from budgetcheck.numbers.notation import parse_amount
from budgetcheck.plan.expr import ExpressionError, parse_relation
from budgetcheck.sources.document import read_document
from budgetcheck.sources.toml_json import read_plan_text

from .conftest import FIXTURE, SEED

CI = os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default") == "ci"
FUZZ = settings(max_examples=10_000 if CI else 200, deadline=None, derandomize=False,
                suppress_health_check=list(HealthCheck))
FIXTURE_TEXT = FIXTURE.read_text(encoding="utf-8")
SEED_TEXT = SEED.read_text(encoding="utf-8")
PLAN_HEADER, _, FIXTURE_BODY = FIXTURE_TEXT.partition("[[tables]]")
TABLE_CHUNKS = ["[[tables]]" + chunk for chunk in FIXTURE_BODY.split("[[tables]]")]
SEED_LINES = SEED_TEXT.splitlines(keepends=True)
ALPHABET = st.characters(codec="utf-8", exclude_categories=["Cs"])
NOTATION = st.sampled_from(list("0123456789 ,.()$%-−—–\u00a0\u202f") +
                           ["M$", "k$", "G$", "millions", "milliard", "de dollars", "environ",
                            "e9", "1e999999", "NaN", "Infinity", "(", ")", "$ "])
EXPR_TOKENS = st.sampled_from(["t1", "t4", "t5", "[", "]", ",", ":", "(", ")", "==", "<=",
                               ">=", "+", "-", "*", "/", "**", "sum", "'2,4 M$'", "0", "1e99",
                               "isde_phase1", "Total", "total", ".", "__import__", "lambda",
                               "x", " ", "for", "in", "if", "@", "'", '"', "{", "}", "%"])


@st.composite
def mutated(draw, lines: list[str]) -> str:
    """The lines with a few edits: deletions, duplicates, swaps, replaced or inserted text."""
    lines = list(lines)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "replace", "insert",
                                       "truncate", "digit"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "replace" and lines[i]:
            at = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:at] + draw(st.text(ALPHABET, max_size=3)) + lines[i][at + 1:]
        elif action == "insert":
            lines.insert(i, draw(st.text(ALPHABET, max_size=40)) + "\n")
        elif action == "truncate":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif action == "digit":
            digits = [k for k, ch in enumerate(lines[i]) if ch.isdigit()]
            if digits:
                at = draw(st.sampled_from(digits))
                lines[i] = lines[i][:at] + str(draw(st.integers(0, 9))) + lines[i][at + 1:]
    return "".join(lines)


@st.composite
def fixture_variants(draw) -> str:
    if draw(st.integers(0, 7)) == 0:
        source = FIXTURE_TEXT
    else:
        source = PLAN_HEADER + draw(st.sampled_from(TABLE_CHUNKS))
    return draw(mutated(source.splitlines(keepends=True)))


@st.composite
def seed_variants(draw) -> str:
    if draw(st.integers(0, 7)) == 0:
        return draw(mutated(SEED_LINES))
    start = draw(st.integers(0, len(SEED_LINES) - 1))
    return draw(mutated(SEED_LINES[start:start + draw(st.integers(5, 80))]))


def checked_or_rejected(load) -> None:
    try:
        plan = load()
    except PlanError as error:
        assert "\n" not in str(error)
        return
    check(plan)  # a plan that loads is a plan every rule can check


@FUZZ
@given(st.one_of(st.text(ALPHABET, max_size=60), st.lists(NOTATION, max_size=12).map("".join)))
def test_fuzz_amount_parser(text):
    try:
        parse_amount(text)
    except AmountError:
        pass


@FUZZ
@given(st.one_of(st.text(ALPHABET, max_size=80),
                 st.lists(EXPR_TOKENS, max_size=25).map("".join)))
def test_fuzz_expression_parser(text):
    try:
        parse_relation(text)
    except ExpressionError:
        pass


@FUZZ
@given(st.one_of(fixture_variants(), st.text(ALPHABET, max_size=200)))
def test_fuzz_toml_loader(text):
    checked_or_rejected(lambda: checked(read_plan_text(text, "toml", "fuzz.toml")))


@FUZZ
@given(st.data())
def test_fuzz_json_loader(data):
    import tomllib

    base = json.dumps(tomllib.loads(PLAN_HEADER + data.draw(st.sampled_from(TABLE_CHUNKS))),
                      ensure_ascii=False, indent=1)
    text = data.draw(st.one_of(mutated(base.splitlines(keepends=True)),
                               st.text(ALPHABET, max_size=200)))
    checked_or_rejected(lambda: checked(read_plan_text(text, "json", "fuzz.json")))


@FUZZ
@given(st.one_of(seed_variants(), st.text(ALPHABET, max_size=300)))
def test_fuzz_text_extractor(tmp_path_factory, text):
    path = tmp_path_factory.getbasetemp() / "fuzz.txt"
    path.write_text(text, encoding="utf-8")
    checked_or_rejected(lambda: checked(read_document(path)))
