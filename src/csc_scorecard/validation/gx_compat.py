"""Every change this project makes to Great Expectations' own code, and nothing else.

Each patch reaches into GX internals, so each is written for one GX release line and refuses
any other (`UntestedGxVersion`): an untested GX must fail loudly, not run unpatched code that
returns empty results. To lift the pin, rerun tests/validation against the new GX and widen
`written_for` patch by patch.

Scope, narrowest first:
* `patch_engine`: the execution engine (and its dialect) of our own datasource; nothing else
  in the process sees it.
* `faster_expectations`: GX's Expectation class and JSON converter, replaced only while one of
  our suites runs (a context manager, counted, so nested or concurrent suites are safe).
* `counted_rows_expectation`, `contract_rule_expectation`: defining each class registers a new
  expectation type (and metric) with GX's global registries; they replace nothing of GX's, so they
  stay registered.
"""

from __future__ import annotations

import functools
import threading
import types
from contextlib import contextmanager
from typing import Any

_lock = threading.RLock()


class UntestedGxVersion(RuntimeError):
    """A patch met a GX version it was not written and tested for."""


def written_for(*release_lines: str):
    """Guard a patch: it runs only on GX versions starting with one of `release_lines` ("1.24.")."""

    def guard(patch):
        @functools.wraps(patch)
        def guarded(*args, **kwargs):
            import great_expectations

            version = great_expectations.__version__
            if not version.startswith(release_lines):
                tested = ", ".join(f"{line}x" for line in release_lines)
                raise UntestedGxVersion(
                    f"gx_compat.{patch.__name__} was written for great_expectations {tested}, found {version}: "
                    f"check it against this GX with tests/validation, then update its written_for")
            return patch(*args, **kwargs)

        guarded.release_lines = release_lines  # type: ignore[attr-defined]
        return guarded

    return guard


def patch_engine(execution_engine) -> None:
    """Apply the per-engine patches to our datasource's SqlAlchemyExecutionEngine. Idempotent."""
    fetch_rows_before_close(execution_engine)
    use_postgres_regex(execution_engine)
    serve_cached_metrics(execution_engine)
    reflect_with_describe(execution_engine.engine.dialect)


def is_patched(execution_engine) -> bool:
    return bool(getattr(execution_engine, "_csc_fetches_before_close", False))


@written_for("1.24.")
def fetch_rows_before_close(execution_engine) -> None:
    """Make this engine's execute_query read the rows while the connection is still open.

    GX issues #10738 / #11579 (closed unfixed): `execute_query` returns the live cursor result
    after `with self.get_connection()` has returned the connection to the pool; duckdb-engine's
    cursor is the DuckDB connection, whose pending result the pool's reset (a rollback) discards.
    Unpatched, every metric comes back empty ("IndexError: list index out of range") and every
    expectation fails with no observed value. `Result.freeze()` buffers the rows, replayed as a
    result with the same fetch methods.
    """
    if getattr(execution_engine, "_csc_fetches_before_close", False):
        return

    def execute_query(query):
        with execution_engine.get_connection() as connection:
            result = execution_engine._execute_query_with_recovery(connection, query)  # noqa: SLF001
            return result.freeze()() if result.returns_rows else result

    execute_query.__doc__ = type(execution_engine).execute_query.__doc__
    execution_engine.execute_query = execute_query
    execution_engine._csc_fetches_before_close = True  # noqa: SLF001


@written_for("1.24.")
def use_postgres_regex(execution_engine) -> None:
    """Let GX build regex conditions on DuckDB as it does for PostgreSQL (`col ~ 'regex'`).

    GX picks its regex SQL by `dialect_module`, which it leaves None for duckdb, so
    expect_column_values_to_match_regex raises "Regex is not supported for dialect duckdb".
    duckdb_engine.Dialect subclasses PostgreSQL's dialect, which is what GX's PostgreSQL branch
    tests. DuckDB's `~` is a full match, so every regex a suite holds is anchored (^...$),
    where the two agree.
    """
    import duckdb_engine

    if execution_engine.dialect_module is None:
        execution_engine.dialect_module = types.SimpleNamespace(__name__="duckdb_engine", dialect=duckdb_engine.Dialect)


