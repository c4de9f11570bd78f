"""Partitions of the raw layer: one per council and extract month.

A raw partition loads one council's extract folder(s) for one month
(landing/<YYYY-MM-DD>/ with the date in that month). Everything downstream of raw
is unpartitioned: staging, marts and metrics are rebuilt from all of raw, which
DuckDB does in seconds, so a late or re-sent month never leaves a stale mart.
"""

from __future__ import annotations

from datetime import date

import dagster as dg

from csc_scorecard.ingest.landing import extract_folders
from csc_scorecard.settings import Deployment

COUNCIL, MONTH = "council", "month"
# Older extracts than this are not expected; a folder before it is reported, not loaded.
FIRST_MONTH = "2010-01-01"


def extract_partitions(la_codes: list[str]) -> dg.MultiPartitionsDefinition:
    return dg.MultiPartitionsDefinition({
        COUNCIL: dg.StaticPartitionsDefinition(list(la_codes)),
        # end_offset=1: the month in progress is a partition too, so an extract dated
        # mid-month (or a month-end extract landing early) has somewhere to go.
        MONTH: dg.MonthlyPartitionsDefinition(start_date=FIRST_MONTH, end_offset=1),
    })


def partition_key(la_code: str, extract_date: date) -> dg.MultiPartitionKey:
    return dg.MultiPartitionKey({COUNCIL: la_code, MONTH: extract_date.replace(day=1).isoformat()})


def council_and_month(key: str | dg.MultiPartitionKey) -> tuple[str, date]:
    if not isinstance(key, dg.MultiPartitionKey):
        council, month = str(key).split("|")  # the string form: dimensions in name order
        key = dg.MultiPartitionKey({COUNCIL: council, MONTH: month})
    dims = key.keys_by_dimension
    return dims[COUNCIL], date.fromisoformat(dims[MONTH])


def in_partition_range(extract_date: date, today: date | None = None) -> bool:
    """From FIRST_MONTH to the month in progress, as the month dimension runs."""
    return date.fromisoformat(FIRST_MONTH) <= extract_date.replace(day=1) <= (today or date.today()).replace(day=1)


def landed_partitions(deployment: Deployment) -> list[dg.MultiPartitionKey]:
    """Every (council, month) with an extract folder, oldest month first."""
    keys = {
        (extract_date.replace(day=1), council.la_code)
        for council in deployment.councils
        for extract_date, _ in extract_folders(council.landing)
        if in_partition_range(extract_date)
    }
    return [partition_key(code, month) for month, code in sorted(keys)]
