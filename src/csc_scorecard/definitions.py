"""The Dagster code location: landing -> raw -> staging -> marts -> metrics -> exports.

`dg dev` and `dg check defs` load `defs`; the definitions themselves live in defs/, one folder
per layer, the only code that imports Dagster.
"""

from __future__ import annotations

import dagster as dg

from csc_scorecard.defs.automation import (build_landing_sensor, build_monthly_schedule, load_extract_month_job,
                                           monthly_build_job)
from csc_scorecard.defs.conventions import with_owners
from csc_scorecard.defs.exports.analyst_warehouse import analyst_warehouse_asset
from csc_scorecard.defs.publications.assets import published_figures
from csc_scorecard.defs.exports.scorecard import scorecard
from csc_scorecard.defs.metrics.assets import metric_assets
from csc_scorecard.defs.models.assets import model_assets
from csc_scorecard.defs.partitions import extract_partitions
from csc_scorecard.defs.raw.assets import build_raw_assets
from csc_scorecard.defs.raw.checks import build_gx_checks
from csc_scorecard.defs.reference.assets import reference_assets, reference_checks
from csc_scorecard.defs.resources import build_resources
from csc_scorecard.settings import CouncilSettings, Deployment, load_deployment


def build_definitions(settings: CouncilSettings | Deployment) -> dg.Definitions:
    deployment = settings if isinstance(settings, Deployment) else Deployment.of(settings)
    # Raw is partitioned by council x extract month; everything after it is rebuilt whole.
    raw_assets = build_raw_assets(extract_partitions(deployment.la_codes))
    warehouse_assets = [*raw_assets, *reference_assets, *model_assets, *metric_assets, published_figures]
    return dg.Definitions(
        assets=with_owners([*warehouse_assets, analyst_warehouse_asset(warehouse_assets), scorecard]),
        asset_checks=[*build_gx_checks(), *reference_checks],
        resources=build_resources(deployment),
        jobs=[monthly_build_job, load_extract_month_job],
        schedules=[build_monthly_schedule(deployment.la_codes)],
        sensors=[build_landing_sensor(deployment)],
        # DuckDB allows one writer process: run steps one after another in the
        # run's own process rather than a process per step.
        executor=dg.in_process_executor,
    )


defs = build_definitions(load_deployment())
