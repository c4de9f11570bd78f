"""What every asset in the UI carries: its owner, and for a warehouse table, its columns."""

from __future__ import annotations

from collections.abc import Sequence

import dagster as dg
import duckdb

from csc_scorecard.models.checks import CheckOutcome

# The performance team runs the pipeline and answers for its tables (docs/operations.md). Set here
# and applied to every asset by build_definitions, so no asset can be added without an owner.
OWNERS = ["team:performance"]


def with_owners(assets: Sequence[dg.AssetsDefinition]) -> list[dg.AssetsDefinition]:
    return [asset.map_asset_specs(lambda spec: spec.replace_attributes(owners=OWNERS)) for asset in assets]


def column_schema(con: duckdb.DuckDBPyConnection, qualified: str) -> dg.TableSchema:
    """The table's columns as DuckDB has them once written: names, types and the warehouse's comment
    on each (a raw column's is its contract's words), never values (staging and raw rows are child-level data)."""
    schema, table = qualified.split(".", 1)
    columns = con.execute(
        "select column_name, data_type, comment from duckdb_columns() "
        "where database_name = current_database() and schema_name = ? and table_name = ? "
        "order by column_index", [schema, table]
    ).fetchall()
    return dg.TableSchema(columns=[dg.TableColumn(name=name, type=type_, description=comment)
                                   for name, type_, comment in columns])


def table_metadata(con: duckdb.DuckDBPyConnection, qualified: str) -> dict[str, dg.TableSchema]:
    return {"dagster/column_schema": column_schema(con, qualified)}


def check_result(outcome: CheckOutcome) -> dg.AssetCheckResult:
    """A model's or metric's own check (csc_scorecard.models.checks) as Dagster records it. Its spec
    blocks: a mart that counts a row twice, staging that lost a row, or a percentage over 100 would
    put a wrong figure before the board, so nothing is built on it and the build exits 3."""
    return dg.AssetCheckResult(check_name=outcome.name, passed=outcome.passed, severity=dg.AssetCheckSeverity.ERROR,
                               description=outcome.description, metadata=outcome.metadata)
