"""The landing report, quality.landing_files: every file and folder under each council's landing, once,
with what became of it: loaded (as which return or table, rows read and loaded), not read and why, or
loaded before and no longer in the landing.

Every write rewrites all of a council's rows from the landing as it is then, so after any build the
report describes the landing as it is now, whichever months that build loaded. The return being
loaded knows exactly what became of its files in the months it loads (failed, a duplicate, loaded);
for every other file the report goes by what raw holds (raw.loaded_files) and by what it said last.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from csc_scorecard.ingest.families import RAW_FAMILY
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
# A file raw still holds rows of, gone from the landing since. Its row stays: its rows still count in
# the figures (raw keeps every extract loaded), and a performance team asked "where did this month's
# referrals come from?" needs the file named even after the council tidied its share.
NO_LONGER_LANDED = "no longer in the landing"
# Not things left unread: the rest of the outcomes are, and a build counts them among its warnings.
READ_OUTCOMES = frozenset({LOADED, EXTRACT_FOLDER, NO_LONGER_LANDED})


@dataclass
class LandingReport:
    """What one write of the report found: rows per outcome, and what is not read that this build
    had not said yet (each raw asset writes the report; only the first of a build says each thing)."""

    outcomes: dict[str, int] = field(default_factory=dict)
    first_said: list[tuple[str, str]] = field(default_factory=list)  # (path, why it is not read)


def write_landing_report(con: duckdb.DuckDBPyConnection, landings: dict[str, Path], *, family: str | None = None,
                         plans: list[FamilyPlan] = (), months: dict[str, set[date] | None] | None = None,
                         now: datetime, today: date | None = None) -> LandingReport:
    """Replace the report's rows for these councils' landings with the landing as it is now.

    landings: la_code -> its landing folder. family, plans, months: the return this load was of,
    its plan per council, and the extract months it loaded per council (None: all); without them
    (nothing loaded) every file is reported by what raw holds. `now` is the build's: rows already
    reported at that time were said by an earlier step of the same build.
    """
    ensure_schemas(con)
    con.execute(LANDING_FILES_SQL)
    plan_of = {plan.la_code: plan for plan in plans}
    months = months or {}
    rows, first_said = [], []
    con.begin()
    try:
        reported: dict[str, dict] = {}
        for la_code, path, *row in con.execute(
                f"select la_code, path, outcome, loaded_as, rows_read, rows_loaded, reason, duplicate_of, family, "
                f"reported_at from {LANDING_FILES} where la_code in (select unnest(?))", [list(landings)]).fetchall():
            reported.setdefault(la_code, {})[path] = row
        loaded_by_council = _loaded_files(con, list(landings))
        for la_code, landing in landings.items():
            before, loaded = reported.get(la_code, {}), loaded_by_council.get(la_code, {})
            plan, loaded_months = plan_of.get(la_code), months.get(la_code)
            present = set()
            unread_folders: dict[str, str] = {}  # a folder not read -> the outermost one it is in
            inside, said_at = Counter(), {}
            for entry in survey(landing, today):
                if entry.landed is not None:
                    present.add((str(entry.landed.path), entry.landed.extract_date))
                if plan is not None and entry.landed is not None and _belongs(entry.landed, family) and (
                        loaded_months is None or entry.landed.extract_date.replace(day=1) in loaded_months):
                    row = _row(entry, family, plan, loaded, landing)
                else:
                    row = _as_raw_holds(entry, loaded, before.get(entry.relative), now)
                rows.append((la_code, entry.extract_folder, entry.extract_date, entry.relative,
                             "folder" if entry.is_folder else "file", *row, now))
                if row[0] not in READ_OUTCOMES and row[-1] is None:
                    # What is inside a folder not read is said with it: the fix is the folder's.
                    if (owner := unread_folders.get(entry.relative.rpartition("/")[0])) is not None:
                        inside[owner] += 1
                    else:
                        owner = entry.relative
                        said = before.get(entry.relative)
                        if said is None or said[-1] != now or said[0] != row[0]:
                            first_said.append((str(entry.path), row[4]))
                            said_at[owner] = len(first_said) - 1
                    if entry.is_folder:
                        unread_folders[entry.relative] = owner
            for (path, extract_date), versions in loaded.items():
                if (path, extract_date) not in present:
                    relative = _relative(path, landing)
                    rows.append((la_code, relative.split("/", 1)[0] if "/" in relative else "", extract_date,
                                 relative, "file", *_no_longer_landed(path, versions), now))
            for owner, at in said_at.items():
                if inside[owner]:
                    path, why = first_said[at]
                    first_said[at] = (path, f"{why}; what it holds is not read either ({inside[owner]} in {LANDING_FILES})")
        con.execute(f"delete from {LANDING_FILES} where la_code in (select unnest(?))", [list(landings)])
        if rows:
            # One insert of a frame, not a statement a row: a national build reports 2,000 things per return.
            report = pa.Table.from_pylist([dict(zip(_COLUMNS, row)) for row in rows], schema=_SCHEMA)
            con.execute(f"insert into {LANDING_FILES} select * from report")
        con.commit()
    except Exception:
        con.rollback()
        raise
    return LandingReport(dict(Counter(row[5] for row in rows)), first_said)


@dataclass(frozen=True)
class _Loaded:
    """What raw holds of one landed file: its latest version's rows per table, and when it was loaded."""

    tables: dict[str, int]
    loaded_at: datetime


