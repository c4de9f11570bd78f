"""Load every new landed file of one return family into its raw tables.

A file is identified by its content hash: loading the same file again changes
nothing, and a file that cannot be read leaves no partial rows and does not stop
the others: each file loads in its own transaction, except plain CSVs of one table
and CSWW census returns, which load together and, if that fails, one by one. A return
whose header declares another council's LA code is refused by name, and not read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

import duckdb

from csc_scorecard.contracts import load_contracts
from csc_scorecard.ingest.annex_a import UnreadableWorkbook, load_annex_a
from csc_scorecard.ingest.cin_census import UnreadableFile, check_declared_la, load_cin_census
from csc_scorecard.ingest.cin_parallel import ParallelCinParser
from csc_scorecard.ingest.csv_loader import SourceFile, load_csv, load_csv_batch
from csc_scorecard.ingest.csww import load_csww, load_csww_batch
from csc_scorecard.ingest.encoding import CP1252, DUCKDB_READS, UTF8_BOM, UndecodableText, Utf8Check, utf8_fault
from csc_scorecard.ingest.formats import CSV_TABLES, LOADED_FILES_SQL, RawTable, printable
from csc_scorecard.ingest.landing import LandedFile, landed_files, scan_file
from csc_scorecard.ingest.ssda903_xml import load_ssda903_xml
from csc_scorecard.warehouse import MACROS_SQL, ensure_schemas


@dataclass
class IngestSummary:
    rows_loaded: dict[str, int] = field(default_factory=dict)
    files_loaded: list[str] = field(default_factory=list)
    files_already_loaded: list[str] = field(default_factory=list)
    files_failed: dict[str, str] = field(default_factory=dict)  # file -> what is wrong
    files_unrecognised: dict[str, str] = field(default_factory=dict)  # file -> why
    # file -> the file with the same bytes in the same extract, loaded instead of it
    files_duplicate: dict[str, str] = field(default_factory=dict)
    # file -> what of it was loaded but left out (extra columns, other sheets): to tell the council
    notes: dict[str, list[str]] = field(default_factory=dict)

    def add(self, other: "IngestSummary") -> None:
        for name, n in other.rows_loaded.items():
            self.rows_loaded[name] = self.rows_loaded.get(name, 0) + n
        self.files_loaded += other.files_loaded
        self.files_already_loaded += other.files_already_loaded
        self.files_failed |= other.files_failed
        self.files_unrecognised |= other.files_unrecognised
        self.files_duplicate |= other.files_duplicate
        self.notes |= other.notes


def create_raw_tables(con: duckdb.DuckDBPyConnection, tables: dict[str, RawTable]) -> None:
    ensure_schemas(con)
    con.execute(LOADED_FILES_SQL)
    for table in tables.values():
        con.execute(table.create_sql())
    # A warehouse made before a format gained a column (Annex A list 9's 2024 columns) gets it,
    # empty for the rows already loaded: raw tables are only ever added to, never rebuilt.
    existing = con.execute("select table_name, column_name from information_schema.columns "
                           "where table_schema = 'raw'").fetchall()
    have = {(t, c) for t, c in existing}
    for table in tables.values():
        for column in table.columns:
            if (table.name, column) not in have:
                kind = "bigint" if column.startswith("_") else "varchar"
                con.execute(f'alter table {table.qualified} add column "{column}" {kind}')
    for table in tables.values():
        if (contract := load_contracts().get(table.name)) is not None:
            for statement in contract.comment_sql():
                con.execute(statement)
    # The raw checks (GX) judge rows with the rule macros the staging models use.
    con.execute(MACROS_SQL.read_text())


@dataclass
class FamilyPlan:
    """What one council's landing folder holds for a family that is not loaded yet."""

    la_code: str
    to_load: list[tuple[LandedFile, str]]  # (file, content hash), in landing order
    summary: IngestSummary
    # CSVs that can be read with others (csv_loader), with their number of data rows
    plain_csvs: dict[Path, int] = field(default_factory=dict)

    @property
    def cin_census_files(self) -> list[Path]:
        return [landed.path for landed, _ in self.to_load if landed.kind == "cin_census"]


