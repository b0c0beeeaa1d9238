"""The time a run is recorded at: UTC, ISO 8601 to the second ("2026-12-02T14:03:05Z")."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
