"""csc-scorecard: build the warehouse and the board packs from a landing folder.

    csc-scorecard build --landing data/landing --warehouse data/warehouse.duckdb --exports data/exports

`build` materialises the same asset graph the Dagster UI shows, in this process,
and exits non-zero when a blocking data check fails, a step errors or no landing holds an extract
folder to load.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# The exit codes a cron job reads (README, Command line). Nothing landed is the council's or the
# landing's to fix, not a broken pipeline: its own code, so a cron job can tell whom to call.
EXIT_OK, EXIT_STEP_FAILED, EXIT_BLOCKING_CHECK, EXIT_SETTINGS, EXIT_NOTHING_LANDED = 0, 1, 3, 2, 4


def _cmd_build(args) -> int:
    from csc_scorecard.defs.runner import build
    from csc_scorecard.ingest.landing_report import NO_LONGER_LANDED

    # Progress only to a person watching: a cron job's stderr is a file, and stays the warnings alone.
    deployment, outcome = build(args.landing, args.warehouse, args.exports,
                                log_level="DEBUG" if args.verbose else "WARNING",
                                progress=sys.stderr if sys.stderr.isatty() else None)
    for line in outcome.failed_checks:
        print(f"BLOCKING CHECK FAILED  {line}", file=sys.stderr)
    for line in outcome.failed_steps:
        print(f"STEP FAILED  {line}", file=sys.stderr)
    if outcome.nothing_landed:
        print(f"NOTHING LOADED  {outcome.nothing_landed}", file=sys.stderr)
    if outcome.skipped_assets:
        print(f"not built because of the failures above: {', '.join(outcome.skipped_assets)}", file=sys.stderr)
    not_read = outcome.not_read
    print(f"built {outcome.assets_built} assets; data checks: {outcome.checks_passed} passed, "
          f"{outcome.warnings} warnings, {len(outcome.failed_checks)} blocking failures")
    for line in outcome.checks_warned:
        print(f"  warning  {line}")
    if outcome.landing:
        print(f"landing: {outcome.files_loaded} files loaded, {sum(not_read.values())} files or folders not read"
              + (" (each named, with why, in quality.landing_files):" if not_read else ""))
        for reason, n in not_read.items():
            print(f"  {n:>4}  {reason}")
        # Not a warning: councils often tidy their share once a month has loaded, and its rows still count.
        if gone := outcome.landing.get(NO_LONGER_LANDED, 0):
            print(f"  {gone:>4}  loaded before and no longer in the landing (their rows stay in the warehouse)")
    if outcome.exit_code == EXIT_OK:
        print(f"warehouse: {deployment.warehouse}")
        for council in deployment.councils:
            scorecards = sorted((deployment.exports / council.la_code).glob("scorecard_*.html"))
            if scorecards:
                print(f"scorecards: {len(scorecards)} in {scorecards[-1].parent} (latest {scorecards[-1].name})")
    return outcome.exit_code


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("csc-scorecard")
    except PackageNotFoundError:  # run from a checkout without installing
        return "unknown (not installed)"


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")
    parser = argparse.ArgumentParser(prog="csc-scorecard", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)

    bld = commands.add_parser("build", help="materialise every asset for the extracts in a landing folder")
    bld.add_argument("--landing", type=Path, help="landing folder (default: council.toml)")
    bld.add_argument("--warehouse", type=Path, help="DuckDB file (default: council.toml)")
    bld.add_argument("--exports", type=Path, help="folder for scorecards (default: council.toml)")
    bld.add_argument("--verbose", action="store_true", help="print every Dagster event, not only warnings")
    bld.set_defaults(func=_cmd_build)

    args = parser.parse_args(argv)
    from csc_scorecard.settings import SettingsError

    try:
        return args.func(args)
    except SettingsError as exc:
        print(f"settings: {exc}", file=sys.stderr)
        return EXIT_SETTINGS


if __name__ == "__main__":
    sys.exit(main())
