"""Metrics layer: the catalogue and every metric's monthly values."""


import dagster as dg
from dagster_duckdb import DuckDBResource

from csc_scorecard.defs.conventions import table_metadata
from csc_scorecard.defs.keys import asset_key_for_table
from csc_scorecard.metrics.catalogue import catalogue_frame, load_catalogue, write_metric_values
from csc_scorecard.metrics.status import metric_status_frame
from csc_scorecard.metrics.targets import load_comparators, load_targets
from csc_scorecard.warehouse import ensure_schemas

METRICS = load_catalogue()


@dg.asset(
    key=["metrics", "catalogue"],
    group_name="metrics",
    description="One row per scorecard metric: definition, unit, polarity, window and DfE reference, "
                "read from the header of each file in src/csc_scorecard/sql/metrics/.",
    kinds={"duckdb", "python"},
)
def metric_catalogue(warehouse: DuckDBResource) -> dg.MaterializeResult:
    catalogue = catalogue_frame(METRICS)
    with warehouse.get_connection() as con:
        ensure_schemas(con)
        con.register("catalogue_frame", catalogue.to_arrow())
        con.execute("create or replace table metrics.catalogue as select * from catalogue_frame")
        con.unregister("catalogue_frame")
        columns = table_metadata(con, "metrics.catalogue")
    return dg.MaterializeResult(metadata={"metrics": len(METRICS), "dagster/row_count": len(catalogue), **columns})


@dg.asset(
    key=["metrics", "metric_values"],
    group_name="metrics",
    deps=sorted({asset_key_for_table(ref) for m in METRICS for ref in m.source_tables}, key=str),
    description="metrics.metric_values(la_code, metric_id, period_end, value, numerator, denominator): "
                "every catalogue metric for every reporting month.",
    kinds={"duckdb", "sql"},
)
def metric_values(warehouse: DuckDBResource) -> dg.MaterializeResult:
    with warehouse.get_connection() as con:
        ensure_schemas(con)
        rows = write_metric_values(con, METRICS)
        latest = con.sql("""
            select metric_id, period_end, round(value, 1) as value
            from metrics.metric_values
            qualify period_end = max(period_end) over (partition by la_code, metric_id)
            order by metric_id
        """).fetchall()
        columns = table_metadata(con, "metrics.metric_values")
    return dg.MaterializeResult(metadata={
        "dagster/row_count": sum(rows.values()),
        **columns,
        "latest": dg.MetadataValue.json({m: {"period_end": str(p), "value": v} for m, p, v in latest}),
    })


@dg.asset(
    key=["metrics", "metric_status"],
    group_name="metrics",
    deps=[metric_values, metric_catalogue],
    description="metrics.metric_status: each metric's value against its target (RAG, by polarity), "
                "last month's value and the direction of travel, and England's figure. Targets and "
                "tolerances from assets/targets.csv, England from src/csc_scorecard/reference_data/england_comparators.csv.",
    kinds={"duckdb", "python"},
)
def metric_status(warehouse: DuckDBResource) -> dg.MaterializeResult:
    with warehouse.get_connection() as con:
        values = con.sql("select la_code, metric_id, period_end, value from metrics.metric_values").pl()
        catalogue = con.sql("select metric_id, unit, polarity from metrics.catalogue").pl()
        targets = load_targets(catalogue=dict(zip(catalogue["metric_id"], catalogue["polarity"])))
        status = metric_status_frame(values, catalogue, targets, load_comparators())
        con.register("status_frame", status.to_arrow())
        con.execute("create or replace table metrics.metric_status as select * from status_frame")
        con.unregister("status_frame")
        latest = con.sql("""
            select rag, count(*) from (
                select rag from metrics.metric_status
                qualify period_end = max(period_end) over (partition by la_code)
            ) group by all order by all
        """).fetchall() if len(status) else []
        columns = table_metadata(con, "metrics.metric_status")
    return dg.MaterializeResult(metadata={
        "dagster/row_count": len(status),
        **columns,
        "metrics_with_target": len(targets),
        "latest_month_rag": dg.MetadataValue.json({str(rag or "not rated"): n for rag, n in latest}),
    })


metric_assets = [metric_catalogue, metric_values, metric_status]
