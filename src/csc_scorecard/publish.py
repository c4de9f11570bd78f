"""Publish the analysts' copy of the warehouse.

Runs write to a working file; when the metrics are built, this copies it to the
published path by atomic replace. DuckDB allows one writer and a reader blocks
writers, so analysts only ever open the published copy: an open notebook never
stops a run, a half-finished or killed run never shows, and the copy changes
all at once.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


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
