"""csc-synthetic: write a fictional council's monthly extracts in the national formats.

    csc-synthetic generate --landing data/landing --months 12 [--hold-latest data/arriving] [--inputs DIR]
                           [--published-figures data/published_figures]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import date
from pathlib import Path

from csc_scorecard.settings import SettingsError, load_settings


def _generate(args) -> int:
    from csc_tools.synthetic import CouncilProfile, generate

    settings = load_settings()
    landing = Path(args.landing) if args.landing else settings.landing
    profile = CouncilProfile(la_code=settings.la_code, la_name=settings.la_name,
                             population_0_17=settings.population_0_17)
    inputs = Path(args.inputs) if args.inputs else settings.with_paths(landing=landing).inputs_dir
    folders = generate(landing, profile, months=args.months, history_months=args.history_months,
                       last_extract=args.last_extract, seed=args.seed, inputs_dir=inputs)
    print(f"wrote {len(folders)} monthly extracts for {profile.la_name} ({profile.la_code}) under {landing}")
    print(f"wrote the council's own inputs (targets, plan, commentary, Ofsted visits, board log) in {inputs}")
    if args.hold_latest:
        held = Path(args.hold_latest) / folders[-1].name
        shutil.rmtree(held, ignore_errors=True)
        held.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(folders[-1], held)
        print(f"held the newest extract back in {held}: move it into {landing} for it to land")
    if args.published_figures:
        from csc_tools.synthetic.published import write_published_figures

        path = write_published_figures(Path(args.published_figures), settings.la_code,
                                       list(settings.statistical_neighbours), seed=args.seed)
        print(f"wrote synthetic published figures (LAIT layout) for England's councils to {path}: "
              f"set CSC_PUBLISHED_FIGURES={path.parent} for a build to read them")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="csc-synthetic", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate", help="write synthetic monthly extracts for a fictional council")
    gen.add_argument("--landing", help="landing folder (default: council.toml)")
    gen.add_argument("--months", type=int, default=12, help="monthly extracts to write (default 12)")
    gen.add_argument("--history-months", type=int, default=36,
                     help="months of case history before the first extract (default 36)")
    gen.add_argument("--last-extract", type=date.fromisoformat, default=None,
                     help="date of the last extract, YYYY-MM-DD (default: end of last month)")
    gen.add_argument("--seed", type=int, default=2026)
    gen.add_argument("--inputs", help="folder for the council's own inputs workbook (default: council.toml's "
                                      "inputs, else <landing>/../council_inputs/<la_code>)")
    gen.add_argument("--hold-latest", metavar="FOLDER",
                     help="write the newest month's extract here, not in the landing, so a build can "
                          "publish last month's packs before it lands (make demo does)")
    gen.add_argument("--published-figures", metavar="FOLDER",
                     help="also write synthetic published figures for England's councils (the DfE LAIT layout) "
                          "here, so a pack shows neighbours, quartile and rank (make demo does)")
    gen.set_defaults(func=_generate)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except SettingsError as exc:
        print(f"settings: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
