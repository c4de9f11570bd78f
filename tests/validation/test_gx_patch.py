"""GX suites over DuckDB, through GxSession: counts, examples, sessions, reflection."""

import pytest

from csc_scorecard.validation import gx_compat
from csc_scorecard.validation.gx_duckdb import GxSession, run_suite, session_for_run

SUITE = {
    "name": "raw.t",
    "expectations": [
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "a"},
         "meta": {"severity": "critical", "why": "a is the key of the test table"}},
        {"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "b", "value_set": ["x", "y"]},
         "meta": {"severity": "warning", "why": "b is x or y"}},
        {"type": "expect_column_values_to_match_regex", "kwargs": {"column": "a", "regex": "^[0-9]$"},
         "meta": {"severity": "critical", "why": "a is one digit"}},
        {"type": "unexpected_rows_expectation",
         "kwargs": {"unexpected_rows_query": "select * from {batch} where b = 'zz'"},
         "meta": {"severity": "warning", "why": "no zz", "column": "b", "check_name": "b__no_zz"}},
    ],
    "meta": {},
}


@pytest.fixture
def table(con):
    con.execute("create schema raw; create table raw.t (a varchar, b varchar)")
    con.execute("insert into raw.t values ('1', 'x'), (null, 'y'), ('3', null), ('42', 'zz'), ('5', 'x')")
    return con


def test_gx_counts_unexpected_rows_on_duckdb(table):
    by_name = {o.check_name: o for o in run_suite(table, SUITE, "raw.t")}
    assert {n: (o.success, o.unexpected_count, o.element_count) for n, o in by_name.items()} == {
        "a__not_null": (False, 1, 5),
        "b__in_set": (False, 1, 5),
        "a__format": (False, 1, 5),  # nulls are not counted against a format
        "b__no_zz": (False, 1, 5),
    }
    assert by_name["b__in_set"].examples == ("zz",)
    assert by_name["a__format"].examples == ("42",)
    assert by_name["a__not_null"].blocking and not by_name["b__in_set"].blocking
    assert all(o.error is None for o in by_name.values())
    # The caller's connection is still open and usable.
    assert table.sql("select count(*) from raw.t").fetchone()[0] == 5


def test_an_empty_table_validates(con):
    con.execute("create schema raw; create table raw.t (a varchar, b varchar)")
    outcomes = run_suite(con, SUITE, "raw.t")
    assert all(o.success for o in outcomes)


def test_a_session_validates_a_table_again_after_it_changes(table):
    # GX caches metrics by batch, and a whole-table batch has the same id before and after new
    # rows land: a run's session must not report the counts of the table it saw before.
    session = GxSession()
    first = {o.check_name: o.unexpected_count for o in session.run_suite(table, SUITE, "raw.t")}
    table.execute("insert into raw.t values (null, 'zz'), ('77', 'q')")
    again = {o.check_name: o for o in session.run_suite(table, SUITE, "raw.t")}
    assert first == {"a__not_null": 1, "b__in_set": 1, "a__format": 1, "b__no_zz": 1}
    assert {n: o.unexpected_count for n, o in again.items()} == {
        "a__not_null": 2, "b__in_set": 3, "a__format": 2, "b__no_zz": 2}
    assert {n: o.element_count for n, o in again.items()} == dict.fromkeys(again, 7)
    assert set(again["b__in_set"].examples) == {"zz", "q"}


def test_one_session_serves_every_suite_of_a_run(table):
    table.execute("create table raw.u (b varchar); insert into raw.u values ('x'), ('zz')")
    session = session_for_run("run-1")
    assert session_for_run("run-1") is session and session_for_run("run-2") is not session
    on_u = {**SUITE, "name": "raw.u", "expectations": SUITE["expectations"][1:2]}
    outcomes = [*session.run_suite(table, SUITE, "raw.t"), *session.run_suite(table, on_u, "raw.u")]
    assert [o.unexpected_count for o in outcomes] == [1, 1, 1, 1, 1]
    assert table.sql("select count(*) from raw.u").fetchone()[0] == 2  # the caller's connection still works


def test_examples_are_fetched_only_for_expectations_that_found_unexpected_values(table, monkeypatch):
    from great_expectations.execution_engine.sqlalchemy_execution_engine import SqlAlchemyExecutionEngine

    table.execute("update raw.t set a = '4' where a = '42'")  # a__format now passes
    queries = []
    execute = SqlAlchemyExecutionEngine._execute_query_with_recovery  # every query GX runs, patched or not

    def logged(connection, query):
        queries.append(str(query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})))
        return execute(connection, query)

    monkeypatch.setattr(SqlAlchemyExecutionEngine, "_execute_query_with_recovery", staticmethod(logged))
    by_name = {o.check_name: o for o in GxSession().run_suite(table, SUITE, "raw.t")}
    assert by_name["a__format"].success and by_name["b__in_set"].examples == ("zz",)
    examples = [q for q in queries if "unexpected_values" in q]
    assert len(examples) == 2 and all("a IS NULL" in q or "b NOT IN" in q for q in examples), examples
    # the counting pass keeps no examples: GX's LIMIT 0 queries for them are answered without running
    assert not [q for q in queries if "LIMIT 0" in q]
    # the unexpected_rows check is counted, its rows are not fetched by GX
    assert not [q for q in queries if "b = 'zz'" in q and "COUNT(*)" not in q.upper()]


def test_gx_reflects_columns_and_types_with_describe(con):
    import sqlalchemy as sa
    from duckdb_engine import ConnectionWrapper, Dialect

    con.execute('create schema raw; create table raw."odd ""name""" '
                '(a varchar not null, "b c" double, d date, e timestamptz, f decimal(9, 2), g bigint)')
    dialect = Dialect()
    gx_compat.reflect_with_describe(dialect)
    engine = sa.create_engine("duckdb:///:memory:", creator=lambda: ConnectionWrapper(con.cursor()),
                              poolclass=sa.pool.StaticPool)
    engine.dialect.get_columns, engine.dialect.get_pk_constraint = dialect.get_columns, dialect.get_pk_constraint
    with engine.connect() as connection:
        columns = dialect.get_columns(connection, 'odd "name"', schema="raw")
        with pytest.raises(sa.exc.NoSuchTableError):
            dialect.get_columns(connection, "missing", schema="raw")
    assert [(c["name"], type(c["type"]).__name__, c["nullable"]) for c in columns] == [
        ("a", "String", False), ("b c", "DOUBLE_PRECISION", True), ("d", "DATE", True),
        ("e", "TIMESTAMP", True), ("f", "NUMERIC", True), ("g", "BIGINT", True)]
