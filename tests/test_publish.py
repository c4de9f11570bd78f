"""The analysts' copy: replaced whole, never half-written, never blocking a run."""

import duckdb
import pytest

from csc_scorecard import publish
from csc_scorecard.publish import publish_warehouse
from csc_scorecard.settings import load_settings


def _write(con, value):
    con.execute("create schema if not exists metrics")
    con.execute("create or replace table metrics.t as select ? as v", [value])


def test_publish_copies_the_working_database(tmp_path):
    published = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(tmp_path / ".warehouse.building.duckdb")) as con:
        _write(con, 1)
        assert publish_warehouse(con, published) == published
    with duckdb.connect(str(published), read_only=True) as reader:
        assert reader.sql("select v from metrics.t").fetchone() == (1,)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    # Raw as landed is the data team's: the working file is its owner's alone.
    assert (tmp_path / ".warehouse.building.duckdb").stat().st_mode & 0o777 == 0o600


def test_an_analyst_holding_the_copy_open_does_not_block_the_next_publish(tmp_path):
    published = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(tmp_path / "work.duckdb")) as con:
        _write(con, 1)
        publish_warehouse(con, published)
        with duckdb.connect(str(published), read_only=True) as analyst:
            _write(con, 2)
            publish_warehouse(con, published)
            # The open session keeps the copy it opened; a new one sees the new build.
            assert analyst.sql("select v from metrics.t").fetchone() == (1,)
        with duckdb.connect(str(published), read_only=True) as analyst:
            assert analyst.sql("select v from metrics.t").fetchone() == (2,)


def test_a_copy_that_fails_half_way_leaves_the_published_file_as_it_was(tmp_path, monkeypatch):
    published = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(tmp_path / "work.duckdb")) as con:
        _write(con, 1)
        publish_warehouse(con, published)
        before = published.read_bytes()

        real = publish.write_analyst_copy

        def copy_half_then_die(con, path):
            real(con, path)
            path.write_bytes(path.read_bytes()[:4096])
            raise OSError("disk full")

        monkeypatch.setattr(publish, "write_analyst_copy", copy_half_then_die)
        _write(con, 2)
        with pytest.raises(OSError, match="disk full"):
            publish_warehouse(con, published)
    assert published.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warehouse.duckdb", "work.duckdb"]


def test_a_partial_copy_left_by_a_killed_publish_is_cleared_by_the_next(tmp_path):
    published = tmp_path / "warehouse.duckdb"
    (tmp_path / ".warehouse.duckdb.4242.tmp").write_bytes(b"half a database")
    with duckdb.connect(str(tmp_path / "work.duckdb")) as con:
        _write(con, 1)
        publish_warehouse(con, published)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warehouse.duckdb", "work.duckdb"]


def test_runs_write_a_working_file_beside_the_published_one(tmp_path):
    settings = load_settings().with_paths(warehouse=tmp_path / "warehouse.duckdb")
    assert settings.working_warehouse == tmp_path / ".warehouse.building.duckdb"


def test_the_warehouse_stays_open_between_steps_and_closes_with_the_run(tmp_path):
    """Each step's connection reuses the database the run holds open, so it is not reloaded per
    step; when the run ends the file is released for the next writer."""
    import dagster as dg
    import duckdb

    from csc_scorecard.defs.resources import WarehouseResource

    path = tmp_path / "working.duckdb"
    seen = []

    @dg.asset
    def first(warehouse: WarehouseResource):
        with warehouse.get_connection() as con:
            con.execute("create table t as select 1 as x")
            # A global setting lives as long as the database instance does.
            con.execute("set global default_null_order = 'nulls_first_on_asc_last_on_desc'")

    @dg.asset(deps=[first])
    def second(warehouse: WarehouseResource):
        with warehouse.get_connection() as con:
            con.execute("insert into t values (2)")
            seen.append(con.sql("select lower(current_setting('default_null_order'))").fetchone()[0])
            seen.append(con.sql("select current_setting('checkpoint_threshold')").fetchone()[0])

    assert dg.materialize([first, second], resources={"warehouse": WarehouseResource(database=str(path))}).success
    # The run checkpoints every 256 MB of WAL, not DuckDB's 16 MB (see WarehouseResource).
    assert seen == ["nulls_first_on_asc_last_on_desc", "244.1 MiB"]
    with duckdb.connect(str(path)) as con:  # released: another process-level writer can open it
        assert con.sql("select sum(x) from t").fetchone()[0] == 3
