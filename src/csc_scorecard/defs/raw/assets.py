"""Raw layer: landed extracts into DuckDB, one asset per return (family of raw tables).

A return's tables are loaded together, file by file, in one step, so they are one asset: the
CIN census return is `raw/cin_census`, filling raw.cin_children, raw.cin_referrals and the rest.
An asset per table gave no more control (they could not be built apart) and, partitioned by
council and month, cost an event per table per council-month: over 10,000 for a national run,
about 100 s of the run's 480 s spent writing Dagster's event log.
"""


from contextlib import nullcontext
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from csc_scorecard.defs.partitions import council_and_month
from csc_scorecard.defs.resources import DeploymentResource
from csc_scorecard.ingest.cin_parallel import ParallelCinParser
from csc_scorecard.ingest.families import FAMILIES, ROW_LINEAGE
from csc_scorecard.ingest.formats import RawTable
from csc_scorecard.ingest.load import CouncilLanding, IngestSummary, create_raw_tables, load_plans, plan_families


def _raw_family_asset(family: str, tables: dict[str, RawTable], title: str,
                      partitions_def: dg.PartitionsDefinition | None = None) -> dg.AssetsDefinition:
    listed = ", ".join(f"`{t.qualified}`" for t in tables.values())
    spec = dg.AssetSpec(key=["raw", family], group_name="raw", kinds={"duckdb"},
                        description=f"{title}, loaded into {listed}: {ROW_LINEAGE}")

    # single_run: a backfill of many council-months (the CLI's build of a whole landing tree)
    # is one run that loads them in turn, not a run per partition.
    @dg.multi_asset(name=f"raw_{family}", specs=[spec], partitions_def=partitions_def,
                    backfill_policy=dg.BackfillPolicy.single_run() if partitions_def else None)
    def _load(context: dg.AssetExecutionContext, deployment: DeploymentResource,
              warehouse: DuckDBResource) -> dg.MaterializeResult:
        # A partition is one council's extract month; unpartitioned, every landed extract of every council.
        if context.has_partition_key_range or context.has_partition_key:
            months_by_council: dict[str, set] = {}
            for key in context.partition_keys:
                la_code, month = council_and_month(key)
                months_by_council.setdefault(la_code, set()).add(month)
            loads = [(deployment.council(la_code), months) for la_code, months in months_by_council.items()]
        else:
            loads = [(council, None) for council in deployment.councils]
        with warehouse.get_connection() as con:
            summary = IngestSummary(rows_loaded={name: 0 for name in tables})
            create_raw_tables(con, tables)
            plans = plan_families(con, family, tables, [CouncilLanding(council.la_code, Path(council.landing), month)
                                                        for council, month in loads], create_tables=False)
            returns = [path for plan in plans for path in plan.cin_census_files]
            # Several CIN census returns (a backfill, a region): parse them on every core meanwhile.
            with ParallelCinParser(returns) if len(returns) > 1 else nullcontext() as cin_parser:
                # Plain CSVs of a table load together across councils (load_plans).
                for plan_summary in load_plans(con, plans, cin_parser=cin_parser):
                    summary.add(plan_summary)
            totals = {t: con.sql(f"select count(*) from raw.{t}").fetchone()[0] for t in tables}
        for path, reason in summary.files_unrecognised.items():
            context.log.warning(f"not loaded: {path}: {reason}")
        for path, notes in summary.notes.items():
            for note in notes:
                context.log.warning(f"{path}: {note}")
        if summary.files_failed:
            raise dg.Failure(
                description="; ".join(f"{path}: {why}" for path, why in summary.files_failed.items()),
                metadata={"files_loaded": summary.files_loaded, "files_failed": summary.files_failed},
            )
        return dg.MaterializeResult(metadata={
            "dagster/row_count": sum(totals.values()),
            "rows_loaded_this_run": dict(summary.rows_loaded),
            "rows_by_table": totals,
            "files_loaded": len(summary.files_loaded),
            "files_already_loaded": len(summary.files_already_loaded),
            "files_not_recognised": summary.files_unrecognised,
            "files_partly_loaded": summary.notes,
        })

    return _load


def build_raw_assets(partitions_def: dg.PartitionsDefinition | None = None) -> list[dg.AssetsDefinition]:
    return [_raw_family_asset(family, tables, title, partitions_def) for family, (tables, title) in FAMILIES.items()]


raw_assets = build_raw_assets()  # unpartitioned: loads everything landed (tests, scripts)
