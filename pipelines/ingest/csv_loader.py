"""Load a recognised CSV into its raw table, every value kept as text."""

from __future__ import annotations

from datetime import datetime

import duckdb

from pipelines.ingest.formats import RawTable, header_names
from pipelines.ingest.landing import LandedFile, read_csv_header
from pipelines.warehouse import quote_literal


def load_csv(con: duckdb.DuckDBPyConnection, landed: LandedFile, *, la_code: str, file_hash: str,
             loaded_at: datetime) -> int:
    """Append the file's rows to its raw table; returns the number of rows loaded."""
    table: RawTable = landed.table  # type: ignore[assignment]
    header = read_csv_header(landed.path) or []
    by_name = header_names(header)
    # DuckDB dedups repeated header names, so select by the name it will use.
    selected = ", ".join(
        f'{_quote_ident(by_name[c.upper()])} as "{c}"' if c.upper() in by_name else f'null as "{c}"'
        for c in table.columns
    )
    # An insert returns the number of rows it added: no need to count the table before and after.
    inserted = con.execute(f"""
        insert into {table.qualified} by name
        select {selected},
               {quote_literal(la_code)} as _la_code,
               {quote_literal(landed.extract_date.isoformat())}::date as _extract_date,
               {quote_literal(str(landed.path))} as _source_file,
               {quote_literal(file_hash)} as _file_hash,
               row_number() over () as _row_number,
               {quote_literal(loaded_at.isoformat(sep=' '))}::timestamp as _loaded_at
        from read_csv({quote_literal(str(landed.path))}, header = true, all_varchar = true,
                      delim = ',', quote = '"', null_padding = true, strict_mode = false,
                      columns = {_columns_struct(header)})
    """).fetchone()[0]
    return inserted


def _columns_struct(header: list[str]) -> str:
    # Naming every column ourselves stops the sniffer guessing a header-only
    # or one-column file into something else.
    names = [h.replace("\ufeff", "") for h in header]
    return "{" + ", ".join(f"{quote_literal(n)}: 'VARCHAR'" for n in names) + "}"


def _quote_ident(name: str) -> str:
    return '"' + name.replace("\ufeff", "").replace('"', '""') + '"'
