"""A GX suite's checks written as one plain SQL query: the yardstick validation is timed against.

This is not a second validator. It counts, for each expectation of a suite (generated from the contracts),
the rows GX would call unexpected, with no examples, no percentages, no severities, no
results: the least work a database must do to answer the same questions, so that
"validation costs N times a bare SQL pass" compares like with like.

One statement per table. Row-wise conditions (not null, regex full match, in a set, between,
and the unexpected_rows queries that are a `where` over the table) are `count(*) filter (...)`
over a single scan; checks that need their own grouping (uniqueness, and unexpected_rows
queries with subqueries after the `where`, such as `qualify`) are scalar subqueries of it.

An expectation type with no translation here raises UnknownExpectation, so a new type in
in a suite cannot silently drop out of the comparison.
"""

from __future__ import annotations

import re

import duckdb


class UnknownExpectation(ValueError):
    """The suite uses an expectation type (or an option) the bare SQL pass does not translate."""


# kwargs that change what counts as unexpected; anything else in an expectation's kwargs
# (and not in this table) is refused rather than silently ignored.
_COUNTED_KWARGS = {
    "expect_column_values_to_not_be_null": {"column"},
    "expect_column_values_to_match_regex": {"column", "regex"},
    "expect_column_values_to_be_in_set": {"column", "value_set"},
    "expect_column_values_to_be_between": {"column", "min_value", "max_value", "strict_min", "strict_max"},
    "expect_column_values_to_be_unique": {"column"},
    "expect_compound_columns_to_be_unique": {"column_list"},
    "unexpected_rows_expectation": {"unexpected_rows_query"},
    "expect_column_values_to_keep_contract_rule": {"column", "rule_sql"},
}
# kwargs that change only whether the expectation passes, or what it says: not the count.
_PASS_ONLY_KWARGS = {"mostly", "description", "result_format", "catch_exceptions", "meta"}


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise UnknownExpectation(f"no SQL literal for {value!r}")


def unexpected_count_sql(expectation: dict, table: str) -> tuple[str, str]:
    """("filter", predicate) for a row-wise check, or ("scalar", query) for one needing its own grouping.

    `table` is the quoted, qualified table name.
    """
    etype = expectation["type"]
    kwargs = expectation.get("kwargs") or {}
    if etype not in _COUNTED_KWARGS:
        raise UnknownExpectation(f"{etype}: no bare SQL translation (tools/csc_tools/bench/bare_sql.py)")
    unknown = set(kwargs) - _COUNTED_KWARGS[etype] - _PASS_ONLY_KWARGS
    if unknown:
        raise UnknownExpectation(f"{etype}: options {sorted(unknown)} have no bare SQL translation")

    if etype == "unexpected_rows_expectation":
        # GX fills the query in with str.format: {batch} is the table, {{ and }} are braces.
        query = kwargs["unexpected_rows_query"].format(batch=table)
        predicate = _where_only(kwargs["unexpected_rows_query"])
        if predicate is not None:
            return "filter", predicate.format(batch=table)
        return "scalar", f"select count(*) from ({query})"
    if etype == "expect_compound_columns_to_be_unique":
        # GX: rows whose combination of values occurs more than once. GX matches each row to
        # its group's count by equality, so a row with a null in any of the columns is never
        # a duplicate (and rows with nulls in all of them are left out before).
        columns = ", ".join(quote(c) for c in kwargs["column_list"])
        none_null = " and ".join(f"{quote(c)} is not null" for c in kwargs["column_list"])
        return "scalar", (f"select coalesce(sum(n), 0) from (select count(*) as n from {table} "
                          f"where {none_null} group by {columns} having count(*) > 1)")

    if etype == "expect_column_values_to_keep_contract_rule":
        return "filter", f"coalesce({kwargs['rule_sql']}, false)"
    column = quote(kwargs["column"])
    if etype == "expect_column_values_to_not_be_null":
        return "filter", f"{column} is null"
    if etype == "expect_column_values_to_be_unique":
        return "scalar", (f"select coalesce(sum(n), 0) from (select count(*) as n from {table} "
                          f"where {column} is not null group by {column} having count(*) > 1)")
    if etype == "expect_column_values_to_match_regex":
        # What GX's `~` means on DuckDB: a full match (the suites' regexes are anchored anyway).
        return "filter", f"{column} is not null and not regexp_full_match({column}, {literal(kwargs['regex'])})"
    if etype == "expect_column_values_to_be_in_set":
        values = ", ".join(literal(v) for v in kwargs["value_set"])
        return "filter", f"{column} is not null and {column} not in ({values})" if values else f"{column} is not null"
    # expect_column_values_to_be_between
    bounds = []
    if kwargs.get("min_value") is not None:
        bounds.append(f"{column} {'>' if kwargs.get('strict_min') else '>='} {literal(kwargs['min_value'])}")
    if kwargs.get("max_value") is not None:
        bounds.append(f"{column} {'<' if kwargs.get('strict_max') else '<='} {literal(kwargs['max_value'])}")
    if not bounds:
        raise UnknownExpectation(f"{etype}: neither min_value nor max_value")
    return "filter", f"{column} is not null and not ({' and '.join(bounds)})"


_WHERE_ONLY = re.compile(r"^\s*select\s+\*\s+from\s+\{batch\}\s+where\s+(?P<predicate>.+?)\s*;?\s*$",
                         re.IGNORECASE | re.DOTALL)
_AFTER_WHERE = re.compile(r"\b(qualify|group\s+by|having|order\s+by|limit|offset|union|intersect|except|window)\b",
                          re.IGNORECASE)


def _where_only(query: str) -> str | None:
    """The predicate of `select * from {batch} where <predicate>`, or None for any other shape
    (a `qualify`, `group by`, ... after the `where` needs the query as it is)."""
    match = _WHERE_ONLY.match(query)
    if not match:
        return None
    predicate = match["predicate"]
    if _AFTER_WHERE.search(_without_parentheses(predicate)):
        return None
    return predicate


def _without_parentheses(text: str) -> str:
    """`text` with every parenthesised part (and string literal) removed: what is left is top level."""
    text = re.sub(r"'(?:[^']|'')*'", "''", text)
    previous = None
    while previous != text:
        previous, text = text, re.sub(r"\([^()]*\)", "_", text)
    return text


def suite_sql(suite: dict, qualified: str) -> str:
    """One query returning (row count, unexpected count of each expectation in suite order)."""
    schema, name = qualified.split(".")
    table = f"{quote(schema)}.{quote(name)}"
    columns = ["count(*)"]
    for expectation in suite["expectations"]:
        kind, sql = unexpected_count_sql(expectation, table)
        columns.append(f"count(*) filter (where {sql})" if kind == "filter" else f"({sql})")
    return f"select {', '.join(columns)} from {table}"


def bare_counts(con: duckdb.DuckDBPyConnection, suite: dict, qualified: str) -> tuple[int, list[int]]:
    """(row count, [unexpected rows per expectation]) for `qualified`, in one query."""
    row = con.sql(suite_sql(suite, qualified)).fetchone()
    return row[0], [int(v) for v in row[1:]]
