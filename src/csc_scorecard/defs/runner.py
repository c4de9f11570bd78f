"""Run the asset graph in this process, as `csc-scorecard build` does, and sum up what happened.

The CLI's only door into Dagster: it calls `build` and prints the `BuildOutcome`.
"""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO

import dagster as dg

from csc_scorecard.cli import EXIT_BLOCKING_CHECK, EXIT_NOTHING_LANDED, EXIT_OK, EXIT_STEP_FAILED
from csc_scorecard.progress import StepProgress


@dataclass
class BuildOutcome:
    failed_checks: list[str] = field(default_factory=list)  # "raw/table: check — detail"
    failed_steps: list[str] = field(default_factory=list)  # "step: message"
    skipped_assets: list[str] = field(default_factory=list)
    assets_built: int = 0
    checks_passed: int = 0
    checks_warned: list[str] = field(default_factory=list)  # "raw/table: check"
    step_seconds: dict[str, float] = field(default_factory=dict)  # summed over the build's runs
    # What the landing report (quality.landing_files) says became of everything landed: outcome -> count
    landing: dict[str, int] = field(default_factory=dict)
    # Why no council's landing held an extract folder to load, when none did ("": there was one)
    nothing_landed: str = ""

    @property
    def files_loaded(self) -> int:
        return self.landing.get("loaded", 0)

    @property
    def not_read(self) -> dict[str, int]:
        """Files and folders left unread, by why, most first."""
        from csc_scorecard.ingest.landing_report import READ_OUTCOMES

        return dict(sorted(((k, n) for k, n in self.landing.items() if k not in READ_OUTCOMES),
                           key=lambda item: (-item[1], item[0])))

    @property
    def warnings(self) -> int:
        # A file not read is the council's to fix as much as a warning-level check; a failed one is
        # a failed step already.
        return len(self.checks_warned) + sum(n for k, n in self.not_read.items() if k != "failed")

    @property
    def exit_code(self) -> int:
        if self.failed_checks:
            return EXIT_BLOCKING_CHECK
        if self.failed_steps:
            return EXIT_STEP_FAILED
        return EXIT_NOTHING_LANDED if self.nothing_landed else EXIT_OK


def build(landing: Path | None = None, warehouse: Path | None = None, exports: Path | None = None,
          log_level: str = "WARNING", progress: TextIO | None = None):
    """Materialise every asset and check for the councils in council.toml; returns (deployment, outcome).

    progress: where to say which step is running (csc_scorecard.progress), or None.
    """
    from csc_scorecard.definitions import build_definitions
    from csc_scorecard.settings import load_deployment

    deployment = load_deployment().with_paths(landing=landing, warehouse=warehouse, exports=exports)
    deployment.warehouse.parent.mkdir(parents=True, exist_ok=True)
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    results = materialise_landed(build_definitions(deployment), deployment, instance, log_level=log_level,
                                 progress=progress)
    outcome = summarise(*results) if results else BuildOutcome(nothing_landed=_nothing_landed(deployment))
    # A council with no extract folder to load has no raw step to write its report: written here.
    _report_councils_not_built(deployment)
    outcome.landing = _landing_outcomes(deployment)
    return deployment, outcome


def _nothing_landed(deployment) -> str:
    """Why nothing could be loaded, for the person who looks after the landing."""
    from csc_scorecard.ingest.landing import survey

    whys = []
    for council in deployment.councils:
        if not council.landing.is_dir():
            whys.append(f"{council.landing} does not exist (check the landing setting)")
            continue
        top = [e for e in survey(council.landing) if "/" not in e.relative]
        found = ", ".join(f"{e.relative} ({e.outcome})" for e in top[:5]) + (", ..." if len(top) > 5 else "")
        whys.append(f"{council.landing} holds {found}" if top else f"{council.landing} is empty")
    return ("nothing could be loaded: no extract folder named by its extract date (YYYY-MM-DD, e.g. 2026-10-31); "
            + "; ".join(whys))


def _report_councils_not_built(deployment) -> None:
    import duckdb

    from csc_scorecard.defs.partitions import landed_partitions, council_and_month
    from csc_scorecard.ingest.landing_report import write_landing_report

    built = {council_and_month(key)[0] for key in landed_partitions(deployment)}
    landings = {c.la_code: c.landing for c in deployment.councils if c.la_code not in built}
    if not landings:
        return
    with duckdb.connect(str(deployment.warehouse)) as con:
        write_landing_report(con, landings, now=datetime.now())


def _landing_outcomes(deployment) -> dict[str, int]:
    import duckdb

    from csc_scorecard.ingest.landing_report import landing_outcomes

    if not deployment.warehouse.exists():
        return {}
    with duckdb.connect(str(deployment.warehouse), read_only=True) as con:
        return dict(landing_outcomes(con, [c.la_code for c in deployment.councils]))


