"""What the Dagster UI shows of every asset: owner, kinds, description, columns, per-partition counts."""

import shutil
from datetime import date

import dagster as dg
import duckdb

from csc_scorecard.cli import EXIT_OK, main
from csc_scorecard.definitions import build_definitions
from csc_scorecard.defs.conventions import OWNERS
from csc_scorecard.ingest.formats import SSDA903
from csc_scorecard.settings import load_settings
from tests.conftest import SAMPLES, land


def test_every_asset_has_an_owner_kinds_and_a_description():
    graph = build_definitions(load_settings()).resolve_asset_graph()
    lacking = {}
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        missing = [what for what, ok in (("owners", node.owners == OWNERS), ("kinds", node.kinds),
                                         ("description", (node.description or "").strip())) if not ok]
        if missing:
            lacking[key.to_user_string()] = missing
    assert lacking == {}


def test_each_raw_partition_carries_its_own_counts_and_tables_their_columns(tmp_path, landing, monkeypatch):
    (tmp_path / "dagster_home").mkdir()
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    # Three months with different files, so each month's counts differ.
    csvs = sorted((SAMPLES / "ssda903").glob("*.csv"))
    for month_end, paths in ((date(2024, 1, 31), csvs), (date(2024, 2, 29), csvs[:4]),
                             (date(2024, 3, 31), [SAMPLES / "ssda903" / "episodes.csv"])):
        folder = land(landing, month_end, {})
        for path in paths:
            shutil.copy(path, folder / path.name)
    warehouse = tmp_path / "w.duckdb"
    assert main(["build", "--landing", str(landing), "--warehouse", str(warehouse),
                 "--exports", str(tmp_path / "exports")]) == EXIT_OK

    instance = dg.DagsterInstance.from_config(str(tmp_path / "dagster_home"))
    run = instance.get_runs(limit=1)[0]
    materialised = [entry.asset_materialization
                    for entry in instance.all_logs(run.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION)]
    ssda903 = {m.partition: m.metadata for m in materialised if m.asset_key == dg.AssetKey(["raw", "ssda903"])}
    assert sorted(ssda903) == ["999|2024-01-01", "999|2024-02-01", "999|2024-03-01"]
    rows = [ssda903[key]["dagster/row_count"].value for key in sorted(ssda903)]
    files = [ssda903[key]["files"].value for key in sorted(ssda903)]
    assert len(set(rows)) == 3 and files == [len(csvs), 4, 1]
    assert [ssda903[key]["files_loaded_this_run"].value for key in sorted(ssda903)] == files
    with duckdb.connect(str(tmp_path / ".w.building.duckdb"), read_only=True) as con:  # raw: the working file
        total = sum(con.sql(f"select count(*) from {t.qualified}").fetchone()[0] for t in SSDA903.values())
        episodes = con.sql("select count(*) from raw.ssda903_episodes").fetchone()[0]
        calendar_columns = [c[0] for c in con.sql("describe reference.calendar").fetchall()]
    assert sum(rows) == total
    assert sum(ssda903[key]["rows_by_table"].value["ssda903_episodes"] for key in ssda903) == episodes
    # No HR extract landed: each month says so rather than repeating another's counts.
    hr = [m.metadata for m in materialised if m.asset_key == dg.AssetKey(["raw", "hr"])]
    assert len(hr) == 3 and {m["dagster/row_count"].value for m in hr} == {0}

    by_key = {m.asset_key.to_user_string(): m.metadata for m in materialised if m.partition is None}
    schema = by_key["reference/calendar"]["dagster/column_schema"].value
    assert [c.name for c in schema.columns] == calendar_columns
    for key in ("staging/ssda903_episodes", "marts/episodes", "metrics/metric_values", "staging/quarantine"):
        assert by_key[key]["dagster/column_schema"].value.columns, key
    assert "columns: raw.ssda903_episodes" in ssda903["999|2024-01-01"]
