"""Who a value can identify, layer by layer, and the analysts' copy of the warehouse made from it.

The contract says it once, per raw column (`RawTable.direct` and `.quasi`). Everything after raw
inherits it through the SQL: a staging column made from a classed raw column carries its class (read
from the staging model's text), unless the keyed `child_key` macro made it, which is the point of
staging; a column of a later layer with a classed staging column's name carries the same class.

The working warehouse keeps everything (the data team traces a quarantined row to its file and the
child's record); the analysts' copy is made from it by `write_analyst_copy`:
- no raw schema, so no id, UPN, name or postcode as landed (its list of files loaded is
  `quality.loaded_files` there);
- a DIRECT identifier still in a later layer (a worker's id, a social worker's) is replaced by a
  pseudonym keyed as child_key is, so it still joins and counts but names no one;
- a QUASI date becomes its month, as text (date_of_birth -> month_of_birth, '2015-04');
  any other QUASI value (postcodes, unconfirmed free fields) is left out;
- no table about a person keeps where its row came from (file, hash, row, place in the file): one
  join to the working warehouse on them would name the child behind every key;
- a set-aside value (staging.quarantine, staging.hr_rejected) of a classed column is blanked; its
  file, row, column and reason stay, for the person who fixes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlglot import exp

from csc_scorecard.ingest.families import RAW_TABLES
from csc_scorecard.ingest.formats import DIRECT, QUASI
from csc_scorecard.warehouse import parse_statements, quote_literal, referenced_tables

# Where a staged row came from, in the working warehouse's tables.
LINEAGE = ("source_file", "file_hash", "source_row", "child_seq", "referral_seq")
# The keyed macro (csc_scorecard.pseudonym): what it makes identifies no one without the secret.
KEYED = "child_key"
# The schemas the copy holds: every one but raw; of raw, only its list of files loaded, which
# names no one, as a quality table.
COPIED_SCHEMAS = ("reference", "staging", "marts", "metrics", "quality", "publications")
COPIED_FROM_RAW = {"raw.loaded_files": "quality.loaded_files"}
_STRENGTH = {DIRECT: 2, QUASI: 1}


def raw_identifier_columns() -> dict[tuple[str, str], str]:
    """(raw table, column) -> class, for every classed column of every raw table."""
    return {(name, column): cls for name, table in RAW_TABLES.items()
            for column in table.columns if (cls := table.identifier_class(column))}


def _stronger(a: str | None, b: str | None) -> str | None:
    return max((a, b), key=lambda c: _STRENGTH.get(c, 0))


def _columns_read(node: exp.Expression) -> set[str]:
    """The column names an expression reads, leaving out what the keyed macro turns into a key."""
    if isinstance(node, exp.Anonymous) and node.name.lower() == KEYED:
        return set()
    if isinstance(node, exp.Column):
        return {node.name.lower()}
    return {name for child in node.iter_expressions() for name in _columns_read(child)}


def classes_of_model(sql: str) -> dict[str, str]:
    """Column name -> class for the columns a model makes from classed raw columns."""
    read = set(referenced_tables(sql))
    classes = {column.lower(): cls for (table, column), cls in raw_identifier_columns().items()
               if f"raw.{table}" in read}
    found: dict[str, str] = {}
    for statement in parse_statements(sql):
        for alias in statement.find_all(exp.Alias):
            name = alias.alias.lower()
            if name.startswith("_"):  # a model's own working column (_problems): never in a table
                continue
            for column in _columns_read(alias.this):
                found[name] = _stronger(found.get(name), classes.get(column))
    return {name: cls for name, cls in found.items() if cls}


@cache
def staged_classes() -> dict[str, str]:
    """Warehouse column name -> class, for every column staging makes from a classed raw column."""
    from csc_scorecard.models.build import model_paths

    classes: dict[str, str] = {}
    for path in model_paths("staging"):
        for name, cls in classes_of_model(path.read_text()).items():
            classes[name] = _stronger(classes.get(name), cls)
    return classes


@dataclass(frozen=True)
class CopiedColumn:
    """What the analysts' copy makes of one column of the working warehouse."""

    column: str
    expression: str | None  # the copy's select expression; None: not copied
    name: str  # its name in the copy
    note: str = ""  # how it differs from the working warehouse's ("": not at all)


