"""Each gx_compat patch against the pinned GX: needed (GX alone gets it wrong) and working; and
the version guard refuses a GX the patches were not written for."""

import pytest

from csc_scorecard.validation import gx_compat
from csc_scorecard.validation.gx_duckdb import GxSession, run_suite

NOT_NULL = {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "a"}, "meta": {}}
REGEX = {"type": "expect_column_values_to_match_regex", "kwargs": {"column": "a", "regex": "^[0-9]$"}, "meta": {}}


def suite(*expectations):
    return {"name": "raw.t", "expectations": list(expectations), "meta": {}}


@pytest.fixture
def table(con):
    con.execute("create schema raw; create table raw.t (a varchar)")
    con.execute("insert into raw.t values ('1'), (null), ('42'), (null)")
    return con


def _without(monkeypatch, patch_name):
    monkeypatch.setattr(gx_compat, patch_name, lambda *a, **k: None)


def test_fetch_before_close_returns_the_real_failing_rows(table):
    [outcome] = run_suite(table, suite(NOT_NULL), "raw.t")
    assert (outcome.success, outcome.unexpected_count, outcome.element_count) == (False, 2, 4)


def test_without_fetch_before_close_gx_gets_no_rows(table, monkeypatch):
    _without(monkeypatch, "fetch_rows_before_close")
    monkeypatch.setattr(gx_compat, "is_patched", lambda engine: True)  # let the unpatched engine run
    [outcome] = run_suite(table, suite(NOT_NULL), "raw.t")
    assert not outcome.success and outcome.unexpected_count is None
    assert "list index out of range" in (outcome.error or "")


def test_a_session_refuses_an_unpatched_engine(table, monkeypatch):
    _without(monkeypatch, "fetch_rows_before_close")
    with pytest.raises(RuntimeError, match="not patched"):
        run_suite(table, suite(NOT_NULL), "raw.t")


def test_regex_runs_as_postgres_regex(table):
    [outcome] = run_suite(table, suite(REGEX), "raw.t")
    assert (outcome.error, outcome.unexpected_count, outcome.examples) == (None, 1, ("42",))


def test_without_postgres_regex_gx_cannot_build_regex_on_duckdb(table, monkeypatch):
    _without(monkeypatch, "use_postgres_regex")
    [outcome] = run_suite(table, suite(REGEX), "raw.t")
    assert "Regex is not supported for dialect duckdb" in (outcome.error or "")


def test_cached_metrics_serve_the_examples_pass_without_recounting(table, monkeypatch):
    from great_expectations.execution_engine.sqlalchemy_execution_engine import SqlAlchemyExecutionEngine

    def queries_run():
        queries = []
        execute = SqlAlchemyExecutionEngine._execute_query_with_recovery

        def logged(connection, query):
            queries.append(str(query))
            return execute(connection, query)

        with monkeypatch.context() as m:
            m.setattr(SqlAlchemyExecutionEngine, "_execute_query_with_recovery", staticmethod(logged))
            [outcome] = GxSession().run_suite(table, suite(NOT_NULL), "raw.t")
        return outcome, queries

    patched, with_cache = queries_run()
    _without(monkeypatch, "serve_cached_metrics")
    unpatched, without_cache = queries_run()
    assert (patched.unexpected_count, patched.examples) == (unpatched.unexpected_count, unpatched.examples) == (2, (None, None))
    assert len(with_cache) < len(without_cache)


def test_describe_reflection_is_what_the_session_uses(table, monkeypatch):
    calls = []
    reflect = gx_compat.reflect_with_describe

    def counted(dialect):
        reflect(dialect)
        get_columns = dialect.get_columns
        dialect.get_columns = lambda *a, **k: calls.append(a[1]) or get_columns(*a, **k)

    monkeypatch.setattr(gx_compat, "reflect_with_describe", counted)
    [outcome] = GxSession().run_suite(table, suite(NOT_NULL), "raw.t")
    assert outcome.unexpected_count == 2 and "t" in calls


def test_faster_expectations_is_scoped_counted_and_restores_gx(table):
    from great_expectations import util
    from great_expectations.expectations.expectation import Expectation

    gx_own = Expectation._get_success_kwargs, util.convert_to_json_serializable
    with gx_compat.faster_expectations():
        inside = Expectation._get_success_kwargs
        with gx_compat.faster_expectations():
            assert Expectation._get_success_kwargs is inside  # nested: installed once
        assert Expectation._get_success_kwargs is inside and inside.__wrapped__ is gx_own[0]
        assert util.convert_to_json_serializable is not gx_own[1]
    assert (Expectation._get_success_kwargs, util.convert_to_json_serializable) == gx_own
    run_suite(table, suite(NOT_NULL), "raw.t")
    assert (Expectation._get_success_kwargs, util.convert_to_json_serializable) == gx_own


def test_counted_rows_expectation_counts_without_fetching_and_registers_once(table):
    rows = {"type": "unexpected_rows_expectation", "kwargs": {"unexpected_rows_query": "select * from {batch} where a is null"},
            "meta": {"column": "a"}}
    [outcome] = run_suite(table, suite(rows), "raw.t")
    assert (outcome.success, outcome.unexpected_count, outcome.unexpected_percent) == (False, 2, 50.0)
    assert gx_compat.counted_rows_expectation() is gx_compat.counted_rows_expectation()


def test_per_engine_patches_are_idempotent(table):
    session = GxSession()
    session.run_suite(table, suite(NOT_NULL), "raw.t")
    engine = session._datasource.get_execution_engine()
    execute, resolve = engine.execute_query, engine.resolve_metrics
    gx_compat.patch_engine(engine)
    assert (engine.execute_query, engine.resolve_metrics) == (execute, resolve)


PATCHES = ["fetch_rows_before_close", "use_postgres_regex", "serve_cached_metrics", "reflect_with_describe",
           "faster_expectations", "counted_rows_expectation", "contract_rule_expectation"]


@pytest.mark.parametrize("patch", PATCHES)
def test_every_patch_refuses_a_gx_it_was_not_written_for(patch, monkeypatch):
    import great_expectations

    monkeypatch.setattr(great_expectations, "__version__", "1.25.0")
    with pytest.raises(gx_compat.UntestedGxVersion, match=f"gx_compat.{patch} .*1.24.x.*found 1.25.0"):
        getattr(gx_compat, patch)(*([] if patch in ("faster_expectations", "counted_rows_expectation") else [None]))


def test_a_suite_refuses_to_run_on_an_untested_gx(table, monkeypatch):
    import great_expectations

    monkeypatch.setattr(great_expectations, "__version__", "2.0.0")
    with pytest.raises(gx_compat.UntestedGxVersion, match="found 2.0.0"):
        run_suite(table, suite(NOT_NULL), "raw.t")


def test_the_guarded_patches_are_every_patch():
    guarded = {name for name, value in vars(gx_compat).items() if hasattr(value, "release_lines")}
    assert guarded == set(PATCHES)
