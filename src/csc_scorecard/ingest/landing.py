"""The landing folder: one sub-folder per monthly extract, named by its date.

    landing/2026-10-31/episodes.csv, cin_census.xml, hr_staff.csv, ...

Files are recognised by their content (a CSV's header row, an XML's root and
collection), never by their name: councils' exports are named inconsistently.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from csc_scorecard.ingest.formats import RawTable, closest_csv_table, normalise_header, recognise_csv


@dataclass(frozen=True)
class LandedFile:
    path: Path
    extract_date: date
    # "csv" | "cin_census" | "csww" | "ssda903_xml" | "annex_a" | "incomplete" (a CSV table
    # lacking columns) | "unrecognised"
    kind: str
    table: RawTable | None = None  # for CSVs
    reason: str = ""  # why a file was not recognised
    extra_columns: tuple[str, ...] = ()  # CSV columns no table has: not loaded
    header: tuple[str, ...] = ()  # a CSV's header row, as read when it was recognised


def extract_folders(landing: Path) -> list[tuple[date, Path]]:
    """Extract folders in date order; folders not named YYYY-MM-DD are not extracts."""
    if not landing.is_dir():
        return []
    folders = []
    for child in landing.iterdir():
        if not child.is_dir():
            continue
        try:
            folders.append((date.fromisoformat(child.name), child))
        except ValueError:
            continue
    return sorted(folders)


def classify(path: Path, extract_date: date) -> LandedFile:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        header = read_csv_header(path)
        if header is None:
            return LandedFile(path, extract_date, "unrecognised", reason="empty file (no header row)")
        table = recognise_csv(header)
        if table is None and (near := closest_csv_table(header)):
            table, lacking = near
            return LandedFile(path, extract_date, "incomplete", table,
                              reason=f"looks like {table.name} but has no column {', '.join(lacking)}; "
                                     "every column of the table must be in the header (values may be blank)")
        if table is None:
            return LandedFile(path, extract_date, "unrecognised",
                              reason=f"header {', '.join(header)} matches no known table")
        known = {c.upper() for c in table.columns}
        extra = tuple(h for h in header if h and normalise_header(h) not in known)
        return LandedFile(path, extract_date, "csv", table, extra_columns=extra, header=tuple(header))
    if suffix in (".xlsx", ".xlsm"):
        # Annex A is the only workbook this pipeline reads; a broken one fails at load, naming itself.
        return LandedFile(path, extract_date, "annex_a")
    if suffix == ".xml":
        if sniff_cin_census(path):
            return LandedFile(path, extract_date, "cin_census")
        if sniff_collection(path, "CSWW"):
            return LandedFile(path, extract_date, "csww")
        if sniff_ssda903_xml(path):
            return LandedFile(path, extract_date, "ssda903_xml")
        return LandedFile(path, extract_date, "unrecognised",
                          reason="XML is not a CIN census, CSWW workforce census or SSDA903 return")
    return LandedFile(path, extract_date, "unrecognised", reason=f"unknown file type {suffix or '(none)'}")


def landed_files(landing: Path) -> list[LandedFile]:
    return [
        classify(path, extract_date)
        for extract_date, folder in extract_folders(landing)
        for path in sorted(folder.iterdir())
        if path.is_file() and not path.name.startswith(".")
    ]


def read_csv_header(path: Path) -> list[str] | None:
    # utf-8-sig drops the BOM Excel writes; errors="replace" so a stray byte
    # in a header is reported as an unknown header rather than a crash.
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as f:
        row = next(csv.reader(f), None)
    return [h.strip() for h in row] if row else None


def sniff_cin_census(path: Path, limit: int = 4096) -> bool:
    return sniff_collection(path, "CIN", limit)


def sniff_collection(path: Path, collection: str, limit: int = 4096) -> bool:
    """Whether an XML's header names the DfE collection (CIN, CSWW) in its first few KB."""
    with path.open("rb") as f:
        text = f.read(limit).decode("utf-8", errors="replace")
    return "<Message" in text and f"<Collection>{collection}" in text.replace(" ", "")


def sniff_ssda903_xml(path: Path, limit: int = 4096) -> bool:
    with path.open("rb") as f:
        text = f.read(limit).decode("utf-8", errors="replace").upper()
    return "SSDA903" in text or ("<CHILD>" in text and "<HEADER>" in text)


def file_hash(path: Path) -> str:
    return scan_file(path, csv=False)[0]


def scan_file(path: Path, *, csv: bool = True) -> tuple[str, int | None]:
    """The file's content hash and, for a plain CSV, its number of data rows, in one read.

    Plain: no quote character, no carriage return but before a newline, and the same number of
    commas on every line. A plain file has one record per line, read the same under any dialect
    DuckDB's sniffer could pick, so it can be loaded with others (csv_loader); for any other file,
    or not a CSV, the count is None.
    """
    digest = hashlib.sha256()
    plain, commas, lines, tail = csv, None, 0, b""
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
            if not plain:
                continue
            if b'"' in block:
                plain = False
                continue
            text = tail + block
            cut = text.rfind(b"\n") + 1
            whole, tail = text[:cut].split(b"\n")[:-1], text[cut:]
            if whole and commas is None:
                commas = whole[0].count(b",")
            plain = (set(map(bytes.count, whole, [b","] * len(whole))) <= {commas}
                     and text.count(b"\r", 0, cut) == text.count(b"\r\n", 0, cut))
            lines += len(whole)
    if plain and tail:
        plain = b"\r" not in tail and (commas is None or tail.count(b",") == commas)
        lines += 1
    return digest.hexdigest(), (lines - 1 if plain and lines else None)
