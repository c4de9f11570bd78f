"""Loading one council's landed files of one return, outside Dagster, as the raw assets do for a run."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from pathlib import Path

import duckdb

from csc_scorecard.ingest.formats import RawTable
from csc_scorecard.ingest.load import IngestSummary, load_planned, plan_family


def ingest_family(con: duckdb.DuckDBPyConnection, family: str, tables: dict[str, RawTable], *,
                  landing: Path, la_code: str, now: datetime | None = None,
                  extract_month: date | Collection[date] | None = None) -> IngestSummary:
    """extract_month (first of a month, or several) limits the load to those months' extract folders."""
    plan = plan_family(con, family, tables, landing=landing, la_code=la_code, extract_month=extract_month)
    return load_planned(con, plan, now=now)
