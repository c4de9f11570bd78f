"""Run a Great Expectations suite against a raw table in the DuckDB warehouse.

GX runs the suite itself (an ephemeral context, a SQL datasource over
duckdb-engine, a whole-table batch); this module only connects it to the
warehouse and turns GX's results into plain `ExpectationOutcome` rows.

Two things make GX 1.x work on DuckDB:

* GX reads query rows after it has closed the SQLAlchemy connection, which on
  duckdb-engine empties the result (GX issues #10738 and #11579); see
  `patch_gx_for_duckdb`.
* GX has no regex support for the duckdb dialect. DuckDB speaks PostgreSQL's
  `~` operator, so the execution engine is told to build regex conditions as it
  does for PostgreSQL (see `_use_postgres_regex`). DuckDB's `~` is a *full*
  match, so every regex in expectations/ is written anchored (^...$), where the
  two behave the same.

Where the time goes, and what this module does about it (GxSession): GX's own
unexpected_rows_expectation fetches every unexpected row whatever the result format
(`_counted_rows_expectation` counts them instead); a SUMMARY result runs a LIMIT query
per expectation even when it passes (examples are fetched in a second pass, only for
expectations that found unexpected values, `_serve_cached_metrics`), and even a result that
keeps no examples runs it as LIMIT 0 (answered without a query, `_no_values_wanted`); GX reflects columns
through DuckDB's slow pg_catalog emulation (`_reflect_with_describe`); and a
context per suite is built once per run instead (`session_for_run`). GX's own Python
per expectation (building its metric graph) was ~5-15 ms; two equivalent shortcuts cut it by
about a third (`_read_expectation_kwargs_once`, `_serialise_none_first`, each tested to
return what GX's own code returns). What is left is that graph and GX's SQL, a query per metric
where a hand-written pass would use one per table.

The warehouse connection is reused rather than reopened: DuckDB refuses a second
connection to the same file from the same process with a different config, and
duckdb-engine adds its own user agent to the config, so GX is handed a cursor of
the caller's connection (same database instance, own transaction).

Every row of the raw table is validated, not only the latest extract: raw holds
every monthly extract, and the marts read older extracts too (monthly workforce
snapshots, history for 12-month rates), so a bad value in any of them can reach
a metric.

great_expectations is imported inside functions: importing it takes seconds.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import types
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

import duckdb

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

SEVERITIES = ("critical", "warning")
EXAMPLES = 5  # unexpected values kept per expectation

_patch_lock = threading.Lock()


@dataclass(frozen=True)
class ExpectationOutcome:
    """One expectation's result, in terms a Dagster check or a test can use."""

    check_name: str
    expectation_type: str
    column: str | None
    success: bool
    severity: str  # critical | warning
    why: str
    element_count: int | None = None
    unexpected_count: int | None = None
    unexpected_percent: float | None = None
    examples: tuple[Any, ...] = ()
    error: str | None = None  # GX could not evaluate the expectation
    kwargs: dict[str, Any] = field(default_factory=dict)

    @property
    def blocking(self) -> bool:
        return self.severity == "critical"

    def summary(self) -> str:
        if self.error:
            return f"could not be evaluated: {self.error}"
        if self.unexpected_count is None:
            return "passed" if self.success else "failed"
        counted = f"{self.unexpected_count} of {self.element_count} rows unexpected"
        if self.unexpected_percent is not None and self.unexpected_count:
            counted += f" ({self.unexpected_percent:.2f}%)"
        if self.examples:
            counted += f"; e.g. {', '.join(repr(v) for v in self.examples)}"
        return counted


