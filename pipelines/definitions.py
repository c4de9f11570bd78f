"""The Dagster code location: landing -> raw -> staging -> marts -> metrics -> exports."""

from __future__ import annotations

import dagster as dg

from pipelines.ingest.assets import raw_assets
from pipelines.metrics.assets import metric_assets
from pipelines.models.assets import model_assets
from pipelines.resources import build_resources
from pipelines.scorecard.assets import scorecard
from pipelines.settings import REPO_ROOT, CouncilSettings, load_settings
from pipelines.validation.checks import build_gx_checks
from pipelines.validation.suites import load_suites

EXPECTATIONS_DIR = REPO_ROOT / "expectations"


def build_definitions(settings: CouncilSettings) -> dg.Definitions:
    return dg.Definitions(
        assets=[*raw_assets, *model_assets, *metric_assets, scorecard],
        asset_checks=build_gx_checks(load_suites(EXPECTATIONS_DIR)),
        resources=build_resources(settings),
        # DuckDB allows one writer process: run steps one after another in the
        # run's own process rather than a process per step.
        executor=dg.in_process_executor,
    )


defs = build_definitions(load_settings())
