"""Time the raw.ssda903_episodes suite through GX on N synthetic rows (default 1,000,000).

    python -m csc_tools.bench.gx_suite [rows]
"""

import sys
import tempfile
import time
from pathlib import Path

import duckdb


def main(rows: int = 1_000_000) -> None:
    started = time.perf_counter()
    import great_expectations  # noqa: F401

    imported = time.perf_counter() - started
    from csc_scorecard.ingest.formats import SSDA903
    from csc_scorecard.validation.gx_duckdb import run_suite
    from csc_scorecard.validation.suites import load_suites

    suite = next(s for s in load_suites() if s.name == "raw.ssda903_episodes")
    with tempfile.TemporaryDirectory() as folder:
        con = duckdb.connect(str(Path(folder) / "bench.duckdb"))
        con.execute("create schema raw")
        con.execute(SSDA903["ssda903_episodes"].create_sql())
        con.execute(f"""
            insert into raw.ssda903_episodes
            select (i % 200000)::varchar, strftime(date '2015-01-01' + (i % 3000)::int, '%d/%m/%Y'),
                   ['S','L','P','T','B','U'][1 + i % 6], ['C1','C2','E1','V2','J1'][1 + i % 5], 'N1',
                   ['U1','A3','R1','K1'][1 + i % 4], 'PR1',
                   case when i % 3 = 0 then null else strftime(date '2015-02-01' + (i % 3000)::int, '%d/%m/%Y') end,
                   case when i % 3 = 0 then null else ['X1','E11','E3'][1 + i % 3] end,
                   null, 'AB1 2CD', 'AB1 2CD', 'SC000001',
                   '999', date '2025-03-31', 'bench.csv', 'hash', i, now()
            from range({rows}) t(i)""")
        timed = time.perf_counter()
        outcomes = run_suite(con, suite.document, suite.qualified)
        ran = time.perf_counter() - timed
        con.close()
    print(f"GX import {imported:.1f}s; {suite.name} ({len(outcomes)} expectations) on {rows:,} rows: {ran:.1f}s")
    for o in outcomes:
        print(f"  {'ok  ' if o.success else 'FAIL'} {o.check_name}: {o.summary()}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