def patch_gx_for_duckdb() -> None:
    """Make SqlAlchemyExecutionEngine.execute_query fetch rows before the connection closes.

    GX issues #10738 / #11579: `execute_query` runs the query inside
    `with self.get_connection() as connection:` and returns the live cursor
    result; callers then call `.fetchall()` / `.fetchone()` / `.scalar()` after
    the connection went back to the pool. duckdb-engine's cursor is the DuckDB
    connection itself, and the pool's reset-on-return (a rollback) discards the
    pending result, so GX gets no rows: `resolve_metric_bundle` fails with
    "IndexError: list index out of range" and every expectation comes back
    failed with no observed value.

    The fix buffers the rows while the connection is still open
    (`Result.freeze()`, replayed as a fresh result that supports the same
    fetch methods). It applies to the duckdb dialect only, other dialects keep
    GX's own method; patching twice is a no-op.
    """
    from great_expectations.execution_engine import sqlalchemy_execution_engine as sqla_engine

    engine_cls = sqla_engine.SqlAlchemyExecutionEngine
    with _patch_lock:
        if getattr(engine_cls.execute_query, "_csc_duckdb_patch", False):
            return
        original = engine_cls.execute_query

        def execute_query(self, query):
            if self.dialect_name != "duckdb":
                return original(self, query)
            with self.get_connection() as connection:
                result = self._execute_query_with_recovery(connection, query)
                if result.returns_rows:
                    return result.freeze()()  # rows read now, while the connection is open
                return result

        execute_query._csc_duckdb_patch = True  # type: ignore[attr-defined]
        execute_query.__wrapped__ = original  # type: ignore[attr-defined]
        execute_query.__doc__ = original.__doc__
        engine_cls.execute_query = execute_query


def _read_expectation_kwargs_once() -> None:
    """GX's kwarg readers rebuild the expectation's whole configuration (a pydantic `.dict()`,
    then an ExpectationConfiguration) for every key they read: about 80 times per expectation per
    validation, a third of GX's Python time on a suite. These are the same four readers building
    it once per call; what they return is unchanged. Patching twice is a no-op."""
    from great_expectations.expectations import expectation as gx_expectation

    Expectation = gx_expectation.Expectation
    with _patch_lock:
        if getattr(Expectation._get_success_kwargs, "_csc_patch", False):
            return

        def _read(self, kwargs: dict, keys) -> dict:
            return {key: kwargs.get(key, self._get_default_value(key)) for key in keys}

        def _one(self, kwargs: dict, key: str, default: Any = None) -> Any:
            if key in kwargs:
                return kwargs[key]
            field = self.__fields__.get(key)  # GX's own fallback: the field's default
            if field is not None:
                return field.default if not field.required else default
            return default

        def _success(self, kwargs: dict) -> dict:
            # GX's order: the domain kwargs override success kwargs of the same name.
            return _read(self, kwargs, self.success_keys) | _read(self, kwargs, self.domain_keys)

        def _get_domain_kwargs(self):
            return _read(self, self.configuration.kwargs, self.domain_keys)

        def _get_success_kwargs(self):
            return _success(self, self.configuration.kwargs)

        def _get_success_kwarg(self, key: str, default: Any = None) -> Any:
            return _one(self, self.configuration.kwargs, key, default)

        def _get_runtime_kwargs(self, runtime_configuration: dict | None = None) -> dict:
            runtime_configuration = runtime_configuration or {}
            kwargs = self.configuration.kwargs
            runtime = {key: runtime_configuration.get(key, _one(self, kwargs, key)) for key in self.runtime_keys}
            runtime |= _success(self, kwargs)
            runtime["result_format"] = gx_expectation.parse_result_format(runtime["result_format"])
            return runtime

        for patched in (_get_domain_kwargs, _get_success_kwargs, _get_success_kwarg, _get_runtime_kwargs):
            patched._csc_patch = True  # type: ignore[attr-defined]
            patched.__wrapped__ = getattr(Expectation, patched.__name__)  # type: ignore[attr-defined]
            setattr(Expectation, patched.__name__, patched)