def materialise_landed(defs, deployment, instance, log_level: str = "DEBUG", progress: TextIO | None = None) -> list:
    """Run the whole asset graph once, in this process, over every landed (council, extract month).

    The raw loads take the run's partition range (a single-run backfill: each loads its landed
    months in turn); the checks then see all of raw, a blocking failure stops everything
    downstream, and staging, marts, metrics and exports are built once. A run per partition
    cost a second or two each in Dagster alone: minutes for a region.
    """
    from csc_scorecard.defs.automation import MONTHLY_BUILD
    from csc_scorecard.defs.partitions import extract_partitions, landed_partitions

    # The schedule's and the sensor's job, so a CLI build reads as monthly_build in the UI's runs.
    job = defs.resolve_job_def(MONTHLY_BUILD)
    # Dagster's console logger prints every engine event at DEBUG; a cron job wants warnings
    # and the summary (the run's full event log is in DAGSTER_HOME either way).
    run_config = {"loggers": {"console": {"config": {"log_level": log_level}}}}
    landed = {str(key) for key in landed_partitions(deployment)}
    if not landed:
        return []
    # The range runs from the first landed key to the last in Dagster's order of keys; keys in
    # between with no extract folder load nothing.
    ordered = [key for key in extract_partitions([c.la_code for c in deployment.councils]).get_partition_keys()
               if key in landed]
    tags = {"dagster/asset_partition_range_start": ordered[0], "dagster/asset_partition_range_end": ordered[-1]}
    if defs.asset_checks:
        from csc_scorecard.validation.gx_duckdb import import_gx_in_background

        import_gx_in_background()  # paid while raw loads, not by the first suite
    # One "now" for the whole run. Every step downstream of raw has Dagster list raw's partitions
    # (council x month: 30,000 keys for England, ~0.3 s) for its data versions, and Dagster keeps
    # that list only while the time asked about stays the same: 20 s of a national run otherwise.
    run_id = str(uuid.uuid4())  # Dagster's own form of run id, chosen here to listen to the run's events
    if progress is not None:
        _report_steps(instance, run_id, StepProgress(_step_count(job), progress))
    with dg.partition_loading_context(effective_dt=datetime.now(timezone.utc)), _planned_event_per_asset():
        return [job.execute_in_process(run_config=run_config, instance=instance, tags=tags, raise_on_error=False,
                                       run_id=run_id)]


def _step_count(job: dg.JobDefinition) -> int:
    # A step per op: the job's ops are its assets, multi-assets and checks, none dynamic.
    return len(job.graph.nodes)


def _report_steps(instance: dg.DagsterInstance, run_id: str, progress: StepProgress) -> None:
    """Tell `progress` of each step as the run's events are written (in this process, as they happen)."""

    def on_event(entry) -> None:
        event = entry.dagster_event
        if event is None:
            return
        if event.event_type == dg.DagsterEventType.STEP_START:
            progress.step_started(event.step_key)
        elif event.event_type == dg.DagsterEventType.STEP_FAILURE:
            progress.step_failed(event.step_key)

    instance.add_event_listener(run_id, on_event)


_PARTITION_SUBSET_EVENTS = "DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS"


@contextmanager
def _planned_event_per_asset():
    """Have Dagster announce each raw asset's partitions in one planned event, not one per partition.

    A national build plans 5 raw assets x 152 councils: 760 events written before the first step
    (5.7 s to it; 2-4 s with this). Dagster's own switch, read when the run is created; its cost,
    as Dagster documents it, is that a failed run leaves its partitions' status as it was instead
    of marking each one failed (the run itself shows failed). Set only for the build's own run.
    """
    previous = os.environ.get(_PARTITION_SUBSET_EVENTS)
    os.environ[_PARTITION_SUBSET_EVENTS] = "true"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(_PARTITION_SUBSET_EVENTS, None)
        else:
            os.environ[_PARTITION_SUBSET_EVENTS] = previous


def summarise(*results) -> BuildOutcome:
    outcome = BuildOutcome()
    for result in results:
        _summarise_one(result, outcome)
    return outcome


def _summarise_one(result, outcome: BuildOutcome) -> None:
    # A partitioned raw asset materialises once per (council, month): count assets, not events.
    outcome.assets_built += len({e.asset_key for e in result.get_asset_materialization_events()})
    for evaluation in result.get_asset_check_evaluations():
        name = f"{evaluation.asset_key.to_user_string()}: {evaluation.check_name}"
        if evaluation.passed:
            outcome.checks_passed += 1
        elif evaluation.severity == dg.AssetCheckSeverity.WARN:
            outcome.checks_warned.append(name)
        else:
            detail = evaluation.description or ""
            outcome.failed_checks.append(name + (f" — {detail}" if detail else ""))
    for event in result.all_events:
        if event.is_step_success:
            seconds = event.step_success_data.duration_ms / 1000
            outcome.step_seconds[event.step_key] = outcome.step_seconds.get(event.step_key, 0.0) + seconds
        if event.is_step_failure:
            error = event.step_failure_data.error
            message = error.message.strip() if error else "failed"
            outcome.failed_steps.append(f"{event.step_key}: {message}")
        elif event.event_type_value == "STEP_SKIPPED":
            outcome.skipped_assets.append(event.step_key)
