"""Staging and marts: one asset per SQL model under src/csc_scorecard/sql/staging and src/csc_scorecard/sql/marts.

A model's upstream assets are the tables its SQL reads, found by parsing it, including
those read inside the macros it calls (warehouse.referenced_tables), so the asset graph is
exactly what the SQL says.
"""

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from csc_scorecard.defs.conventions import check_result, table_metadata
from csc_scorecard.defs.keys import asset_keys_for_tables
from csc_scorecard.models.build import MODEL_LAYERS, build_model, model_paths, sql_description
from csc_scorecard.models.checks import CheckOutcome, every_source_row_accounted_for, grain_is_unique, model_grain
from csc_scorecard.models.quarantine import checked_models, quarantine_summary, quarantined_rows
from csc_scorecard.warehouse import SQL_DIR, referenced_tables


# What each model promises, checked as it is built: a mart its declared grain, a staging model that
# quarantines every row of its raw table, staged or set aside.
CHECK_DESCRIPTIONS = {
    "grain_is_unique": "One row per the grain its SQL header declares (-- grain:).",
    "every_source_row_accounted_for": "Every row of each file in raw is in this table or in staging.quarantine, once.",
}
CHECKED_STAGING = set(checked_models(model_paths("staging")))


def _model_checks(layer: str, path: Path) -> list[str]:
    if layer == "marts":
        return ["grain_is_unique"]
    return ["every_source_row_accounted_for"] if path.stem in CHECKED_STAGING else []


def _run_check(con, name: str, layer: str, path: Path, sql: str) -> CheckOutcome:
    if name == "grain_is_unique":
        return grain_is_unique(con, f"{layer}.{path.stem}", model_grain(sql))
    return every_source_row_accounted_for(con, path.stem)


def _model_asset(layer: str, path: Path) -> dg.AssetsDefinition:
    sql = path.read_text()
    deps = asset_keys_for_tables(ref for ref in referenced_tables(sql) if ref != f"{layer}.{path.stem}")
    key = dg.AssetKey([layer, path.stem])
    checks = _model_checks(layer, path)

    @dg.asset(
        key=key,
        group_name=layer,
        deps=deps,
        description=sql_description(sql),
        kinds={"duckdb", "sql"},
        metadata={"sql_file": str(path.relative_to(SQL_DIR.parent))},
        check_specs=[dg.AssetCheckSpec(name, asset=key, description=CHECK_DESCRIPTIONS[name], blocking=True)
                     for name in checks],
    )
    def _model(warehouse: DuckDBResource) -> dg.MaterializeResult:
        with warehouse.get_connection() as con:
            rows = build_model(con, layer, path)
            columns = table_metadata(con, f"{layer}.{path.stem}")
            quarantined = quarantined_rows(con, path.stem) if layer == "staging" else 0
            outcomes = [_run_check(con, name, layer, path, sql) for name in checks]
        return dg.MaterializeResult(metadata={"dagster/row_count": rows, "rows_quarantined": quarantined, **columns},
                                    check_results=[check_result(o) for o in outcomes])

    return _model


@dg.asset(key=["staging", "quarantine"], group_name="staging", kinds={"duckdb"},
          deps=[dg.AssetKey(["staging", name]) for name in sorted(CHECKED_STAGING)],
          description="Source rows that did not type cleanly, one row per problem: raw table, file, row, "
                      "column, value and the reason (docs/ingest.md). Each staging model writes its own rows "
                      "here; this asset reports the counts.")
def staging_quarantine(warehouse: DuckDBResource) -> dg.MaterializeResult:
    with warehouse.get_connection() as con:
        by_table = quarantine_summary(con)
        columns = table_metadata(con, "staging.quarantine")
    return dg.MaterializeResult(metadata={"rows_quarantined": sum(by_table.values()),
                                          "rows_quarantined_by_table": by_table, **columns})


model_assets = [staging_quarantine, *(_model_asset(layer, path) for layer in MODEL_LAYERS for path in model_paths(layer))]