def _serialise_none_first() -> None:
    """GX turns every metric's kwargs into JSON to key its metric graph, thousands of times per
    suite, and its converter tests a None value against numpy's types before it reaches `data is
    None`. The same converter, answering None first (what it returns for None either way).
    Patching twice is a no-op."""
    from great_expectations import util

    with _patch_lock:
        if getattr(util.convert_to_json_serializable, "_csc_patch", False):
            return
        original = util.convert_to_json_serializable

        def convert_to_json_serializable(data):
            return None if data is None else original(data)

        convert_to_json_serializable._csc_patch = True  # type: ignore[attr-defined]
        convert_to_json_serializable.__wrapped__ = original  # type: ignore[attr-defined]
        util.convert_to_json_serializable = convert_to_json_serializable


def _use_postgres_regex(execution_engine) -> None:
    """Let GX build regex conditions on DuckDB as it does for PostgreSQL (`col ~ 'regex'`).

    GX picks the regex SQL by `execution_engine.dialect_module`, which it leaves
    None for duckdb, so expect_column_values_to_match_regex would raise
    "Regex is not supported for dialect duckdb". duckdb_engine.Dialect is a
    PostgreSQL dialect subclass, which is what GX's PostgreSQL branch tests.
    """
    import duckdb_engine

    if execution_engine.dialect_module is None:
        execution_engine.dialect_module = types.SimpleNamespace(
            __name__="duckdb_engine", dialect=duckdb_engine.Dialect
        )


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_DUCKDB_TYPE_NAMES = {"double": "double precision", "decimal": "numeric", "float": "real",
                      "timestamp with time zone": "timestamptz"}


def _reflect_with_describe(dialect) -> None:
    """Have GX's column reflection ask DuckDB's `describe`, on this engine's dialect.

    GX reflects a table's columns (the table.columns metric every column expectation needs)
    through SQLAlchemy's PostgreSQL inspector, which duckdb-engine answers from DuckDB's
    pg_catalog emulation: three catalog queries, ~0.1 s a table on the national warehouse,
    against 0.4 ms for `describe` (3 ms for information_schema.columns). Raw tables have no primary key,
    which pg_catalog cannot reflect on DuckDB anyway (GX logs the error and carries on).
    """
    if getattr(dialect, "_csc_reflects_with_describe", False):
        return
    import sqlalchemy as sa

    def column_type(name: str):
        name = name.lower().split("(")[0].strip()
        return dialect.ischema_names.get(_DUCKDB_TYPE_NAMES.get(name, name), sa.types.NullType)()

    def get_columns(connection, table_name, schema=None, **kw):
        qualified = f"{_quoted(schema or 'main')}.{_quoted(str(table_name))}"
        try:
            rows = connection.exec_driver_sql(f"describe {qualified}").fetchall()
        except sa.exc.DBAPIError:
            raise sa.exc.NoSuchTableError(f"{schema}.{table_name}") from None
        # describe: column_name, column_type, null (YES/NO), key, default, extra
        return [{"name": name, "type": column_type(data_type), "nullable": nullable == "YES", "default": None,
                 "autoincrement": False, "comment": None} for name, data_type, nullable, *_ in rows]

    def get_pk_constraint(connection, table_name, schema=None, **kw):
        return {"constrained_columns": [], "name": None}

    dialect.get_columns = get_columns
    dialect.get_pk_constraint = get_pk_constraint
    dialect._csc_reflects_with_describe = True  # noqa: SLF001


def _serve_cached_metrics(execution_engine) -> None:
    """Let the execution engine answer a metric from its cache instead of computing it again.

    GX caches every metric it resolves (`_metric_cache`, by metric id: name, domain, values,
    batch) but reads the cache only for the dependencies of a metric being computed: a second
    validation of the same batch recomputes the counts, the column reflection, everything. A
    session's second pass (examples for the expectations that found unexpected values) needs
    only the unexpected values; this wrapper, on this engine alone, hands back cached metrics
    and passes the rest to GX. GxSession empties the cache before each suite.
    """
    if getattr(execution_engine, "_csc_serves_cache", False):
        return
    compute = execution_engine.resolve_metrics

    def resolve_metrics(metrics_to_resolve, metrics=None, runtime_configuration=None):
        cache = execution_engine._metric_cache  # noqa: SLF001
        metrics_to_resolve = list(metrics_to_resolve)
        cached = {m.id: cache[m.id] for m in metrics_to_resolve if m.id in cache}
        cached |= {m.id: [] for m in metrics_to_resolve if m.id not in cached and _no_values_wanted(m)}
        missing = [m for m in metrics_to_resolve if m.id not in cached]
        resolved = compute(missing, metrics, runtime_configuration) if missing else {}
        return {**resolved, **cached}

    execution_engine.resolve_metrics = resolve_metrics
    execution_engine._csc_serves_cache = True  # noqa: SLF001


