"""Run a Great Expectations suite against a raw table in the DuckDB warehouse.

GX runs the suite itself (an ephemeral context, a SQL datasource over duckdb-engine, a
whole-table batch); this module connects it to the warehouse, and outcomes.py turns GX's
results into `ExpectationOutcome` rows. What GX needs changed to work (and work fast) on DuckDB
is in gx_compat.py.

The warehouse connection is reused rather than reopened: DuckDB refuses a second connection to
the same file from the same process with a different config, and duckdb-engine adds its own
user agent to the config, so GX is handed a cursor of the caller's connection (same database
instance, own transaction).

Every row of the raw table is validated, not only the latest extract: raw holds every monthly
extract, and the marts read older extracts too (monthly workforce snapshots, history for
12-month rates), so a bad value in any of them can reach a metric.

great_expectations is imported inside functions: importing it takes seconds.
"""

from __future__ import annotations

import logging
import os
import threading
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import duckdb

from csc_scorecard.ingest.families import identifying_columns
from csc_scorecard.validation import gx_compat
from csc_scorecard.validation.outcomes import (
    EXAMPLES,
    ROW_PLACE,
    GX_TYPE,
    ExpectationOutcome,
    check_names,
    errors,
    row_example,
)
from csc_scorecard.validation.outcomes import outcome as to_outcome
from csc_scorecard.warehouse import MACROS_SQL

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


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


def ensure_rule_macros(con: duckdb.DuckDBPyConnection) -> None:
    """The rule macros of sql/macros.sql in the database: a suite's queries are the contract's rules,
    written with them (a warehouse whose raw tables were made by create_raw_tables has them)."""
    if not con.execute("select count(*) from duckdb_functions() where function_name = 'must_be_code'").fetchone()[0]:
        con.execute(MACROS_SQL.read_text())


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
    `gx_compat.counted_rows_expectation`); its examples are fetched here, for failures only
    (`_with_row_examples`).
    """

    def __init__(self) -> None:
        import great_expectations as gx
        import sqlalchemy as sa
        from duckdb_engine import ConnectionWrapper

        _quiet_gx()
        gx_compat.counted_rows_expectation()
        gx_compat.contract_rule_expectation()
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
        ensure_rule_macros(con)
        expectations = suite["expectations"]
        names = check_names(expectations)
        with self._lock, self._bound(con), gx_compat.faster_expectations():
            batch = self._batch_definition(qualified).get_batch()
            if not gx_compat.is_patched(batch.data.execution_engine):  # it would return no rows
                raise RuntimeError("GxSession: GX validates on an execution engine gx_compat has not patched")
            results = self._validate(batch, suite, range(len(expectations)),
                                     {"result_format": "BASIC", "partial_unexpected_count": 0})
            outcomes = [to_outcome(e, r, name) for e, r, name in zip(expectations, results, names)]
            wanted = [i for i, o in enumerate(outcomes)
                      if o.unexpected_count and not o.error and o.expectation_type != "unexpected_rows_expectation"]
            # A value that can identify a person is never an example: its file and row are.
            hidden = identifying_columns(qualified)
            by_row = [i for i in wanted if _columns_of(expectations[i]) & hidden]
            by_value = [i for i in wanted if i not in by_row]
            if by_value:
                again = self._validate(batch, suite, by_value,
                                       {"result_format": "SUMMARY", "partial_unexpected_count": EXAMPLES})
                for i, result in zip(by_value, again):
                    if not errors(result):
                        outcomes[i] = replace(outcomes[i], examples=to_outcome(expectations[i], result, names[i]).examples)
            if by_row:
                again = self._validate(batch, suite, by_row,
                                       {"result_format": "SUMMARY", "partial_unexpected_count": EXAMPLES,
                                        "unexpected_index_column_names": list(ROW_PLACE)})
                for i, result in zip(by_row, again):
                    if not errors(result):
                        places = (result.result or {}).get("partial_unexpected_index_list") or []
                        outcomes[i] = replace(outcomes[i], examples=tuple(
                            row_example(place, outcomes[i].column, hidden) for place in places[:EXAMPLES]))
        element_count = next((o.element_count for o in outcomes if o.element_count is not None), None)
        return [_with_row_examples(con, o, e, qualified, element_count, hidden) for o, e in zip(outcomes, expectations)]

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
            gx_compat.patch_engine(execution_engine)
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


def _columns_of(expectation: dict) -> set[str]:
    kwargs, meta = expectation.get("kwargs") or {}, expectation.get("meta") or {}
    return {c for c in (kwargs.get("column"), meta.get("column"), *kwargs.get("column_list", ())) if c}


def _with_row_examples(con, outcome: ExpectationOutcome, expectation: dict, qualified: str,
                       element_count: int | None = None, hidden: frozenset[str] = frozenset()) -> ExpectationOutcome:
    """Examples for a failed unexpected_rows_expectation, and the percentage (GX returns only the count)."""
    if outcome.error or expectation["type"] != "unexpected_rows_expectation":
        return outcome
    if outcome.per_file_share is not None:
        return _with_worst_files(con, outcome, expectation, qualified)
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
    return replace(outcome, examples=tuple(row_example(r, column, hidden) for r in rows),
                   element_count=element_count, unexpected_percent=percent)


def _with_worst_files(con, outcome: ExpectationOutcome, expectation: dict, qualified: str) -> ExpectationOutcome:
    """A failed per-file twin's worst files by name and share, and how many files were checked.

    Its query lists the files over the threshold, worst first (suites.per_file_twin); GX counted them.
    """
    if outcome.success:
        return outcome
    schema, table = qualified.split(".")
    query = expectation["kwargs"]["unexpected_rows_query"].format(batch=f'"{schema}"."{table}"')
    cursor = con.cursor()
    try:
        rows = cursor.sql(query).limit(EXAMPLES).fetchall()
        files = cursor.sql(f'select count(*) from (select distinct _la_code, _extract_date, _source_file '
                           f'from "{schema}"."{table}")').fetchone()[0]
    finally:
        cursor.close()
    examples = tuple(f"{source_file} (council {la_code}, extract {extract_date}): {failing} of {checked} rows "
                     f"({percent:.2f}%)" for la_code, extract_date, source_file, checked, failing, percent in rows)
    return replace(outcome, examples=examples, element_count=files)


_POSITION = "csc_position"


def _suite_kwargs(suite: dict) -> dict:
    return {
        "name": suite["name"],
        "expectations": [
            {"type": GX_TYPE.get(e["type"], e["type"]), "kwargs": e.get("kwargs", {}),
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


