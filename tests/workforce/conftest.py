"""Build just the HR models over a landing folder: ingest, reference tables, staging, marts."""

from pathlib import Path

import pytest

from csc_scorecard.ingest.families import FAMILIES
from tests.loading import ingest_family
from csc_scorecard.models.build import build_model
from csc_scorecard.models.reference import build_reference
from csc_scorecard.settings import CouncilSettings
from csc_scorecard.warehouse import SQL_DIR

COUNCIL = CouncilSettings(la_code="999", la_name="Test", population_0_17=10_000,
                          landing=Path("."), warehouse=Path("."), exports=Path("."))


@pytest.fixture
def build_hr(con, landing):
    """Ingest the HR family from `landing` and build the named models, in the order given."""

    def build(*models: str):
        tables, _ = FAMILIES["hr"]
        summary = ingest_family(con, "hr", tables, landing=landing, la_code="999")
        build_reference(con, [COUNCIL])
        for name in models:
            layer, stem = name.split(".")
            build_model(con, layer, SQL_DIR / layer / f"{stem}.sql")
        return summary

    return build
