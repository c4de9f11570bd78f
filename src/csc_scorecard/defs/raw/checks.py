"""GX suites as Dagster asset checks on the raw tables: one multi-asset check per suite.

A "critical" expectation is a blocking check with ERROR severity: when it fails,
Dagster stops the assets downstream of that raw table (the metrics would be
wrong). A "warning" expectation is a non-blocking WARN check: reported in the
UI and the run, never stopping the build.

No `from __future__ import annotations` here: Dagster reads the check
function's type hints (context, resources) at definition time.
"""

import json
from dataclasses import replace
from datetime import datetime

import dagster as dg
from dagster_duckdb import DuckDBResource

from csc_scorecard.validation.gx_duckdb import session_for_run, table_has_rows
from csc_scorecard.validation.outcomes import ExpectationOutcome, nothing_to_check, write_check_outcomes
from csc_scorecard.defs.keys import asset_key_for_table
from csc_scorecard.validation.suites import Suite, load_suites


def check_specs(suite: Suite) -> list[dg.AssetCheckSpec]:
    specs = []
    for name, expectation in zip(suite.check_names, suite.expectations):
        meta = expectation.get("meta") or {}
        severity = meta.get("severity", "warning")
        threshold = {"per_file_share": meta["per_file_share"], "rule": meta["rule"]} if "per_file_share" in meta else {}
        specs.append(dg.AssetCheckSpec(
            name=name,
            asset=asset_key_for_table(suite.name),
            description=f"[{severity}] {meta.get('why', expectation['type'])}",
            blocking=severity == "critical",
            metadata={"expectation_type": expectation["type"], "severity": severity,
                      "gx_suite": suite.name, **threshold},
        ))
    return specs


def check_result(outcome: ExpectationOutcome, asset_key: dg.AssetKey, check_name: str) -> dg.AssetCheckResult:
    severity = dg.AssetCheckSeverity.ERROR if outcome.blocking else dg.AssetCheckSeverity.WARN
    description = outcome.summary() if outcome.success else f"{outcome.summary()}. {outcome.why}"
    metadata = {
        "expectation_type": outcome.expectation_type,
        "severity": outcome.severity,
        "element_count": outcome.element_count,
        "unexpected_count": outcome.unexpected_count,
        "unexpected_percent": outcome.unexpected_percent,
        "examples": json.dumps(list(outcome.examples), default=str),
        "gx_kwargs": json.dumps(outcome.kwargs, default=str),
    }
    if outcome.column:
        metadata["column"] = outcome.column
    if outcome.per_file_share is not None:
        # Counts are of files here; examples are the worst files, to send again.
        metadata["per_file_share"] = outcome.per_file_share
        metadata["worst_files"] = metadata.pop("examples")
        metadata["files_checked"] = metadata.pop("element_count", None)
        metadata["files_over_threshold"] = metadata.pop("unexpected_count", None)
    if outcome.error:
        metadata["error"] = outcome.error
    return dg.AssetCheckResult(
        asset_key=asset_key,
        check_name=check_name,
        passed=outcome.success,
        severity=severity,
        description=description,
        metadata={k: v for k, v in metadata.items() if v is not None},
    )


def _suite_check(suite: Suite) -> dg.AssetChecksDefinition:
    specs = check_specs(suite)

    @dg.multi_asset_check(
        name=f"gx_{suite.table}",
        specs=specs,
        description=f"Great Expectations suite {suite.name} (generated from src/csc_scorecard/contracts/{suite.table}.toml) on every row of "
                    f"{suite.qualified}.",
    )
    def _check(context: dg.AssetCheckExecutionContext, warehouse: DuckDBResource):
        checked_at = datetime.now().replace(microsecond=0)
        with warehouse.get_connection() as con:
            exists, rows = table_has_rows(con, suite.qualified)
            if rows:
                # One GX context for every suite of the run (see GxSession).
                outcomes = session_for_run(context.run.run_id).run_suite(con, suite.document, suite.qualified)
                # Named as Dagster names the check: the table first (see Suite.check_names).
                outcomes = [replace(o, check_name=name) for o, name in zip(outcomes, suite.check_names)]
            else:
                # Optional tables: a council may not send them. Nothing landed, nothing wrong.
                note = "no rows loaded" if exists else "table not created (nothing landed)"
                outcomes = nothing_to_check(suite.expectations, suite.check_names, note)
            # The board pack reads what the checks found from the warehouse, not from this run's events.
            write_check_outcomes(con, suite.qualified, outcomes, checked_at=checked_at, run_id=context.run.run_id)
        if not rows:
            for spec in specs:
                yield dg.AssetCheckResult(
                    asset_key=asset_key_for_table(suite.name), check_name=spec.name, passed=True,
                    severity=dg.AssetCheckSeverity.ERROR if spec.blocking else dg.AssetCheckSeverity.WARN,
                    description=f"{suite.qualified}: {note}; nothing to validate.",
                    metadata={"element_count": 0},
                )
            return
        failed = [o for o in outcomes if not o.success]
        if failed:
            context.log.warning(f"{suite.qualified}: {len(failed)} of {len(outcomes)} expectations failed: "
                                + "; ".join(f"{o.check_name} ({o.severity}): {o.summary()}" for o in failed))
        for outcome, name in zip(outcomes, suite.check_names):
            yield check_result(outcome, asset_key_for_table(suite.name), name)

    return _check


def build_gx_checks() -> list[dg.AssetChecksDefinition]:
    """One Dagster multi-asset check per GX suite (one per raw table with a contract that has rules)."""
    return [_suite_check(suite) for suite in load_suites()]
