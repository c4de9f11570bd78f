"""CIN census ingest against a bare lxml pass over the same files, side by side.

The bare pass is the floor any XML ingest pays: iterparse every element, read its text, free it.
Ours also flattens children into the six raw tables and loads them into DuckDB.
"""

from __future__ import annotations

import os
import time
from datetime import date, datetime
from pathlib import Path

import duckdb
from lxml import etree

from csc_scorecard.ingest.cin_census import load_cin_census
from csc_scorecard.ingest.cin_parallel import ParallelCinParser
from csc_scorecard.ingest.formats import CIN_CENSUS
from csc_scorecard.ingest.load import create_raw_tables


def bare_iterparse(path: Path) -> int:
    """Elements seen in one streaming pass that touches every element's text."""
    seen = 0
    for _, elem in etree.iterparse(str(path), events=("end",), huge_tree=True):
        _ = elem.text
        seen += 1
        if elem.tag == "Child":
            elem.clear(keep_tail=False)
    return seen


def side_by_side(files: list[Path], warehouse: Path) -> dict:
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    started = time.perf_counter()
    for f in files:
        bare_iterparse(f)
    bare = time.perf_counter() - started

    con = duckdb.connect(str(warehouse))
    create_raw_tables(con, CIN_CENSUS)
    started = time.perf_counter()
    rows = 0
    for i, f in enumerate(files):
        con.begin()  # each return in its own transaction, as a build loads it
        loaded = load_cin_census(con, f, la_code=f.parent.parent.name, extract_date=date(2025, 2, 28),
                                 file_hash=f"bench{i}", loaded_at=datetime(2025, 3, 1))
        con.commit()
        rows += sum(loaded.values())
    ours = time.perf_counter() - started
    con.close()

    # The same files as a region's build loads them: parsed ahead on every core.
    parallel_warehouse = warehouse.with_name(f"parallel-{warehouse.name}")
    con = duckdb.connect(str(parallel_warehouse))
    create_raw_tables(con, CIN_CENSUS)
    started = time.perf_counter()
    with ParallelCinParser(files) as parser:
        for i, f in enumerate(files):
            con.begin()
            parser.load(con, f, la_code=f.parent.parent.name, extract_date=date(2025, 2, 28),
                        file_hash=f"bench{i}", loaded_at=datetime(2025, 3, 1))
            con.commit()
    parallel = time.perf_counter() - started
    con.close()
    return {
        "files": len(files),
        "megabytes": round(megabytes, 1),
        "bare_iterparse_seconds": round(bare, 2),
        "bare_iterparse_mb_per_s": round(megabytes / bare, 1),
        "ingest_seconds": round(ours, 2),
        "ingest_mb_per_s": round(megabytes / ours, 1),
        "ingest_rows": rows,
        "ingest_share_of_bare_speed": round(bare / ours, 2),
        "parallel_workers": os.cpu_count(),
        "parallel_ingest_seconds": round(parallel, 2),
        "parallel_ingest_mb_per_s": round(megabytes / parallel, 1),
        "parallel_share_of_bare_speed": round(bare / parallel, 2),
    }