def plan_family(con: duckdb.DuckDBPyConnection, family: str, tables: dict[str, RawTable], *,
                landing: Path, la_code: str, extract_month: date | Collection[date] | None = None,
                create_tables: bool = True) -> FamilyPlan:
    """create_tables=False when the caller has already created the family's tables (once, for many plans)."""
    return plan_families(con, family, tables, [CouncilLanding(la_code, landing, extract_month)],
                         create_tables=create_tables)[0]


@dataclass(frozen=True)
class CouncilLanding:
    la_code: str
    landing: Path
    extract_month: date | Collection[date] | None = None  # None: every extract folder


def plan_families(con: duckdb.DuckDBPyConnection, family: str, tables: dict[str, RawTable],
                  councils: list[CouncilLanding], *, create_tables: bool = True) -> list[FamilyPlan]:
    """One plan per council, in the order given.

    Every candidate file of every council is hashed first, on all cores at once (hashlib releases
    the GIL): a national run hashes 2.7 GB of CIN XML before it can start to parse any of it."""
    if create_tables:
        create_raw_tables(con, tables)
    plans, candidates = [], []
    for council in councils:
        plan = FamilyPlan(council.la_code, [], IngestSummary(rows_loaded={name: 0 for name in tables}))
        plans.append(plan)
        candidates += [(plan, landed) for landed in _candidates(plan.summary, family, council)]
    with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
        scans = list(pool.map(lambda item: _scan(item[1]), candidates))
    # A file is the same file only within one extract: the same bytes landed again in a
    # later extract folder are that extract's snapshot (a table that did not change).
    loaded = con.execute(
        "select distinct la_code, file_hash, extract_date, raw_table, source_file from raw.loaded_files "
        "where la_code in (select unnest(?)) order by all", [[c.la_code for c in councils]]).fetchall()
    already: dict[tuple, str] = {}  # -> the file loaded with those bytes
    for row in loaded:
        already.setdefault(row[:4], row[4])
    loaded_paths = set(loaded)
    # Copies in one extract folder (cin_census.xml and "cin_census (1).xml") load once, as the
    # copy with the shortest name: a copy's name is the original's with something added. Chosen
    # here, at planning: both are planned before either is loaded and remembered.
    original: dict[tuple, Path] = {}
    for (plan, landed), (digest, *_) in zip(candidates, scans):
        group = (plan.la_code, digest, landed.extract_date)
        if group not in original or (len(landed.path.name), landed.path.name) < (
                len(original[group].name), original[group].name):
            original[group] = landed.path
    for (plan, landed), (digest, plain_rows, utf8) in zip(candidates, scans):
        keys = [(plan.la_code, digest, landed.extract_date, t) for t in _targets(landed, tables)]
        if all(key in already for key in keys):
            if (*keys[0], str(landed.path)) in loaded_paths:
                plan.summary.files_already_loaded.append(str(landed.path))
            else:
                plan.summary.files_duplicate[str(landed.path)] = already[keys[0]]
            continue
        if (first := original[plan.la_code, digest, landed.extract_date]) != landed.path:
            plan.summary.files_duplicate[str(landed.path)] = str(first)
            continue
        if (refusal := _wrong_council(landed, plan.la_code)) is not None:
            plan.summary.files_failed[str(landed.path)] = refusal
            continue
        if landed.kind == "csv" and landed.encoding in DUCKDB_READS and not utf8:
            if landed.encoding == UTF8_BOM:
                # Marked UTF-8 by Excel, yet not: no other encoding is a safe guess for it.
                plan.summary.files_failed[str(landed.path)] = utf8_fault(landed.path).removeprefix(f"{landed.path}: ")
                continue
            # UTF-8 as far as its start shows, not further down: what Excel's plain "CSV" writes
            # (the decoder tells a file that mixes the two, which reads right as neither).
            landed = replace(landed, encoding=CP1252)
        plan.to_load.append((landed, digest))
        # Only a UTF-8 file is read with others, where it lies: any other is decoded on its own.
        if plain_rows is not None and landed.encoding in DUCKDB_READS:
            plan.plain_csvs[landed.path] = plain_rows
    return plans