@written_for("1.24.")
def serve_cached_metrics(execution_engine) -> None:
    """Let this engine answer a metric from its own cache instead of computing it again.

    GX caches every metric it resolves (`_metric_cache`, by metric id) but reads the cache only
    for dependencies, so a second validation of the same batch recomputes everything; our
    second pass (examples for the expectations that failed) then costs as much as the first.
    Unexpected-values metrics that ask for no values are answered empty without a query
    (`_no_values_wanted`). The session empties the cache before each suite.
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
    """An unexpected-values metric with partial_unexpected_count 0 and not COMPLETE: GX would run
    it as `LIMIT 0`, whose answer is always the empty list."""
    if not metric.metric_name.endswith(".unexpected_values"):
        return False
    result_format = (metric.metric_value_kwargs or {}).get("result_format")
    return (isinstance(result_format, dict) and result_format.get("result_format") != "COMPLETE"
            and result_format.get("partial_unexpected_count") == 0)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_DUCKDB_TYPE_NAMES = {"double": "double precision", "decimal": "numeric", "float": "real",
                      "timestamp with time zone": "timestamptz"}


@written_for("1.24.")
def reflect_with_describe(dialect) -> None:
    """Have this dialect reflect a table's columns with DuckDB's `describe`.

    GX reflects columns (the table.columns metric every column expectation needs) through
    SQLAlchemy's PostgreSQL inspector, which duckdb-engine answers from DuckDB's slow pg_catalog
    emulation. Raw tables have no primary key, which pg_catalog cannot reflect on DuckDB anyway.
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


_scoped: dict[str, Any] = {"depth": 0, "restore": []}


@written_for("1.24.")
@contextmanager
def faster_expectations():
    """While the block runs, GX's Expectation kwarg readers and its JSON converter do less work.

    * GX's kwarg readers rebuild the expectation's whole configuration (a pydantic `.dict()`,
      then an ExpectationConfiguration) for every key they read; these build the answer once
      per call.
    * GX's converter, which keys the metric graph, tests None against numpy's types before
      `data is None`; this one answers None first. Its recursive calls for nested values go
      through the module attribute, which is what is replaced.
    Both return what GX's own return (tests/validation/test_gx_speedups.py). Each replacement
    keeps GX's own as `__wrapped__`.
    """
    with _lock:
        if _scoped["depth"] == 0:
            _scoped["restore"] = _install_faster_expectations()
        _scoped["depth"] += 1
    try:
        yield
    finally:
        with _lock:
            _scoped["depth"] -= 1
            if _scoped["depth"] == 0:
                for owner, name, original in reversed(_scoped["restore"]):
                    setattr(owner, name, original)
                _scoped["restore"] = []


def _install_faster_expectations() -> list[tuple[Any, str, Any]]:
    from great_expectations import util
    from great_expectations.expectations import expectation as gx_expectation

    Expectation = gx_expectation.Expectation

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

    original_convert = util.convert_to_json_serializable

    def convert_to_json_serializable(data):
        return None if data is None else original_convert(data)

    replacements = [(Expectation, f.__name__, f) for f in
                    (_get_domain_kwargs, _get_success_kwargs, _get_success_kwarg, _get_runtime_kwargs)]
    replacements.append((util, "convert_to_json_serializable", convert_to_json_serializable))
    restore = []
    for owner, name, replacement in replacements:
        original = owner.__dict__[name]
        replacement.__wrapped__ = getattr(owner, name)  # type: ignore[attr-defined]
        setattr(owner, name, replacement)
        restore.append((owner, name, original))
    return restore


_COUNTED_ROWS: type | None = None


