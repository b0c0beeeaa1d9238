"""Baselines: findings a team has accepted, keyed by (file, code, table, row, column).

Lines are deliberately not part of the key, so an edit elsewhere in the document does not turn
an accepted finding into a new one.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import PlanError
from .fsutil import write_atomic
from .report import Finding, Report

FORMAT_VERSION = 1


def baseline_text(reports: list[Report]) -> str:
    entries = sorted({f.key for r in reports for f in r.findings})
    payload = {"version": FORMAT_VERSION, "accepted": [
        dict(zip(("path", "code", "table", "row", "column"), key)) for key in entries]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def write_baseline(path: str | Path, reports: list[Report]) -> None:
    write_atomic(path, baseline_text(reports))


def read_baseline(path: str | Path) -> set[tuple[str, str, str, str, str]]:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {(e["path"], e["code"], e["table"], e["row"], e["column"]) for e in data["accepted"]}
    except FileNotFoundError:
        raise PlanError(str(path), "baseline file does not exist", code="BC901") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise PlanError(str(path), f"not a budgetcheck baseline: {exc}", code="BC901") from None


def without_accepted(report: Report, accepted: set[tuple[str, str, str, str, str]]) -> Report:
    kept: list[Finding] = [f for f in report.findings if f.key not in accepted]
    return report.model_copy(update={"findings": kept})
