"""Generated councils shared by the synthetic-council tests (generation is the slow part)."""

from datetime import date
from pathlib import Path

import pytest

from csc_tools.synthetic import CouncilProfile, generate


@pytest.fixture(scope="session")
def small_council(tmp_path_factory) -> list[Path]:
    """Three monthly extracts of a small council: for the history and the file checks."""
    return generate(tmp_path_factory.mktemp("small") / "landing", CouncilProfile(population_0_17=8_000),
                    months=3, history_months=15, last_extract=date(2025, 3, 31), seed=11)
