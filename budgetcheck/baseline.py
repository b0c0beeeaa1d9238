"""Baselines: findings a team has accepted, keyed by (file, code, table, row, column).

Lines are deliberately not part of the key, so an edit elsewhere in the document does not turn
an accepted finding into a new one. The severity is kept beside the key: an accepted note that
becomes an error is a new finding.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import PlanError
from .fsutil import write_atomic
from .jsontext import json_text
from .report import Finding, Report

FORMAT_VERSION = 1


Entry = tuple[str, str, str, str, str, str]
FIELDS = ("path", "code", "table", "row", "column", "severity")


def entry(finding: Finding) -> Entry:
    return (*finding.key, finding.severity)


def baseline_text(reports: list[Report]) -> str:
    entries = sorted({entry(f) for r in reports for f in r.findings})
    payload = {"version": FORMAT_VERSION, "accepted": [dict(zip(FIELDS, e)) for e in entries]}
    return json_text(payload)


def write_baseline(path: str | Path, reports: list[Report]) -> None:
    write_atomic(path, baseline_text(reports))


def read_baseline(path: str | Path) -> set[Entry]:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {tuple(str(e[name]) for name in FIELDS) for e in data["accepted"]}  # type: ignore[misc]
    except FileNotFoundError:
        raise PlanError(str(path), "baseline file does not exist", code="BC901") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise PlanError(str(path), f"not a budgetcheck baseline: {exc}", code="BC901") from None


def without_accepted(report: Report, accepted: set[Entry]) -> Report:
    kept: list[Finding] = [f for f in report.findings if entry(f) not in accepted]
    return report.model_copy(update={"findings": kept})