def _loaded_files(con, la_codes: list[str]) -> dict[str, dict[tuple[str, date], _Loaded]]:
    """la_code -> (source file, extract date) -> what raw.loaded_files holds of it.

    A file re-sent under the same name with new bytes loads beside its first version; the report
    speaks of the latest, the one in the landing now. One query for every council: a query a
    council cost a national build about a second a return."""
    if not table_exists(con, "raw.loaded_files"):
        return {}
    loaded: dict[str, dict[tuple[str, date], _Loaded]] = {}
    for la_code, path, extract_date, table, n, loaded_at in con.execute(
            "with latest as (select la_code, source_file, extract_date, arg_max(file_hash, loaded_at) as file_hash "
            "  from raw.loaded_files where la_code in (select unnest(?)) group by all) "
            "select la_code, source_file, extract_date, raw_table, sum(rows_loaded), max(loaded_at) "
            "from raw.loaded_files semi join latest using (la_code, source_file, extract_date, file_hash) "
            "group by all order by all", [la_codes]).fetchall():
        council = loaded.setdefault(la_code, {})
        known = council.setdefault((path, extract_date), _Loaded({}, loaded_at))
        known.tables[table] = int(n)
        council[path, extract_date] = _Loaded(known.tables, max(known.loaded_at, loaded_at))
    return loaded


def _row(entry: LandingEntry, family: str, plan: FamilyPlan, loaded, landing: Path):
    """(outcome, loaded_as, rows_read, rows_loaded, reason, duplicate_of, family) of a file this load read."""
    landed = entry.landed
    path, summary = str(landed.path), plan.summary
    if path in summary.files_failed:
        return (FAILED, _loaded_as(landed), None, None, summary.files_failed[path], None, family)
    if path in summary.files_duplicate:
        first = _relative(summary.files_duplicate[path], landing)
        return (DUPLICATE, _loaded_as(landed), None, None,
                f"the same bytes as {first}, in the same extract: loaded once, as {first}; delete the copy",
                first, family)
    held = loaded.get((path, landed.extract_date))
    if held is None:
        return (NOT_LOADED_YET, _loaded_as(landed), None, None, "not loaded by this build", None, family)
    rows = sum(held.tables.values())
    notes = summary.notes.get(path, [])
    # Raw keeps every row a file has: a plain CSV's lines were counted on landing, any other is read whole.
    rows_read = plan.plain_csvs.get(landed.path, rows)
    return (LOADED, _loaded_as(landed), rows_read, rows, "; ".join(notes), None, family)


def _as_raw_holds(entry: LandingEntry, loaded, before, now: datetime):
    """The row of what this load did not read: from the landing, what raw holds and what was said last."""
    landed = entry.landed
    if landed is None:
        return (entry.outcome or EXTRACT_FOLDER, None, None, None, entry.reason, None, None)
    if landed.kind == "unrecognised":
        return (landed.outcome, None, None, None, landed.reason, None, None)
    family = RAW_FAMILY[landed.table.name] if landed.table is not None else WHOLE_RETURN_KINDS[landed.kind]
    if before is not None and before[6] == family and before[7] == now:
        return tuple(before[:7])  # its own return's load wrote it in this build, knowing exactly
    loaded_as = _loaded_as(landed)
    if landed.kind == "incomplete":
        return (FAILED, loaded_as, None, None, landed.reason, None, family)  # it fails whenever it is loaded
    modified = datetime.fromtimestamp(landed.path.stat().st_mtime)
    held = loaded.get((str(landed.path), landed.extract_date))
    if held is not None and modified <= held.loaded_at:
        rows = sum(held.tables.values())
        same = before is not None and before[0] == LOADED and before[3] == rows
        # What was read of it and noted when it was loaded is only known to that load: kept.
        return (LOADED, loaded_as, before[2] if same else rows, rows, before[4] if same else "", None, family)
    if held is not None:
        return (NOT_LOADED_YET, loaded_as, None, None,
                f"changed since it was loaded on {held.loaded_at:%Y-%m-%d %H:%M}: the new version is loaded "
                "when its month is next built", None, family)
    if before is not None and before[0] in (FAILED, DUPLICATE) and before[6] == family and modified <= before[7]:
        # Unchanged since its month's load found it failed or a copy: that still holds.
        return tuple(before[:7])
    return (NOT_LOADED_YET, loaded_as, None, None, "landed since its month was last built: loaded when it is next "
                                                   "built", None, family)


def _no_longer_landed(path: str, held: _Loaded):
    tables = sorted(held.tables)
    family = RAW_FAMILY[tables[0]]
    loaded_as = tables[0] if Path(path).suffix.lower() == ".csv" else family
    rows = sum(held.tables.values())
    return (NO_LONGER_LANDED, loaded_as, None, rows,
            f"loaded on {held.loaded_at:%Y-%m-%d} and since removed from the landing: its {rows} rows stay in the "
            "warehouse (raw keeps every extract loaded) and count in the figures until a later extract of "
            f"{loaded_as} supersedes them", None, family)


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
