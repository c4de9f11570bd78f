"""The landing report, quality.landing_files: every file and folder under each council's landing, once,
with what became of it: loaded (as which return or table, rows read and loaded) or not read and why.

Each return's raw load writes its own files' rows, for the months it loaded; the rows of what no
return reads (folders, unrecognised, hidden and empty files, links) are written by every load
alike, from the landing as it is then. So after a build the report holds each thing once.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from csc_scorecard.ingest.landing import LandingEntry, survey
from csc_scorecard.ingest.load import WHOLE_RETURN_KINDS, FamilyPlan, _belongs
from csc_scorecard.warehouse import ensure_schemas, table_exists

LANDING_FILES = "quality.landing_files"
LANDING_FILES_SQL = f"""
create table if not exists {LANDING_FILES} (
    la_code varchar, extract_folder varchar, extract_date date, path varchar, entry varchar,
    outcome varchar, loaded_as varchar, rows_read bigint, rows_loaded bigint, reason varchar,
    duplicate_of varchar, family varchar, reported_at timestamp
)
"""

_SCHEMA = pa.schema([
    ("la_code", pa.string()), ("extract_folder", pa.string()), ("extract_date", pa.date32()), ("path", pa.string()),
    ("entry", pa.string()), ("outcome", pa.string()), ("loaded_as", pa.string()), ("rows_read", pa.int64()),
    ("rows_loaded", pa.int64()), ("reason", pa.string()), ("duplicate_of", pa.string()), ("family", pa.string()),
    ("reported_at", pa.timestamp("us")),
])
_COLUMNS = _SCHEMA.names

# Outcomes besides the reasons for not reading a file (csc_scorecard.ingest.landing)
LOADED, EXTRACT_FOLDER, DUPLICATE, FAILED, NOT_LOADED_YET = (
    "loaded", "extract folder", "duplicate", "failed", "not loaded yet")
# Not things left unread: the rest of the outcomes are, and a build counts them among its warnings.
READ_OUTCOMES = frozenset({LOADED, EXTRACT_FOLDER})


def write_landing_report(con: duckdb.DuckDBPyConnection, family: str, plans: list[FamilyPlan],
                         landings: dict[str, Path], months: dict[str, set[date] | None], *,
                         now: datetime, today: date | None = None) -> dict[str, int]:
    """Replace the report's rows for these councils' landings that this return's load answers for.

    landings: la_code -> its landing folder; months: la_code -> the extract months loaded (None:
    all). Returns the number of rows written per outcome.
    """
    ensure_schemas(con)
    con.execute(LANDING_FILES_SQL)
    rows = []
    loaded_by_council = _loaded_files(con, [plan.la_code for plan in plans])
    for plan in plans:
        landing, loaded_months = landings[plan.la_code], months.get(plan.la_code)
        loaded = loaded_by_council.get(plan.la_code, {})
        for entry in survey(landing, today):
            row = _row(entry, family, plan, loaded, loaded_months, landing)
            if row is not None:
                rows.append((plan.la_code, entry.extract_folder, entry.extract_date, entry.relative,
                             "folder" if entry.is_folder else "file", *row, now))
    con.begin()
    try:
        for plan in plans:
            loaded_months = months.get(plan.la_code)
            con.execute(
                f"delete from {LANDING_FILES} where la_code = ? and (family is null or (family = ? and "
                "(? or date_trunc('month', extract_date)::date in (select unnest(?)))))",
                [plan.la_code, family, loaded_months is None, sorted(loaded_months or ())])
        if rows:
            # One insert of a frame, not a statement a row: a national build reports 2,000 things per return.
            report = pa.Table.from_pylist([dict(zip(_COLUMNS, row)) for row in rows], schema=_SCHEMA)
            con.execute(f"insert into {LANDING_FILES} select * from report")
        con.commit()
    except Exception:
        con.rollback()
        raise
    return dict(Counter(row[5] for row in rows))


def _loaded_files(con, la_codes: list[str]) -> dict[str, dict[tuple[str, date], dict[str, int]]]:
    """la_code -> (source file, extract date) -> rows in raw per table, as raw.loaded_files holds them."""
    if not table_exists(con, "raw.loaded_files"):
        return {}
    loaded: dict[str, dict[tuple[str, date], dict[str, int]]] = {}
    for la_code, path, extract_date, table, n in con.execute(
            "select la_code, source_file, extract_date, raw_table, sum(rows_loaded) from raw.loaded_files "
            "where la_code in (select unnest(?)) group by all", [la_codes]).fetchall():
        loaded.setdefault(la_code, {}).setdefault((path, extract_date), {})[table] = int(n)
    return loaded


def _row(entry: LandingEntry, family: str, plan: FamilyPlan, loaded, months: set[date] | None, landing: Path):
    """(outcome, loaded_as, rows_read, rows_loaded, reason, duplicate_of, family) or None: another return's."""
    landed = entry.landed
    if landed is None:
        return (entry.outcome or EXTRACT_FOLDER, None, None, None, entry.reason, None, None)
    if landed.kind == "unrecognised":
        return (landed.outcome, None, None, None, landed.reason, None, None)
    if not _belongs(landed, family):
        return None
    if months is not None and landed.extract_date.replace(day=1) not in months:
        return None  # its month's load answers for it
    path, summary = str(landed.path), plan.summary
    if path in summary.files_failed:
        return (FAILED, _loaded_as(landed), None, None, summary.files_failed[path], None, family)
    if path in summary.files_duplicate:
        first = _relative(summary.files_duplicate[path], landing)
        return (DUPLICATE, _loaded_as(landed), None, None,
                f"the same bytes as {first}, in the same extract: loaded once, as {first}; delete the copy",
                first, family)
    tables = loaded.get((path, landed.extract_date))
    if tables is None:
        return (NOT_LOADED_YET, _loaded_as(landed), None, None, "not loaded by this build", None, family)
    rows = sum(tables.values())
    notes = summary.notes.get(path, [])
    # Raw keeps every row a file has: a plain CSV's lines were counted on landing, any other is read whole.
    rows_read = plan.plain_csvs.get(landed.path, rows)
    return (LOADED, _loaded_as(landed), rows_read, rows, "; ".join(notes), None, family)


def _loaded_as(landed) -> str:
    return WHOLE_RETURN_KINDS[landed.kind] if landed.kind in WHOLE_RETURN_KINDS else landed.table.name


def _relative(path: str, landing: Path) -> str:
    """A landed file's path as the report writes paths: relative to the landing."""
    try:
        return Path(path).relative_to(landing).as_posix()
    except ValueError:
        return path


def landing_outcomes(con: duckdb.DuckDBPyConnection, la_codes: list[str] | None = None) -> Counter:
    """How many things under the landings ended each way (outcome -> count), as the report says."""
    if not table_exists(con, LANDING_FILES):
        return Counter()
    where, params = ("where la_code in (select unnest(?))", [la_codes]) if la_codes else ("", [])
    return Counter(dict(con.execute(f"select outcome, count(*) from {LANDING_FILES} {where} group by all",
                                    params).fetchall()))
