"""How each metric stands, computed in SQL (src/csc_scorecard/sql/status/metric_status.sql) into
`metrics.metric_status`, the one table the board pack reads its figures from.

RAG (see docs/scorecard.md for the performance team's version):

- a metric's *shortfall* is how far its value is on the wrong side of the target, in the
  metric's own units, judged by polarity: for "lower is better", value - target; for
  "higher is better", target - value. On target or better, the shortfall is 0 or negative.
- Green when the shortfall is at most `amber_tolerance` (0 means "on target or better");
  Amber when it is more than `amber_tolerance` and at most `red_tolerance`;
  Red when it is more than `red_tolerance`.
- No RAG for a neutral metric (more children in care is neither good nor bad), a metric with
  no target, or a month with no value.

RAG and direction compare values at the precision the board sees (22.6%, 16.0, 1,234), so a
figure shown as 20.0% against a 20.0% target is green even if it was 20.04 underneath.
Suppression (which figures may be published) is decided in the same query.
"""

from __future__ import annotations

import duckdb

from csc_scorecard.warehouse import SQL_DIR, ensure_schemas

STATUS_SQL = SQL_DIR / "status" / "metric_status.sql"
MACROS = SQL_DIR / "macros.sql"

GREEN, AMBER, RED = "green", "amber", "red"
IMPROVING, WORSENING, NO_CHANGE, UP, DOWN = "improving", "worsening", "no significant change", "up", "down"
OK, SUPPRESSED, MISSING = "ok", "suppressed", "missing"


def write_metric_status(con: duckdb.DuckDBPyConnection) -> int:
    """(Re)build metrics.metric_status from metric_values, the catalogue, reference.targets and
    reference.england_comparators; returns its row count."""
    ensure_schemas(con)
    con.execute(MACROS.read_text())
    con.execute(f"create or replace table metrics.metric_status as {STATUS_SQL.read_text()}")
    return con.sql("select count(*) from metrics.metric_status").fetchone()[0]


COMPARATORS_SQL = SQL_DIR / "status" / "metric_comparators.sql"
QUARTILE_BANDS = {"A": "top quarter", "B": "second quarter", "C": "third quarter", "D": "bottom quarter"}


def write_metric_comparators(con: duckdb.DuckDBPyConnection) -> int:
    """(Re)build metrics.metric_comparators (statistical neighbours, quartile and rank) from
    metrics.metric_status, reference.councils and reference.published_figures; returns its row count."""
    ensure_schemas(con)
    con.execute(MACROS.read_text())
    con.execute(f"create or replace table metrics.metric_comparators as {COMPARATORS_SQL.read_text()}")
    return con.sql("select count(*) from metrics.metric_comparators").fetchone()[0]
