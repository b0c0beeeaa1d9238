"""The library's entry points for auditors: load a plan from a path, find plans in a folder."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from budgetcheck.inputs.errors import PlanError
from budgetcheck.plan.model import Plan
from budgetcheck.sources import DOCUMENT_SUFFIXES, PLAN_SUFFIXES
from budgetcheck.sources.toml_json import load_plan_file

BUNDLED_PLAN = "scale-ai-2023-2024.toml"


def bundled_plan_path() -> Path:
    """The Scale AI 2023-2024 plan shipped with the package (what `budgetcheck check` checks)."""
    return Path(str(resources.files("budgetcheck") / "data" / BUNDLED_PLAN))


def load(path: str | Path, rules: str | Path | None = None) -> Plan:
    """Load a plan file (TOML, JSON) or a plan document (.txt, .md), optionally with the
    relations and claims of a rules file; raises `PlanError` with file, line and data path."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        from budgetcheck.sources.document import load_document
        from budgetcheck.sources.rules_file import read_rules

        parsed = read_rules(rules)[0] if rules is not None else None
        return load_document(path, parsed, str(rules) if rules is not None else None)
    if suffix not in PLAN_SUFFIXES and path.is_file():
        raise PlanError(str(path), f"unsupported file type {path.suffix or '(none)'!r}; plan files "
                        "are .toml or .json, plan documents .txt or .md", code="BC901")
    plan = load_plan_file(path)
    if rules is None:
        return plan
    from budgetcheck.sources.rules_file import apply_rules

    return apply_rules(plan, rules)


def find_plans(directory: str | Path) -> list[Path]:
    """Plan files below a directory: .toml/.json files with a [plan] table, in path order."""
    directory = Path(directory)
    found = []
    for candidate in sorted(directory.rglob("*")):
        if candidate.suffix.lower() in PLAN_SUFFIXES and candidate.is_file() \
                and not any(part.startswith(".") for part in candidate.relative_to(directory).parts):
            if _looks_like_plan(candidate):
                found.append(candidate)
    return found


def _looks_like_plan(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(65536).decode("utf-8", "replace")
    except OSError:
        return False
    if path.suffix.lower() == ".json":
        return '"plan"' in head and '"tables"' in head
    return any(line.strip() == "[plan]" for line in head.splitlines())