def _no_values_wanted(metric) -> bool:
    """An unexpected-values metric asked for none of them: a LIMIT 0 query, answered with no rows.

    GX asks for unexpected values whenever the result format is not BOOLEAN_ONLY, and builds the
    SQL query with `LIMIT partial_unexpected_count` (GX's map-metric auxiliary methods, for every
    format but COMPLETE); a session's counting pass keeps none. The answer is the empty list GX's
    query returns, without compiling and running it: ~70 queries per run.
    """
    if not metric.metric_name.endswith(".unexpected_values"):
        return False
    result_format = (metric.metric_value_kwargs or {}).get("result_format")
    return (isinstance(result_format, dict) and result_format.get("result_format") != "COMPLETE"
            and result_format.get("partial_unexpected_count") == 0)


def _quiet_gx() -> None:
    # GX logs a warning per datasource about more specific types.
    logging.getLogger("great_expectations").setLevel(logging.ERROR)


def table_has_rows(con: duckdb.DuckDBPyConnection, qualified: str) -> tuple[bool, int]:
    """(exists, row count) for schema.table."""
    schema, table = qualified.split(".")
    exists = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, table],
    ).fetchone()[0]
    if not exists:
        return False, 0
    return True, con.sql(f'select count(*) from "{schema}"."{table}"').fetchone()[0]


_NAME_OK = re.compile(r"[^A-Za-z0-9_]+")

_SHORT_TYPES = {
    "expect_column_values_to_not_be_null": "not_null",
    "expect_column_values_to_match_regex": "format",
    "expect_column_values_to_be_in_set": "in_set",
    "expect_column_values_to_be_unique": "unique",
    "expect_compound_columns_to_be_unique": "unique",
    "expect_column_values_to_be_between": "between",
    "unexpected_rows_expectation": "rows",
}


def check_name_for(expectation: dict) -> str:
    """A stable, readable Dagster check name for an expectation in a suite JSON."""
    meta = expectation.get("meta") or {}
    if meta.get("check_name"):
        return _NAME_OK.sub("_", meta["check_name"]).strip("_")
    kwargs = expectation.get("kwargs") or {}
    column = kwargs.get("column") or meta.get("column") or "_".join(kwargs.get("column_list", [])) or "table"
    etype = expectation["type"]
    short = _SHORT_TYPES.get(etype, etype.removeprefix("expect_").removeprefix("column_values_to_"))
    return _NAME_OK.sub("_", f"{column}__{short}").strip("_")


def check_names(expectations: list[dict]) -> list[str]:
    """Check names for a suite's expectations, in order, made unique within the suite."""
    names, seen = [], {}
    for expectation in expectations:
        name = check_name_for(expectation)
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return names


def run_suite(con: duckdb.DuckDBPyConnection, suite: dict, qualified: str) -> list[ExpectationOutcome]:
    """Validate every row of `qualified` (schema.table) with a GX suite given as its JSON dict.

    A session of its own; to validate several tables, open one GxSession and reuse it.
    `con` stays open and usable: GX works on a cursor of it.
    """
    return GxSession().run_suite(con, suite, qualified)


_run_session: tuple[str, "GxSession"] | None = None
_run_session_lock = threading.Lock()


def session_for_run(run_id: str) -> GxSession:
    """The GX session of a Dagster run: created by the run's first suite, reused by the others.

    Only the latest run's session is kept (a process runs one build at a time; a run that
    comes later gets a new session, and the one before is let go).
    """
    global _run_session
    with _run_session_lock:
        if _run_session is None or _run_session[0] != run_id:
            _run_session = (run_id, GxSession())
        return _run_session[1]


