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
    staging = published.with_name(f".{published.name}.{os.getpid()}.tmp")
    try:
        shutil.copyfile(source, staging)
        os.replace(staging, published)  # same directory: atomic on POSIX and Windows
    finally:
        staging.unlink(missing_ok=True)
    return published


@dg.asset(
    key=["exports", "analyst_warehouse"],
    group_name="exports",
    deps=[dg.AssetKey(["metrics", "metric_values"]), dg.AssetKey(["metrics", "catalogue"])],
    description="The DuckDB file analysts open (read-only): a copy of the working warehouse, "
                "replaced atomically once the metrics are built.",
    kinds={"duckdb"},
)
def analyst_warehouse(council: CouncilResource, warehouse: DuckDBResource) -> dg.MaterializeResult:
    with warehouse.get_connection() as con:
        path = publish_warehouse(con, Path(council.published_warehouse))
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(path)),
        "size_mb": round(path.stat().st_size / 1e6, 1),
    })


# A run killed part-way must leave the published copy as it was. To test that
# without guessing at sleeps, `csc-scorecard build` can be told to stop dead
# after a named step: it touches CSC_PAUSE_MARKER (so the test knows the moment
# has come) and waits to be killed. Unset, the hook does nothing.
PAUSE_AFTER_STEP_ENV, PAUSE_MARKER_ENV = "CSC_PAUSE_AFTER_STEP", "CSC_PAUSE_MARKER"


@dg.success_hook(name="pause_after_step_for_kill_tests")
def pause_after_step(context: dg.HookContext) -> None:
    if context.step_key != os.environ.get(PAUSE_AFTER_STEP_ENV):
        return
    marker = os.environ.get(PAUSE_MARKER_ENV)
    if marker:
        Path(marker).write_text(str(os.getpid()))
    context.log.warning(f"{PAUSE_AFTER_STEP_ENV}={context.step_key}: pausing until killed")
    while True:
        time.sleep(1)
