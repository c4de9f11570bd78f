"""publications/published_figures: the record of every figure each publication put before the board."""

from datetime import datetime

import dagster as dg
from dagster_duckdb import DuckDBResource

from csc_scorecard.defs.keys import asset_key_for_table
from csc_scorecard.publications import record_publication


@dg.asset(
    key=["publications", "published_figures"],
    group_name="publications",
    deps=[asset_key_for_table("metrics.metric_status"), asset_key_for_table("marts.extract_months")],
    description="publications.published_figures and publication_log: every figure on the packs as this "
                "publication shows it, added to an append-only record when new or read differently, so a "
                "pack can say what was first reported and analysts can ask what was restated "
                "(publications.as_first_reported, as_last_published, restatements, year_end_outturns).",
    kinds={"duckdb", "sql"},
)
def published_figures(warehouse: DuckDBResource) -> dg.MaterializeResult:
    with warehouse.get_connection() as con:
        recorded = record_publication(con, datetime.now())
        restated = con.sql("select count(*) from publications.restatements").fetchone()[0]
    return dg.MaterializeResult(metadata={
        "published_at": recorded.published_at.isoformat(timespec="seconds"),
        "councils": recorded.councils,
        "figures_on_the_packs": recorded.figures,
        "added_to_the_record": recorded.recorded,
        "restated_since_first_reported": restated,
    })
