"""Staging and marts: one asset per SQL model under sql/staging and sql/marts.

A model's upstream assets are the schema.table names its SQL reads, so the
asset graph is exactly what the SQL says.
"""


from graphlib import TopologicalSorter
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

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
    ensure_schemas(con)
    con.execute(f"create or replace table {layer}.{path.stem} as {path.read_text()}")
    return con.sql(f"select count(*) from {layer}.{path.stem}").fetchone()[0]


def _model_asset(layer: str, path: Path) -> dg.AssetsDefinition:
    sql = path.read_text()
    deps = [dg.AssetKey(ref.split(".")) for ref in referenced_tables(sql) if ref != f"{layer}.{path.stem}"]

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
        # Column names and types, not a preview: staging rows are child-level data.
        return dg.MaterializeResult(metadata={
            "dagster/row_count": rows,
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


def build_all_models(con) -> dict[str, int]:
    """Build staging and marts in dependency order, outside Dagster (tests, notebooks)."""
    return {f"{layer}.{path.stem}": build_model(con, layer, path) for layer, path in models_in_build_order()}


model_assets = [_model_asset(layer, path) for layer in MODEL_LAYERS for path in model_paths(layer)]
