"""The seed plan read with no rules file answers as it does with the hand-written one: every
dollar figure of its text, moved by 1 M$ (a figure under a million: ten times larger, "0 $":
1 000 000 $), is an error at its own line with the rules exactly when it is one without them,
but for the one figure whose relation only a reader of the whole plan could write."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from budgetcheck import check, load

from .conftest import FIXTURE, ROOT

SEED = ROOT / "seeds" / "scale-ai-plan-directeur-2023-2024.fr.txt"
#: "Les contreparties de l’industrie (provenant de toutes les sources) totalisent 92,1 M$":
#: the rules file says 82,8 + 7,9 + 1,4 (industry, the MEIE, memberships); nothing in the
#: text says which figures those are. (line, column, figure)
ONLY_WITH_RULES = {(619, 81, "92,1 M$")}
_FIGURE = re.compile(r"(?<![\d,])(\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?)"
                     r"( ?M\$| millions? de dollars| \$)")


def moved(number: str, unit: str) -> str:
    """The figure moved by 1 M$ in its own notation, or ten times larger under a million."""
    value = Decimal(number.replace(" ", "").replace("\u00a0", "").replace(",", "."))
    if "M" in unit or "million" in unit:
        places = len(number.split(",")[1]) if "," in number else 0
        return f"{value + 1:.{places}f}".replace(".", ",")
    larger = value * 10 if value else Decimal(1_000_000)
    return f"{int(larger):,}".replace(",", " ")


def caught(path: Path, line: int, rules: Path | None) -> bool:
    return any(line in e.lines for e in check(load(path, rules)).errors)


def test_every_figure_moved_is_caught_without_rules_as_with_them(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    lines = text.split("\n")
    rules_text = FIXTURE.read_text(encoding="utf-8")
    alone, with_rules, tried = set(), set(), 0
    for number, line in enumerate(lines, 1):
        for m in _FIGURE.finditer(line):
            start, digits = m.start(1), m.group(1)
            if " " in digits and m.group(2) != " $":
                # "Phase 1 128 M$": millions are not grouped by thousands; the figure is 128
                start += digits.rindex(" ") + 1
                digits = digits[digits.rindex(" ") + 1:]
            new = moved(digits, m.group(2))
            changed = lines[:]
            changed[number - 1] = line[:start] + new + line[m.end(1):]
            path = tmp_path / str(tried) / SEED.name
            path.parent.mkdir()
            path.write_text("\n".join(changed), encoding="utf-8")
            # The rules file quotes the figure's text (and its claims' sentences): moved alike.
            old_text, new_text = digits + m.group(2), new + m.group(2)
            before = line[max(0, start - 12):start]
            rules = re.sub(rf'"{re.escape(old_text)}"(, line = {number}\b)', f'"{new_text}"\\1',
                           rules_text)
            if before.strip():
                rules = rules.replace(before + old_text, before + new_text)
            rules_path = path.parent / "rules.toml"
            rules_path.write_text(rules, encoding="utf-8")
            key = (number, start, old_text)
            if caught(path, number, None):
                alone.add(key)
            if caught(path, number, rules_path):
                with_rules.add(key)
            tried += 1
    assert tried >= 90
    assert alone == with_rules - ONLY_WITH_RULES, (sorted(with_rules - alone),
                                                   sorted(alone - with_rules))
    assert ONLY_WITH_RULES <= with_rules
    assert len(alone) >= 70  # the rest are within rounding or hedges ("environ 151 M$")
