"""Extracts as councils really send them: each kind of mess, and what the pipeline does with it."""

from datetime import date

import dagster as dg
from dagster_duckdb import DuckDBResource

from csc_scorecard.defs.raw.assets import raw_assets
from csc_scorecard.pseudonym import child_key, pseudonym_key
from csc_scorecard.defs.resources import build_resources
from csc_scorecard.settings import CouncilSettings
from tests.conftest import SAMPLE_CIN_COUNCILS, SAMPLES, cin_xml, csv_text, land
from tests.ingest.staging_helpers import accounted, build_staging, ingest_all

EXTRACT = date(2025, 3, 31)
MISSING = "CHILD,DOB,MISSING,MIS_START,MIS_END"


def _staged_missing(con, landing, text: str | bytes):
    land(landing, EXTRACT, {"missing.csv": text})
    ingest_all(con, landing)
    build_staging(con, "ssda903_missing")
    return con.sql("""
        select child_key, date_of_birth, missing_type, missing_start_date, missing_end_date
        from staging.ssda903_missing order by source_row
    """).fetchall()


def _key(child):
    return child_key(pseudonym_key(), "999", child)


def test_bom_windows_line_endings_trailing_spaces_and_excel_ids_all_type_cleanly(con, landing):
    text = "\ufeffCHILD ,DOB,MISSING,MIS_START,MIS_END \r\n12345.0 ,01/01/2010 , m ,01/02/2025,03/02/2025 \r\n"
    assert _staged_missing(con, landing, text.encode("utf-8")) == [
        (_key("12345"), date(2010, 1, 1), "M", date(2025, 2, 1), date(2025, 2, 3))]


def test_an_empty_file_is_reported_not_loaded(con, landing):
    land(landing, EXTRACT, {"missing.csv": ""})
    summary = ingest_all(con, landing)["ssda903"]
    assert summary.files_unrecognised == {str(landing / "2025-03-31" / "missing.csv"): "empty file (no header row)"}
    assert summary.files_failed == {}


def test_a_header_only_file_loads_no_rows_and_is_remembered(con, landing):
    land(landing, EXTRACT, {"missing.csv": csv_text(MISSING)})
    summary = ingest_all(con, landing)["ssda903"]
    assert summary.files_loaded == [str(landing / "2025-03-31" / "missing.csv")]
    assert con.sql("select raw_table, rows_loaded from raw.loaded_files").fetchall() == [("ssda903_missing", 0)]


def test_unknown_extra_columns_are_reported_and_known_ones_load(con, landing):
    text = csv_text("LOCAL_REF,CHILD,DOB,MISSING,MIS_START,MIS_END,NOTES", "A1,7,01/01/2010,A,05/02/2025,,called in")
    land(landing, EXTRACT, {"missing.csv": text})
    assert ingest_all(con, landing)["ssda903"].notes == {str(landing / "2025-03-31" / "missing.csv"): [
        "columns LOCAL_REF, NOTES are not ssda903_missing columns: not loaded"]}
    build_staging(con, "ssda903_missing")
    assert con.sql("select child_key, missing_type, missing_start_date from staging.ssda903_missing").fetchall() == [
        (_key("7"), "A", date(2025, 2, 5))]


def test_a_file_missing_a_required_column_fails_and_says_which(con, landing):
    land(landing, EXTRACT, {"missing.csv": csv_text("CHILD,DOB,MISSING,MIS_START", "7,01/01/2010,A,05/02/2025")})
    failed = ingest_all(con, landing)["ssda903"].files_failed
    assert failed == {str(landing / "2025-03-31" / "missing.csv"):
                      "looks like ssda903_missing but has no column MIS_END; every column of the table "
                      "must be in the header (values may be blank)"}


def test_dates_in_the_wrong_format_are_quarantined_with_the_reason(con, landing):
    text = csv_text(MISSING, "1,01/01/2010,M,2025-02-01,", "2,01/01/2010,M,01/02/2025,")
    assert _staged_missing(con, landing, text) == [(_key("2"), date(2010, 1, 1), "M", date(2025, 2, 1), None)]
    assert con.sql("select source_row, column_name, value, reason from staging.quarantine").fetchall() == [
        (1, "MIS_START", "2025-02-01", "MIS_START is not a real date written DD/MM/YYYY")]


def test_true_false_and_0_1_flags_read_the_same(con, landing):
    referrals = [{"CINreferralDate": "2025-01-0" + str(i), "ReferralNFA": flag}
                 for i, flag in enumerate(["true", "1", "false", "0", "maybe"], start=1)]
    land(landing, EXTRACT, {"cin.xml": cin_xml([{"id": "C1", "referrals": referrals}])})
    ingest_all(con, landing)
    build_staging(con, "cin_referrals")
    assert con.sql("select referral_nfa from staging.cin_referrals order by referral_seq").fetchall() == [
        (True,), (True,), (False,), (False,)]
    assert con.sql("select value, reason from staging.quarantine").fetchall() == [
        ("maybe", 'ReferralNFA "maybe" is not one of its codes (0, 1, TRUE, FALSE)')]
    assert accounted(con, "cin_referrals") == (4, 1)


def test_a_truncated_xml_fails_its_asset_naming_the_file_while_others_load(con, landing, tmp_path):
    text = (SAMPLES / "cin_census" / "fake_CIN_data.xml").read_text()
    folder = land(landing, EXTRACT, {"cin.xml": text[: len(text) // 3],
                                     "missing.csv": csv_text(MISSING, "1,01/01/2010,M,01/02/2025,")})
    con.close()  # the assets open the warehouse themselves
    council = CouncilSettings(la_code=SAMPLE_CIN_COUNCILS["fake_CIN_data.xml"], la_name="Test",
                              population_0_17=1000, landing=landing,
                              warehouse=tmp_path / "pub.duckdb", exports=tmp_path / "exports")
    result = dg.materialize(raw_assets, raise_on_error=False, instance=dg.DagsterInstance.ephemeral(),
                            resources={**build_resources(council),
                                       "warehouse": DuckDBResource(database=str(tmp_path / "warehouse.duckdb"))})
    failures = [e for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    assert len(failures) == 1 and failures[0].step_key == "raw_cin_census"
    message = str(failures[0].event_specific_data.error.message)
    assert f"{folder / 'cin.xml'}: not well-formed XML" in message
    materialized = {tuple(e.asset_key.path) for e in result.all_events if e.event_type_value == "ASSET_MATERIALIZATION"}
    assert ("raw", "ssda903") in materialized


def test_ssda903_sex_in_old_and_new_codes(con, landing):
    land(landing, EXTRACT, {"header.csv": csv_text(
        "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
        "1,1,01/01/2010,WBRI,,,", "2,2,01/01/2010,WBRI,,,", "3,M,01/01/2010,WBRI,,,",
        "4,f,01/01/2010,WBRI,,,", "5,U,01/01/2010,WBRI,,,", "6,3,01/01/2010,WBRI,,,")})
    ingest_all(con, landing)
    build_staging(con, "ssda903_header")
    assert con.sql("select sex from staging.ssda903_header order by source_row").fetchall() == [
        ("M",), ("F",), ("M",), ("F",), ("U",)]
    assert con.sql("select source_row, value from staging.quarantine").fetchall() == [(6, "3")]
