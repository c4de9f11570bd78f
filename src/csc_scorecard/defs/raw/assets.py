"""Raw layer: landed extracts into DuckDB, one asset per return (family of raw tables).

A return's tables are loaded together, file by file, in one step, so they are one asset: the
CIN census return is `raw/cin_census`, filling raw.cin_children, raw.cin_referrals and the rest.
An asset per table gave no more control (they could not be built apart) and, partitioned by
council and month, cost an event per table per council-month: over 10,000 for a national run,
about 100 s of the run's 480 s spent writing Dagster's event log.
"""


from contextlib import nullcontext
from datetime import date, datetime
from pathlib import Path

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource

from csc_scorecard.defs.conventions import column_schema
from csc_scorecard.defs.partitions import council_and_month
from csc_scorecard.defs.resources import DeploymentResource
from csc_scorecard.ingest.cin_parallel import ParallelCinParser
from csc_scorecard.ingest.families import FAMILIES, ROW_LINEAGE
from csc_scorecard.ingest.formats import RawTable
from csc_scorecard.ingest.landing_report import write_landing_report
from csc_scorecard.ingest.load import (CouncilLanding, FamilyPlan, IngestSummary, create_raw_tables, load_plans,
                                       plan_families)


# The return's file formats, shown as kinds beside the warehouse it loads into.
SOURCE_KINDS = {"ssda903": {"csv", "xml"}, "cin_census": {"xml"}, "hr": {"csv"}, "fostering": {"csv"}, "csww": {"xml"},
                "annex_a": {"excel"}}


def _raw_family_asset(family: str, tables: dict[str, RawTable], title: str,
                      partitions_def: dg.PartitionsDefinition | None = None) -> dg.AssetsDefinition:
    listed = ", ".join(f"`{t.qualified}`" for t in tables.values())
    spec = dg.AssetSpec(key=["raw", family], group_name="raw", kinds={"duckdb", *SOURCE_KINDS[family]},
                        description=f"{title}, loaded into {listed}: {ROW_LINEAGE}")

    # single_run: a backfill of many council-months (the CLI's build of a whole landing tree)
    # is one run that loads them in turn, not a run per partition.
    @dg.multi_asset(name=f"raw_{family}", specs=[spec], partitions_def=partitions_def,
                    backfill_policy=dg.BackfillPolicy.single_run() if partitions_def else None)
    def _load(context: dg.AssetExecutionContext, deployment: DeploymentResource,
              warehouse: DuckDBResource) -> dg.MaterializeResult:
        # A partition is one council's extract month; unpartitioned, every landed extract of every council.
        partitioned = context.has_partition_key_range or context.has_partition_key
        if partitioned:
            partition_keys = list(context.partition_keys)
            months_by_council: dict[str, set] = {}
            for key in partition_keys:
                la_code, month = council_and_month(key)
                months_by_council.setdefault(la_code, set()).add(month)
            loads = [(deployment.council(la_code), months) for la_code, months in months_by_council.items()]
        else:
            months_by_council = {}
            loads = [(council, None) for council in deployment.councils]
        # One time for the whole run, the same in every raw asset: raw.loaded_files tells this run's loads
        # from earlier ones by it, and the landing report which of its rows an earlier asset of the
        # run has already said.
        now = _run_started(context)
        with warehouse.get_connection() as con:
            summary = IngestSummary(rows_loaded={name: 0 for name in tables})
            create_raw_tables(con, tables)
            plans = plan_families(con, family, tables, [CouncilLanding(council.la_code, Path(council.landing), month)
                                                        for council, month in loads], create_tables=False)
            returns = [path for plan in plans for path in plan.cin_census_files]
            # Several CIN census returns (a backfill, a region): parse them on every core meanwhile.
            with ParallelCinParser(returns) if len(returns) > 1 else nullcontext() as cin_parser:
                # Plain CSVs of a table load together across councils (load_plans).
                for plan_summary in load_plans(con, plans, now=now, cin_parser=cin_parser):
                    summary.add(plan_summary)
            totals = {t: con.sql(f"select count(*) from raw.{t}").fetchone()[0] for t in tables}
            # One asset fills several tables, and dagster/column_schema describes one table: each
            # table's columns go under its own name.
            columns = {f"columns: {t.qualified}": column_schema(con, t.qualified) for t in tables.values()}
            by_partition = _partition_metadata(con, tables, plans, now, partition_keys) if partitioned else {}
            # Before a failure is raised: the report says which file failed, beside all the others.
            report = write_landing_report(
                con, {council.la_code: Path(council.landing) for council, _ in loads}, family=family, plans=plans,
                months={council.la_code: months_by_council.get(council.la_code) for council, _ in loads}, now=now)
        # What no return reads is every raw asset's to report and the first one's of the run to say.
        for path, reason in report.first_said:
            context.log.warning(f"not read: {path}: {reason}")
        for path, first in summary.files_duplicate.items():
            context.log.warning(f"not loaded: {path}: the same bytes as {first}, loaded once")
        for path, notes in summary.notes.items():
            for note in notes:
                context.log.warning(f"{path}: {note}")
        if summary.files_failed:
            raise dg.Failure(
                description="; ".join(f"{path}: {why}" for path, why in summary.files_failed.items()),
                metadata={"files_loaded": summary.files_loaded, "files_failed": summary.files_failed},
            )
        if partitioned:
            # A partition range's materialisations would otherwise each carry the whole run's totals.
            for key, metadata in by_partition.items():
                context.add_asset_metadata(metadata, partition_key=key)
            return dg.MaterializeResult(metadata={"landing_outcomes": report.outcomes, **columns})
        return dg.MaterializeResult(metadata={
            "dagster/row_count": sum(totals.values()),
            "rows_loaded_this_run": dict(summary.rows_loaded),
            "rows_by_table": totals,
            "files_loaded": len(summary.files_loaded),
            "files_already_loaded": len(summary.files_already_loaded),
            "files_not_recognised": summary.files_unrecognised,
            "files_partly_loaded": summary.notes,
            "files_duplicate": summary.files_duplicate,
            # The landing report's rows for these councils (quality.landing_files), by outcome.
            "landing_outcomes": report.outcomes,
            **columns,
        })

    return _load


