"""Validation (the GX suites, as the build runs them) against a bare SQL pass over the same raw tables.

    python -m csc_tools.bench.validation_speed WAREHOUSE [TABLE ...]

The yardstick is tools/csc_tools/bench/bare_sql.py: the same checks as each suite, counted in
one plain query per table. GX runs as a build runs it, one session for every suite, timed
already imported and with its first use paid (both are paid once per run, whatever the
number of suites, and reported on their own). Empty tables
are left out, as the build's checks leave them. Also reported,
labelled as such: a pass that only reads every column of every row (count(col) for each),
the figure the benchmark compared against before; it evaluates no check.

Each figure is the best of `repeat` runs; the warehouse is opened read-only.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb

from csc_tools.bench.bare_sql import bare_counts, quote


def gx_import_seconds() -> float:
    """`import great_expectations` in a fresh interpreter, as a run's first suite pays it."""
    code = ("import time; t = time.perf_counter(); import great_expectations; "
            "print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def _best(repeat: int, run) -> tuple[float, object]:
    best, value = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        value = run()
        best = min(best, time.perf_counter() - started)
    return best, value


def side_by_side(warehouse: Path, tables: list[str] | None = None, repeat: int = 2) -> dict:
    from csc_scorecard.validation.gx_duckdb import GxSession
    from csc_scorecard.validation.suites import load_suites

    imported = gx_import_seconds()
    import great_expectations  # noqa: F401

    started = time.perf_counter()
    session = GxSession()  # as a build's checks share one per run
    _first_use(session)
    first_use = time.perf_counter() - started

    con = duckdb.connect(str(warehouse), read_only=True)
    figures, totals = {}, {"gx": 0.0, "bare": 0.0, "read": 0.0}
    for suite in load_suites():
        if tables and suite.table not in tables and suite.qualified not in tables:
            continue
        try:
            columns = [r[0] for r in con.sql(f"describe {suite.qualified}").fetchall()]
        except duckdb.Error:
            continue  # the table was never created: nothing landed
        if not con.sql(f"select count(*) from {suite.qualified}").fetchone()[0]:
            continue  # as in a build: an empty table is not validated
        read_all = f"select {', '.join(f'count({quote(c)})' for c in columns)} from {suite.qualified}"
        read, _ = _best(repeat, lambda: con.sql(read_all).fetchall())
        bare, (rows, counts) = _best(repeat, lambda: bare_counts(con, suite.document, suite.qualified))
        gx, outcomes = _best(repeat, lambda: session.run_suite(con, suite.document, suite.qualified))
        disagree = {o.check_name: {"gx": o.unexpected_count, "bare_sql": n}
                    for o, n in zip(outcomes, counts) if o.unexpected_count != n}
        figures[suite.qualified] = {
            "rows": rows, "expectations": len(suite.expectations),
            "gx_seconds": round(gx, 3), "bare_sql_checks_seconds": round(bare, 3),
            "read_every_column_seconds": round(read, 3),
            "failed": sum(not o.success for o in outcomes),
            **({"counts_disagree": disagree} if disagree else {}),
        }
        totals["gx"] += gx
        totals["bare"] += bare
        totals["read"] += read
    con.close()
    return {
        "gx_import_seconds": round(imported, 2),
        "gx_first_use_seconds": round(first_use, 2),
        "gx_seconds": round(totals["gx"], 2),
        "bare_sql_checks_seconds": round(totals["bare"], 2),
        "ratio": round(totals["gx"] / totals["bare"], 2) if totals["bare"] else None,
        "read_every_column_seconds": round(totals["read"], 2),
        "ratio_to_read_every_column": round(totals["gx"] / totals["read"], 1) if totals["read"] else None,
        "repeat": repeat,
        "tables": figures,
    }


def _first_use(session) -> None:
    """Validate a one-row table once: what GX does the first time only (lazy imports, registries)."""
    con = duckdb.connect()
    try:
        con.execute("create schema raw; create table raw.warmup (a varchar); insert into raw.warmup values ('x')")
        session.run_suite(con, {"name": "raw.warmup", "meta": {}, "expectations": [
            {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "a"}, "meta": {}},
            {"type": "unexpected_rows_expectation",
             "kwargs": {"unexpected_rows_query": "select * from {batch} where a = 'y'"}, "meta": {}},
        ]}, "raw.warmup")
    finally:
        con.close()


def main(argv: list[str]) -> int:
    import json

    if not argv:
        print(__doc__)
        return 2
    print(json.dumps(side_by_side(Path(argv[0]), argv[1:] or None), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
