"""Staging and marts: one asset per SQL model under sql/staging and sql/marts.

A model's upstream assets are the schema.table names its SQL reads, so the
asset graph is exactly what the SQL says.
"""


from graphlib import TopologicalSorter
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.ingest.assets import asset_key_for_table
from pipelines.ingest.hr_aliases import value_aliases_frame
from pipelines.models.quarantine import build_checked_model, checked_models, quarantine_summary, quarantined_rows
from pipelines.models.reference import build_reference, calendar_frame, councils_frame, write_table
from pipelines.pseudonym import define_child_key
from pipelines.resources import DeploymentResource
from pipelines.settings import CouncilSettings, load_deployment
from pipelines.warehouse import SQL_DIR, ensure_schemas, referenced_tables

MODEL_LAYERS = ("staging", "marts")
MACROS = SQL_DIR / "macros.sql"


def _description(sql: str) -> str:
    lines = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line.lstrip("- ").rstrip())
    return " ".join(lines)


def build_model(con, layer: str, path: Path) -> int:
    """(Re)build one model as a table; returns its row count."""
    con.execute(MACROS.read_text())
    define_child_key(con)
    ensure_schemas(con)
    if layer == "staging":
        return build_checked_model(con, path.stem, path.read_text())
    con.execute(f"create or replace table {layer}.{path.stem} as {path.read_text()}")
    return con.sql(f"select count(*) from {layer}.{path.stem}").fetchone()[0]


def _model_asset(layer: str, path: Path) -> dg.AssetsDefinition:
    sql = path.read_text()
    deps = list(dict.fromkeys(asset_key_for_table(ref) for ref in referenced_tables(sql)
                              if ref != f"{layer}.{path.stem}"))

    @dg.asset(
        key=[layer, path.stem],
        group_name=layer,
        deps=deps,
        description=_description(sql),
        kinds={"duckdb", "sql"},
        metadata={"sql_file": str(path.relative_to(SQL_DIR.parent))},
    )
    def _model(warehouse: DuckDBResource) -> dg.MaterializeResult:
        with warehouse.get_connection() as con:
            rows = build_model(con, layer, path)
            columns = con.sql(f"describe {layer}.{path.stem}").fetchall()
            quarantined = quarantined_rows(con, path.stem) if layer == "staging" else 0
        # Column names and types, not a preview: staging rows are child-level data.
        return dg.MaterializeResult(metadata={
            "dagster/row_count": rows,
            "rows_quarantined": quarantined,
            "dagster/column_schema": dg.TableSchema(
                columns=[dg.TableColumn(name=c[0], type=c[1]) for c in columns]
            ),
        })

    return _model


def model_paths(layer: str) -> list[Path]:
    return sorted((SQL_DIR / layer).glob("*.sql"))


def models_in_build_order() -> list[tuple[str, Path]]:
    """Every (layer, model file), each after the models it reads."""
    models = {f"{layer}.{p.stem}": (layer, p) for layer in MODEL_LAYERS for p in model_paths(layer)}
    graph = {name: [ref for ref in referenced_tables(p.read_text()) if ref in models and ref != name]
             for name, (_, p) in models.items()}
    return [models[name] for name in TopologicalSorter(graph).static_order()]


def build_all_models(con, councils: list[CouncilSettings] | None = None) -> dict[str, int]:
    """Build reference tables, staging and marts in dependency order, outside Dagster (tests,
    notebooks); the councils are those in council.toml unless given."""
    counts = build_reference(con, councils or list(load_deployment().councils))
    counts |= {f"{layer}.{path.stem}": build_model(con, layer, path) for layer, path in models_in_build_order()}
    return counts


@dg.asset(key=["reference", "calendar"], group_name="reference", kinds={"duckdb"},
          description="Every day 2000-2040 with is_working_day (weekends and England bank holidays "
                      "excluded) and a running working_day_number for working-day arithmetic in SQL.")
def reference_calendar(warehouse: DuckDBResource) -> dg.MaterializeResult:
    with warehouse.get_connection() as con:
        rows = write_table(con, "reference.calendar", calendar_frame())
    return dg.MaterializeResult(metadata={"dagster/row_count": rows})


@dg.asset(key=["reference", "councils"], group_name="reference", kinds={"duckdb"},
          description="The councils reported on, with the ONS 0-17 population used for rates per 10,000 "
                      "and their statistical neighbours (la codes).")
def reference_councils(deployment: DeploymentResource, warehouse: DuckDBResource) -> dg.MaterializeResult:
    councils = [CouncilSettings(la_code=c.la_code, la_name=c.la_name, population_0_17=c.population_0_17,
                                landing=c.landing, warehouse="", exports=deployment.exports,
                                statistical_neighbours=tuple(c.statistical_neighbours))
                for c in deployment.councils]
    with warehouse.get_connection() as con:
        rows = write_table(con, "reference.councils", councils_frame(councils))
    return dg.MaterializeResult(metadata={"dagster/row_count": rows,
                                          "population_0_17": {c.la_code: c.population_0_17 for c in councils}})


@dg.asset(key=["reference", "hr_value_aliases"], group_name="reference", kinds={"duckdb"},
          description="The HR contract's accepted spellings of its codes (contract type, case holder), "
                      "from assets/hr_aliases.csv; staging maps HR values through it.")
def reference_hr_value_aliases(warehouse: DuckDBResource) -> dg.MaterializeResult:
    with warehouse.get_connection() as con:
        rows = write_table(con, "reference.hr_value_aliases", value_aliases_frame())
    return dg.MaterializeResult(metadata={"dagster/row_count": rows})


@dg.asset(key=["staging", "quarantine"], group_name="staging", kinds={"duckdb"},
          deps=[dg.AssetKey(["staging", name]) for name in checked_models(model_paths("staging"))],
          description="Source rows that did not type cleanly, one row per problem: raw table, file, row, "
                      "column, value and the reason (docs/ingest.md). Each staging model writes its own rows "
                      "here; this asset reports the counts.")
def staging_quarantine(warehouse: DuckDBResource) -> dg.MaterializeResult:
    with warehouse.get_connection() as con:
        by_table = quarantine_summary(con)
    return dg.MaterializeResult(metadata={"rows_quarantined": sum(by_table.values()),
                                          "rows_quarantined_by_table": by_table})


model_assets = [reference_calendar, reference_councils, reference_hr_value_aliases, staging_quarantine,
                *(_model_asset(layer, path) for layer in MODEL_LAYERS for path in model_paths(layer))]
