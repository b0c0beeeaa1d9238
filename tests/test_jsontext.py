"""The JSON reports, SARIF, baselines and schema are written by pydantic's serializer, and must be
the very text the standard library's indenting encoder wrote before (only faster)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from budgetcheck.util.jsontext import json_text

SCALARS = st.none() | st.booleans() | st.integers() | st.text()
JSON_VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner,
                                                                         max_size=4),
    max_leaves=30)


def standard(value):
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


@given(JSON_VALUES)
def test_the_text_is_what_the_standard_library_writes(value):
    assert json_text(value) == standard(value)


def test_control_characters_quotes_and_astral_characters_are_escaped_alike():
    value = {"é\u2028": ["a\u0001b\tc\"d\\e\x7f\U0001F600", [], {}], "n": [None, True, -3,
                                                                        10**30]}
    assert json_text(value) == standard(value)


def test_a_lone_surrogate_is_written_as_the_standard_library_writes_it():
    # Python reads an undecodable file name with lone surrogates; UTF-8 has no form for them.
    value = {"path": "plan-\udcff.json"}
    assert json_text(value) == standard(value)
