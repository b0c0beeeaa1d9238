"""Baselines: findings a team has accepted, keyed by (file, code, table, row, column).

Lines are deliberately not part of the key, so an edit elsewhere in the document does not turn
an accepted finding into a new one. The severity is kept beside the key: an accepted note that
becomes an error is a new finding.
"""

from __future__ import annotations

import json
from pathlib import Path

from budgetcheck.inputs.errors import UnreadableInput
from budgetcheck.inputs.files import read_text_file, write_atomic
from budgetcheck.report import Finding, Report
from budgetcheck.util import limits
from budgetcheck.util.jsontext import json_text

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
    """The accepted findings of a baseline file, read with the protections of every input
    (regular file, size limit, UTF-8): any problem is one `PlanError` naming the file."""
    shown = str(path)
    text = read_text_file(path, limits.BASELINE_BYTES, "baseline")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableInput(shown, f"not a budgetcheck baseline: invalid JSON: {exc.msg} (column "
                        f"{exc.colno})", line=exc.lineno) from None
    except RecursionError:
        raise UnreadableInput(shown, "not a budgetcheck baseline: invalid JSON: nested too deeply") from None
    except ValueError as exc:
        raise UnreadableInput(shown, f"not a budgetcheck baseline: {exc}") from None
    accepted = data.get("accepted") if isinstance(data, dict) else None
    if not isinstance(accepted, list) or \
            not all(isinstance(e, dict) and all(isinstance(e.get(n), str) for n in FIELDS)
                    for e in accepted):
        raise UnreadableInput(shown, "not a budgetcheck baseline: expected {\"version\": 1, "
                        "\"accepted\": [{" + ", ".join(f'"{n}": "…"' for n in FIELDS) + "}, …]}")
    return {tuple(e[name] for name in FIELDS) for e in accepted}


def without_accepted(report: Report, accepted: set[Entry]) -> Report:
    kept: list[Finding] = [f for f in report.findings if entry(f) not in accepted]
    left_out = len(report.findings) - len(kept)
    return report.model_copy(update={"findings": kept, "accepted": report.accepted + left_out})
