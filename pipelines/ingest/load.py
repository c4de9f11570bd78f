"""Load every new landed file of one return family into its raw tables.

A file is identified by its content hash: loading the same file again changes
nothing, and each file loads in its own transaction, so a file that cannot be
read leaves no partial rows and does not stop the others.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb

from pipelines.ingest.annex_a import UnreadableWorkbook, load_annex_a
from pipelines.ingest.cin_census import UnreadableFile, load_cin_census
from pipelines.ingest.cin_parallel import ParallelCinParser
from pipelines.ingest.csv_loader import load_csv
from pipelines.ingest.csww import load_csww
from pipelines.ingest.formats import LOADED_FILES_SQL, RawTable
from pipelines.ingest.landing import LandedFile, file_hash, landed_files
from pipelines.ingest.ssda903_xml import load_ssda903_xml
from pipelines.warehouse import ensure_schemas


@dataclass
class IngestSummary:
    rows_loaded: dict[str, int] = field(default_factory=dict)
    files_loaded: list[str] = field(default_factory=list)
    files_already_loaded: list[str] = field(default_factory=list)
    files_failed: dict[str, str] = field(default_factory=dict)  # file -> what is wrong
    files_unrecognised: dict[str, str] = field(default_factory=dict)  # file -> why
    # file -> what of it was loaded but left out (extra columns, other sheets): to tell the council
    notes: dict[str, list[str]] = field(default_factory=dict)

    def add(self, other: "IngestSummary") -> None:
        for name, n in other.rows_loaded.items():
            self.rows_loaded[name] = self.rows_loaded.get(name, 0) + n
        self.files_loaded += other.files_loaded
        self.files_already_loaded += other.files_already_loaded
        self.files_failed |= other.files_failed
        self.files_unrecognised |= other.files_unrecognised
        self.notes |= other.notes


def create_raw_tables(con: duckdb.DuckDBPyConnection, tables: dict[str, RawTable]) -> None:
    ensure_schemas(con)
    con.execute(LOADED_FILES_SQL)
    for table in tables.values():
        con.execute(table.create_sql())


def ingest_family(con: duckdb.DuckDBPyConnection, family: str, tables: dict[str, RawTable], *,
                  landing: Path, la_code: str, now: datetime | None = None,
                  extract_month: date | Collection[date] | None = None) -> IngestSummary:
    """extract_month (first of a month, or several) limits the load to those months' extract folders."""
    plan = plan_family(con, family, tables, landing=landing, la_code=la_code, extract_month=extract_month)
    return load_planned(con, plan, now=now)


@dataclass
class FamilyPlan:
    """What one council's landing folder holds for a family that is not loaded yet."""

    la_code: str
    to_load: list[tuple[LandedFile, str]]  # (file, content hash), in landing order
    summary: IngestSummary

    @property
    def cin_census_files(self) -> list[Path]:
        return [landed.path for landed, _ in self.to_load if landed.kind == "cin_census"]


def plan_family(con: duckdb.DuckDBPyConnection, family: str, tables: dict[str, RawTable], *,
                landing: Path, la_code: str, extract_month: date | Collection[date] | None = None) -> FamilyPlan:
    months = {extract_month} if isinstance(extract_month, date) else set(extract_month or ())
    create_raw_tables(con, tables)
    plan = FamilyPlan(la_code, [], IngestSummary(rows_loaded={name: 0 for name in tables}))
    summary = plan.summary
    # A file is the same file only within one extract: the same bytes landed again in a
    # later extract folder are that extract's snapshot (a table that did not change).
    already = {
        (h, d, t) for h, d, t in con.execute(
            "select file_hash, extract_date, raw_table from raw.loaded_files where la_code = ?", [la_code]
        ).fetchall()
    }
    for landed in landed_files(landing):
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
        digest = file_hash(landed.path)
        if all((digest, landed.extract_date, t) in already for t in _targets(landed, tables)):
            summary.files_already_loaded.append(str(landed.path))
            continue
        plan.to_load.append((landed, digest))
    return plan


def load_planned(con: duckdb.DuckDBPyConnection, plan: FamilyPlan, *, now: datetime | None = None,
                 cin_parser: ParallelCinParser | None = None) -> IngestSummary:
    """Load a plan's files, each in its own transaction; `cin_parser`, when given, has been
    parsing the plan's CIN census returns ahead (in the same order)."""
    now = now or datetime.now()
    summary, la_code = plan.summary, plan.la_code
    for landed, digest in plan.to_load:
        notes: list[str] = []
        if landed.extra_columns:
            notes.append(f"columns {', '.join(landed.extra_columns)} are not {landed.table.name} columns: not loaded")
        con.begin()
        try:
            loaded = _load(con, landed, la_code=la_code, digest=digest, now=now, notes=notes, cin_parser=cin_parser)
            for table_name, n in loaded.items():
                con.execute(
                    "insert into raw.loaded_files values (?, ?, ?, ?, ?, ?, ?)",
                    [la_code, landed.extract_date, str(landed.path), digest, table_name, n, now],
                )
                summary.rows_loaded[table_name] += n
            con.commit()
            summary.files_loaded.append(str(landed.path))
            if notes:
                summary.notes[str(landed.path)] = notes
        except (UnreadableFile, UnreadableWorkbook, duckdb.Error, UnicodeDecodeError) as exc:
            con.rollback()
            # Keyed by the file, so the message need not repeat its name.
            summary.files_failed[str(landed.path)] = str(exc).removeprefix(f"{landed.path}: ")
    return summary


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
                                file_hash=digest, loaded_at=now)
    if landed.kind == "annex_a":
        return load_annex_a(con, landed.path, la_code=la_code, extract_date=landed.extract_date,
                            file_hash=digest, loaded_at=now, notes=notes)
    if landed.kind == "csww":
        return load_csww(con, landed.path, la_code=la_code, extract_date=landed.extract_date,
                         file_hash=digest, loaded_at=now)
    return {landed.table.name: load_csv(con, landed, la_code=la_code, file_hash=digest, loaded_at=now)}
