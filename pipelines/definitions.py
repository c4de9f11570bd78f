"""The Dagster code location: landing -> raw -> staging -> marts -> metrics -> exports."""

from __future__ import annotations

import dagster as dg

from pipelines.automation import (build_landing_sensor, build_monthly_schedule, load_extract_month_job,
                                  monthly_build_job)
from pipelines.ingest.assets import build_raw_assets
from pipelines.metrics.assets import metric_assets
from pipelines.models.assets import model_assets
from pipelines.partitions import extract_partitions
from pipelines.publish import analyst_warehouse_asset
from pipelines.resources import build_resources
from pipelines.scorecard.assets import scorecard
from pipelines.settings import CouncilSettings, Deployment, load_deployment
from pipelines.validation.checks import build_gx_checks


def build_definitions(settings: CouncilSettings | Deployment) -> dg.Definitions:
    deployment = settings if isinstance(settings, Deployment) else Deployment.of(settings)
    # Raw is partitioned by council x extract month; everything after it is rebuilt whole.
    raw_assets = build_raw_assets(extract_partitions(deployment.la_codes))
    warehouse_assets = [*raw_assets, *model_assets, *metric_assets]
    return dg.Definitions(
        assets=[*warehouse_assets, analyst_warehouse_asset(warehouse_assets), scorecard],
        asset_checks=build_gx_checks(),  # GX suites in expectations/ (pipelines/validation)
        resources=build_resources(deployment),
        jobs=[monthly_build_job, load_extract_month_job],
        schedules=[build_monthly_schedule(deployment.la_codes)],
        sensors=[build_landing_sensor(deployment)],
        # DuckDB allows one writer process: run steps one after another in the
        # run's own process rather than a process per step.
        executor=dg.in_process_executor,
    )


defs = build_definitions(load_deployment())
