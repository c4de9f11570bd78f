"""The Dagster code location: landing -> raw -> staging -> marts -> metrics -> exports."""

from __future__ import annotations

import dagster as dg

from pipelines.automation import build_landing_sensor, monthly_build_job, monthly_schedule
from pipelines.ingest.assets import raw_assets
from pipelines.metrics.assets import metric_assets
from pipelines.models.assets import model_assets
from pipelines.publish import analyst_warehouse
from pipelines.resources import build_resources
from pipelines.scorecard.assets import scorecard
from pipelines.settings import CouncilSettings, load_settings
from pipelines.validation.checks import build_gx_checks


def build_definitions(settings: CouncilSettings) -> dg.Definitions:
    return dg.Definitions(
        assets=[*raw_assets, *model_assets, *metric_assets, analyst_warehouse, scorecard],
        asset_checks=build_gx_checks(),  # GX suites in expectations/ (pipelines/validation)
        resources=build_resources(settings),
        jobs=[monthly_build_job],
        schedules=[monthly_schedule],
        sensors=[build_landing_sensor(settings.landing)],
        # DuckDB allows one writer process: run steps one after another in the
        # run's own process rather than a process per step.
        executor=dg.in_process_executor,
    )


defs = build_definitions(load_settings())