def import_gx_in_background() -> threading.Thread:
    """Start importing great_expectations (4-6 s) on a daemon thread, for a build that will validate.

    The import then overlaps the raw loads instead of delaying the first suite. A suite that
    starts before it is done waits for it (Python's import lock), so nothing changes but when
    the import is paid.
    """
    import importlib

    thread = threading.Thread(target=importlib.import_module, args=("great_expectations",),
                              name="import great_expectations", daemon=True)
    thread.start()
    return thread


class GxSession:
    """One GX ephemeral context and SQL datasource, reused for every suite of a run.

    Each `run_suite` binds the datasource to a cursor of the caller's connection for the length
    of the call, and starts from empty metric and reflection caches: GX caches metrics by batch
    id, which for a whole-table batch is the same however the table has changed since.

    A suite is validated in at most two GX passes over the same batch:
    1. every expectation, with result format BASIC and no unexpected values kept: GX computes
       the counts (one bundled aggregate query, plus a query per uniqueness or
       unexpected_rows check) and no LIMIT query per column;
    2. only the expectations that found unexpected values, with SUMMARY and EXAMPLES values
       kept: the counts come from GX's metric cache, so this pass runs only the LIMIT queries
       for examples.
    unexpected_rows_expectation runs as UnexpectedRowsCountExpectation (see
    `_counted_rows_expectation`); its examples are fetched here, for failures only
    (`_with_row_examples`).
    """

    def __init__(self) -> None:
        import great_expectations as gx
        import sqlalchemy as sa
        from duckdb_engine import ConnectionWrapper

        _quiet_gx()
        patch_gx_for_duckdb()
        _read_expectation_kwargs_once()
        _serialise_none_first()
        _counted_rows_expectation()
        self._cursor: duckdb.DuckDBPyConnection | None = None
        self._lock = threading.Lock()
        self._batch_definitions: dict[str, Any] = {}

        self._context = gx.get_context(mode="ephemeral", project_config=_ephemeral_config())
        self._datasource = None  # added on first use: GX tests the connection as it adds it
        self._datasource_kwargs = {"creator": self._connect, "poolclass": sa.pool.StaticPool}
        self._wrapper = ConnectionWrapper

    def _connect(self):
        if self._cursor is None:
            raise RuntimeError("GxSession: the datasource is used outside run_suite")
        return self._wrapper(self._cursor)

    def run_suite(self, con: duckdb.DuckDBPyConnection, suite: dict, qualified: str) -> list[ExpectationOutcome]:
        expectations = suite["expectations"]
        names = check_names(expectations)
        with self._lock, self._bound(con):
            batch = self._batch_definition(qualified).get_batch()
            results = self._validate(batch, suite, range(len(expectations)),
                                     {"result_format": "BASIC", "partial_unexpected_count": 0})
            outcomes = [_outcome(e, r, name) for e, r, name in zip(expectations, results, names)]
            wanted = [i for i, o in enumerate(outcomes)
                      if o.unexpected_count and not o.error and o.expectation_type != "unexpected_rows_expectation"]
            if wanted:
                again = self._validate(batch, suite, wanted,
                                       {"result_format": "SUMMARY", "partial_unexpected_count": EXAMPLES})
                for i, result in zip(wanted, again):
                    if not _errors(result):
                        outcomes[i] = replace(outcomes[i], examples=_outcome(expectations[i], result, names[i]).examples)
        element_count = next((o.element_count for o in outcomes if o.element_count is not None), None)
        return [_with_row_examples(con, o, e, qualified, element_count) for o, e in zip(outcomes, expectations)]

    @contextmanager
    def _bound(self, con: duckdb.DuckDBPyConnection):
        cursor = con.cursor()  # the same database instance, its own transaction
        self._cursor = cursor
        try:
            if self._datasource is None:
                self._datasource = self._context.data_sources.add_sql(
                    name="warehouse",
                    connection_string="duckdb:///:memory:",  # names the dialect; the connection comes from `creator`
                    kwargs=self._datasource_kwargs,
                )
            execution_engine = self._datasource.get_execution_engine()
            _use_postgres_regex(execution_engine)
            _serve_cached_metrics(execution_engine)
            _reflect_with_describe(execution_engine.engine.dialect)
            execution_engine._metric_cache.clear()  # noqa: SLF001 # a table may have changed since the last suite
            execution_engine._inspector = None  # noqa: SLF001 # and its columns with it
            yield
        finally:
            try:
                # Close the pools' connection (the cursor): the next suite's is new. GX holds two
                # engines, the datasource's (tests the connection as assets are added) and the
                # execution engine's (runs the metrics).
                if self._datasource is not None:
                    self._datasource.get_execution_engine().engine.dispose()
                    self._datasource.get_engine().dispose()
            finally:
                self._cursor = None
                cursor.close()

    def _batch_definition(self, qualified: str):
        if qualified not in self._batch_definitions:
            schema, table = qualified.split(".")
            asset = self._datasource.add_table_asset(name=qualified, table_name=table, schema_name=schema)
            self._batch_definitions[qualified] = asset.add_batch_definition_whole_table("all_rows")
        return self._batch_definitions[qualified]

    @staticmethod
    def _validate(batch, suite: dict, positions, result_format: dict) -> list:
        """GX's results for the expectations at `positions` of the suite, in that order."""
        import great_expectations as gx

        positions = list(positions)
        kwargs = _suite_kwargs(suite)
        kwargs["expectations"] = [kwargs["expectations"][i] for i in positions]
        result = batch.validate(gx.ExpectationSuite(**kwargs), result_format=result_format)
        # GX orders results its own way (by domain); each carries back the suite position put in its meta.
        results = sorted(result.results, key=lambda r: r.expectation_config.meta[_POSITION])
        if [r.expectation_config.meta[_POSITION] for r in results] != positions:
            raise RuntimeError(f"GX returned {len(results)} results for {len(positions)} expectations")
        return results


