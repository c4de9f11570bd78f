"""The whole asset graph, in-process, on a small generated council and a temp warehouse."""

import os
from datetime import date

import dagster as dg
import duckdb
import pytest

from csc_scorecard.cli import EXIT_BLOCKING_CHECK, main
from csc_scorecard.defs.runner import materialise_landed
from csc_scorecard.definitions import build_definitions
from csc_scorecard.metrics.catalogue import load_catalogue
from csc_scorecard.settings import Deployment, load_settings
from csc_tools.synthetic import CouncilProfile, generate
from tests.conftest import METRICS_WITHOUT_SYNTHETIC_SOURCE, csv_text, land

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
    """The graph as `csc-scorecard build` runs it: one run over the range of landed extract months."""
    settings = _settings(small_council)
    instance = dg.DagsterInstance.ephemeral()
    results = materialise_landed(build_definitions(settings), Deployment.of(settings), instance)
    assert len(results) == 1
    tags = results[0].dagster_run.tags
    assert (tags["dagster/asset_partition_range_start"], tags["dagster/asset_partition_range_end"]) == (
        "999|2025-02-01", "999|2025-03-01")
    return settings, results[0], instance


def test_one_run_loads_every_landed_month(built):
    settings, *_ = built
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        months = con.sql("select distinct extract_date from quality.loaded_files order by 1").fetchall()
    assert [m[0] for m in months] == [date(2025, 2, 28), date(2025, 3, 31)]


def test_the_run_plans_each_raw_asset_in_one_event_for_all_its_partitions(built):
    _, result, instance = built
    records = instance.get_records_for_run(result.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION_PLANNED)
    planned = [r.event_log_entry.dagster_event for r in records.records
               if r.event_log_entry.dagster_event.asset_key == dg.AssetKey(["raw", "cin_census"])]
    assert len(planned) == 1
    subset = planned[0].event_specific_data.partitions_subset
    assert sorted(subset.get_partition_keys()) == ["999|2025-02-01", "999|2025-03-01"]
    # Dagster's switch is set for the build's run only.
    assert "DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS" not in os.environ


def test_definitions_load_with_every_layer_and_checks():
    defs = build_definitions(load_settings())
    keys = {k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()}
    assert {"raw/ssda903", "raw/cin_census", "raw/hr", "staging/cin_referrals",
            "marts/referrals", "metrics/metric_values", "metrics/catalogue", "exports/scorecard"} <= keys
    check_keys = defs.resolve_asset_graph().asset_check_keys
    assert any(k.asset_key.to_user_string() == "raw/ssda903" and k.name.startswith("ssda903_episodes__") for k in check_keys)
    dg.Definitions.validate_loadable(defs)


def test_the_whole_graph_builds_and_every_check_ran(built):
    _, result, _ = built
    assert result.success
    evaluations = result.get_asset_check_evaluations()
    assert evaluations, "no GX check ran"
    failed_critical = [e for e in evaluations if not e.passed and e.severity == dg.AssetCheckSeverity.ERROR]
    assert failed_critical == []


def test_every_catalogue_metric_has_a_value_for_the_last_extract(built):
    settings, *_ = built
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        rows = con.execute("select metric_id, value from metrics.metric_values where period_end = ?",
                           [LAST_EXTRACT]).fetchall()
        catalogue = {r[0] for r in con.sql("select metric_id from metrics.catalogue").fetchall()}
    values = dict(rows)
    assert {m.metric_id for m in load_catalogue()} == catalogue
    assert set(values) == catalogue - METRICS_WITHOUT_SYNTHETIC_SOURCE
    assert values["referrals"] > 0 and values["cla"] > 0
    assert 0 < values["rereferral_rate_12m"] < 100 and 0 < values["agency_worker_rate"] < 100


