"""A broken plan file raises one PlanError naming the file, the line and the data path."""

from __future__ import annotations

import json

import pytest

from budgetcheck import PlanError, load

from .conftest import FIXTURE

GOOD = FIXTURE.read_text(encoding="utf-8")


def write(tmp_path, text, name="plan.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_for(path) -> PlanError:
    with pytest.raises(PlanError) as info:
        load(path)
    return info.value


def line_containing(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_toml_syntax_error_names_file_and_line(tmp_path):
    text = GOOD.replace('key = "phase2"', 'key "phase2"', 1)
    error = error_for(write(tmp_path, text))
    assert error.code == "BC902"
    assert error.line == line_containing(text, 'key "phase2"')
    assert str(error).startswith(f"{tmp_path / 'plan.toml'}:{error.line}: BC902")


def test_unknown_key_is_a_typo_with_its_line(tmp_path):
    text = GOOD.replace('label = "Autres revenus"', 'lable = "Autres revenus"')
    error = error_for(write(tmp_path, text))
    assert error.code == "BC903"
    assert error.data_path == "tables.4.rows.5.lable"
    assert error.line == line_containing(text, 'lable = "Autres revenus"')


def test_bad_figure_is_located_at_its_cell(tmp_path):
    text = GOOD.replace('T2 = "21,9 M$"', 'T2 = "21,9 Z$"')
    error = error_for(write(tmp_path, text))
    assert error.data_path.startswith("tables.4.rows.7.cells.T2")
    assert error.line == line_containing(text, "21,9 Z$")
    assert "unknown unit" in error.message


def test_missing_required_field_points_at_its_parent(tmp_path):
    text = GOOD.replace('fiscal_year = "2023-2024"\n', "")
    error = error_for(write(tmp_path, text))
    assert error.data_path == "plan.fiscal_year"
    assert error.line == line_containing(text, "[plan]")
    assert "required" in error.message


def test_wrong_type(tmp_path):
    text = GOOD.replace("number = 3", 'number = "three"')
    error = error_for(write(tmp_path, text))
    assert error.data_path == "tables.2.number" and error.line == line_containing(text, '"three"')


def test_unknown_reference_in_a_relation(tmp_path):
    text = GOOD.replace('expr = "t4[autres] == ', 'expr = "t4[autre] == ')
    error = error_for(write(tmp_path, text))
    assert error.code == "BC906" and "no row 'autre'" in error.message
    assert error.line == line_containing(text, "t4[autre]")


def test_code_in_an_expression_is_refused(tmp_path):
    text = GOOD.replace('expr = "t1[pme] == t2[isde_pme]"', "expr = \"__import__('os')\"")
    error = error_for(write(tmp_path, text))
    assert error.code == "BC905"
    assert error.line == line_containing(text, "__import__")


def test_mixed_units_in_a_relation(tmp_path):
    text = GOOD.replace('expr = "t1[pme] == t2[isde_pme]"', "expr = \"t1[pme] == '95 %'\"")
    error = error_for(write(tmp_path, text))
    assert error.code == "BC907" and "dollars" in error.message


def test_json_plans_load_and_locate_errors(tmp_path, scale_plan):
    data = json.loads(scale_plan.model_dump_json(exclude_defaults=True))
    good = write(tmp_path, json.dumps(data, ensure_ascii=False, indent=2), "plan.json")
    assert load(good) == scale_plan
    data["tables"][1]["rows"][2]["cells"]["financement"]["text"] = "3,6 Q$"
    text = json.dumps(data, ensure_ascii=False, indent=2)
    error = error_for(write(tmp_path, text, "bad.json"))
    assert error.data_path == "tables.1.rows.2.cells.financement.text"
    assert error.line == line_containing(text, "3,6 Q$")


def test_json_syntax_error_has_its_line(tmp_path):
    error = error_for(write(tmp_path, '{\n  "plan": {\n    "organisation": "X",,\n', "p.json"))
    assert error.code == "BC902" and error.line == 3


def test_json_numbers_are_never_floats(tmp_path):
    error = error_for(write(tmp_path, '{"plan": NaN}', "p.json"))
    assert error.code == "BC902" and "NaN" in error.message


def test_empty_and_missing_files(tmp_path):
    assert error_for(write(tmp_path, "  \n")).message == "file is empty"
    assert error_for(tmp_path / "nope.toml").message == "no such file"
    assert "directory" in error_for(tmp_path).message


def test_not_utf8(tmp_path):
    path = tmp_path / "plan.toml"
    path.write_bytes(b"[plan]\norganisation = \"\xff\"\n")
    error = error_for(path)
    assert error.code == "BC901" and error.line == 2 and "UTF-8" in error.message


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "plan.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert load(path).plan.organisation == "Scale AI"


def test_duplicate_table_ids_are_refused(tmp_path):
    text = GOOD.replace('id = "t3"', 'id = "t2"')
    error = error_for(write(tmp_path, text))
    assert "already used" in error.message
