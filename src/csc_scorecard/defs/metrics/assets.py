"""Metrics layer: the catalogue and every metric's monthly values."""


import dagster as dg
from dagster_duckdb import DuckDBResource

from csc_scorecard.defs.conventions import check_result, table_metadata
from csc_scorecard.defs.keys import asset_keys_for_tables
from csc_scorecard.metrics.catalogue import (catalogue_frame, create_members_view, load_catalogue,
                                             write_metric_values)
from csc_scorecard.metrics.status import COMPARATORS_SQL, STATUS_SQL, write_metric_comparators, write_metric_status
from csc_scorecard.models.checks import METRIC_RULES, metric_sanity
from csc_scorecard.warehouse import ensure_schemas, referenced_tables

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
    deps=sorted({key for m in METRICS for key in asset_keys_for_tables(m.source_tables)}, key=str),
    description="metrics.metric_values(la_code, metric_id, period_end, value, numerator, denominator): "
                "every catalogue metric for every reporting month.",
    kinds={"duckdb", "sql"},
    check_specs=[dg.AssetCheckSpec(name, asset=["metrics", "metric_values"], description=rule, blocking=True)
                 for name, rule, _ in METRIC_RULES],
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
        outcomes = metric_sanity(con)
    return dg.MaterializeResult(check_results=[check_result(o) for o in outcomes], metadata={
        "dagster/row_count": sum(rows.values()),
        **columns,
        "latest": dg.MetadataValue.json({m: {"period_end": str(p), "value": v} for m, p, v in latest}),
    })


@dg.asset(
    key=["metrics", "metric_members"],
    group_name="metrics",
    deps=sorted({key for m in METRICS for key in asset_keys_for_tables(m.source_tables)}, key=str),
    description="metrics.metric_members (a view): who each figure counts, for every metric that counts children, "
                "council and month: one row per counted record (a referral, a plan, a child looked after), "
                "by child_key, with the date that put it in the period and whether it is in the numerator, "
                "the denominator or both. Made from each metric file's `members` CTE.",
    kinds={"duckdb", "sql"},
)
def metric_members(warehouse: DuckDBResource) -> dg.MaterializeResult:
    with warehouse.get_connection() as con:
        ensure_schemas(con)
        metrics = create_members_view(con, METRICS)
        columns = table_metadata(con, "metrics.metric_members")
    return dg.MaterializeResult(metadata={"metrics": metrics, **columns})


@dg.asset(
    key=["metrics", "metric_status"],
    group_name="metrics",
    deps=asset_keys_for_tables(referenced_tables(STATUS_SQL.read_text())),
    description="metrics.metric_status: every metric value as the board pack shows it: whether it may be "
                "published (small numbers suppressed) and at what precision, RAG against the team's target "
                "by polarity, last month's and the same month last year's values, the direction of travel "
                "beyond the measure's threshold or noise band, and England's figure in the "
                "same unit (src/csc_scorecard/sql/status/metric_status.sql).",
    kinds={"duckdb", "sql"},
)
def metric_status(warehouse: DuckDBResource) -> dg.MaterializeResult:
    with warehouse.get_connection() as con:
        rows = write_metric_status(con)
        latest = dict(con.sql("""
            select coalesce(rag, 'not rated'), count(*) from (
                select rag from metrics.metric_status
                qualify period_end = max(period_end) over (partition by la_code)
            ) group by all order by all
        """).fetchall())
        publication = dict(con.sql("select publication, count(*) from metrics.metric_status group by all").fetchall())
        columns = table_metadata(con, "metrics.metric_status")
    return dg.MaterializeResult(metadata={
        "dagster/row_count": rows,
        **columns,
        "latest_month_rag": dg.MetadataValue.json(latest),
        "publication": dg.MetadataValue.json(publication),
    })


@dg.asset(
    key=["metrics", "metric_comparators"],
    group_name="metrics",
    deps=asset_keys_for_tables(referenced_tables(COMPARATORS_SQL.read_text())),
    description="metrics.metric_comparators: for each council, metric and month, the statistical neighbours' "
                "average (from the published figures of the latest year, and from neighbours built in this "
                "warehouse for the same month) and the council's rank and quartile band among England's councils "
                "(src/csc_scorecard/sql/status/metric_comparators.sql).",
    kinds={"duckdb", "sql"},
)
def metric_comparators(warehouse: DuckDBResource) -> dg.MaterializeResult:
    with warehouse.get_connection() as con:
        rows = write_metric_comparators(con)
        latest = con.sql("""
            select la_code, count(neighbour_average) as with_published_neighbours,
                   count(*) filter (where warehouse_neighbours > 0) as with_neighbours_built_here,
                   count(national_rank) as ranked
            from (select * from metrics.metric_comparators
                  qualify period_end = max(period_end) over (partition by la_code))
            group by la_code order by la_code
        """).pl().to_dicts()
        columns = table_metadata(con, "metrics.metric_comparators")
    return dg.MaterializeResult(metadata={"dagster/row_count": rows, **columns,
                                          "latest_month": dg.MetadataValue.json(latest)})


metric_assets = [metric_catalogue, metric_values, metric_members, metric_status, metric_comparators]