# Returns whose header names their council (<LEA>); a CSV names none and loads for any council.
DECLARING_KINDS = ("cin_census", "csww", "ssda903_xml")


def _wrong_council(landed: LandedFile, la_code: str) -> str | None:
    """Why a return is refused for declaring another council, or None. Settled at planning, so a
    refused return is never parsed ahead nor batched with others: it fails by name, alone."""
    if landed.kind not in DECLARING_KINDS:
        return None
    try:
        check_declared_la(landed.path, la_code)
    except UnreadableFile as exc:
        return _reason(exc, landed.path)
    return None


def _reason(exc: Exception, path: Path) -> str:
    # Keyed by the file, so the message need not repeat its path.
    # Readers' and DuckDB's messages may quote the file (a line, a value): never raw bytes on a terminal.
    return printable(str(exc).removeprefix(f"{path}: "), limit=1000)


def _scan(landed: LandedFile) -> tuple[str, int | None, bool]:
    """A candidate's content hash, its data rows if it is a plain CSV, and whether it is UTF-8
    throughout (a CSV: checked in the same read; any other file: its reader decodes it)."""
    if landed.kind != "csv":
        return (*scan_file(landed.path, csv=False), True)
    utf8 = Utf8Check()
    digest, plain_rows = scan_file(landed.path, utf8=utf8)
    return digest, plain_rows, utf8.close()


def _candidates(summary: IngestSummary, family: str, council: CouncilLanding) -> Iterator[LandedFile]:
    """The council's landed files of this family, in landing order; the rest are noted in `summary`."""
    month = council.extract_month
    months = {month} if isinstance(month, date) else set(month or ())
    for landed in landed_files(council.landing):
        if months and landed.extract_date.replace(day=1) not in months:
            continue
        if landed.kind == "unrecognised":
            summary.files_unrecognised[str(landed.path)] = landed.reason
            continue
        if not _belongs(landed, family):
            continue
        if landed.kind == "incomplete":
            summary.files_failed[str(landed.path)] = landed.reason
            continue
        yield landed


def load_planned(con: duckdb.DuckDBPyConnection, plan: FamilyPlan, *, now: datetime | None = None,
                 cin_parser: ParallelCinParser | None = None) -> IngestSummary:
    """Load a plan's files; `cin_parser`, when given, has been parsing the plan's CIN census
    returns ahead (in the same order)."""
    return load_plans(con, [plan], now=now, cin_parser=cin_parser)[0]


def load_plans(con: duckdb.DuckDBPyConnection, plans: list[FamilyPlan], *, now: datetime | None = None,
               cin_parser: ParallelCinParser | None = None) -> list[IngestSummary]:
    """Load several councils' plans, in order; returns each plan's summary.

    Plain CSVs of one table and header, across all the plans, are loaded together in one
    statement and one transaction. If that fails, nothing of it stays and each of its files is
    loaded alone, in its own transaction, as every other file is: a file that cannot be read
    leaves no partial rows and is reported by name.
    """
    now = now or datetime.now()
    batched = _load_csv_batches(con, plans, now=now) | _load_csww_batches(con, plans, now=now)
    for plan in plans:
        summary, la_code = plan.summary, plan.la_code
        for landed, digest in plan.to_load:
            notes: list[str] = []
            if landed.extra_columns:
                notes.append(f"columns {', '.join(landed.extra_columns)} are not {landed.table.name} columns: not loaded")
            if (la_code, landed.path) in batched:
                loaded = batched[la_code, landed.path]
            else:
                loaded = _load_alone(con, landed, la_code=la_code, digest=digest, now=now, notes=notes,
                                     cin_parser=cin_parser, summary=summary)
                if loaded is None:
                    continue
            for table_name, n in loaded.items():
                summary.rows_loaded[table_name] += n
            summary.files_loaded.append(str(landed.path))
            if notes:
                summary.notes[str(landed.path)] = notes
    return [plan.summary for plan in plans]


