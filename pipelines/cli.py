"""csc-scorecard: generate a synthetic council, or build the warehouse and scorecard from a landing folder.

    csc-scorecard generate --landing data/landing --months 12
    csc-scorecard build --landing data/landing --warehouse data/warehouse.duckdb --exports data/exports

`build` materialises the same asset graph the Dagster UI shows, in this process,
and exits non-zero when a blocking data check fails or a step errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

EXIT_OK, EXIT_STEP_FAILED, EXIT_BLOCKING_CHECK = 0, 1, 3


@dataclass
class BuildOutcome:
    failed_checks: list[str] = field(default_factory=list)  # "raw/table: check — detail"
    failed_steps: list[str] = field(default_factory=list)  # "step: message"
    skipped_assets: list[str] = field(default_factory=list)
    assets_built: int = 0
    checks_passed: int = 0
    checks_warned: list[str] = field(default_factory=list)  # "raw/table: check"
    step_seconds: dict[str, float] = field(default_factory=dict)  # summed over the build's runs

    @property
    def exit_code(self) -> int:
        if self.failed_checks:
            return EXIT_BLOCKING_CHECK
        return EXIT_STEP_FAILED if self.failed_steps else EXIT_OK


def build(landing: Path | None = None, warehouse: Path | None = None, exports: Path | None = None,
          log_level: str = "WARNING"):
    """Materialise every asset and check for the councils in council.toml; returns (deployment, outcome)."""
    import dagster as dg

    from pipelines.definitions import build_definitions
    from pipelines.settings import load_deployment

    deployment = load_deployment().with_paths(landing=landing, warehouse=warehouse, exports=exports)
    deployment.warehouse.parent.mkdir(parents=True, exist_ok=True)
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    results = materialise_landed(build_definitions(deployment), deployment, instance, log_level=log_level)
    if not results:
        return deployment, BuildOutcome(failed_steps=[
            f"landing: no extract folders (YYYY-MM-DD) under {', '.join(str(c.landing) for c in deployment.councils)}"])
    return deployment, summarise(*results)


def materialise_landed(defs, deployment, instance, log_level: str = "DEBUG") -> list:
    """Run the whole asset graph once, in this process, over every landed (council, extract month).

    The raw loads take the run's partition range (a single-run backfill: each loads its landed
    months in turn); the checks then see all of raw, a blocking failure stops everything
    downstream, and staging, marts, metrics and exports are built once. A run per partition
    cost a second or two each in Dagster alone: minutes for a region.
    """
    import dagster as dg

    from pipelines.partitions import extract_partitions, landed_partitions

    job = defs.resolve_implicit_global_asset_job_def()
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
        from pipelines.validation.gx_duckdb import import_gx_in_background

        import_gx_in_background()  # paid while raw loads, not by the first suite
    # One "now" for the whole run. Every step downstream of raw has Dagster list raw's partitions
    # (council x month: 30,000 keys for England, ~0.3 s) for its data versions, and Dagster keeps
    # that list only while the time asked about stays the same: 20 s of a national run otherwise.
    with dg.partition_loading_context(effective_dt=datetime.now(timezone.utc)), _planned_event_per_asset():
        return [job.execute_in_process(run_config=run_config, instance=instance, tags=tags, raise_on_error=False)]


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
    import dagster as dg

    outcome.assets_built += len(result.get_asset_materialization_events())
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


def _cmd_generate(args) -> int:
    from pipelines.synthetic import CouncilProfile, generate
    from pipelines.settings import load_settings

    settings = load_settings()
    landing = Path(args.landing) if args.landing else settings.landing
    profile = CouncilProfile(la_code=settings.la_code, la_name=settings.la_name,
                             population_0_17=settings.population_0_17)
    folders = generate(landing, profile, months=args.months, history_months=args.history_months,
                       last_extract=args.last_extract, seed=args.seed)
    print(f"wrote {len(folders)} monthly extracts for {profile.la_name} ({profile.la_code}) under {landing}")
    return EXIT_OK


def _cmd_build(args) -> int:
    deployment, outcome = build(args.landing, args.warehouse, args.exports,
                                log_level="DEBUG" if args.verbose else "WARNING")
    for line in outcome.failed_checks:
        print(f"BLOCKING CHECK FAILED  {line}", file=sys.stderr)
    for line in outcome.failed_steps:
        print(f"STEP FAILED  {line}", file=sys.stderr)
    if outcome.skipped_assets:
        print(f"not built because of the failures above: {', '.join(outcome.skipped_assets)}", file=sys.stderr)
    print(f"built {outcome.assets_built} assets; data checks: {outcome.checks_passed} passed, "
          f"{len(outcome.checks_warned)} warnings, {len(outcome.failed_checks)} blocking failures")
    for line in outcome.checks_warned:
        print(f"  warning  {line}")
    if outcome.exit_code == EXIT_OK:
        print(f"warehouse: {deployment.warehouse}")
        for council in deployment.councils:
            scorecards = sorted((deployment.exports / council.la_code).glob("scorecard_*.html"))
            if scorecards:
                print(f"scorecards: {len(scorecards)} in {scorecards[-1].parent} (latest {scorecards[-1].name})")
    return outcome.exit_code


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")
    parser = argparse.ArgumentParser(prog="csc-scorecard", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    gen = commands.add_parser("generate", help="write synthetic monthly extracts for a fictional council")
    gen.add_argument("--landing", help="landing folder (default: council.toml)")
    gen.add_argument("--months", type=int, default=12, help="monthly extracts to write (default 12)")
    gen.add_argument("--history-months", type=int, default=36,
                     help="months of case history before the first extract (default 36)")
    gen.add_argument("--last-extract", type=date.fromisoformat, default=None,
                     help="date of the last extract, YYYY-MM-DD (default: end of last month)")
    gen.add_argument("--seed", type=int, default=2026)
    gen.set_defaults(func=_cmd_generate)

    bld = commands.add_parser("build", help="materialise every asset for the extracts in a landing folder")
    bld.add_argument("--landing", type=Path, help="landing folder (default: council.toml)")
    bld.add_argument("--warehouse", type=Path, help="DuckDB file (default: council.toml)")
    bld.add_argument("--exports", type=Path, help="folder for scorecards (default: council.toml)")
    bld.add_argument("--verbose", action="store_true", help="print every Dagster event, not only warnings")
    bld.set_defaults(func=_cmd_build)

    args = parser.parse_args(argv)
    from pipelines.settings import SettingsError

    try:
        return args.func(args)
    except SettingsError as exc:
        print(f"settings: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