def test_a_scorecard_per_extract_month_opens_offline(built):
    settings, *_ = built
    files = sorted((settings.exports / settings.la_code).glob("scorecard_*.html"))
    assert [f.name for f in files] == [f"scorecard_{settings.la_code}_2025-02.html",
                                       f"scorecard_{settings.la_code}_2025-03.html"]
    html = files[-1].read_text()
    assert "<script" not in html and 'src="http' not in html and "<link" not in html  # nothing to fetch
    assert html.count('<svg class="trend-chart"') > 10  # the charts are drawn in the file itself


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
    assert "BLOCKING CHECK FAILED  raw/hr: hr_staff__" in err and "worker_id" in err
    # Nothing was published, and the working file stopped before the metrics.
    assert not (tmp_path / "w.duckdb").exists()
    with duckdb.connect(str(tmp_path / ".w.building.duckdb"), read_only=True) as con:
        built = {r[0] for r in con.sql("select table_schema || '.' || table_name from information_schema.tables")
                 .fetchall()}
    assert "raw.hr_staff" in built
    assert "staging.hr_staff" not in built and "metrics.metric_values" not in built


# --- privacy: every export of a generated council -----------------------------------------

def _identifiers(landing):
    """Every child or worker identifier, date of birth and postcode in the landed files."""
    import csv as _csv
    import re as _re

    ids, dobs, postcodes = set(), set(), set()
    for path in landing.rglob("*.csv"):
        with path.open(newline="") as f:
            for row in _csv.DictReader(f):
                for column in ("CHILD", "UPN", "worker_id"):
                    if row.get(column):
                        ids.add(row[column])
                for column in ("DOB", "MC_DOB"):
                    if row.get(column):
                        dobs.add(row[column])
                for column in ("HOME_POST", "PL_POST"):
                    if row.get(column):
                        postcodes.add(row[column])
    for path in landing.rglob("*.xml"):
        text = path.read_text()
        ids |= set(_re.findall(r"<(?:LAchildID|UPN)>([^<]+)<", text))
        dobs |= set(_re.findall(r"<PersonBirthDate>([^<]+)<", text))
    return ids, dobs, postcodes


def test_no_export_holds_a_child_id_birth_date_postcode_or_small_count(built):
    import re as _re
    from datetime import datetime as _dt, timedelta
    from html import unescape

    from tests.scorecard.drawn import read_chart

    settings, *_ = built
    exports = sorted(settings.exports.rglob("*.html"))
    assert len(exports) == 3  # two months and the index
    ids, dobs, postcodes = _identifiers(settings.landing)
    assert len(ids) > 100 and len(dobs) > 100  # the scan has something to find

    # Month ends are chart axis points; a child born on one would be indistinguishable from an axis date.
    def is_month_end(d):
        return (d + timedelta(days=1)).day == 1
    dob_texts = set()
    for text in dobs:
        for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                d = _dt.strptime(text, fmt).date()
            except ValueError:
                continue
            if not is_month_end(d):
                dob_texts |= {d.strftime("%d/%m/%Y"), d.isoformat(), d.strftime("%-d %b %Y"), d.strftime("%-d %B %Y")}
    postcode_pattern = _re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b")

    units = dict(duckdb.connect(str(settings.warehouse), read_only=True)
                 .execute("select metric_id, unit from metrics.catalogue where counts = 'children'").fetchall())
    for path in exports:
        page = path.read_text()
        tokens = set(_re.findall(r"[A-Za-z0-9]+", page))
        assert not ids & tokens, f"{path.name}: child or worker id {sorted(ids & tokens)[:3]}"
        assert not [d for d in dob_texts if d in page], f"{path.name}: a date of birth"
        assert not [p for p in postcodes if p in page] and not postcode_pattern.search(unescape(page)), path.name
        # Counts of 1-4 children (staff have their own rule): never in a table cell, a year-end figure,
        # or a chart point or label.
        for metric_id, unit in units.items():
            if unit != "count":
                continue
            row = _re.search(rf'<tr id="row-{metric_id}">(.*?)</tr>', page, _re.S)
            if row:
                latest = _re.sub(r"<[^>]+>", "", _re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), _re.S)[0]).strip()
                assert latest not in {"1", "2", "3", "4"}, (path.name, metric_id)
            chart = _re.search(rf'<svg class="trend-chart" id="trend-{metric_id}".*?</svg>', page, _re.S)
            if chart:
                drawn = read_chart(chart.group(0))
                assert not [v for v in drawn.values if v is not None and 0 < v < 5 - drawn.per_px], \
                    (path.name, metric_id)
                assert not {"1", "2", "3", "4"} & {h.split(": ", 1)[1] for h in drawn.hovers}, (path.name, metric_id)
            figure = _re.search(rf'<figure class="chart" id="chart-{metric_id}">(.*?)</figure>', page, _re.S)
            if figure:
                year_ends = _re.findall(r"<dd[^>]*>(.*?)</dd>", figure.group(1))
                assert not {"1", "2", "3", "4"} & set(year_ends), (path.name, metric_id)