def _load_alone(con, landed: LandedFile, *, la_code: str, digest: str, now: datetime, notes: list[str],
                cin_parser: ParallelCinParser | None, summary: IngestSummary) -> dict[str, int] | None:
    """One file in its own transaction; rows loaded per table, or None (recorded as failed)."""
    con.begin()
    try:
        loaded = _load(con, landed, la_code=la_code, digest=digest, now=now, notes=notes, cin_parser=cin_parser)
        _remember(con, [(la_code, landed.extract_date, str(landed.path), digest, table_name, n, now)
                        for table_name, n in loaded.items()])
        con.commit()
        return loaded
    except (UnreadableFile, UnreadableWorkbook, UndecodableText, duckdb.Error, UnicodeDecodeError) as exc:
        con.rollback()
        summary.files_failed[str(landed.path)] = _reason(exc, landed.path)
        return None


# Bounds one statement: a national run's largest table is ~15 MB in 152 files.
BATCH_FILES = 200
BATCH_BYTES = 256 << 20


def _load_csv_batches(con, plans: list[FamilyPlan], *, now: datetime) -> dict[tuple[str, Path], dict[str, int]]:
    """Load the plans' plain CSVs in batches of one table and header; returns rows loaded per
    (council, file) and table, for the batches that loaded. Files of a batch that failed are left
    to be loaded alone."""
    groups: dict[tuple[str, tuple[str, ...]], list[tuple[SourceFile, int]]] = {}
    seen: set[Path] = set()
    for plan in plans:
        for landed, digest in plan.to_load:
            # Read alone: a path DuckDB would expand as a glob, one listed twice (councils sharing a
            # folder), or a file recognised without its header kept.
            if (landed.path not in plan.plain_csvs or landed.path in seen or not landed.header
                    or any(c in str(landed.path) for c in "*?[")):
                continue
            seen.add(landed.path)
            groups.setdefault((landed.table.name, landed.header), []).append(
                (SourceFile(landed.path, plan.la_code, landed.extract_date, digest), plan.plain_csvs[landed.path]))
    loaded: dict[tuple[str, Path], dict[str, int]] = {}
    for (table_name, header), files in groups.items():
        for batch in _chunks(files):
            if len(batch) < 2:
                continue  # one file: read alone, as ever
            sources = [f for f, _ in batch]
            loaded |= _load_batch(con, sources, lambda: _csv_batch_rows(con, table_name, header, batch, now=now),
                                  now=now, errors=(duckdb.Error, BatchMismatch))
    return loaded


def _csv_batch_rows(con, table_name: str, header: tuple[str, ...], batch: list[tuple[SourceFile, int]], *,
                    now: datetime) -> dict[Path, dict[str, int]]:
    """Insert a batch of plain CSVs of one table; raises BatchMismatch unless every line became a row."""
    lines = sum(n for _, n in batch)
    inserted = load_csv_batch(con, CSV_TABLES[table_name], header, [f for f, _ in batch], loaded_at=now)
    if inserted != lines:
        raise BatchMismatch(f"{table_name}: read {inserted} rows, the files have {lines} lines")
    return {f.path: {table_name: n} for f, n in batch}


def _load_csww_batches(con, plans: list[FamilyPlan], *, now: datetime) -> dict[tuple[str, Path], dict[str, int]]:
    """Load the plans' CSWW census returns together, in batches, as plain CSVs are; returns rows
    loaded per (council, file) and table. Files of a batch that failed are left to be loaded
    alone, so a bad one is reported by name and leaves no rows."""
    files, seen = [], set()
    for plan in plans:
        for landed, digest in plan.to_load:
            # A file listed again (councils sharing a folder) is read alone, for its own council.
            if landed.kind == "csww" and landed.path not in seen:
                seen.add(landed.path)
                files.append((SourceFile(landed.path, plan.la_code, landed.extract_date, digest), None))
    loaded: dict[tuple[str, Path], dict[str, int]] = {}
    for batch in _chunks(files):
        if len(batch) < 2:
            continue  # one file: read alone, as ever
        sources = [f for f, _ in batch]
        loaded |= _load_batch(con, sources, lambda: load_csww_batch(con, sources, loaded_at=now), now=now,
                              errors=(UnreadableFile, duckdb.Error))
    return loaded


