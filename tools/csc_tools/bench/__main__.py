"""`make bench`: a national run on this machine, timed phase by phase, with peak memory.

    python -m csc_tools.bench [--councils 152] [--xml-sample 15]

1. Generates (once, cached under bench/cache/) every council's extract holding 36 months of
   history, and the next month's extract.
2. One council's monthly refresh: the median-sized council built from its history extract, then
   timed as the next month's extract lands.
3. Builds all councils from one alliance settings file, end to end, as `csc-scorecard build` does,
   in a child process (its peak memory is the run's): ingest, validation, models and metrics, exports.
4. Validation against a bare SQL pass over the same raw tables: the suites' checks counted in one
   plain query per table, GX already imported (its import reported on its own).
5. CIN census XML ingest against a bare lxml iterparse pass over the same files.

Figures go to bench/results.json and bench/results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from csc_tools.bench.dataset import HISTORY_MONTHS, extract_dates, national_dataset
from csc_tools import REPO_ROOT
from csc_scorecard.settings import working_warehouse

BENCH = REPO_ROOT / "bench"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m csc_tools.bench")
    parser.add_argument("--councils", type=int, default=152)
    parser.add_argument("--xml-sample", type=int, default=15, help="councils' CIN XML timed side by side")
    args = parser.parse_args(argv)

    cache = BENCH / "cache" / f"england-{args.councils}"
    print(f"dataset: {cache} (generated once)", flush=True)
    manifest = national_dataset(cache, councils=args.councils)
    councils = manifest["councils_detail"]
    full, incremental = extract_dates()
    results: dict = {"machine": machine(), "when": datetime.now().isoformat(timespec="seconds"),
                     "dataset": {k: v for k, v in manifest.items() if k != "councils_detail"}}

    run = BENCH / "run"
    shutil.rmtree(run, ignore_errors=True)
    median = sorted(councils, key=lambda c: c["population_0_17"])[len(councils) // 2]
    print(f"monthly refresh: council {median['la_code']} ({median['population_0_17']:,} children)", flush=True)
    # First, on a settled machine: timed straight after the national run it took 17-19 s, against
    # 13-15 s on its own (the disk settled between them or not).
    one = run / "one_council"
    timed_build(alliance(one, [median], cache, [full]), one / "first.json")
    results["one_council_monthly_refresh"] = timed_build(alliance(one, [median], cache, [full, incremental]),
                                                         one / "refresh.json")
    results["one_council_monthly_refresh"]["council"] = median
    print(json.dumps(results["one_council_monthly_refresh"], indent=1), flush=True)

    print(f"national run: {len(councils)} councils, extract of {full}", flush=True)
    national = run / "national"
    settings = alliance(national, councils, cache, [full])
    results["national_full_run"] = timed_build(settings, national / "result.json")
    results["national_full_run"]["cin_xml_megabytes"] = round(sum(
        (cache / c["la_code"] / full.isoformat() / "cin_census.xml").stat().st_size for c in councils) / 1e6, 1)
    results["national_full_run"]["referrals"] = referrals_loaded(national / "warehouse.duckdb")
    print(json.dumps(results["national_full_run"], indent=1), flush=True)

    print("validation against a bare SQL pass", flush=True)
    # Raw is in the working file only; the published copy has none (docs/privacy.md).
    results["validation_vs_bare_sql"] = validation_vs_bare_sql(working_warehouse(national / "warehouse.duckdb"))
    print(json.dumps(results["validation_vs_bare_sql"], indent=1), flush=True)

    print("CIN XML ingest against bare iterparse", flush=True)
    from csc_tools.bench.xml_speed import side_by_side

    step = max(1, len(councils) // args.xml_sample)
    files = [cache / c["la_code"] / full.isoformat() / "cin_census.xml" for c in councils[::step]]
    results["cin_xml_ingest_vs_bare_iterparse"] = side_by_side(files, run / "xml_speed.duckdb")
    print(json.dumps(results["cin_xml_ingest_vs_bare_iterparse"], indent=1), flush=True)

    (BENCH / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    (BENCH / "results.md").write_text(report(results))
    print(f"wrote {BENCH / 'results.json'} and {BENCH / 'results.md'}")
    return 0


def alliance(root: Path, councils: list[dict], cache: Path, extracts) -> Path:
    """An alliance settings file whose landing folders hold the given extracts, their files
    hard-linked from the cache: the landing follows no symbolic link, and a copy would double the
    dataset on disk."""
    lines = [f'warehouse = "{root / "warehouse.duckdb"}"', f'exports = "{root / "exports"}"', ""]
    for c in councils:
        landing = root / "landing" / c["la_code"]
        for extract in extracts:
            folder = landing / extract.isoformat()
            if not folder.exists():
                folder.mkdir(parents=True)
                for source in (cache / c["la_code"] / extract.isoformat()).iterdir():
                    os.link(source, folder / source.name)
        lines += ["[[councils]]", f'la_code = "{c["la_code"]}"', f'la_name = "{c["la_name"]}"',
                  f'population_0_17 = {c["population_0_17"]}', f'landing = "{landing}"', ""]
    path = root / "settings.toml"
    path.write_text("\n".join(lines))
    return path


def timed_build(settings: Path, result: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSC_")}
    env["DAGSTER_HOME"] = str(settings.parent / "dagster_home")
    Path(env["DAGSTER_HOME"]).mkdir(parents=True, exist_ok=True)
    # The instance a deployment runs with (its event log storage is part of every run's cost).
    shutil.copy(REPO_ROOT / ".dagster_home" / "dagster.yaml", Path(env["DAGSTER_HOME"]) / "dagster.yaml")
    # Start with the disk settled: the last run's gigabytes deleted or written back are not this
    # build's cost.
    os.sync()
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "csc_tools.bench.build_run", str(settings), str(result)],
                          env=env, cwd=REPO_ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if not result.exists():
        raise RuntimeError(f"build failed before reporting:\n{proc.stderr[-4000:]}")
    figures = json.loads(result.read_text())
    figures["process_seconds"] = round(elapsed, 1)
    return figures


def referrals_loaded(warehouse: Path) -> dict:
    """The full extract's size in the issue's terms: referrals, and how many were made in the
    history's 36 months (the rest were open when it began)."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        total, in_history = con.sql(f"""
            select count(*), count(*) filter (where referral_date > extract_date - interval {HISTORY_MONTHS} month)
            from staging.cin_referrals
        """).fetchone()
    return {"total": total, f"made_in_{HISTORY_MONTHS}_months": in_history}


def validation_vs_bare_sql(warehouse: Path) -> dict:
    """GX against the same checks in one plain SQL query per table (tools/csc_tools/bench/validation_speed.py)."""
    from csc_tools.bench.validation_speed import side_by_side

    return side_by_side(warehouse)


def machine() -> dict:
    memory_kb = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")), 0)
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    import duckdb
    import lxml.etree

    return {"cpus": os.cpu_count(), "memory_gib": round(memory_kb / 1024 ** 2, 1), "cpu": cpu,
            "python": platform.python_version(), "duckdb": duckdb.__version__,
            "lxml": ".".join(map(str, lxml.etree.LXML_VERSION))}


def report(r: dict) -> str:
    n, one = r["national_full_run"], r["one_council_monthly_refresh"]
    v, x, d = r["validation_vs_bare_sql"], r["cin_xml_ingest_vs_bare_iterparse"], r["dataset"]
    m = r["machine"]
    phases = ", ".join(f"{k} {s} s" for k, s in n["phase_seconds"].items())
    national_cin = n["cin_xml_megabytes"] / n["step_seconds"]["raw_cin_census"]
    return "\n".join([
        f"# Benchmark ({r['when']})", "",
        f"Machine: {m['cpus']} CPUs ({m['cpu']}), {m['memory_gib']} GiB; Python {m['python']}, "
        f"DuckDB {m['duckdb']}, lxml {m['lxml']}.", "",
        f"Dataset: {d['councils']} councils, {d['population_0_17']:,} children, {d['history_months']} months "
        f"of history; CIN XML {d['bytes']['cin_xml'] / 1e9:.2f} GB and CSV {d['bytes']['csv'] / 1e9:.2f} GB "
        f"over both extracts (generated once in {d['generated_seconds']} s). The full extract holds "
        f"{n['referrals']['total']:,} referrals: {n['referrals'][f'made_in_{HISTORY_MONTHS}_months']:,} made in "
        f"its {HISTORY_MONTHS} months, the rest open when they began.", "",
        "| measure | result |", "|---|---|",
        f"| national run, end to end | {n['process_seconds']} s, peak memory {n['peak_rss_mb']} MB |",
        f"| national run by phase | {phases} |",
        f"| one council's monthly refresh | {one['process_seconds']} s (council of "
        f"{one['council']['population_0_17']:,} children) |",
        f"| validation (GX, imported) vs the same checks in bare SQL, one query per raw table | "
        f"{v['gx_seconds']} s vs {v['bare_sql_checks_seconds']} s ({v['ratio']}x); GX import "
        f"{v['gx_import_seconds']} s and first use {v['gx_first_use_seconds']} s, once per run |",
        f"| validation (GX) vs a pass that only reads every column of raw (no checks) | "
        f"{v['gx_seconds']} s vs {v['read_every_column_seconds']} s ({v['ratio_to_read_every_column']}x) |",
        f"| CIN XML ingest vs bare iterparse | {x['ingest_mb_per_s']} vs {x['bare_iterparse_mb_per_s']} MB/s "
        f"({x['ingest_share_of_bare_speed']:.0%} of bare speed, {x['files']} files, {x['megabytes']} MB) |",
        f"| CIN XML ingest parsed on {x['parallel_workers']} cores, as a region's build does | "
        f"{x['parallel_ingest_mb_per_s']} MB/s ({x['parallel_share_of_bare_speed']:.0%} of a one-core bare pass) |",
        f"| CIN XML ingest in the national run (raw_cin_census: {n['cin_xml_megabytes']} MB parsed, typed, "
        f"loaded and committed in {n['step_seconds']['raw_cin_census']} s) | {national_cin:.1f} MB/s "
        f"({national_cin / x['bare_iterparse_mb_per_s']:.0%} of the bare pass's speed above) |",
        "",
    ])


if __name__ == "__main__":
    sys.exit(main())
