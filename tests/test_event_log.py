"""The instance's event log (.dagster_home/dagster.yaml): Dagster's SQLite files, an engine per file."""

import shutil

import dagster as dg
from sqlalchemy import text

from csc_scorecard.defs.event_log import EngineReusingSqliteEventLogStorage
from csc_tools import REPO_ROOT


def test_runs_are_recorded_where_dagster_keeps_them_and_read_back_by_a_new_instance(tmp_path, monkeypatch):
    shutil.copy(REPO_ROOT / ".dagster_home" / "dagster.yaml", tmp_path / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))

    @dg.asset
    def referrals():
        return dg.MaterializeResult(metadata={"rows": 3})

    @dg.asset_check(asset=referrals)
    def referrals_have_rows():
        return dg.AssetCheckResult(passed=True)

    with dg.DagsterInstance.get() as instance:
        storage = instance.event_log_storage
        assert isinstance(storage, EngineReusingSqliteEventLogStorage)
        result = dg.materialize([referrals, referrals_have_rows], instance=instance)
        assert result.success
        # One engine per file, however many events were written to it.
        assert set(storage._engines) == {"index", result.run_id}
        with storage.index_connection() as conn:
            assert conn.execute(text("pragma synchronous")).scalar() == 1  # NORMAL
        # Held open between writes: the WAL stays (closing the last connection checkpoints it away).
        assert (tmp_path / "history" / "runs" / "index.db-wal").exists()
    assert (tmp_path / "history" / "runs" / f"{result.run_id}.db").exists()
    assert not (tmp_path / "history" / "runs" / "index.db-wal").exists()  # closed with the instance

    with dg.DagsterInstance.get() as again:  # as the webserver or the next run would read it
        event = again.get_latest_materialization_event(dg.AssetKey("referrals"))
        assert event.asset_materialization.metadata["rows"].value == 3
        assert again.get_run_by_id(result.run_id).is_success
        assert len(again.all_logs(result.run_id)) > 5
