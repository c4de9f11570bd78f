"""Exports: the board scorecard, one self-contained HTML file per reporting month, and an index."""


from datetime import datetime
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from csc_scorecard.defs.keys import asset_key_for_table
from csc_scorecard.defs.resources import DeploymentResource
from csc_scorecard.scorecard.pack import WarehouseFigures, council_scorecards
from csc_scorecard.scorecard.page_writer import PageWriter
from csc_scorecard.scorecard.plan import load_plan
from csc_scorecard.validation.suites import load_suites


def check_results(context: dg.AssetExecutionContext) -> list[dict] | None:
    """Failed data checks of this run, as counts and the suite's own words for what each checks.

    The check's run description is not used: it quotes example values, which can be child ids.
    None when no check ran in this run (e.g. the scorecard materialised on its own).
    """
    why = {(asset_key_for_table(s.name).to_user_string(), name): (e.get("meta") or {}).get("why", e["type"])
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
            index = council_scorecards(council, exports, figures, writer, data_quality=data_quality,
                                       actions=actions, generated_at=generated_at)
            if index is None:
                context.log.warning(f"no extracts landed for {council.la_code}: no scorecard written")
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