_COUNTED_ROWS: type | None = None


def _counted_rows_expectation() -> type:
    """UnexpectedRowsCountExpectation: GX's unexpected_rows_expectation, counting the rows only.

    GX's own always fetches every row the query returns (the unexpected_rows_query.table
    metric), whatever the result format, and shows them only in COMPLETE: on the national
    warehouse that is a second full evaluation of the query and up to a million rows brought
    into Python, per check. This subclass asks GX for the row count alone; success and the
    observed value are as GX's. Defining the class registers it with GX (as
    "unexpected_rows_count_expectation"); suites keep the standard type in expectations/.
    """
    global _COUNTED_ROWS
    with _patch_lock:
        if _COUNTED_ROWS is None:
            from great_expectations.expectations.core.unexpected_rows_expectation import UnexpectedRowsExpectation

            class UnexpectedRowsCountExpectation(UnexpectedRowsExpectation):
                metric_dependencies = ("unexpected_rows_query.row_count",)

                def _validate(self, metrics, runtime_configuration=None, execution_engine=None):
                    count = metrics["unexpected_rows_query.row_count"]
                    return {"success": count == 0, "result": {"observed_value": count}}

            _COUNTED_ROWS = UnexpectedRowsCountExpectation
    return _COUNTED_ROWS


_GX_TYPE = {"unexpected_rows_expectation": "unexpected_rows_count_expectation"}


