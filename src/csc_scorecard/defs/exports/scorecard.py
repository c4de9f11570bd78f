"""Exports: the board scorecard, one self-contained HTML file per reporting month, and an index."""


from datetime import datetime
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from csc_scorecard.defs.keys import asset_key_for_table
from csc_scorecard.defs.resources import DeploymentResource
from csc_scorecard.scorecard.pack import (ALLIANCE_PAGE, PACK_TABLES, WarehouseFigures, alliance_overview,
                                          council_scorecards)
from csc_scorecard.scorecard.page_writer import PageWriter


@dg.asset(
    key=["exports", "scorecard"],
    group_name="exports",
    deps=[asset_key_for_table(table) for table in PACK_TABLES],
    description="The board scorecard: one HTML file per month with a landed extract, opening offline "
                "(charts as inline SVG, no script), aggregates only with counts of 1-4 shown as <5; and index.html "
                "listing every month.",
    kinds={"html", "svg"},
)
def scorecard(context: dg.AssetExecutionContext, deployment: DeploymentResource,
              warehouse: DuckDBResource) -> dg.MaterializeResult:
    """The board reads the front page (RAG, direction, England), an area per page, the improvement
    plan and the data checks, all from the warehouse (team-edited inputs reach it through the
    reference assets: docs/scorecard.md). One set per council."""
    exports = Path(deployment.exports)
    generated_at = datetime.now().replace(microsecond=0)
    with warehouse.get_connection() as con:
        figures = WarehouseFigures.read(con)
    indexes = []
    with PageWriter() as writer:
        for council in deployment.councils:
            index = council_scorecards(council, exports, figures, writer, generated_at=generated_at)
            if index is None:
                context.log.warning(f"no extracts landed for {council.la_code}: no scorecard written")
            indexes += [index] if index else []
        alliance = alliance_overview(deployment.councils, exports, figures, writer, generated_at=generated_at)
    written = [path for path in writer.written if path.name not in ("index.html", ALLIANCE_PAGE)]
    if not written:
        return dg.MaterializeResult(metadata={"files": 0})
    return dg.MaterializeResult(metadata={
        "files": len(written),
        "latest": dg.MetadataValue.path(str(written[-1])),
        "index": dg.MetadataValue.path(str(indexes[-1])),
        "latest_size_mb": round(written[-1].stat().st_size / 1e6, 2),
        **({"alliance_overview": dg.MetadataValue.path(str(alliance))} if alliance else {}),
        "failed_checks_shown": len(figures.failed_checks) if figures.failed_checks is not None else "no checks run",
    })