def _run_started(context: dg.AssetExecutionContext) -> datetime:
    record = context.instance.get_run_record_by_id(context.run_id)
    started = record.start_time if record is not None else None
    # As datetime.now() gives it (local, naive), as every loaded_at before this was written.
    return datetime.fromtimestamp(started) if started else datetime.now()


def _partition_metadata(con: duckdb.DuckDBPyConnection, tables: dict[str, RawTable], plans: list[FamilyPlan],
                        now: datetime, partition_keys: list[str]) -> dict[str, dict]:
    """Each (council, extract month)'s own figures: what raw holds from its files (raw.loaded_files),
    what this run loaded of them, and its files skipped or partly loaded."""
    key_of = {council_and_month(key): key for key in partition_keys}
    empty = {"dagster/row_count": 0, "rows_by_table": dict.fromkeys(tables, 0), "files": 0,
             "rows_loaded_this_run": 0, "files_loaded_this_run": 0, "files_already_loaded": 0,
             "files_not_recognised": {}, "files_partly_loaded": {}}
    metadata = {key: {k: (v.copy() if isinstance(v, dict) else v) for k, v in empty.items()} for key in partition_keys}
    councils = sorted({la_code for la_code, _ in key_of})
    scope = ("from raw.loaded_files where raw_table in (select unnest(?)) and la_code in (select unnest(?)) "
             "group by all")
    for la_code, month, table, rows in con.execute(
            f"select la_code, date_trunc('month', extract_date)::date, raw_table, sum(rows_loaded) {scope}",
            [list(tables), councils]).fetchall():
        if (key := key_of.get((la_code, month))) is not None:
            metadata[key]["rows_by_table"][table] = int(rows)
            metadata[key]["dagster/row_count"] += int(rows)
    for la_code, month, files, files_now, rows_now in con.execute(
            "select la_code, date_trunc('month', extract_date)::date, count(distinct source_file), "
            "count(distinct source_file) filter (where loaded_at = ?), "
            f"coalesce(sum(rows_loaded) filter (where loaded_at = ?), 0) {scope}",
            [now, now, list(tables), councils]).fetchall():
        if (key := key_of.get((la_code, month))) is not None:
            metadata[key] |= {"files": files, "files_loaded_this_run": files_now, "rows_loaded_this_run": int(rows_now)}
    for plan in plans:
        summary = plan.summary
        for path in summary.files_already_loaded:
            if (key := key_of.get((plan.la_code, _extract_month(path)))) is not None:
                metadata[key]["files_already_loaded"] += 1
        for field, by_path in (("files_not_recognised", summary.files_unrecognised),
                               ("files_partly_loaded", summary.notes)):
            for path, detail in by_path.items():
                if (key := key_of.get((plan.la_code, _extract_month(path)))) is not None:
                    metadata[key][field][path] = detail
    return metadata


def _extract_month(path: str) -> date | None:
    """The month of the extract folder a landed file is in (landing/<YYYY-MM-DD>/<file>)."""
    try:
        return date.fromisoformat(Path(path).parent.name).replace(day=1)
    except ValueError:
        return None


def build_raw_assets(partitions_def: dg.PartitionsDefinition | None = None) -> list[dg.AssetsDefinition]:
    return [_raw_family_asset(family, tables, title, partitions_def) for family, (tables, title) in FAMILIES.items()]


raw_assets = build_raw_assets()  # unpartitioned: loads everything landed (tests, scripts)