def _with_row_examples(con, outcome: ExpectationOutcome, expectation: dict, qualified: str,
                       element_count: int | None = None) -> ExpectationOutcome:
    """Examples for a failed unexpected_rows_expectation, and the percentage (GX returns only the count)."""
    if outcome.error or expectation["type"] != "unexpected_rows_expectation":
        return outcome
    schema, table = qualified.split(".")
    query = expectation["kwargs"]["unexpected_rows_query"].replace("{batch}", f'"{schema}"."{table}"')
    cursor = con.cursor()
    try:
        rows = []
        if not outcome.success:
            relation = cursor.sql(query)
            if {"_extract_date", "_source_file", "_row_number"} <= set(relation.columns):
                relation = relation.order("_extract_date, _source_file, _row_number")  # as the files list them
            relation = relation.limit(EXAMPLES)
            columns = relation.columns
            rows = [dict(zip(columns, r)) for r in relation.fetchall()]
        if element_count is None:
            element_count = cursor.sql(f'select count(*) from "{schema}"."{table}"').fetchone()[0]
    finally:
        cursor.close()
    column = expectation.get("meta", {}).get("column")
    count = outcome.unexpected_count
    percent = 100.0 * count / element_count if element_count and count is not None else None
    return replace(outcome, examples=tuple(_row_example(r, column) for r in rows),
                   element_count=element_count, unexpected_percent=percent)


_POSITION = "csc_position"


def _suite_kwargs(suite: dict) -> dict:
    return {
        "name": suite["name"],
        "expectations": [
            {"type": _GX_TYPE.get(e["type"], e["type"]), "kwargs": e.get("kwargs", {}),
             "meta": {**e.get("meta", {}), _POSITION: i}}
            for i, e in enumerate(suite["expectations"])
        ],
        "meta": suite.get("meta", {}),
    }


def _ephemeral_config():
    """In-memory stores, no data docs site, no progress bars."""
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    return DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        progress_bars=ProgressBarsConfig(globally=False),
        analytics_enabled=False,
    )


def _outcome(expectation: dict, validation, name: str) -> ExpectationOutcome:
    meta = expectation.get("meta") or {}
    kwargs = expectation.get("kwargs") or {}
    config_type = validation.expectation_config.type
    assert config_type == _GX_TYPE.get(expectation["type"], expectation["type"]), (config_type, expectation["type"])

    res = dict(validation.result or {})
    error = _errors(validation)

    element_count = res.get("element_count")
    unexpected_count = res.get("unexpected_count")
    unexpected_percent = res.get("unexpected_percent")
    examples = tuple(res.get("partial_unexpected_list") or ())
    if expectation["type"] == "unexpected_rows_expectation":
        observed = res.get("observed_value")
        unexpected_count = observed if isinstance(observed, int) else unexpected_count
        examples = ()  # filled in by _with_row_examples
    if examples and isinstance(examples[0], dict):  # compound uniqueness lists dicts
        examples = tuple(tuple(e.values()) for e in examples)

    return ExpectationOutcome(
        check_name=name,
        expectation_type=expectation["type"],
        column=kwargs.get("column") or meta.get("column"),
        success=bool(validation.success) and error is None,
        severity=meta.get("severity", "warning"),
        why=meta.get("why", ""),
        element_count=element_count,
        unexpected_count=unexpected_count,
        unexpected_percent=float(unexpected_percent) if unexpected_percent is not None else None,
        examples=tuple(_plain(e) for e in examples[:EXAMPLES]),
        error=error,
        kwargs=dict(kwargs),
    )


def _errors(validation) -> str | None:
    """GX's exception messages for one expectation's result, if it could not be evaluated."""
    if not validation.exception_info:
        return None
    infos = validation.exception_info
    # either {"raised_exception":..., "exception_message":...} or {metric_id: {...}}
    if "raised_exception" in infos:
        infos = {"_": infos}
    messages = [i.get("exception_message") for i in infos.values() if i.get("raised_exception")]
    return "; ".join(sorted({str(m) for m in messages})) if messages else None


def _row_example(row, column: str | None):
    mapping = row
    if column and column in mapping:
        keep = {column: mapping[column]}
    else:
        keep = {k: v for k, v in mapping.items() if not k.startswith("_")}
    keep.update({k: mapping[k] for k in ("_la_code", "_extract_date", "_row_number") if k in mapping})
    return ", ".join(f"{k}={_plain(v)}" for k, v in keep.items())


def _plain(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return str(value)
