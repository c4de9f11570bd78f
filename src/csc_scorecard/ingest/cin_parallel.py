"""Parse many CIN census returns on every core while this process loads them into DuckDB.

Parsing XML is Python-bound and DuckDB allows one writer, so a region's returns are parsed in
worker processes, each into Parquet files of bounded batches in a temporary folder, a few files
ahead of the loader; the writer loads each return from its Parquet files, in landing order, in the
return's own transaction. Memory stays bounded by the batch size, disk by the look-ahead.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from collections import deque
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from csc_scorecard.ingest.cin_census import UnreadableFile, arrow_batch, metadata_columns, read_cin_census, trimmed
from csc_scorecard.ingest.formats import CIN_CENSUS, refusing_long_values


def parse_to_parquet(path: str, folder: str) -> dict[str, list[str]]:
    """One return's rows as Parquet files per raw table (in the worker); raises UnreadableFile."""
    written: dict[str, list[str]] = {name: [] for name in CIN_CENSUS}
    counts = dict.fromkeys(CIN_CENSUS, 0)
    os.makedirs(folder, exist_ok=True)
    for number, batch in enumerate(read_cin_census(Path(path))):
        for name, rows in batch.rows.items():
            if rows:
                target = os.path.join(folder, f"{name}-{number:05d}.parquet")
                pq.write_table(arrow_batch(name, rows, first_row=counts[name] + 1), target, compression="none")
                written[name].append(target)
                counts[name] += len(rows)
    return written


def _parse_job(job: tuple[str, str]) -> tuple[str, object]:
    path, folder = job
    try:
        return "parsed", parse_to_parquet(path, folder)
    except UnreadableFile as exc:
        return "unreadable", str(exc)


class ParallelCinParser:
    """Parses `paths` ahead in worker processes; `load(con, path, ...)` must be called in the same order."""

    def __init__(self, paths: list[Path], workers: int | None = None, ahead: int | None = None):
        self._folder = tempfile.mkdtemp(prefix="csc-cin-")
        self._workers = workers or max(1, os.cpu_count() or 1)
        # Returns load in landing order, so a large one holds up the loader while the workers race
        # ahead; room for four returns per worker keeps them busier (12 councils: 14.4 -> 13.3 s).
        self._ahead = ahead or 4 * self._workers
        # forkserver: workers start from a clean process, not a fork of one holding DuckDB's threads.
        self._pool = multiprocessing.get_context("forkserver").Pool(self._workers)
        self._waiting = deque(enumerate(str(p) for p in paths))
        self._running: deque = deque()
        self._fill()

    def _fill(self) -> None:
        while self._waiting and len(self._running) < self._ahead:
            number, path = self._waiting.popleft()
            job = (path, os.path.join(self._folder, str(number)))
            self._running.append((path, job[1], self._pool.apply_async(_parse_job, (job,))))

    def load(self, con: duckdb.DuckDBPyConnection, path: Path, *, la_code: str, extract_date,
             file_hash: str, loaded_at: datetime) -> dict[str, int]:
        expected, folder, pending = self._running.popleft()
        if expected != str(path):
            raise RuntimeError(f"parsed {expected} but asked to load {path}: load in the order given")
        self._fill()
        status, value = pending.get()
        try:
            if status == "unreadable":
                raise UnreadableFile(value)
            return load_parquet(con, value, la_code=la_code, extract_date=extract_date, path=path,
                                file_hash=file_hash, loaded_at=loaded_at)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> "ParallelCinParser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def load_parquet(con: duckdb.DuckDBPyConnection, written: dict[str, list[str]], *, la_code: str, extract_date,
                 path: Path, file_hash: str, loaded_at: datetime) -> dict[str, int]:
    metadata = metadata_columns(la_code=la_code, extract_date=extract_date, path=path, file_hash=file_hash,
                                loaded_at=loaded_at)
    loaded = dict.fromkeys(CIN_CENSUS, 0)
    for name, files in written.items():
        if not files:
            continue
        table = CIN_CENSUS[name]
        listed = "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in files) + "]"
        with refusing_long_values():
            loaded[name] = con.execute(f"insert into {table.qualified} by name select {trimmed(table, path)}, "
                                       f"_row_number, {metadata} from read_parquet({listed})").fetchone()[0]
    return loaded
