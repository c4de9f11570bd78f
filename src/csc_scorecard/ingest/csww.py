"""Stream a CSWW (children's social work workforce) census XML into raw tables.

The annual return (reference date 30 September) loads for history beside the monthly HR
extracts: one row per <CSWWWorker> in raw.csww_workers and one row per file in
raw.csww_la_level (the header and <LALevelVacancies>). Workers are read one at a time with
lxml iterparse and cleared once read, as the CIN census is; names are matched without namespace.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
from lxml import etree

from csc_scorecard.ingest.cin_census import UnreadableFile, _fields, _local
from csc_scorecard.ingest.csv_loader import SourceFile
from csc_scorecard.ingest.encoding import xml_fault
from csc_scorecard.ingest.formats import CSWW, METADATA_COLUMNS, checked_columns, refusing_long_values
from csc_scorecard.warehouse import quote_literal

BATCH_ROWS = 50_000
_HEADER_FIELDS = ("Collection", "Year", "ReferenceDate", "LEA")


def read_csww(path: Path, batch_rows: int = BATCH_ROWS):
    """Yields (table name, rows) batches: workers as they are read, the LA-level row last."""
    header: dict[str, str | None] = {}
    la_level: dict[str, str | None] = {}
    workers: list[dict] = []
    seq = 0
    tags = [f"{{*}}{t}" for t in ("CollectionDetails", "Source", "LALevelVacancies", "CSWWWorker")]
    tags += ["CollectionDetails", "Source", "LALevelVacancies", "CSWWWorker"]
    try:
        for _, elem in etree.iterparse(str(path), events=("end",), tag=tags, huge_tree=True,
                                       resolve_entities=False, no_network=True):
            name = _local(elem.tag)
            if name in ("CollectionDetails", "Source"):
                header |= {k: v for k, v in _fields(elem).items() if k in _HEADER_FIELDS}
            elif name == "LALevelVacancies":
                la_level = _fields(elem)
            else:
                seq += 1
                # The census year and LA are header values; each worker row carries them so a
                # row can be read on its own (as CIN rows carry LAchildID).
                workers.append({"_worker_seq": seq, **_fields(elem),
                                "ReferenceDate": header.get("ReferenceDate"), "LEA": header.get("LEA")})
            elem.clear(keep_tail=False)
            parent = elem.getparent()
            if parent is not None:
                while elem.getprevious() is not None:
                    del parent[0]
            if len(workers) >= batch_rows:
                yield "csww_workers", workers
                workers = []
    except etree.XMLSyntaxError as exc:
        raise UnreadableFile(f"{path}: {xml_fault(exc)}") from None
    if workers:
        yield "csww_workers", workers
    yield "csww_la_level", [{**header, **la_level}]


def load_csww(con: duckdb.DuckDBPyConnection, path: Path, *, la_code: str, extract_date: date,
              file_hash: str, loaded_at: datetime) -> dict[str, int]:
    """Append one CSWW census file; returns rows loaded per raw table."""
    return load_csww_batch(con, [SourceFile(path, la_code, extract_date, file_hash)], loaded_at=loaded_at)[path]


def load_csww_batch(con: duckdb.DuckDBPyConnection, files: list[SourceFile], *,
                    loaded_at: datetime) -> dict[Path, dict[str, int]]:
    """Append several CSWW census files in one insert per raw table; returns rows loaded per file
    and table. Each file's rows are numbered from 1 and carry its own lineage. The returns are
    small (a national extract: 456 of about 23 KB), so a statement and a commit each cost more
    than reading one; the caller decides the transaction. Raises UnreadableFile naming the file."""
    columns = {name: {c: [] for c in (*table.columns, *METADATA_COLUMNS)} for name, table in CSWW.items()}
    loaded: dict[Path, dict[str, int]] = {}
    for source in files:
        counts = loaded.setdefault(source.path, dict.fromkeys(CSWW, 0))
        for name, rows in read_csww(source.path):
            table_columns = columns[name]
            for c in CSWW[name].columns:
                table_columns[c] += [r.get(c) for r in rows]
            first = counts[name] + 1
            table_columns["_row_number"] += range(first, first + len(rows))
            for c, value in (("_la_code", source.la_code), ("_extract_date", source.extract_date),
                             ("_source_file", str(source.path)), ("_file_hash", source.file_hash),
                             ("_loaded_at", loaded_at)):
                table_columns[c] += [value] * len(rows)
            counts[name] += len(rows)
    for name, table in CSWW.items():
        if not columns[name]["_row_number"]:
            continue
        con.register("csww_batch", pa.table(columns[name]))
        where = f"_source_file || {quote_literal(f': {name} row ')} || _row_number"
        try:
            with refusing_long_values():
                con.execute(f"insert into {table.qualified} by name select {checked_columns(table, where)}, "
                            f"* exclude ({', '.join(table.columns)}) "
                            "from csww_batch")
        finally:
            con.unregister("csww_batch")
    return loaded
