"""Dagster's SQLite event log, kept but made cheaper per event (configured in .dagster_home/dagster.yaml).

Every Dagster event (a step starting, an asset materialised, a check evaluated) is a write to
SQLite files under DAGSTER_HOME. Dagster's own storage builds a new SQLAlchemy engine for every
write and opens and closes a connection each time. Closing the only connection to a file in WAL
mode checkpoints the WAL into the database and deletes it, and with SQLite's default
`synchronous=FULL` each commit also waits for the disk. At ~800 events, that was over half of one
council's monthly refresh. This storage is the same files and the same tables, with three changes:

* one engine per database file, reused;
* each engine keeps one connection open between writes (a pool of one, more only while a write
  nests inside another), so a write is a commit to the WAL, not a checkpoint. SQLite shares WAL
  files between processes, so the webserver, the daemon and a run's process still read and write
  them side by side; an idle connection holds no lock;
* `synchronous=NORMAL` on each connection. In WAL mode this keeps the database consistent on a
  crash and may lose only the last writes on a power cut: run history, not warehouse data.

It overrides `_connect`, a private method (with `_db_lock`, `_initialized_dbs` and `_initdb`), so
a Dagster upgrade must re-check it; tests/test_event_log.py covers what depends on it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from dagster._core.storage.event_log import SqliteEventLogStorage
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import QueuePool

BUSY_TIMEOUT_SECONDS = 15  # Dagster's own, for files another process is writing


def _sync_normally(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("pragma synchronous = normal")
    cursor.close()


class EngineReusingSqliteEventLogStorage(SqliteEventLogStorage):
    """SqliteEventLogStorage with an engine per shard (run or index file) instead of per write."""

    def __init__(self, base_dir: str, inst_data=None):
        self._engines: dict[str, Engine] = {}
        super().__init__(base_dir, inst_data=inst_data)

    @classmethod
    def from_config_value(cls, inst_data, config_value) -> "EngineReusingSqliteEventLogStorage":
        # A relative base_dir is under DAGSTER_HOME (history/runs is where Dagster keeps it).
        base_dir = os.path.join(os.environ.get("DAGSTER_HOME", ""), os.path.expanduser(config_value["base_dir"]))
        return cls(base_dir, inst_data=inst_data)

    def _engine(self, shard: str) -> Engine:
        engine = self._engines.get(shard)
        if engine is None:
            # check_same_thread: the webserver writes from several threads, one at a time (_db_lock).
            engine = create_engine(self.conn_string_for_shard(shard), poolclass=QueuePool, pool_size=1,
                                   max_overflow=-1,
                                   connect_args={"timeout": BUSY_TIMEOUT_SECONDS, "check_same_thread": False})
            event.listen(engine, "connect", _sync_normally)
            self._engines[shard] = engine
        return engine

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        with self._db_lock:
            engine = self._engine(shard)
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as conn:
                with conn.begin():
                    yield conn

    def dispose(self) -> None:
        for engine in self._engines.values():
            engine.dispose()
        self._engines.clear()
        super().dispose()

