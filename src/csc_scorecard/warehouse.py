"""Small helpers over a DuckDB connection: SQL files, schemas, previews."""

from __future__ import annotations

import re

import duckdb

from csc_scorecard import PACKAGE_DIR

SQL_DIR = PACKAGE_DIR / "sql"
SCHEMAS = ("raw", "reference", "staging", "marts", "metrics", "quality")


def quote_literal(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def ensure_schemas(con: duckdb.DuckDBPyConnection) -> None:
    for schema in SCHEMAS:
        con.execute(f"create schema if not exists {schema}")


def table_exists(con: duckdb.DuckDBPyConnection, qualified: str) -> bool:
    schema, table = qualified.split(".")
    return bool(con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, table],
    ).fetchone()[0])


_TABLE_REF = re.compile(r"\b(raw|reference|staging|marts|metrics)\.([a-z_][a-z0-9_]*)\b", re.IGNORECASE)


def referenced_tables(sql: str) -> list[str]:
    """schema.table names a model reads, in first-seen order (comments excluded)."""
    code = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    seen: dict[str, None] = {}
    for schema, table in _TABLE_REF.findall(code):
        seen[f"{schema.lower()}.{table.lower()}"] = None
    return list(seen)
