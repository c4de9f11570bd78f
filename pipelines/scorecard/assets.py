"""Exports: the board scorecard, one self-contained HTML file per reporting month, and an index."""


from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from pipelines.resources import DeploymentResource
from pipelines.scorecard.commentary import load_commentary
from pipelines.scorecard.page_writer import PageWriter
from pipelines.scorecard.plan import load_plan
from pipelines.scorecard.render import (
    PublishedMonth, QuarantineItem, month_name, month_of, render_index, render_scorecard,
)
from pipelines.validation.suites import load_suites
from pipelines.warehouse import table_exists


def scorecard_path(exports: Path, la_code: str, period_end) -> Path:
    return exports / la_code / f"scorecard_{la_code}_{period_end:%Y-%m}.html"


def check_results(context: dg.AssetExecutionContext) -> list[dict] | None:
    """Failed data checks of this run, as counts and the suite's own words for what each checks.

    The check's run description is not used: it quotes example values, which can be child ids.
    None when no check ran in this run (e.g. the scorecard materialised on its own).
    """
    why = {(s.asset_key.to_user_string(), name): (e.get("meta") or {}).get("why", e["type"])
           for s in load_suites() for name, e in zip(s.check_names, s.expectations)}
    entries = context.instance.all_logs(context.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION)
    if not entries:
        return None
    failed = []
    for entry in entries:
        evaluation = entry.dagster_event.event_specific_data
        if evaluation.passed:
            continue
        asset = evaluation.asset_key.to_user_string()
        count = evaluation.metadata.get("unexpected_count")
        failed.append({"asset": asset, "check": evaluation.check_name, "severity": evaluation.severity.value,
                       "description": why.get((asset, evaluation.check_name), ""),
                       "count": getattr(count, "value", None)})
    return failed


@dataclass
class WarehouseFigures:
    """What the scorecards read from the warehouse, for every council at once: one query per
    table, not one per council (152 councils: 3.9 s of queries, now 0.1 s)."""

    metric_values: pl.DataFrame
    metric_status: pl.DataFrame
    catalogue: pl.DataFrame
    periods: dict[str, list[date]]  # la_code -> the month-ends it sent an extract for, in order
    # (la_code, period_end) -> source rows of that month's extract kept out of staging, by table
    # and reason; None when there is no quarantine table
    quarantine: dict[tuple[str, date], list[QuarantineItem]] | None

    @classmethod
    def read(cls, con) -> "WarehouseFigures":
        periods: dict[str, list[date]] = {}
        for la_code, period_end in con.execute(
            "select distinct la_code, last_day(extract_date) from raw.loaded_files order by 1, 2"
        ).fetchall():
            periods.setdefault(la_code, []).append(period_end)
        quarantine = None
        if table_exists(con, "staging.quarantine"):
            quarantine = {}
            for la_code, period_end, table, reason, n in con.execute("""
                select la_code, last_day(extract_date), raw_table, reason, count(distinct (file_hash, source_row))
                from staging.quarantine
                group by all order by 1, 2, 5 desc, 3, 4
            """).fetchall():
                quarantine.setdefault((la_code, period_end), []).append(QuarantineItem(table, reason, n))
        return cls(metric_values=con.sql("select * from metrics.metric_values").pl(),
                   metric_status=con.sql("select * from metrics.metric_status").pl(),
                   catalogue=con.sql("select * from metrics.catalogue").pl(),
                   periods=periods, quarantine=quarantine)

    def council(self, la_code: str) -> tuple[pl.DataFrame, pl.DataFrame]:
        """The council's metric values and statuses."""
        return (self.metric_values.filter(pl.col("la_code") == la_code),
                self.metric_status.filter(pl.col("la_code") == la_code))

    def quarantined(self, la_code: str, period_end: date) -> list[QuarantineItem] | None:
        return None if self.quarantine is None else self.quarantine.get((la_code, period_end), [])


@dg.asset(
    key=["exports", "scorecard"],
    group_name="exports",
    deps=[dg.AssetKey(["metrics", "metric_values"]), dg.AssetKey(["metrics", "catalogue"]),
          dg.AssetKey(["metrics", "metric_status"])],
    description="The board scorecard: one HTML file per month with a landed extract, opening offline "
                "(Plotly inlined once), aggregates only with counts of 1-4 shown as <5; and index.html "
                "listing every month.",
    kinds={"html", "plotly"},
)
def scorecard(context: dg.AssetExecutionContext, deployment: DeploymentResource,
              warehouse: DuckDBResource) -> dg.MaterializeResult:
    """The board reads the front page (RAG, direction, England), an area per page, the improvement
    plan and the data checks. Team-edited inputs: assets/targets.csv, assets/improvement_plan.csv,
    assets/commentary/<la_code>/<YYYY-MM>.md (docs/scorecard.md). One set per council."""
    data_quality = check_results(context)
    actions = load_plan()
    exports = Path(deployment.exports)
    generated_at = datetime.now().replace(microsecond=0)
    with warehouse.get_connection() as con:
        figures = WarehouseFigures.read(con)
    indexes = []
    with PageWriter() as writer:
        for council in deployment.councils:
            index = _council_scorecards(context, council, exports, figures, writer, data_quality=data_quality,
                                        actions=actions, generated_at=generated_at)
            indexes += [index] if index else []
    written = [path for path in writer.written if path.name != "index.html"]
    if not written:
        return dg.MaterializeResult(metadata={"files": 0})
    return dg.MaterializeResult(metadata={
        "files": len(written),
        "latest": dg.MetadataValue.path(str(written[-1])),
        "index": dg.MetadataValue.path(str(indexes[-1])),
        "latest_size_mb": round(written[-1].stat().st_size / 1e6, 2),
        "failed_checks_shown": len(data_quality) if data_quality is not None else "no checks in this run",
    })


def _council_scorecards(context, council, exports: Path, figures: WarehouseFigures, writer: PageWriter, *,
                        data_quality, actions, generated_at) -> Path | None:
    """Renders the council's packs and index, handing them to `writer`; returns the index's path."""
    values, status = figures.council(council.la_code)
    months = []
    # A scorecard for each month the council sent an extract for, newest first in the index.
    for period_end in figures.periods.get(council.la_code, []):
        path = scorecard_path(exports, council.la_code, period_end)
        page = render_scorecard(
            la_code=council.la_code, la_name=council.la_name, period_end=period_end,
            metric_values=values, catalogue=figures.catalogue, metric_status=status, generated_at=generated_at,
            data_quality=data_quality, quarantine=figures.quarantined(council.la_code, period_end),
            actions=actions, commentary=load_commentary(council.la_code, period_end.year, period_end.month),
            index_href="index.html",
        ).encode("utf-8")
        writer.write(page, path)
        months.insert(0, PublishedMonth(month_name(month_of(period_end)), path.name, len(page) / 1e6))
    if not months:
        context.log.warning(f"no extracts landed for {council.la_code}: no scorecard written")
        return None
    index = exports / council.la_code / "index.html"
    writer.write(render_index(la_code=council.la_code, la_name=council.la_name, generated_at=generated_at,
                              months=months).encode("utf-8"), index)
    return index