@written_for("1.24.")
def counted_rows_expectation() -> type:
    """UnexpectedRowsCountExpectation: GX's unexpected_rows_expectation, counting the rows only.

    GX's own fetches every row its query returns (the unexpected_rows_query.table metric)
    whatever the result format, and shows them only in COMPLETE: a second full evaluation of
    the query, and every row brought into Python. This subclass asks for the row count alone;
    success and the observed value are as GX's. Defining it registers it with GX as
    "unexpected_rows_count_expectation"; suites keep the standard type (validation.suites).
    """
    global _COUNTED_ROWS
    with _lock:
        if _COUNTED_ROWS is None:
            from great_expectations.expectations.core.unexpected_rows_expectation import UnexpectedRowsExpectation

            class UnexpectedRowsCountExpectation(UnexpectedRowsExpectation):
                metric_dependencies = ("unexpected_rows_query.row_count",)

                def _validate(self, metrics, runtime_configuration=None, execution_engine=None):
                    count = metrics["unexpected_rows_query.row_count"]
                    return {"success": count == 0, "result": {"observed_value": count}}

            _COUNTED_ROWS = UnexpectedRowsCountExpectation
    return _COUNTED_ROWS


_CONTRACT_RULE: type | None = None


@written_for("1.24.")
def contract_rule_expectation() -> type:
    """ExpectColumnValuesToKeepContractRule: a column map expectation whose condition is one row
    rule of a contract, as SQL (`rule_sql`, true of a row that breaks it: csc_scorecard.contracts).

    The rule is the very expression staging sets rows aside with, so GX and staging cannot disagree;
    and as a map metric it is counted in the one aggregate query GX makes per table for every map
    expectation of a suite, where an unexpected_rows query scans the table once per rule (2.2x the
    bare SQL pass on the national tables, against 1.46x for GX's column expectations). Blank values are
    in its domain (`filter_column_isnull = False`): a rule that a value is required judges them.
    """
    global _CONTRACT_RULE
    with _lock:
        if _CONTRACT_RULE is None:
            import sqlalchemy as sa
            from great_expectations.execution_engine import SqlAlchemyExecutionEngine
            from great_expectations.expectations.expectation import ColumnMapExpectation
            from great_expectations.expectations.metrics.map_metric_provider import (
                ColumnMapMetricProvider, column_condition_partial)

            class ColumnValuesKeepContractRule(ColumnMapMetricProvider):
                condition_metric_name = "column_values.keep_contract_rule"
                condition_value_keys = ("rule_sql",)
                filter_column_isnull = False

                @column_condition_partial(engine=SqlAlchemyExecutionEngine)
                def _sqlalchemy(cls, column, rule_sql, **kwargs):
                    return sa.literal_column(f"(not coalesce({rule_sql}, false))", type_=sa.Boolean)

            class ExpectColumnValuesToKeepContractRule(ColumnMapExpectation):
                map_metric = "column_values.keep_contract_rule"
                success_keys = ("rule_sql", "mostly")
                rule_sql: str

                # Judged over every row, as expect_column_values_to_not_be_null is: a column map
                # expectation's own _validate judges the non-null values only, so a file whose
                # required column is blank on every row would pass (0 of 0).
                def _validate(self, metrics, runtime_configuration=None, execution_engine=None):
                    from great_expectations.core.metric_function_types import SummarizationMetricNameSuffixes as S
                    from great_expectations.expectations.expectation import _format_map_output, parse_result_format

                    result_format = parse_result_format(self._get_result_format(runtime_configuration=runtime_configuration))
                    total = metrics.get("table.row_count")
                    unexpected = metrics.get(f"{self.map_metric}.{S.UNEXPECTED_COUNT.value}")
                    mostly = self._get_success_kwargs().get("mostly")
                    success = True if not total else (total - unexpected) / total >= mostly
                    return _format_map_output(
                        result_format=result_format, success=success, element_count=total, nonnull_count=None,
                        unexpected_count=unexpected,
                        unexpected_list=metrics.get(f"{self.map_metric}.{S.UNEXPECTED_VALUES.value}"),
                        unexpected_index_list=metrics.get(f"{self.map_metric}.{S.UNEXPECTED_INDEX_LIST.value}"),
                        unexpected_index_query=metrics.get(f"{self.map_metric}.{S.UNEXPECTED_INDEX_QUERY.value}"),
                        unexpected_index_column_names=result_format.get("unexpected_index_column_names"),
                    )

            _CONTRACT_RULE = ExpectColumnValuesToKeepContractRule
    return _CONTRACT_RULE