def _load_batch(con, batch: list[SourceFile], load: Callable[[], dict[Path, dict[str, int]]], *, now: datetime,
                errors: tuple[type[Exception], ...]) -> dict[tuple[str, Path], dict[str, int]]:
    """One batch in one transaction: `load()` inserts every file's rows and returns them per file
    and table, and they are remembered and committed together. On `errors` nothing of the batch
    stays and nothing is returned: its files are left to be loaded alone."""
    con.begin()
    try:
        rows = load()
        _remember(con, [(f.la_code, f.extract_date, str(f.path), f.file_hash, table_name, n, now)
                        for f in batch for table_name, n in rows[f.path].items()])
        con.commit()
    except errors:
        con.rollback()
        return {}
    return {(f.la_code, f.path): rows[f.path] for f in batch}


def _chunks(files: list[tuple[SourceFile, int | None]]):
    """Batches of (file, its row count if known) within BATCH_FILES files and BATCH_BYTES bytes."""
    batch, size = [], 0
    for item in files:
        item_size = item[0].path.stat().st_size
        if batch and (len(batch) >= BATCH_FILES or size + item_size > BATCH_BYTES):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += item_size
    if batch:
        yield batch


class BatchMismatch(Exception):
    """DuckDB read another number of rows than the files have lines: load them one by one."""


def _remember(con, rows: list[tuple]) -> None:
    """Bookkeeping of loaded files: the basis of idempotent reloads."""
    if rows:
        con.execute("insert into raw.loaded_files values " + ", ".join(["(?, ?, ?, ?, ?, ?, ?)"] * len(rows)),
                    [value for row in rows for value in row])


# Whole-return files (XML, the Annex A workbook) fill every table of their family; a CSV
# fills the one table its header names.
WHOLE_RETURN_KINDS = {"cin_census": "cin_census", "csww": "csww", "annex_a": "annex_a",
                      "ssda903_xml": "ssda903"}


def _belongs(landed: LandedFile, family: str) -> bool:
    if landed.kind in WHOLE_RETURN_KINDS:
        return family == WHOLE_RETURN_KINDS[landed.kind]
    return landed.table is not None and landed.table.family == family


def _targets(landed: LandedFile, tables: dict[str, RawTable]) -> list[str]:
    return list(tables) if landed.kind in WHOLE_RETURN_KINDS else [landed.table.name]


def _load(con, landed: LandedFile, *, la_code: str, digest: str, now: datetime,
          notes: list[str], cin_parser: ParallelCinParser | None = None) -> dict[str, int]:
    if landed.kind == "cin_census" and cin_parser is not None:
        return cin_parser.load(con, landed.path, la_code=la_code, extract_date=landed.extract_date,
                               file_hash=digest, loaded_at=now)
    if landed.kind == "cin_census":
        return load_cin_census(con, landed.path, la_code=la_code, extract_date=landed.extract_date,
                               file_hash=digest, loaded_at=now)
    if landed.kind == "ssda903_xml":
        return load_ssda903_xml(con, landed.path, la_code=la_code, extract_date=landed.extract_date,
                                file_hash=digest, loaded_at=now, notes=notes)
    if landed.kind == "annex_a":
        return load_annex_a(con, landed.path, la_code=la_code, extract_date=landed.extract_date,
                            file_hash=digest, loaded_at=now, notes=notes)
    if landed.kind == "csww":
        return load_csww(con, landed.path, la_code=la_code, extract_date=landed.extract_date,
                         file_hash=digest, loaded_at=now)
    return {landed.table.name: load_csv(con, landed, la_code=la_code, file_hash=digest, loaded_at=now)}
