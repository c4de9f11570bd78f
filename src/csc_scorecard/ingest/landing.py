"""The landing folder: one sub-folder per monthly extract, named by its date.

    landing/2026-10-31/episodes.csv, cin_census.xml, hr_staff.csv, ...

Files are recognised by their content (a CSV's header row, an XML's root and
collection), never by their name: councils' exports are named inconsistently. Content is
parsed, not searched for a string: an XML return under a namespace prefix or in UTF-16 is
the same return, and a CSV's header is read in the encoding it was saved in (encoding.py).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from lxml import etree

from csc_scorecard.ingest.encoding import UTF8, UTF8_BOM, Utf8Check, bom_encoding, sniff_encoding, xml_fault
from csc_scorecard.ingest.formats import (RawTable, closest_csv_table, looks_like_ssda903, normalise_header,
                                          printable, recognise_csv)

# Extracts older than this are not expected (the raw partitions start here); a folder dated before
# it is reported, not loaded.
FIRST_EXTRACT_MONTH = date(2010, 1, 1)

# A council's largest return, a CIN census XML, is tens of MB; a national one for 152 councils is
# 2.7 GB in all. A single file past 2 GB is far more likely a wrong export (a database dump, a whole
# share zipped and renamed) than a month's return, and would hold the build for many minutes before
# failing: it is reported, naming this limit, and not read.
MAX_FILE_BYTES = 2 << 30

# Why something under the landing is not read: the `outcome` of its row in quality.landing_files.
NOT_A_MONTH_FOLDER = "not a month folder"
NOT_A_REAL_DATE = "not a real date"
DATED_IN_FUTURE = "dated in the future"
DATED_TOO_EARLY = "dated before 2010"
OUTSIDE_EXTRACT = "not in an extract folder"
HIDDEN = "hidden"
EMPTY = "empty"
TOO_LARGE = "too large"
LINK = "symlink (not followed)"
UNRECOGNISED = "unrecognised"
TABLE_NOT_READ = "table not read"


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
    # For an unrecognised file, why in a word (one of the outcomes above), for the landing report.
    outcome: str = ""
    # A CSV's text encoding (ingest/encoding.py), as its start shows; planning checks the rest.
    encoding: str = UTF8


@dataclass(frozen=True)
class LandingEntry:
    """One file or folder found under a council's landing: a file to read, or why it is not read."""

    path: Path
    relative: str  # to the landing, '/'-separated
    extract_folder: str  # the landing's folder it is in (or is); "" for a file directly in the landing
    is_folder: bool
    extract_date: date | None = None  # for an extract folder and what is in it
    landed: LandedFile | None = None  # a file in an extract folder, recognised or not
    outcome: str = ""  # for anything else: why it is not read, in a word
    reason: str = ""  # and in a sentence, for the person who can fix it


def extract_folders(landing: Path, today: date | None = None) -> list[tuple[date, Path]]:
    """Extract folders in date order: folders named by a real date, from 2010 to this month (not links)."""
    if not landing.is_dir():
        return []
    folders = []
    for child in landing.iterdir():
        if child.is_symlink() or not child.is_dir():
            continue
        extract_date, _, _ = folder_date(child.name, today)
        if extract_date is not None:
            folders.append((extract_date, child))
    return sorted(folders)


