"""Publish the analysts' copy of the warehouse.

Runs write to a working file; when the metrics are built, this copies it to the
published path by atomic replace. DuckDB allows one writer and a reader blocks
writers, so analysts only ever open the published copy: an open notebook never
stops a run, a half-finished or killed run never shows, and the copy changes
all at once.
"""

import os
import shutil
import time
from collections.abc import Sequence
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.resources import CouncilResource


def publish_warehouse(con, published: Path) -> Path:
    """Copy the database behind `con` to `published`, replacing any previous copy in one step."""
    source = Path(con.sql("select path from duckdb_databases() where database_name = current_database()")
                  .fetchone()[0])
    # Fold the write-ahead log into the file so the copy is the whole database.
    con.execute("checkpoint")
    published.parent.mkdir(parents=True, exist_ok=True)
    # A run killed mid-copy leaves its partial copy behind. Only the run holding the working
    # file gets here (DuckDB's lock), so any such file is stale.
    for stale in published.parent.glob(f".{published.name}.*.tmp"):
        stale.unlink(missing_ok=True)
    staging = published.with_name(f".{published.name}.{os.getpid()}.tmp")
    try:
        shutil.copyfile(source, staging)
        os.replace(staging, published)  # same directory: atomic on POSIX and Windows
    finally:
        staging.unlink(missing_ok=True)
    return published


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
    def analyst_warehouse(context: dg.AssetExecutionContext, council: CouncilResource,
                          warehouse: DuckDBResource) -> dg.MaterializeResult:
        _pause_if_asked(context)
        with warehouse.get_connection() as con:
            path = publish_warehouse(con, Path(council.published_warehouse))
        return dg.MaterializeResult(metadata={
            "path": dg.MetadataValue.path(str(path)),
            "size_mb": round(path.stat().st_size / 1e6, 1),
        })

    return analyst_warehouse



# A run killed part-way must leave the published copy as it was. The riskiest moment
# is the last one: the whole build is in the working file and not yet published. To
# kill a run exactly there without guessing at sleeps, set CSC_PAUSE_BEFORE_PUBLISH to
# a file path: the run writes its pid there and waits to be killed. Unset, nothing happens.
PAUSE_BEFORE_PUBLISH_ENV = "CSC_PAUSE_BEFORE_PUBLISH"


def _pause_if_asked(context: dg.AssetExecutionContext) -> None:
    marker = os.environ.get(PAUSE_BEFORE_PUBLISH_ENV)
    if not marker:
        return
    context.log.warning(f"{PAUSE_BEFORE_PUBLISH_ENV} is set: pausing before publishing until killed")
    Path(marker).write_text(str(os.getpid()))
    while True:
        time.sleep(1)
