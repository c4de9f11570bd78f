"""Dagster resources: the council being reported on, and the warehouse."""

from __future__ import annotations

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.settings import CouncilSettings


class CouncilResource(dg.ConfigurableResource):
    """The council's settings from council.toml (see pipelines/settings.py)."""

    la_code: str
    la_name: str
    population_0_17: int
    landing: str
    exports: str
    published_warehouse: str


def build_resources(settings: CouncilSettings) -> dict[str, dg.ConfigurableResource]:
    return {
        "council": CouncilResource(
            la_code=settings.la_code,
            la_name=settings.la_name,
            population_0_17=settings.population_0_17,
            landing=str(settings.landing),
            exports=str(settings.exports),
            published_warehouse=str(settings.warehouse),
        ),
        "warehouse": DuckDBResource(database=str(settings.working_warehouse)),
    }