def folder_date(name: str, today: date | None = None) -> tuple[date | None, str, str]:
    """A landing folder's extract date, or None with why it is not an extract folder (outcome, reason)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", name):
        return None, NOT_A_MONTH_FOLDER, ("not an extract folder: name each month's folder by its extract "
                                          "date, YYYY-MM-DD (e.g. 2026-10-31)")
    try:
        extract_date = date.fromisoformat(name)
    except ValueError:
        return None, NOT_A_REAL_DATE, f"{name} is not a real date: rename the folder to the extract's date"
    this_month = (today or date.today()).replace(day=1)
    if extract_date.replace(day=1) > this_month:
        return None, DATED_IN_FUTURE, (f"{name} is in a month still to come: the folder is not read until then; "
                                       "if the date is a typo, rename the folder to the extract's date")
    if extract_date < FIRST_EXTRACT_MONTH:
        return None, DATED_TOO_EARLY, (f"{name} is before {FIRST_EXTRACT_MONTH:%Y-%m}, the first month read: "
                                       "rename the folder if the date is wrong")
    return extract_date, "", ""


def survey(landing: Path, today: date | None = None) -> list[LandingEntry]:
    """Everything under a council's landing, each file and folder once, in path order.

    Links are never followed: a link's target may be outside the landing, or the same file
    twice. Only files directly in an extract folder are read; anything else is listed with why not.
    """
    entries: list[LandingEntry] = []
    if not landing.is_dir():
        return entries

    def entry(path: Path, top: str, **kw) -> LandingEntry:
        return LandingEntry(path, path.relative_to(landing).as_posix(), top, path.is_dir() and not path.is_symlink(),
                            **kw)

    def below(folder: Path, top: str, outcome: str, reason: str) -> None:
        # What is inside a folder that is not read is not read either, and says so.
        for child in sorted(folder.iterdir()):
            if child.is_symlink():
                entries.append(entry(child, top, outcome=LINK, reason=_link_reason(child)))
                continue
            entries.append(entry(child, top, outcome=outcome, reason=reason))
            if child.is_dir():
                below(child, top, outcome, reason)

    for child in sorted(landing.iterdir()):
        top = child.name
        if child.is_symlink():
            entries.append(entry(child, top, outcome=LINK, reason=_link_reason(child)))
        elif child.name.startswith("."):
            entries.append(entry(child, top, outcome=HIDDEN, reason=_HIDDEN_REASON))
            if child.is_dir():
                below(child, top, HIDDEN, f"in the hidden folder {top}: not read")
        elif not child.is_dir():
            entries.append(LandingEntry(child, top, "", False, outcome=OUTSIDE_EXTRACT,
                                        reason="directly in the landing: move it into its extract folder (YYYY-MM-DD)"))
        else:
            extract_date, outcome, reason = folder_date(child.name, today)
            if extract_date is None:
                entries.append(entry(child, top, outcome=outcome, reason=reason))
                below(child, top, outcome, f"in the folder {top}, which is not read: {reason}")
                continue
            entries.append(entry(child, top, extract_date=extract_date))
            for path in sorted(child.iterdir()):
                if path.is_dir() and not path.is_symlink():
                    why = "a folder inside an extract folder: move its files up into " + top
                    entries.append(entry(path, top, extract_date=extract_date, outcome=OUTSIDE_EXTRACT, reason=why))
                    below(path, top, OUTSIDE_EXTRACT, why)
                else:
                    entries.append(entry(path, top, extract_date=extract_date, landed=_landed(path, extract_date)))
    return entries


_HIDDEN_REASON = "a hidden file (its name starts with a dot): not read; rename it if it is an extract"


def _link_reason(path: Path) -> str:
    target = os.readlink(path)
    return (f"a symbolic link (to {target}): links are never followed, their target may be outside the "
            "landing; copy the file itself into the extract folder")


def _landed(path: Path, extract_date: date) -> LandedFile:
    """A file directly in an extract folder: recognised, or why it is not read."""
    def not_read(outcome: str, reason: str) -> LandedFile:
        return LandedFile(path, extract_date, "unrecognised", reason=reason, outcome=outcome)

    if path.is_symlink():
        return not_read(LINK, _link_reason(path))
    if path.name.startswith("."):
        return not_read(HIDDEN, _HIDDEN_REASON)
    size = path.stat().st_size
    if size == 0:
        return not_read(EMPTY, "empty file (no header row)" if path.suffix.lower() == ".csv" else "empty file (0 bytes)")
    if size > MAX_FILE_BYTES:
        return not_read(TOO_LARGE, f"{size / (1 << 30):.1f} GB, over the {MAX_FILE_BYTES / (1 << 30):g} GB limit "
                                   "for one file (MAX_FILE_BYTES in csc_scorecard/ingest/landing.py): not read; "
                                   "check it is the right export")
    landed = classify(path, extract_date)
    if landed.kind == "unrecognised" and not landed.outcome:
        return replace(landed, outcome=UNRECOGNISED)
    return landed


def classify(path: Path, extract_date: date) -> LandedFile:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _classify_csv(path, extract_date)
    if suffix in (".xlsx", ".xlsm"):
        # Annex A is the only workbook this pipeline reads; a broken one fails at load, naming itself.
        return LandedFile(path, extract_date, "annex_a")
    if suffix == ".xml":
        kind, reason = sniff_xml(path)
        return LandedFile(path, extract_date, kind or "unrecognised", reason=reason)
    return LandedFile(path, extract_date, "unrecognised", reason=f"unknown file type {suffix or '(none)'}")


def _classify_csv(path: Path, extract_date: date) -> LandedFile:
    with path.open("rb") as f:
        head = f.read(4)
    if head.startswith(b"PK\x03\x04"):
        return LandedFile(path, extract_date, "unrecognised",
                          reason="an Excel workbook (or other zip file) with a .csv name, not a CSV: open it in "
                                 "Excel and save it as 'CSV UTF-8 (Comma delimited) (*.csv)'")
    encoding = sniff_encoding(path)
    header = read_csv_header(path, encoding)
    if header is None:
        return LandedFile(path, extract_date, "unrecognised", reason="empty file (no header row)")
    table = recognise_csv(header)
    if table is None and (near := closest_csv_table(header)):
        table, lacking = near
        return LandedFile(path, extract_date, "incomplete", table, encoding=encoding,
                          reason=f"looks like {table.name} but has no column {', '.join(lacking)}; "
                                 "every column of the table must be in the header (values may be blank)")
    if table is None and looks_like_ssda903(header):
        return LandedFile(path, extract_date, "unrecognised", outcome=TABLE_NOT_READ,
                          reason=f"an SSDA903 table (header {', '.join(header)}) this product does not read: "
                                 "left out; the rest of the extract is read")
    if table is None:
        return LandedFile(path, extract_date, "unrecognised",
                          reason=f"header {printable(', '.join(header), limit=300)} matches no known table")
    known = {c.upper() for c in table.columns}
    extra = tuple(h for h in header if h and normalise_header(h) not in known)
    return LandedFile(path, extract_date, "csv", table, extra_columns=extra, header=tuple(header), encoding=encoding)


def landed_files(landing: Path, today: date | None = None) -> list[LandedFile]:
    """Every file directly in an extract folder, recognised or with why it is not read."""
    return [entry.landed for entry in survey(landing, today) if entry.landed is not None]


def read_csv_header(path: Path, encoding: str = UTF8) -> list[str] | None:
    # errors="replace": a stray byte in a header is reported as an unknown header, not a crash.
    # "utf-8-sig" reads a UTF-8 file with or without the BOM Excel writes; a UTF-16 one's is skipped.
    with path.open("rb") as raw:
        if bom_encoding(raw.read(4)) not in (None, UTF8_BOM):
            raw.seek(2)
        else:
            raw.seek(0)
        codec = "utf-8-sig" if encoding in (UTF8, UTF8_BOM) else encoding
        with io.TextIOWrapper(raw, encoding=codec, errors="replace", newline="") as f:
            row = next(csv.reader(f), None)
    return [h.strip() for h in row] if row else None


# The returns' own XML, told apart by their content: root and DfE collection name, whatever
# namespace prefix or default namespace a supplier's tool puts on them, in whatever encoding the
# XML declaration (or byte-order mark) names. Only the start of the file is parsed.
_SNIFF_EVENTS = 400
_NOT_A_RETURN = "XML is not a CIN census, CSWW workforce census or SSDA903 return"


def sniff_xml(path: Path) -> tuple[str | None, str]:
    """The kind of return an XML file is ("cin_census", "csww", "ssda903_xml"), or None and why not."""
    names: set[str] = set()
    root = None
    try:
        with path.open("rb") as f:
            for number, (event, elem) in enumerate(etree.iterparse(
                    f, events=("start", "end"), huge_tree=True, resolve_entities=False, no_network=True,
                    remove_comments=True, remove_pis=True)):
                name = etree.QName(elem).localname if isinstance(elem.tag, str) else ""
                if root is None:
                    root = name
                if event == "start":
                    names.add(name.upper())
                    if "SSDA903" in name.upper():
                        return "ssda903_xml", ""
                    if {"CHILD", "HEADER"} <= names and root != "Message":
                        return "ssda903_xml", ""
                elif name == "Collection" and root == "Message":
                    collection = (elem.text or "").strip().upper()
                    if collection == "CIN":
                        return "cin_census", ""
                    if collection == "CSWW":
                        return "csww", ""
                    if "SSDA903" in collection:
                        return "ssda903_xml", ""
                    return None, f"a DfE return for the {printable(collection)} collection: {_NOT_A_RETURN}"
                if number >= _SNIFF_EVENTS:
                    break
    except etree.XMLSyntaxError as exc:
        if not names:
            return None, f"not XML, or XML broken at its start: {xml_fault(exc)}"
        # Broken further in than the sniff reads: what was read decides, the load names the fault.
    if root == "Message" and "COLLECTION" not in names:
        return None, f"a DfE message with no Collection in its header: {_NOT_A_RETURN}"
    return None, _NOT_A_RETURN


def file_hash(path: Path) -> str:
    return scan_file(path, csv=False)[0]


def scan_file(path: Path, *, csv: bool = True, utf8: Utf8Check | None = None) -> tuple[str, int | None]:
    """The file's content hash and, for a plain CSV, its number of data rows, in one read; `utf8`,
    when given, is fed every block, to tell whether the file is UTF-8 throughout in the same read.

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
            if utf8 is not None:
                utf8.feed(block)
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
