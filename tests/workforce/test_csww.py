"""The CSWW workforce census sample (liia-tools, MIT, (c) 2022 Social Finance Digital Labs) loads in full."""

import shutil
from datetime import date
from decimal import Decimal

import pytest
from lxml import etree

from csc_scorecard.ingest.formats import CSWW
from csc_scorecard.ingest.landing import classify
from tests.loading import ingest_family
from csc_scorecard.models.build import build_model
from csc_scorecard.warehouse import SQL_DIR
from tests.conftest import SAMPLES, land

SAMPLE = SAMPLES / "workforce" / "social_work_workforce_2022.xml"
EXTRACT = date(2022, 9, 30)


def _sample_workers():
    # Counted independently of the loader: a plain parse of the whole file.
    return etree.parse(str(SAMPLE)).getroot().findall("CSWWWorker")


def test_the_census_is_recognised_by_its_collection(landing):
    folder = land(landing, EXTRACT, {})
    shutil.copy(SAMPLE, folder / "census.xml")
    assert classify(folder / "census.xml", EXTRACT).kind == "csww"


def test_every_worker_and_the_la_level_figures_reach_raw_and_staging(con, landing):
    folder = land(landing, EXTRACT, {})
    shutil.copy(SAMPLE, folder / "census.xml")
    summary = ingest_family(con, "csww", CSWW, landing=landing, la_code="301")
    workers = _sample_workers()
    assert len(workers) == 30
    assert summary.rows_loaded == {"csww_workers": len(workers), "csww_la_level": 1}

    agency = sum(w.findtext("AgencyWorker") == "1" for w in workers)
    leavers = sum(w.find("RoleEndDate") is not None for w in workers)
    assert con.sql("select count(*) filter (where AgencyWorker = '1'), count(RoleEndDate) "
                   "from raw.csww_workers").fetchone() == (agency, leavers)
    assert con.sql("select SWENo, FTE, ReferenceDate, LEA from raw.csww_workers where _row_number = 1").fetchone() == (
        "Oz2054309383", "0.521371", "2022-09-30", "301")
    assert con.sql("select count(*) from raw.csww_workers where _source_file is null or _file_hash is null "
                   "or _extract_date <> date '2022-09-30'").fetchone() == (0,)

    for stem in ("csww_workers", "csww_la_level"):
        build_model(con, "staging", SQL_DIR / "staging" / f"{stem}.sql")
    assert con.sql("select census_year, reference_date, lea, vacancies_fte, agency_fte, agency_headcount "
                   "from staging.csww_la_level").fetchone() == (
        2022, date(2022, 9, 30), "301", Decimal("79.68"), Decimal("59.82"), 71)
    case_holders = sum(w.findtext("OrgRole") == "5" for w in workers)
    assert con.sql("select count(*) filter (where org_role = 5), count(*) filter (where is_agency) "
                   "from staging.csww_workers").fetchone() == (case_holders, agency)


def test_loading_the_census_twice_changes_nothing(con, landing):
    folder = land(landing, EXTRACT, {})
    shutil.copy(SAMPLE, folder / "census.xml")
    ingest_family(con, "csww", CSWW, landing=landing, la_code="301")
    again = ingest_family(con, "csww", CSWW, landing=landing, la_code="301")
    assert again.files_loaded == [] and len(again.files_already_loaded) == 1
    assert con.sql("select count(*) from raw.csww_workers").fetchone() == (30,)


