"""Nothing is lost: every sample file's rows are in staging or in quarantine, each exactly once."""

import shutil
from datetime import date

import duckdb
import openpyxl
import pytest

from csc_scorecard.ingest.annex_a import ANNEX_A
from csc_scorecard.ingest.formats import CIN_CENSUS, SSDA903
from csc_scorecard.models.quarantine import quarantine_summary
from tests.conftest import SAMPLE_CIN_COUNCILS, SAMPLES, cin_xml, csv_text, land
from tests.ingest.staging_helpers import (CIN_ELEMENTS, accounted, build_staging, csv_data_rows, ingest_all,
                                          xml_elements)

EXTRACT = date(2024, 3, 31)


@pytest.fixture(scope="module")
def samples_loaded(tmp_path_factory):
    # Loaded once for the module: every parametrised case reads the same warehouse.
    tmp = tmp_path_factory.mktemp("samples")
    landing = tmp / "landing"
    con = duckdb.connect(str(tmp / "warehouse.duckdb"))
    folder = land(landing, EXTRACT, {})
    for path in [*(SAMPLES / "ssda903").glob("*.csv"), *(SAMPLES / "annex_a").glob("*.xlsx")]:
        shutil.copy(path, folder / path.name)
    summaries = list(ingest_all(con, landing).values())
    # Each CIN sample is landed for the council it declares, the only one it loads for.
    for path in (SAMPLES / "cin_census").glob("*.xml"):
        la_code = SAMPLE_CIN_COUNCILS[path.name]
        shutil.copy(path, land(tmp / la_code, EXTRACT, {}) / path.name)
        summaries += ingest_all(con, tmp / la_code, la_code=la_code).values()
    assert all(not s.files_failed for s in summaries)
    build_staging(con, *SSDA903, *CIN_CENSUS, *ANNEX_A)
    yield con
    con.close()


@pytest.mark.parametrize("stem", sorted(p.stem for p in (SAMPLES / "ssda903").glob("*.csv")))
def test_every_ssda903_sample_row_is_staged_or_quarantined(samples_loaded, stem):
    rows_in = csv_data_rows(SAMPLES / "ssda903" / f"{stem}.csv")
    staged, quarantined = accounted(samples_loaded, f"ssda903_{stem}")
    assert rows_in > 0
    assert staged + quarantined == rows_in


@pytest.mark.parametrize("table", sorted(CIN_ELEMENTS))
def test_every_cin_census_sample_element_is_staged_or_quarantined(samples_loaded, table):
    rows_in = sum(xml_elements(path, CIN_ELEMENTS[table]) for path in (SAMPLES / "cin_census").glob("*.xml"))
    staged, quarantined = accounted(samples_loaded, table)
    assert staged + quarantined == rows_in


def test_a_bad_row_is_quarantined_once_with_every_reason(con, landing):
    header = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
    land(landing, EXTRACT, {"episodes.csv": csv_text(
        header,
        "101,01/04/2023,S,C2,N1,U1,PR1,,,,,,",          # clean
        "102,31/02/2023,S,C2,N1,U1,PR1,2023-05-01,E11,,,,",  # impossible start, ISO end: two problems
        ",01/05/2023,S,C2,N1,U1,PR1,,,,,,",               # no child id
    )})
    ingest_all(con, landing)
    build_staging(con, "ssda903_episodes")
    assert accounted(con, "ssda903_episodes") == (1, 2)
    problems = con.sql("""
        select source_row, column_name, value, reason from staging.quarantine order by source_row, column_name
    """).fetchall()
    assert problems == [
        (2, "DEC", "2023-05-01", "DEC is not a real date written DD/MM/YYYY"),
        (2, "DECOM", "31/02/2023", "DECOM is not a real date written DD/MM/YYYY"),
        (3, "CHILD", None, "CHILD is blank, and every row needs it"),
    ]
    source_file = con.sql("select distinct source_file from staging.quarantine").fetchall()
    assert source_file == [(str(landing / "2024-03-31" / "episodes.csv"),)]


def test_rebuilding_staging_replaces_a_tables_quarantine_rather_than_adding_to_it(con, landing):
    land(landing, EXTRACT, {"missing.csv": csv_text("CHILD,DOB,MISSING,MIS_START,MIS_END",
                                                    "1,01/01/2010,M,yesterday,")})
    ingest_all(con, landing)
    build_staging(con, "ssda903_missing")
    build_staging(con, "ssda903_missing")
    assert accounted(con, "ssda903_missing") == (0, 1)


@pytest.mark.parametrize("list_number", range(1, 12))
def test_every_annex_a_sample_row_is_staged_or_quarantined(samples_loaded, list_number):
    workbook = openpyxl.load_workbook(SAMPLES / "annex_a" / "Annex_A.xlsx", read_only=True)
    rows = list(workbook[f"List {list_number}"].iter_rows(values_only=True))[1:]
    rows_in = sum(1 for row in rows if any(v is not None and str(v).strip() for v in row))
    staged, quarantined = accounted(samples_loaded, f"annex_a_list_{list_number}")
    assert rows_in > 0
    assert staged + quarantined == rows_in


def test_records_of_a_one_line_xml_are_told_apart(con, landing):
    # cin_xml writes the whole return on one line, as many suppliers do.
    referrals = [{"CINreferralDate": d} for d in ("2024-01-05", "05/01/2024", "2024-02-30", "2024-03-01")]
    land(landing, EXTRACT, {"cin.xml": cin_xml([{"id": "C1", "referrals": referrals}])})
    ingest_all(con, landing)
    build_staging(con, "cin_referrals")
    assert accounted(con, "cin_referrals") == (2, 2)
    assert con.sql("select source_row, value from staging.quarantine order by 1").fetchall() == [
        (2, "05/01/2024"), (3, "2024-02-30")]
    assert quarantine_summary(con) == {"raw.cin_referrals": 2}
