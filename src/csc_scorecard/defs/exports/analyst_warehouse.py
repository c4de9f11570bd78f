"""exports/analyst_warehouse: the DuckDB file analysts open, published when the build is whole."""

from collections.abc import Sequence
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from csc_scorecard import publish
from csc_scorecard.defs.resources import DeploymentResource


def analyst_warehouse_asset(warehouse_assets: Sequence[dg.AssetsDefinition]) -> dg.AssetsDefinition:
    """The publishing asset, downstream of every asset that writes the warehouse: depending on the
    metrics alone let a table built beside them (metrics.metric_status) be copied a run late."""

    @dg.asset(
        key=["exports", "analyst_warehouse"],
        group_name="exports",
        deps=[key for asset in warehouse_assets for key in asset.keys],
        description="The DuckDB file analysts open (read-only): a copy of the working warehouse, "
                    "replaced atomically once every table of the build is written.",
        kinds={"duckdb"},
    )
    def analyst_warehouse(deployment: DeploymentResource, warehouse: DuckDBResource) -> dg.MaterializeResult:
        with warehouse.get_connection() as con:
            path = publish.publish_warehouse(con, Path(deployment.published_warehouse))
        return dg.MaterializeResult(metadata={
            "path": dg.MetadataValue.path(str(path)),
            "size_mb": round(path.stat().st_size / 1e6, 1),
        })

    return analyst_warehouse
