"""Raw layer: landed extracts into DuckDB, one asset per raw table."""


from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.ingest.annex_a import ANNEX_A
from pipelines.ingest.formats import CIN_CENSUS, CSWW, HR, SSDA903, RawTable
from pipelines.ingest.load import ingest_family
from pipelines.resources import CouncilResource

FAMILIES: dict[str, tuple[dict[str, RawTable], str]] = {
    "ssda903": (SSDA903, "SSDA903 children looked after return (CSV tables)"),
    "cin_census": (CIN_CENSUS, "CIN census return (XML), flattened"),
    "hr": (HR, "Monthly HR staff list and establishment (CSV)"),
    "csww": (CSWW, "Annual CSWW social work workforce census (XML), for history"),
    "annex_a": (ANNEX_A, "Ofsted ILACS Annex A workbook (xlsx), one table per list"),
}


def _raw_family_asset(family: str, tables: dict[str, RawTable], title: str) -> dg.AssetsDefinition:
    specs = [
        dg.AssetSpec(
            key=["raw", t.name],
            group_name="raw",
            description=f"{title}: `{t.qualified}`, every value as text, with source file, "
                        "file hash, row number and load time on each row.",
            kinds={"duckdb"},
        )
        for t in tables.values()
    ]

    @dg.multi_asset(name=f"raw_{family}", specs=specs)
    def _load(context: dg.AssetExecutionContext, council: CouncilResource, warehouse: DuckDBResource):
        with warehouse.get_connection() as con:
            summary = ingest_family(con, family, tables, landing=Path(council.landing), la_code=council.la_code)
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
        for name in tables:
            yield dg.MaterializeResult(
                asset_key=["raw", name],
                metadata={
                    "rows_loaded_this_run": summary.rows_loaded[name],
                    "rows_total": totals[name],
                    "files_loaded": len(summary.files_loaded),
                    "files_already_loaded": len(summary.files_already_loaded),
                    "files_not_recognised": summary.files_unrecognised,
                    "files_partly_loaded": summary.notes,
                },
            )

    return _load


raw_assets = [_raw_family_asset(family, tables, title) for family, (tables, title) in FAMILIES.items()]
