"""Dagster resources: the councils being reported on, and the warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource
from pydantic import PrivateAttr

from csc_scorecard.settings import CouncilSettings, Deployment


class WarehouseResource(DuckDBResource):
    """The working warehouse, held open for the whole run.

    Each step opens and closes its own connection (`get_connection`). When the last connection
    to a DuckDB file closes, DuckDB checkpoints and unloads the database, and the next step loads
    it again, at a cost that grows with the file. One
    connection held from the run's start to its end keeps the database loaded between steps
    (a step's `duckdb.connect` with the same config then reuses it). The run is the file's only
    writer anyway; publishing checkpoints before it copies.

    DuckDB checkpoints (writes committed changes from its WAL into the file, compressed) whenever
    the WAL passes 16 MB. A region's raw load commits each return on its own, and most commits
    pass that, so the run would checkpoint after nearly every return, rewriting the tables' last
    row groups each time. The run lets the WAL grow to CHECKPOINT_EVERY instead. Uncheckpointed
    changes are held in memory, so this is bounded: a much larger bound saves little more time and
    costs a national run gigabytes of memory (bench/history.md). Committed work is as safe either
    way: a crash replays the WAL.
    """

    CHECKPOINT_EVERY: ClassVar[str] = "256MB"

    _held: duckdb.DuckDBPyConnection | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        Path(self.database).parent.mkdir(parents=True, exist_ok=True)
        # The same config as get_connection's: DuckDB refuses one file opened twice with two.
        self._held = duckdb.connect(self.database, read_only=False,
                                    config={"custom_user_agent": "dagster", **self.connection_config})
        self._held.execute(f"set checkpoint_threshold = '{self.CHECKPOINT_EVERY}'")

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._held is not None:
            self._held.close()
            self._held = None


class CouncilConfig(dg.Config):
    la_code: str
    la_name: str
    population_0_17: int
    statistical_neighbours: list[str]
    landing: str
    inputs: str  # the council's own inputs folder (docs/council_inputs.md)


class DeploymentResource(dg.ConfigurableResource):
    """Every council the deployment reports on (see src/csc_scorecard/settings.py)."""

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
    return {
        "deployment": DeploymentResource(
            councils=[CouncilConfig(la_code=c.la_code, la_name=c.la_name, population_0_17=c.population_0_17,
                                    statistical_neighbours=list(c.statistical_neighbours), landing=str(c.landing),
                                    inputs=str(c.inputs_dir))
                      for c in deployment.councils],
            exports=str(deployment.exports),
            published_warehouse=str(deployment.warehouse),
        ),
        "warehouse": WarehouseResource(database=str(deployment.working_warehouse)),
    }
