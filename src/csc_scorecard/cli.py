"""csc-scorecard: build the warehouse and the board packs from a landing folder.

    csc-scorecard build --landing data/landing --warehouse data/warehouse.duckdb --exports data/exports

`build` materialises the same asset graph the Dagster UI shows, in this process,
and exits non-zero when a blocking data check fails or a step errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# The exit codes a cron job reads (README, Command line).
EXIT_OK, EXIT_STEP_FAILED, EXIT_BLOCKING_CHECK, EXIT_SETTINGS = 0, 1, 3, 2


def _cmd_build(args) -> int:
    from csc_scorecard.defs.runner import build

    # Progress only to a person watching: a cron job's stderr is a file, and stays the warnings alone.
    deployment, outcome = build(args.landing, args.warehouse, args.exports,
                                log_level="DEBUG" if args.verbose else "WARNING",
                                progress=sys.stderr if sys.stderr.isatty() else None)
    for line in outcome.failed_checks:
        print(f"BLOCKING CHECK FAILED  {line}", file=sys.stderr)
    for line in outcome.failed_steps:
        print(f"STEP FAILED  {line}", file=sys.stderr)
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