def copy_plan(columns: list[tuple[str, str]]) -> list[CopiedColumn]:
    """For a table's (column, DuckDB type)s, in order, what the analysts' copy holds of each."""
    names = {c for c, _ in columns}
    classes = staged_classes()
    about_a_person = any(t == "UUID" for _, t in columns) or any(classes.get(c) == DIRECT for c in names)
    plan = []
    for column, type_ in columns:
        quoted, cls = f'"{column}"', classes.get(column)
        if about_a_person and column in LINEAGE:
            plan.append(CopiedColumn(column, None, column, "not copied: where the row about a person came from"))
        elif cls == DIRECT and "la_code" in names:
            plan.append(CopiedColumn(column, f"{KEYED}(la_code, {quote_literal(column + ':')} || {quoted}::varchar)",
                                     column, "a pseudonym of the identifier, keyed as child_key is"))
        elif cls == QUASI and type_ == "DATE":
            month = column.replace("date", "month")
            plan.append(CopiedColumn(column, f"strftime({quoted}, '%Y-%m')", month,
                                     f"the month of {column} (YYYY-MM), not the day"))
        elif cls:
            plan.append(CopiedColumn(column, None, column, f"not copied: a {cls} identifier"))
        elif column == "value" and {"raw_table", "column_name"} <= names:
            listed = ", ".join(quote_literal(f"{t}.{c}") for t, c in sorted(raw_identifier_columns()))
            plan.append(CopiedColumn(column, f"case when regexp_replace(raw_table, '^raw[.]', '') || '.' || column_name "
                                             f"in ({listed}) then null else value end", column,
                                     "blank where the column set aside identifies a person"))
        else:
            plan.append(CopiedColumn(column, quoted, column))
    return plan


def write_analyst_copy(con, path: Path) -> dict[str, int]:
    """Write the analysts' copy of the warehouse behind `con` to a new file `path` (see above).

    `con` must have the keyed macro defined (pseudonym.define_child_key). Returns rows per table."""
    path.unlink(missing_ok=True)
    con.execute(f"attach {quote_literal(str(path))} as analyst_copy")
    rows: dict[str, int] = {}
    try:
        tables = con.execute(
            "select schema_name, table_name from duckdb_tables() "
            "where database_name = current_database() and (schema_name in ("
            + ", ".join(quote_literal(s) for s in COPIED_SCHEMAS) + ") or schema_name || '.' || table_name in ("
            + ", ".join(quote_literal(t) for t in COPIED_FROM_RAW) + ")) order by 1, 2").fetchall()
        for schema in COPIED_SCHEMAS:
            con.execute(f"create schema if not exists analyst_copy.{schema}")
        for schema, table in tables:
            columns = con.execute(
                "select column_name, data_type from duckdb_columns() where database_name = current_database() "
                "and schema_name = ? and table_name = ? order by column_index", [schema, table]).fetchall()
            plan = [c for c in copy_plan(columns) if c.expression]
            copied_as = COPIED_FROM_RAW.get(f"{schema}.{table}", f"{schema}.{table}")
            target = "analyst_copy." + ".".join(f'"{part}"' for part in copied_as.split("."))
            selected = ", ".join(f'{c.expression} as "{c.name}"' for c in plan)
            con.execute(f'create table {target} as select {selected} from {schema}."{table}"')
            for c in plan:
                if c.note:
                    con.execute(f'comment on column {target}."{c.name}" is {quote_literal("In this copy, " + c.note + ".")}')
            rows[copied_as] = con.execute(f"select count(*) from {target}").fetchone()[0]
    finally:
        con.execute("detach analyst_copy")
    return rows
