"""Append Python rows (dicts of text) to a raw table with their lineage, through Arrow."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pyarrow as pa

from csc_scorecard.ingest.formats import RawTable, checked_columns, refusing_long_values
from csc_scorecard.warehouse import quote_literal


def append_rows(con, table: RawTable, rows: list[dict], *, la_code: str, extract_date: date, source_file: Path,
                file_hash: str, loaded_at: datetime, place: str | None = None) -> int:
    """Rows carry the table's columns (missing ones are NULL) and `_row_number`; returns rows appended.

    `place`: what a row number counts in, to say where a value over the length limit is (a workbook's
    sheet); the raw table's records unless given. Such a value raises UnreadableFile, appending nothing."""
    if not rows:
        return 0
    columns = {c: pa.array([r.get(c) for r in rows], pa.string()) for c in table.columns}
    columns["_row_number"] = pa.array([r["_row_number"] for r in rows], pa.int64())
    where = f"{quote_literal(f'{source_file}: {place or table.name} row ')} || _row_number"
    con.register("rows_to_append", pa.table(columns))
    try:
        with refusing_long_values():
            con.execute(f"""
                insert into {table.qualified} by name
                select {checked_columns(table, where)}, _row_number, {quote_literal(la_code)} as _la_code,
                       {quote_literal(extract_date.isoformat())}::date as _extract_date,
                       {quote_literal(str(source_file))} as _source_file,
                       {quote_literal(file_hash)} as _file_hash,
                       {quote_literal(loaded_at.isoformat(sep=' '))}::timestamp as _loaded_at
                from rows_to_append
            """)
    finally:
        con.unregister("rows_to_append")
    return len(rows)
