"""The library API an auditor uses: load, check, walk findings, add rules of their own."""

from __future__ import annotations

import json
import sys
import textwrap

import pytest
from pydantic import ValidationError

import budgetcheck
from budgetcheck.rules.catalogue import load_builtin_rules
from budgetcheck.rules.registry import REGISTRY

from .conftest import FIXTURE


def test_load_check_and_walk_findings():
    plan = budgetcheck.load(FIXTURE)
    report = budgetcheck.check(plan, mode="rounding")
    assert isinstance(report, budgetcheck.Report)
    for finding in report.findings:
        assert finding.code in REGISTRY
        assert finding.lines and all(isinstance(n, int) for n in finding.lines)
        assert finding.path == "seeds/scale-ai-plan-directeur-2023-2024.fr.txt"
    data = json.loads(report.model_dump_json())
    assert data["findings"][0]["code"].startswith("BC")


def test_plan_objects_are_frozen(scale_plan):
    with pytest.raises(ValidationError):  # frozen models refuse assignment
        scale_plan.tables[0].rows[0].key = "other"


def test_select_runs_only_the_named_rules(scale_plan):
    report = budgetcheck.check(scale_plan, select=["BC103"])
    assert {f.code for f in report.findings} == {"BC103"}
    assert len(report.findings) == 3


@pytest.mark.parametrize("settings, said", [
    ({"select": ["BC103", "BC999"]}, "unknown rule code BC999"),
    ({"mode": "absolute", "tolerance": "-1 $"}, "cannot be negative"),
    ({"mode": "stict"}, "mode must be one of rounding, strict, absolute, not 'stict'"),
    ({"rounding": "up"}, "rounding must be one of nearest, truncate"),
    ({"lang": "de"}, "lang must be one of fr, en"),
])
def test_a_setting_the_checker_does_not_have_is_refused(scale_plan, settings, said):
    with pytest.raises(ValueError, match=said):
        budgetcheck.check(scale_plan, **settings)


def test_select_takes_one_string_of_codes_too(scale_plan):
    one = budgetcheck.check(scale_plan, select="bc103, BC101")
    assert one == budgetcheck.check(scale_plan, select=["BC101", "BC103"])
    assert {f.code for f in one.findings} == {"BC103"}


@pytest.fixture
def cleanup_registry():
    load_builtin_rules()
    before = dict(REGISTRY)
    yield
    REGISTRY.clear()
    REGISTRY.update(before)


def test_decorated_rule_is_run_and_documented(scale_plan, cleanup_registry):
    @budgetcheck.rule("X100", "phase1-over-100m", "warning")
    def big_phase1(plan, ctx):
        """Phase 1 commitments above 100 M$.

        ## What it does
        Flags a large phase 1.
        """
        row = plan.table("t1").rows[0]
        if row.cells["engagements"].amount.value > 100_000_000:
            yield ctx.finding("X100", "warning", "phase 1 is large", lines=[row.line],
                              table="t1", row=row.key, column="engagements")

    report = budgetcheck.check(scale_plan)
    mine = [f for f in report.findings if f.code == "X100"]
    assert len(mine) == 1 and mine[0].lines == [532] and mine[0].name == "phase1-over-100m"
    from budgetcheck.rules.catalogue import explain

    assert "Phase 1 commitments above 100 M$." in explain("X100")


def test_entry_point_rules_are_loaded(tmp_path, monkeypatch, scale_plan, cleanup_registry):
    (tmp_path / "acme_rules.py").write_text(textwrap.dedent('''
        def no_zero_quarters(plan, ctx):
            """Quarters printed as zero."""
            for table in plan.tables:
                for row in table.rows:
                    for key, cell in row.cells.items():
                        if key.startswith("T") and cell.amount.value == 0:
                            yield ctx.finding(ctx.code, "note", "zero quarter",
                                              lines=[cell.line], table=table.id, row=row.key,
                                              column=key)
    '''))
    dist = tmp_path / "acme_rules-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-rules\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(
        "[budgetcheck.rules]\nzero-quarters = acme_rules:no_zero_quarters\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    from budgetcheck.rules.catalogue import load_plugin_rules

    codes = load_plugin_rules()
    assert codes == ["X-zero-quarters"]
    report = budgetcheck.check(scale_plan)
    zero = [f for f in report.findings if f.code == "X-zero-quarters"]
    assert len(zero) == 10  # the "0 $" quarters of table 5
    sys.modules.pop("acme_rules", None)


def test_help_shows_the_library_and_every_parameter_is_explained():
    import inspect
    import pydoc

    import budgetcheck

    text = pydoc.render_doc(budgetcheck, renderer=pydoc.plaintext)
    for name in ("load(", "check(", "rule(", "parse_amount(", "format_amount(", "class Amount",
                 "class Interval", "class Plan", "class Report", "class Finding"):
        assert name in text, name
    for function in (budgetcheck.load, budgetcheck.check, budgetcheck.rule,
                     budgetcheck.parse_amount, budgetcheck.format_amount):
        doc = inspect.getdoc(function) or ""
        for parameter in inspect.signature(function).parameters:
            assert f"`{parameter}`" in doc, (function.__name__, parameter)
    for cls in (budgetcheck.Amount, budgetcheck.Interval):
        doc = inspect.getdoc(cls) or ""
        for parameter in inspect.signature(cls).parameters:
            assert f"`{parameter}`" in doc, (cls.__name__, parameter)


def test_a_rule_yields_only_the_codes_it_is_registered_for(scale_plan):
    from budgetcheck.rules.registry import _CODES, REGISTRY

    @budgetcheck.rule("X990", "stray-code", "warning")
    def stray(plan, ctx):
        yield ctx.finding("BC101", "error", "not mine", lines=[1])

    try:
        with pytest.raises(ValueError, match="yielded a BC101 finding"):
            budgetcheck.check(scale_plan, plugins=False)
        # not selected, it does not run at all; selected, only its own code is kept
        assert budgetcheck.check(scale_plan, select="BC101", plugins=False).findings == []
    finally:
        del REGISTRY["X990"]
        del _CODES[stray]
