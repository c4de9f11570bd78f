"""Read an Ofsted ILACS Annex A workbook (lists 1-11) into raw tables.

Councils build Annex A from the Ofsted template but rename sheets ("List 1",
"L1 Contacts", "list_1") and retype headers ("Date of referral", "Referral date ").
So a sheet is matched to a list by its name, else by its headers, and each header
to the template's column by its normalised words, else by a close spelling. Values
are kept as text as the cell holds them; `a) code: label` values are split in staging.
The workbook is read in openpyxl's read-only mode, one row at a time.
"""

from __future__ import annotations

import difflib
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl

from csc_scorecard.contracts import contracts_of
from csc_scorecard.ingest.formats import RawTable, raw_table
from csc_scorecard.ingest.rows import append_rows

# The Ofsted template's lists, each declared by its contract (contracts/annex_a_list_<n>.toml): the
# template's headers, list by list, and the other spellings councils use for a column.
_LISTS = {c.annex_list: c for c in contracts_of("annex_a").values()}
TEMPLATE: dict[int, list[str]] = {n: [c.header for c in _LISTS[n].columns] for n in sorted(_LISTS)}
TITLES: dict[int, str] = {n: _LISTS[n].title for n in sorted(_LISTS)}
ALIASES: dict[str, list[str]] = {c.name: list(c.aliases) for n in sorted(_LISTS) for c in _LISTS[n].columns if c.aliases}


def column_name(header: str) -> str:
    """The raw column name for a template header: its words, lower case, joined by _."""
    return "_".join(_words(header))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", str(text).lower().replace("’", "").replace("'", ""))


ANNEX_A: dict[str, RawTable] = {f"annex_a_list_{n}": raw_table(_LISTS[n]) for n in sorted(_LISTS)}


class UnreadableWorkbook(ValueError):
    """The file is not a workbook openpyxl can open; the message names the file."""


def sniff_xlsx(path: Path) -> bool:
    return zipfile.is_zipfile(path) and "xl/workbook.xml" in zipfile.ZipFile(path).namelist()


def _list_from_sheet_name(title: str) -> int | None:
    name = title.strip().lower()
    match = re.search(r"\blist\s*[_\-.]?\s*(\d{1,2})\b", name) or re.match(r"l\s*[_\-.]?\s*(\d{1,2})\b", name)
    if match and 1 <= int(match.group(1)) <= 11:
        return int(match.group(1))
    return None


def match_header(header: str, table: RawTable) -> str | None:
    """The raw column a header is, or None: exact words, a known alias, else a close spelling."""
    name = column_name(header)
    if not name:
        return None
    if name in table.columns:
        return name
    for column, aliases in ALIASES.items():
        if column in table.columns and name in {column_name(a) for a in aliases}:
            return column
    close = difflib.get_close_matches(name, table.columns, n=1, cutoff=0.85)
    return close[0] if close else None


def _list_from_headers(header: list) -> int | None:
    scores = {n: sum(match_header(h, ANNEX_A[f"annex_a_list_{n}"]) is not None for h in header if h)
              for n in TEMPLATE}
    best = max(scores, key=lambda n: (scores[n], -n))
    # Enough columns beyond the five every list shares to tell the list apart.
    return best if scores[best] >= 6 else None


def cell_text(value) -> str | None:
    """A cell as the text a person reads in it: dates DD/MM/YYYY, Excel's 12345.0 as 12345."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if text.strip() else None


@dataclass
class SheetRows:
    table: RawTable
    sheet: str
    rows: list[dict]  # raw column -> text, plus _row_number (the Excel row)
    unmatched_headers: list[str]


def read_annex_a(path: Path, notes: list[str] | None = None) -> Iterator[SheetRows]:
    """Each sheet that is an Annex A list; what was left out is added to `notes`."""
    notes = [] if notes is None else notes
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError or its own errors for broken files
        raise UnreadableWorkbook(f"{path}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None
    try:
        for sheet in workbook.worksheets:
            rows = sheet.iter_rows(values_only=True)
            header = next(rows, None)
            if not header:
                continue
            number = _list_from_sheet_name(sheet.title) or _list_from_headers(list(header))
            if number is None:
                notes.append(f"sheet {sheet.title!r} is not an Annex A list (by name or columns): not loaded")
                continue
            table = ANNEX_A[f"annex_a_list_{number}"]
            columns = [match_header(h, table) if h is not None else None for h in header]
            out = []
            for row_number, values in enumerate(rows, start=2):
                record = {c: cell_text(v) for c, v in zip(columns, values) if c is not None}
                if not any(cell_text(v) for v in values):
                    continue  # blank rows pad most exported sheets
                out.append({**record, "_row_number": row_number})
            unmatched = [str(h) for h, c in zip(header, columns) if h is not None and c is None]
            if unmatched:
                notes.append(f"sheet {sheet.title!r} (list {number}): columns {', '.join(unmatched)} "
                             "match no list column: not loaded")
            yield SheetRows(table, sheet.title, out, unmatched)
    finally:
        workbook.close()


def load_annex_a(con, path: Path, *, la_code: str, extract_date, file_hash: str,
                 loaded_at: datetime, notes: list[str] | None = None) -> dict[str, int]:
    """Append every list of one workbook to its raw table; returns rows loaded per raw table."""
    loaded = {name: 0 for name in ANNEX_A}
    for sheet in read_annex_a(path, notes):
        loaded[sheet.table.name] += append_rows(con, sheet.table, sheet.rows, la_code=la_code,
                                                extract_date=extract_date, source_file=path,
                                                file_hash=file_hash, loaded_at=loaded_at,
                                                place=f"sheet {sheet.sheet!r}")
    return loaded
