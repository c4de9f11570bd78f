"""Small helpers over a DuckDB connection: SQL files, schemas, previews."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import duckdb
import sqlglot
from sqlglot import exp

from csc_scorecard import PACKAGE_DIR

SQL_DIR = PACKAGE_DIR / "sql"
SCHEMAS = ("raw", "checked", "reference", "staging", "marts", "metrics", "quality", "publications")


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


# The macros every model can call: build_model runs this file before each model.
MACROS_SQL = SQL_DIR / "macros.sql"


@dataclass(frozen=True)
class Macro:
    """A DuckDB macro as the dependency finder needs it: its parameters and its body."""

    name: str
    params: tuple[str, ...]
    body: exp.Expression


class UnresolvedTableError(ValueError):
    """SQL whose tables cannot all be named from its text (the message says which and why)."""


def parse_statements(sql: str) -> list[exp.Expression]:
    return [statement for statement in sqlglot.parse(sql, read="duckdb") if statement is not None]


def _macro_of(statement: exp.Expression) -> Macro | None:
    if not (isinstance(statement, exp.Create) and str(statement.args.get("kind", "")).upper() == "MACRO"):
        return None
    signature = statement.this
    return Macro(name=signature.this.name.lower(),  # UserDefinedFunction(this=Table(name))
                 params=tuple(param.name.lower() for param in signature.expressions),
                 body=statement.expression)


def parse_macros(sql: str) -> dict[str, Macro]:
    """The macros a SQL text creates (`create [or replace] [temp] macro name(params) as ...`), by name."""
    return {macro.name: macro for macro in map(_macro_of, parse_statements(sql)) if macro}


@cache
def project_macros() -> dict[str, Macro]:
    """The macros in sql/macros.sql. (The temp macro child_key, defined in Python, reads no table.)"""
    return parse_macros(MACROS_SQL.read_text())


def _start(node: exp.Expression) -> int:
    """Where a node starts in the text it was parsed from (its own or its first identifier's offset)."""
    for part in node.walk():
        if "start" in part.meta:
            return part.meta["start"]
    return 0


def _table_names(arg: exp.Expression, bound: dict[str, str | None]) -> list[str | None]:
    """The table(s) a query_table argument names: a string literal, a list of them, or a macro
    parameter bound to one by the caller; None where the text does not say."""
    if isinstance(arg, exp.Array):
        return [name for item in arg.expressions for name in _table_names(item, bound)]
    if isinstance(arg, exp.Literal) and arg.is_string:
        return [arg.this]
    if isinstance(arg, exp.Column) and not arg.table and arg.name.lower() in bound:
        return [bound[arg.name.lower()]]
    return [None]


def _reads(node: exp.Expression, macros: dict[str, Macro], bound: dict[str, str | None],
           calling: tuple[str, ...]) -> list[str]:
    """The schema.table names `node` reads, in text order, following macro calls into their bodies."""
    ctes = {cte.alias_or_name.lower() for cte in node.find_all(exp.CTE)}
    found: list[str] = []
    events = [n for n in node.walk() if isinstance(n, (exp.Table, exp.Anonymous))]
    for event in sorted(events, key=_start):
        if isinstance(event, exp.Table):
            if not isinstance(event.this, exp.Identifier):
                continue  # a table function (query_table, a macro, range, ...): its call is its own event
            if event.db:
                found.append(f"{event.db}.{event.name}".lower())
            elif event.name.lower() not in ctes:
                raise UnresolvedTableError(
                    f"{event.name!r} is neither a CTE nor schema-qualified: name the table schema.table")
            continue
        name = event.name.lower()
        if name == "query_table":
            for table in (t for arg in event.expressions for t in _table_names(arg, bound)):
                if table is None:
                    raise UnresolvedTableError(
                        f"query_table({', '.join(a.sql('duckdb') for a in event.expressions)}) in "
                        f"{' -> '.join(calling) or 'the model'}: the table must be a string literal "
                        "(here or in the macro's caller) for its dependency to be known")
                found.append(table.lower())
        elif name in macros and name not in calling:
            macro = macros[name]
            args = [_table_names(arg, bound) for arg in event.expressions]
            # A parameter bound to one literal name can feed query_table; any other argument cannot.
            values = {param: (names[0] if len(names) == 1 else None) for param, names in zip(macro.params, args)}
            found.extend(_reads(macro.body, macros, values, (*calling, name)))
    return found


def referenced_tables(sql: str, macros: dict[str, Macro] | None = None) -> list[str]:
    """The schema.table names a SQL text reads, in first-seen order, found by parsing it as DuckDB SQL.

    Read through a macro counts: calling latest_extract('staging.x') reads what its body reads,
    raw.loaded_files, and, through query_table(staged_table), staging.x (followed into macros
    that call macros). Not counted: CTE names, and the tables the text itself creates. The
    macros are those of sql/macros.sql unless given, plus any the text creates. Reading
    checked.x reads raw.x: the view is the raw table with the problems its contract finds.
    """
    statements = parse_statements(sql)
    known = {**(project_macros() if macros is None else macros), **parse_macros(sql)}
    created: set[str] = set()
    seen: dict[str, None] = {}
    for statement in statements:
        if _macro_of(statement):
            continue  # a macro's reads count where it is called
        target = statement.this if isinstance(statement, (exp.Create, exp.Insert)) else None
        if isinstance(target, exp.Schema):
            target = target.this
        if isinstance(target, exp.Table) and target.db:
            created.add(f"{target.db}.{target.name}".lower())
        body = statement.expression if isinstance(statement, (exp.Create, exp.Insert)) else statement
        for table in _reads(body, known, {}, ()) if body is not None else ():
            table = "raw." + table.removeprefix("checked.") if table.startswith("checked.") else table
            if table not in created:
                seen[table] = None
    return list(seen)
