"""The whole asset graph, in-process, on a small generated council and a temp warehouse."""

from datetime import date

import dagster as dg
import duckdb
import pytest

from pipelines.cli import EXIT_BLOCKING_CHECK, main, materialise_landed
from pipelines.definitions import build_definitions
from pipelines.metrics.catalogue import load_catalogue
from pipelines.settings import Deployment, load_settings
from pipelines.synthetic import CouncilProfile, generate
from tests.conftest import csv_text, land

LAST_EXTRACT = date(2025, 3, 31)


@pytest.fixture(scope="module")
def small_council(tmp_path_factory):
    root = tmp_path_factory.mktemp("council")
    generate(root / "landing", CouncilProfile(population_0_17=8_000), months=2, history_months=15,
             last_extract=LAST_EXTRACT, seed=7)
    return root


def _settings(root):
    return load_settings().with_paths(landing=root / "landing", warehouse=root / "warehouse.duckdb",
                                      exports=root / "exports")


@pytest.fixture(scope="module")
def built(small_council):
    """The graph as `csc-scorecard build` runs it: each earlier extract month's raw partition, then
    the whole graph for the last month."""
    settings = _settings(small_council)
    results = materialise_landed(build_definitions(settings), Deployment.of(settings),
                                 dg.DagsterInstance.ephemeral())
    assert [r.dagster_run.tags["dagster/partition"] for r in results] == ["999|2025-02-01", "999|2025-03-01"]
    assert all(r.success for r in results[:-1])
    return settings, results[-1]


def test_definitions_load_with_every_layer_and_checks():
    defs = build_definitions(load_settings())
    keys = {k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()}
    assert {"raw/ssda903_episodes", "raw/cin_referrals", "raw/hr_staff", "staging/cin_referrals",
            "marts/referrals", "metrics/metric_values", "metrics/catalogue", "exports/scorecard"} <= keys
    check_keys = defs.resolve_asset_graph().asset_check_keys
    assert any(k.asset_key.to_user_string() == "raw/ssda903_episodes" for k in check_keys)
    dg.Definitions.validate_loadable(defs)


def test_the_whole_graph_builds_and_every_check_ran(built):
    _, result = built
    assert result.success
    evaluations = result.get_asset_check_evaluations()
    assert evaluations, "no GX check ran"
    failed_critical = [e for e in evaluations if not e.passed and e.severity == dg.AssetCheckSeverity.ERROR]
    assert failed_critical == []


def test_every_catalogue_metric_has_a_value_for_the_last_extract(built):
    settings, _ = built
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        rows = con.execute("select metric_id, value from metrics.metric_values where period_end = ?",
                           [LAST_EXTRACT]).fetchall()
        catalogue = {r[0] for r in con.sql("select metric_id from metrics.catalogue").fetchall()}
    values = dict(rows)
    assert set(values) == {m.metric_id for m in load_catalogue()} == catalogue
    assert values["referrals"] > 0 and values["cla"] > 0
    assert 0 < values["rereferral_rate_12m"] < 100 and 0 < values["agency_worker_rate"] < 100


def test_a_scorecard_per_extract_month_opens_offline(built):
    settings, _ = built
    files = sorted((settings.exports / settings.la_code).glob("scorecard_*.html"))
    assert [f.name for f in files] == [f"scorecard_{settings.la_code}_2025-02.html",
                                       f"scorecard_{settings.la_code}_2025-03.html"]
    html = files[-1].read_text()
    assert html.count("plotly.js v") == 1  # the bundle's banner: inlined once
    assert "cdn.plot.ly" not in html and 'src="http' not in html


def test_a_blocking_check_stops_the_build_and_the_cli_names_it(small_council, tmp_path, capsys):
    landing = tmp_path / "landing"
    land(landing, LAST_EXTRACT, {"staff.csv": csv_text(
        "worker_id,role,team,fte,contract_type,start_date,end_date,leaving_reason,case_holder,caseload,qualified_date",
        ",social worker,Assessment,1.0,permanent,2020-01-01,,,Y,15,",
    )})
    code = main(["build", "--landing", str(landing), "--warehouse", str(tmp_path / "w.duckdb"),
                 "--exports", str(tmp_path / "exports")])
    err = capsys.readouterr().err
    assert code == EXIT_BLOCKING_CHECK
    assert "BLOCKING CHECK FAILED  raw/hr_staff" in err and "worker_id" in err
    # Nothing was published, and the working file stopped before the metrics.
    assert not (tmp_path / "w.duckdb").exists()
    with duckdb.connect(str(tmp_path / ".w.building.duckdb"), read_only=True) as con:
        built = {r[0] for r in con.sql("select table_schema || '.' || table_name from information_schema.tables")
                 .fetchall()}
    assert "raw.hr_staff" in built
    assert "staging.hr_staff" not in built and "metrics.metric_values" not in built