def test_a_truncated_census_fails_alone_and_leaves_nothing(con, landing):
    text = SAMPLE.read_text()
    land(landing, EXTRACT, {"census.xml": text[: len(text) // 2]})
    summary = ingest_family(con, "csww", CSWW, landing=landing, la_code="301")
    assert "not well-formed XML" in next(iter(summary.files_failed.values()))
    assert con.sql("select count(*) from raw.csww_workers").fetchone() == (0,)


def test_the_census_suite_runs_on_the_sample(con, landing):
    from csc_scorecard.validation.gx_duckdb import run_suite
    from csc_scorecard.validation.suites import load_suites

    folder = land(landing, EXTRACT, {})
    shutil.copy(SAMPLE, folder / "census.xml")
    ingest_family(con, "csww", CSWW, landing=landing, la_code="301")
    suite = next(s for s in load_suites() if s.name == "raw.csww_workers")
    outcomes = {o.check_name: o for o in run_suite(con, suite.document, "raw.csww_workers")}
    workers = _sample_workers()
    ends_before_start = sum(
        1 for w in workers
        if w.findtext("RoleEndDate") and w.findtext("RoleStartDate") and w.findtext("RoleEndDate") < w.findtext("RoleStartDate")
    )
    assert all(o.error is None for o in outcomes.values())
    assert outcomes["RoleEndDate__not_before_RoleStartDate"].unexpected_count == ends_before_start
    assert outcomes["SWENo__not_null"].success and outcomes["FTE__number"].success


def test_the_generated_census_agrees_with_the_monthly_hr_extract(con, tmp_path):
    """The synthetic council's 30 September return and its September HR extract describe one workforce."""
    from csc_scorecard.ingest.families import FAMILIES
    from csc_tools.synthetic import CouncilProfile, generate

    profile = CouncilProfile(population_0_17=20_000)
    folders = generate(tmp_path / "landing", profile, months=2, history_months=12,
                       last_extract=date(2024, 10, 31), seed=7)
    assert [p.name for p in sorted(folders[-1].glob("csww_*.xml"))] == []     # 2024 return is in September's
    assert "csww_2024.xml" in [p.name for p in folders[0].glob("csww_*.xml")]
    for family, (tables, _) in FAMILIES.items():
        ingest_family(con, family, tables, landing=tmp_path / "landing", la_code=profile.la_code)
    census = con.sql("""
        select sum(FTE::double) filter (where AgencyWorker = '1' and RoleEndDate is null),
               count(*) filter (where AgencyWorker = '1' and RoleEndDate is null)
        from raw.csww_workers where ReferenceDate = '2024-09-30'
    """).fetchone()
    la_level = con.sql("select NoAgencyFTE::double, NoAgencyHeadcount::int from raw.csww_la_level "
                       "where ReferenceDate = '2024-09-30'").fetchone()
    hr = con.sql("""
        select sum(fte::double), count(*) from raw.hr_staff
        where _extract_date = '2024-09-30' and contract_type = 'agency'
          and start_date <= '2024-09-30' and (end_date = '' or end_date is null or end_date >= '2024-09-30')
    """).fetchone()
    assert census[1] > 0
    assert census == pytest.approx(hr) and la_level == pytest.approx(hr)


def _raw_csww(con):
    return {t: con.sql(f"select * exclude (_loaded_at) from raw.{t} order by _source_file, _row_number").fetchall()
            for t in CSWW}


def _three_councils(tmp_path, broken: str | None = None, declared: bool = True):
    """The sample as each council's return, declaring that council (or, not `declared`, none)."""
    landings = {}
    for la in ("301", "302", "303"):
        landings[la] = tmp_path / la
        folder = land(landings[la], EXTRACT, {})
        sample = SAMPLE.read_bytes().replace(b"<LEA>301</LEA>", f"<LEA>{la}</LEA>".encode() if declared else b"")
        (folder / "census_2022.xml").write_bytes(sample)
        # A second return, not a second copy: identical files in one folder load once.
        (folder / "census_2021.xml").write_bytes(sample.replace(
            b"<DateTime>2023-03-28T14:54:55Z", b"<DateTime>2023-03-29T09:00:00Z"))
        if la == broken:
            (folder / "census_2021.xml").write_bytes(sample[: len(sample) // 2])
    return landings


def test_returns_loaded_together_are_what_loading_each_alone_gives(tmp_path, monkeypatch):
    import duckdb
    import csc_scorecard.ingest.load as load
    from csc_scorecard.ingest.load import CouncilLanding, create_raw_tables, load_plans, plan_families

    def build(landings, together: bool):
        if not together:  # no batch of two or more: every return goes through its own transaction
            monkeypatch.setattr(load, "BATCH_FILES", 1)
        con = duckdb.connect(str(tmp_path / f"{together}.duckdb"))
        create_raw_tables(con, CSWW)
        plans = plan_families(con, "csww", CSWW, [CouncilLanding(la, p) for la, p in landings.items()])
        summaries = load_plans(con, plans)
        monkeypatch.undo()
        return con, summaries

    landings = _three_councils(tmp_path / "files")
    read_alone = []
    original = load.load_csww
    monkeypatch.setattr(load, "load_csww", lambda con, path, **kw: read_alone.append(path) or original(con, path, **kw))
    together, summaries = build(landings, together=True)
    assert read_alone == []
    alone, _ = build(landings, together=False)
    assert _raw_csww(together) == _raw_csww(alone)
    assert [s.rows_loaded for s in summaries] == [{"csww_workers": 60, "csww_la_level": 2}] * 3
    assert together.sql("select count(*) from raw.loaded_files").fetchone() == (12,)  # 6 returns x 2 tables
    # Each return numbers its own rows from 1.
    assert together.sql("select distinct min(_row_number), max(_row_number), count(*) over () from raw.csww_workers "
                        "group by _source_file").fetchall() == [(1, 30, 6)]


def test_a_broken_return_among_others_fails_by_name_and_leaves_no_rows(tmp_path):
    import duckdb
    from csc_scorecard.ingest.load import CouncilLanding, create_raw_tables, load_plans, plan_families

    landings = _three_councils(tmp_path, broken="302")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    create_raw_tables(con, CSWW)
    summaries = load_plans(con, plan_families(con, "csww", CSWW, [CouncilLanding(la, p) for la, p in landings.items()]))
    broken = str(landings["302"] / EXTRACT.isoformat() / "census_2021.xml")
    assert list(summaries[1].files_failed) == [broken] and "not well-formed" in summaries[1].files_failed[broken]
    assert con.sql("select count(distinct _source_file) from raw.csww_workers").fetchone() == (5,)
    assert con.sql("select count(*) from raw.csww_workers where _source_file = ?", params=[broken]).fetchone() == (0,)


def test_councils_sharing_a_folder_each_load_its_returns(tmp_path):
    import duckdb
    from csc_scorecard.ingest.load import CouncilLanding, create_raw_tables, load_plans, plan_families

    # Returns that declare no LA: each loads for every council sharing the folder.
    landings = _three_councils(tmp_path, declared=False)
    shared = [CouncilLanding("301", landings["301"]), CouncilLanding("302", landings["301"]),
              CouncilLanding("303", landings["303"])]
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    create_raw_tables(con, CSWW)
    summaries = load_plans(con, plan_families(con, "csww", CSWW, shared))
    assert [s.rows_loaded["csww_workers"] for s in summaries] == [60, 60, 60]
    assert con.sql("select _la_code, count(*) from raw.csww_workers group by 1 order by 1").fetchall() == [
        ("301", 60), ("302", 60), ("303", 60)]
