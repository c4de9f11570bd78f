"""Publish the analysts' copy of the warehouse.

Runs write to a working file, which keeps raw as landed and is for the data team and the pipeline
alone. When the metrics are built, this writes the analysts' copy from it (csc_scorecard.privacy:
no raw schema, no identifiers) beside the published path and moves it there by atomic replace.
DuckDB allows one writer and a reader blocks writers, so analysts only ever open the published
copy: an open notebook never stops a run, a half-finished or killed run never shows, and the copy
changes all at once.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from csc_scorecard.privacy import COPIED_SCHEMAS, write_analyst_copy
from csc_scorecard.warehouse import quote_literal
from csc_scorecard.pseudonym import define_child_key


def _create_views(con, definitions: list[str]) -> None:
    """Make every view, each once the views it reads exist: duckdb_views() says nothing of
    the order they were made in (publications.restatements reads two others)."""
    waiting = list(definitions)
    while waiting:
        failed = []
        for sql in waiting:
            try:
                con.execute(sql)
            except duckdb.CatalogException:
                failed.append(sql)
        if len(failed) == len(waiting):
            con.execute(failed[0])  # raises: a view over something the copy does not hold
        waiting = failed


def publish_warehouse(con, published: Path) -> Path:
    """Write the analysts' copy of the database behind `con` to `published`, replacing any previous
    copy in one step."""
    working = Path(con.sql("select path from duckdb_databases() where database_name = current_database()")
                   .fetchone()[0])
    # Raw as landed is the data team's alone: the working file is its owner's to read.
    for path in (working, working.with_name(working.name + ".wal")):
        if path.exists():
            path.chmod(0o600)
    published.parent.mkdir(parents=True, exist_ok=True)
    # A run killed mid-copy leaves its partial copy behind. Only the run holding the working
    # file gets here (DuckDB's lock), so any such file is stale.
    for stale in published.parent.glob(f".{published.name}.*.tmp"):
        stale.unlink(missing_ok=True)
    staging = published.with_name(f".{published.name}.{os.getpid()}.tmp")
    try:
        define_child_key(con)  # the copy's pseudonyms are keyed as child_key is
        write_analyst_copy(con, staging)
        # A view (metrics.metric_members) is made again over the copy's own tables, so it reads
        # only what the copy holds.
        views = con.execute(
            "select sql from duckdb_views() where database_name = current_database() and not internal "
            "and schema_name in (" + ", ".join(quote_literal(s) for s in COPIED_SCHEMAS) + ") order by view_name"
        ).fetchall()
        with duckdb.connect(str(staging)) as copy:
            _create_views(copy, [sql for (sql,) in views])
        os.replace(staging, published)  # same directory: atomic on POSIX and Windows
    finally:
        staging.unlink(missing_ok=True)
        staging.with_name(staging.name + ".wal").unlink(missing_ok=True)
    return published
