"""Load recognised CSVs into their raw tables, every value kept as text.

A file is read one of two ways, to the same rows:
- alone (`load_csv`), with DuckDB's sniffer settling the dialect, as any CSV can be;
- with others of the same table and header in one `read_csv` (`load_csv_batch`), with the dialect
  fixed (comma, double quote), skipping the sniffer. Only a *plain* file is read this way: no quote
  character and the same number of commas on every line, so there is nothing for a dialect to
  decide and the sniffer would read it the same. A national run's ~900 files cost ~50 ms each read
  alone (mostly sniffing and a commit per file); read together they cost a few ms each.
A file that is not UTF-8 (Windows-1252, UTF-16) is read alone, from a UTF-8 copy (encoding.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb

from csc_scorecard.ingest.encoding import DUCKDB_READS, utf8_copy
from csc_scorecard.ingest.formats import RawTable, header_names, length_checked, refusing_long_values
from csc_scorecard.ingest.landing import LandedFile, read_csv_header
from csc_scorecard.warehouse import quote_literal

CSV_OPTIONS = "header = true, all_varchar = true, delim = ',', quote = '\"', null_padding = true, strict_mode = false"
# A plain file has no quotes to escape and no ragged rows: nothing for the sniffer to detect.
FIXED_DIALECT = CSV_OPTIONS + ", escape = '\"', auto_detect = false"


@dataclass(frozen=True)
class SourceFile:
    """One landed file as a member of a batch loaded together: where its rows come from."""

    path: Path
    la_code: str
    extract_date: date
    file_hash: str


def load_csv(con: duckdb.DuckDBPyConnection, landed: LandedFile, *, la_code: str, file_hash: str,
             loaded_at: datetime) -> int:
    """Append the file's rows to its raw table; returns the number of rows loaded. A file not in
    UTF-8 is read from a UTF-8 copy (raises UndecodableText if it is text in no encoding it could be)."""
    header = list(landed.header) or read_csv_header(landed.path, landed.encoding) or []
    source = SourceFile(landed.path, la_code, landed.extract_date, file_hash)
    if landed.encoding in DUCKDB_READS:
        return _insert(con, landed.table, header, source, loaded_at=loaded_at, read_from=landed.path)
    with utf8_copy(landed.path, landed.encoding) as copy:
        return _insert(con, landed.table, header, source, loaded_at=loaded_at, read_from=copy)


def _insert(con, table: RawTable, header: Sequence[str], source: SourceFile, *, loaded_at: datetime,
            read_from: Path) -> int:
    # An insert returns the number of rows it added: no need to count the table before and after.
    with refusing_long_values():
        return con.execute(f"""
            insert into {table.qualified} by name
            {_select_file(table, header, source, loaded_at=loaded_at, options=CSV_OPTIONS, read_from=read_from)}
        """).fetchone()[0]


def load_csv_batch(con: duckdb.DuckDBPyConnection, table: RawTable, header: Sequence[str],
                   files: Sequence[SourceFile], *, loaded_at: datetime) -> int:
    """Append several plain files of one table, all with this header, in one statement.

    Each file's rows, lineage and `_row_number` (from 1 in each file) are what loading it alone
    gives. Returns the number of rows loaded; raises duckdb.Error if any file cannot be read
    (the caller rolls back its transaction, so nothing of the batch stays).
    """
    selects = [_select_file(table, header, f, loaded_at=loaded_at, options=FIXED_DIALECT) for f in files]
    return con.execute(f"insert into {table.qualified} by name\n" + "\nunion all\n".join(selects)).fetchone()[0]


# The file's row numbers, under a name no header can give a column (a CSV's names are its own).
_ROW = '"_row_number of the file"'


def _select_file(table: RawTable, header: Sequence[str], file: SourceFile, *, loaded_at: datetime, options: str,
                 read_from: Path | None = None) -> str:
    # Numbered in the read, then each value checked against the length limit naming its row.
    # read_from: where the bytes DuckDB reads are, when not the landed file itself (a UTF-8 copy);
    # the rows' lineage is the landed file all the same.
    return f"""
        select {_selected(table, header, file.path)},
               {quote_literal(file.la_code)} as _la_code,
               {quote_literal(file.extract_date.isoformat())}::date as _extract_date,
               {quote_literal(str(file.path))} as _source_file,
               {quote_literal(file.file_hash)} as _file_hash,
               {_ROW} as _row_number,
               {quote_literal(loaded_at.isoformat(sep=' '))}::timestamp as _loaded_at
        from (select *, row_number() over () as {_ROW}
              from read_csv({quote_literal(str(read_from or file.path))}, {options}, columns = {_columns_struct(header)}))"""


def _selected(table: RawTable, header: Sequence[str], path: Path) -> str:
    by_name = header_names(list(header))
    where = f"{quote_literal(f'{path}: row ')} || {_ROW}"
    # DuckDB dedups repeated header names, so select by the name it will use.
    return ", ".join(
        f'{length_checked(_quote_ident(by_name[c.upper()]), by_name[c.upper()], where)} as "{c}"'
        if c.upper() in by_name else f'null as "{c}"'
        for c in table.columns
    )


def _columns_struct(header: Sequence[str]) -> str:
    # Naming every column ourselves stops the sniffer guessing a header-only
    # or one-column file into something else.
    names = [h.replace("\ufeff", "") for h in header]
    return "{" + ", ".join(f"{quote_literal(n)}: 'VARCHAR'" for n in names) + "}"


def _quote_ident(name: str) -> str:
    return '"' + name.replace("\ufeff", "").replace('"', '""') + '"'
