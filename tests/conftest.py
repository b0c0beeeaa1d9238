from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "scale-ai-2023-2024.toml"
SEED = ROOT / "seeds" / "scale-ai-plan-directeur-2023-2024.fr.txt"

settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile("ci", max_examples=300, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default"))


@pytest.fixture(scope="session")
def scale_plan():
    from budgetcheck import load

    return load(FIXTURE)


@pytest.fixture(scope="session")
def scale_report(scale_plan):
    from budgetcheck import check

    return check(scale_plan)