def test_the_analysts_copy_holds_every_table_the_run_built_but_raw(built):
    settings, *_ = built
    tables = "select table_schema || '.' || table_name from information_schema.tables order by 1"
    with duckdb.connect(str(settings.working_warehouse), read_only=True) as con:
        working = {r[0] for r in con.sql(tables).fetchall()}
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        published = {r[0] for r in con.sql(tables).fetchall()}
    assert "metrics.metric_status" in working and "raw.ssda903_header" in working
    # checked.* are views of raw (each raw row with its contract's problems): child-level, like raw.
    assert {t for t in working - published if not t.startswith(("raw.", "checked."))} == set()
    assert not {t for t in published if t.startswith(("raw.", "checked."))}
    assert "checked.ssda903_episodes" in working
    assert "quality.loaded_files" in published  # raw's list of files, which names no one


MEMBERS = [m for m in load_catalogue() if not m.members.startswith("none")]


@pytest.mark.parametrize("metric", MEMBERS, ids=lambda m: m.metric_id)
def test_who_is_counted_adds_up_to_the_figure_in_the_analysts_copy(built, metric):
    # Every month's figure, recounted from the child_keys the copy lists for it: the numerator from
    # those in it, and, where the denominator counts children, the denominator from those in it.
    settings, *_ = built
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        figures = con.execute("select period_end, numerator, denominator from metrics.metric_values "
                              "where metric_id = ? order by 1", [metric.metric_id]).fetchall()
        members = dict(((p, (n, d)) for p, n, d in con.execute("""
            select period_end, count(*) filter (where in_numerator), count(*) filter (where in_denominator)
            from metrics.metric_members where metric_id = ? group by all""", [metric.metric_id]).fetchall()))
    if metric.metric_id not in METRICS_WITHOUT_SYNTHETIC_SOURCE:
        assert members, f"{metric.metric_id}: nobody counted in any month"
    for period_end, numerator, denominator in figures:
        in_numerator, in_denominator = members.get(period_end, (0, 0))
        if metric.unit != "days":  # an average's numerator is days, not children
            assert in_numerator == numerator, (metric.metric_id, period_end)
        if metric.unit in ("percent", "days"):
            assert in_denominator == (denominator or 0), (metric.metric_id, period_end)


def test_the_generated_council_passes_the_checks_of_every_layer_after_raw(built):
    _, result, _ = built
    outcomes = {(e.asset_key.to_user_string(), e.check_name): e for e in result.get_asset_check_evaluations()}
    layer_checks = {k: e for k, e in outcomes.items()
                    if k[1] in ("grain_is_unique", "every_source_row_accounted_for", "percentages_within_0_and_100",
                                "numerator_not_above_denominator", "no_negative_figures")}
    assert ("marts/referrals", "grain_is_unique") in layer_checks
    assert ("staging/ssda903_episodes", "every_source_row_accounted_for") in layer_checks
    assert ("metrics/metric_values", "percentages_within_0_and_100") in layer_checks
    assert [(k, e.description) for k, e in layer_checks.items() if not e.passed] == []
