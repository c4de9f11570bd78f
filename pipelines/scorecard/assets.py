"""Exports: the board scorecard, one self-contained HTML file per reporting month."""


from datetime import datetime
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.resources import DeploymentResource
from pipelines.scorecard.render import render_scorecard, write_scorecard


def scorecard_path(exports: Path, la_code: str, period_end) -> Path:
    return exports / la_code / f"scorecard_{la_code}_{period_end:%Y-%m}.html"


@dg.asset(
    key=["exports", "scorecard"],
    group_name="exports",
    deps=[dg.AssetKey(["metrics", "metric_values"]), dg.AssetKey(["metrics", "catalogue"])],
    description="The board scorecard: one HTML file per month with a landed extract, opening offline "
                "(Plotly inlined once), aggregates only with counts of 1-4 shown as <5.",
    kinds={"html", "plotly"},
)
def scorecard(context: dg.AssetExecutionContext, deployment: DeploymentResource,
              warehouse: DuckDBResource) -> dg.MaterializeResult:
    written = []
    for council in deployment.councils:
        written += _council_scorecards(context, council, Path(deployment.exports), warehouse)
    return dg.MaterializeResult(metadata={
        "files": len(written),
        "latest": dg.MetadataValue.path(str(written[-1])) if written else "none",
        "latest_size_mb": round(written[-1].stat().st_size / 1e6, 2) if written else 0.0,
    })


def _council_scorecards(context, council, exports: Path, warehouse: DuckDBResource) -> list[Path]:
    with warehouse.get_connection() as con:
        values = con.sql("select * from metrics.metric_values where la_code = ?",
                         params=[council.la_code]).pl()
        catalogue = con.sql("select * from metrics.catalogue").pl()
        # A scorecard for each month the council sent an extract for.
        periods = [row[0] for row in con.execute(
            "select distinct last_day(extract_date) from raw.loaded_files where la_code = ? order by 1",
            [council.la_code],
        ).fetchall()]
    generated_at = datetime.now().replace(microsecond=0)
    written = []
    for period_end in periods:
        html = render_scorecard(la_code=council.la_code, la_name=council.la_name, period_end=period_end,
                                metric_values=values, catalogue=catalogue, generated_at=generated_at)
        written.append(write_scorecard(html, scorecard_path(exports, council.la_code, period_end)))
    if not written:
        context.log.warning(f"no extracts landed for {council.la_code}: no scorecard written")
    return written
