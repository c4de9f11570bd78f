"""The analysts' copy holds no identifiers, and nothing a build prints, logs or exports names a child.

The contract classes each raw column (formats.RawTable.direct, .quasi); the copy and the check
messages follow from it. The scans build from other projects' public fake returns and from the
synthetic council, then search everything the build lets out for every identifier it was given.
"""

import shutil
from datetime import date

import duckdb
import pytest

from csc_scorecard.cli import EXIT_OK, main
from csc_scorecard.ingest.formats import SSDA903
from csc_scorecard.privacy import LINEAGE, classes_of_model, copy_plan, staged_classes, write_analyst_copy
from csc_scorecard.pseudonym import define_child_key
from csc_scorecard.validation.gx_duckdb import GxSession
from csc_scorecard.validation.suites import suite_for
from csc_tools.privacy_scan import read_texts, scan
from csc_tools.synthetic import CouncilProfile, generate
from tests.conftest import SAMPLE_CIN_COUNCILS, SAMPLES, land

KEY = {"CSC_PSEUDONYM_KEY": "a test key of enough characters"}


# --- the classes, from the contract through the SQL ---------------------------------------------

def test_staging_columns_made_from_identifiers_carry_their_class_and_keyed_ones_do_not():
    classes = staged_classes()
    assert {c: classes[c] for c in ("date_of_birth", "worker_id", "swe_number", "social_worker_id",
                                    "allocated_worker")} == {
        "date_of_birth": "quasi", "worker_id": "direct", "swe_number": "direct", "social_worker_id": "direct",
        "allocated_worker": "direct"}
    assert "child_key" not in classes and "family_key" not in classes  # made by the keyed macro


def test_a_column_typed_from_a_date_of_birth_is_quasi_whatever_the_model_calls_it():
    sql = """with source as (select * from raw.ssda903_header)
             select child_key(_la_code, CHILD) as child_key, uk_date(DOB) as born, SEX as sex,
                    problems([required('CHILD', CHILD)]) as _problems from source"""
    assert classes_of_model(sql) == {"born": "quasi"}


# --- what the copy makes of each column --------------------------------------------------------

def _plan(columns):
    return {c.column: (c.name, c.note.split(":")[0] if c.note else "") for c in copy_plan(columns)}


def test_a_table_about_children_loses_where_its_rows_came_from_and_keeps_the_month_of_birth():
    plan = _plan([("la_code", "VARCHAR"), ("source_file", "VARCHAR"), ("source_row", "BIGINT"),
                  ("child_key", "UUID"), ("date_of_birth", "DATE"), ("referral_date", "DATE")])
    assert plan["source_file"][1] == plan["source_row"][1] == "not copied"
    assert plan["date_of_birth"][0] == "month_of_birth"
    assert plan["child_key"] == ("child_key", "") and plan["referral_date"] == ("referral_date", "")


def test_a_table_about_no_one_keeps_its_file_and_row():
    plan = _plan([("la_code", "VARCHAR"), ("source_file", "VARCHAR"), ("source_row", "BIGINT"),
                  ("team", "VARCHAR"), ("funded_fte", "DECIMAL(8,3)")])
    assert all(note == "" for _, note in plan.values())


def test_a_worker_id_becomes_a_keyed_pseudonym():
    plan = _plan([("la_code", "VARCHAR"), ("worker_id", "VARCHAR"), ("source_row", "BIGINT")])
    assert plan["worker_id"][1].startswith("a pseudonym") and plan["source_row"][1] == "not copied"


@pytest.fixture
def working(tmp_path):
    con = duckdb.connect(str(tmp_path / "working.duckdb"))
    define_child_key(con, KEY)
    con.execute("create schema raw; create schema staging; create schema quality")
    con.execute(SSDA903["ssda903_header"].create_sql())
    con.execute("insert into raw.ssda903_header (CHILD, DOB, _la_code) values ('566910', '27/03/2008', '999')")
    con.execute("""create table staging.ssda903_header as
        select '999' as la_code, 'header.csv' as source_file, 2::bigint as source_row,
               child_key('999', '566910') as child_key, date '2008-03-27' as date_of_birth""")
    con.execute("""create table staging.quarantine as select * from (values
        ('999', 'ssda903_header', 'header.csv', 3::bigint, 'CHILD', '566911', 'CHILD is missing'),
        ('999', 'ssda903_header', 'header.csv', 4::bigint, 'SEX', '7', 'SEX is not one of its codes'))
        v(la_code, raw_table, source_file, source_row, column_name, value, reason)""")
    con.execute("""create table staging.hr_staff as
        select '999' as la_code, 'W123456' as worker_id, 5::bigint as source_row""")
    yield con
    con.close()


