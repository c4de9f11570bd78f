"""Dagster resources: the councils being reported on, and the warehouse."""

from __future__ import annotations

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.settings import CouncilSettings, Deployment


class CouncilResource(dg.ConfigurableResource):
    """The deployment's first (in a council's own deployment, its only) council, from council.toml."""

    la_code: str
    la_name: str
    population_0_17: int
    landing: str
    exports: str
    published_warehouse: str


class CouncilConfig(dg.Config):
    la_code: str
    la_name: str
    population_0_17: int
    statistical_neighbours: list[str]
    landing: str


class DeploymentResource(dg.ConfigurableResource):
    """Every council the deployment reports on (see pipelines/settings.py)."""

    councils: list[CouncilConfig]
    exports: str
    published_warehouse: str

    def council(self, la_code: str) -> CouncilConfig:
        for council in self.councils:
            if council.la_code == la_code:
                return council
        raise dg.Failure(f"no council {la_code!r} in the settings file "
                         f"(councils: {', '.join(c.la_code for c in self.councils)})")


def build_resources(settings: CouncilSettings | Deployment) -> dict[str, dg.ConfigurableResource]:
    deployment = settings if isinstance(settings, Deployment) else Deployment.of(settings)
    first = deployment.councils[0]
    return {
        "council": CouncilResource(
            la_code=first.la_code,
            la_name=first.la_name,
            population_0_17=first.population_0_17,
            landing=str(first.landing),
            exports=str(deployment.exports),
            published_warehouse=str(deployment.warehouse),
        ),
        "deployment": DeploymentResource(
            councils=[CouncilConfig(la_code=c.la_code, la_name=c.la_name, population_0_17=c.population_0_17,
                                    statistical_neighbours=list(c.statistical_neighbours), landing=str(c.landing))
                      for c in deployment.councils],
            exports=str(deployment.exports),
            published_warehouse=str(deployment.warehouse),
        ),
        "warehouse": DuckDBResource(database=str(deployment.working_warehouse)),
    }