def test_the_copy_holds_no_raw_table_no_identifier_and_no_way_back_to_the_row(working, tmp_path):
    rows = write_analyst_copy(working, tmp_path / "copy.duckdb")
    assert "staging.ssda903_header" in rows and not [t for t in rows if t.startswith("raw.")]
    with duckdb.connect(str(tmp_path / "copy.duckdb"), read_only=True) as copy:
        header = copy.sql("select * from staging.ssda903_header")
        assert header.columns == ["la_code", "child_key", "month_of_birth"]
        assert header.fetchall()[0][2] == "2008-03"
        comment = copy.sql("select comment from duckdb_columns() where column_name = 'month_of_birth'").fetchone()[0]
        assert "not the day" in comment
        assert copy.sql("select column_name, value from staging.quarantine order by source_row").fetchall() == [
            ("CHILD", None), ("SEX", "7")]  # the set-aside id is blank; its file, row and reason stay
        (worker,) = copy.sql("select worker_id from staging.hr_staff").fetchone()
        assert str(worker) != "W123456" and len(str(worker)) == 36
    again = tmp_path / "again.duckdb"
    write_analyst_copy(working, again)
    with duckdb.connect(str(again), read_only=True) as copy:
        assert copy.sql("select worker_id from staging.hr_staff").fetchone()[0] == worker  # stable: it still joins


# --- what a check prints --------------------------------------------------------------------------

def test_a_failed_check_on_a_child_id_names_the_file_and_row_not_the_id():
    con = duckdb.connect()
    con.execute("create schema raw")
    con.execute(SSDA903["ssda903_header"].create_sql())
    con.execute("""insert into raw.ssda903_header (CHILD, SEX, DOB, _la_code, _extract_date, _source_file, _row_number)
        values ('566910', '1', '27/03/2008', '975', '2024-03-31', 'header.csv', 1),
               ('566910', '1', '1/2/08', '975', '2024-03-31', 'header.csv', 2),
               (null, '9', '09/09/2011', '975', '2024-03-31', 'header.csv', 3)""")
    outcomes = {o.check_name: o for o in GxSession().run_suite(
        con, suite_for("ssda903_header").document, "raw.ssda903_header")}
    for name in ("CHILD__unique_per_extract", "CHILD__not_null", "DOB__date_dd_mm_yyyy"):
        message = outcomes[name].summary()
        assert "not shown" in message and "header.csv" in message, message
        assert "566910" not in message and "1/2/08" not in message, message
    assert "e.g. '9'" in outcomes["SEX__code"].summary()  # a code names no one: the fixer sees it


# --- the scans ---------------------------------------------------------------------------------------

def _build_and_scan(tmp_path, landing, capsys, monkeypatch):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster"))
    (tmp_path / "dagster").mkdir()
    exit_code = main(["build", "--landing", str(landing), "--warehouse", str(tmp_path / "w.duckdb"),
                      "--exports", str(tmp_path / "exports")])
    out, err = capsys.readouterr()
    texts = {"CLI output": out + err, **read_texts([tmp_path / "exports", tmp_path / "dagster"])}
    result = scan(tmp_path / ".w.building.duckdb", tmp_path / "w.duckdb", texts)
    print(result.report())
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as copy:
        keyed_with_lineage = copy.sql(f"""
            select table_schema || '.' || table_name from information_schema.columns
            group by all having count(*) filter (data_type = 'UUID') > 0
               and count(*) filter (column_name in ({", ".join(repr(c) for c in LINEAGE)})) > 0""").fetchall()
    return exit_code, result, keyed_with_lineage


def test_nothing_a_build_on_the_public_fake_returns_lets_out_holds_an_identifier(tmp_path, landing, capsys,
                                                                                   monkeypatch):
    monkeypatch.setenv("CSC_LA_CODE", SAMPLE_CIN_COUNCILS["fake_CIN_data.xml"])
    folder = land(landing, date(2024, 3, 31), {})
    for path in (SAMPLES / "ssda903").glob("*.csv"):
        shutil.copy(path, folder / path.name)
    shutil.copy(SAMPLES / "cin_census" / "fake_CIN_data.xml", folder / "cin.xml")
    shutil.copy(SAMPLES / "annex_a" / "Annex_A.xlsx", folder / "annex_a.xlsx")
    (folder / "csww.xml").write_text((SAMPLES / "workforce" / "social_work_workforce_2022.xml").read_text()
                                     .replace("<LEA>301</LEA>", "<LEA>975</LEA>"))
    exit_code, result, keyed_with_lineage = _build_and_scan(tmp_path, landing, capsys, monkeypatch)
    # The samples' deliberate errors warn (and are printed) but do not block.
    assert exit_code == EXIT_OK
    assert result.ids > 1_000 and result.birth_dates > 1_000 and result.texts > 5
    assert result.hits == []
    assert keyed_with_lineage == []


def test_nothing_a_build_of_the_synthetic_council_lets_out_holds_an_identifier(tmp_path, capsys, monkeypatch):
    generate(tmp_path / "landing", CouncilProfile(population_0_17=6_000), months=2, history_months=13,
             last_extract=date(2025, 3, 31), seed=11)
    exit_code, result, keyed_with_lineage = _build_and_scan(tmp_path, tmp_path / "landing", capsys, monkeypatch)
    assert exit_code == EXIT_OK
    assert result.ids > 500 and result.birth_dates > 500
    assert result.hits == []
    assert keyed_with_lineage == []
