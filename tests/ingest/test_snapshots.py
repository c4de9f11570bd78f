"""Snapshots: every extract is kept; the newest extract of a return is the current picture."""

from datetime import date

from tests.conftest import csv_text, land
from tests.ingest.staging_helpers import build_staging, ingest_all

MISSING = "CHILD,DOB,MISSING,MIS_START,MIS_END"
JAN, FEB, MAR = date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31)


def _current(con):
    return con.sql("""
        select extract_date, missing_start_date from latest_extract('staging.ssda903_missing') order by 2
    """).fetchall()


def test_a_newer_extract_supersedes_and_the_older_stays_queryable(con, landing):
    land(landing, JAN, {"missing.csv": csv_text(MISSING, "1,01/01/2010,M,05/01/2025,")})
    land(landing, FEB, {"missing.csv": csv_text(MISSING, "1,01/01/2010,M,05/01/2025,06/01/2025",
                                                "2,01/01/2011,A,03/02/2025,")})
    ingest_all(con, landing)
    build_staging(con, "ssda903_missing")
    assert _current(con) == [(FEB, date(2025, 1, 5)), (FEB, date(2025, 2, 3))]
    january = con.sql("select count(*) from staging.ssda903_missing where extract_date = '2025-01-31'").fetchone()
    assert january == (1,)


def test_a_newer_header_only_file_means_nothing_to_report_now(con, landing):
    land(landing, JAN, {"missing.csv": csv_text(MISSING, "1,01/01/2010,M,05/01/2025,")})
    land(landing, FEB, {"missing.csv": csv_text(MISSING)})
    ingest_all(con, landing)
    build_staging(con, "ssda903_missing")
    assert _current(con) == []


def test_a_newer_file_wholly_quarantined_does_not_let_older_rows_through(con, landing):
    land(landing, JAN, {"missing.csv": csv_text(MISSING, "1,01/01/2010,M,05/01/2025,")})
    land(landing, FEB, {"missing.csv": csv_text(MISSING, "1,01/01/2010,M,2025-01-05,")})
    ingest_all(con, landing)
    build_staging(con, "ssda903_missing")
    assert _current(con) == []
    assert con.sql("select extract_date, column_name from staging.quarantine").fetchall() == [(FEB, "MIS_START")]


def test_the_same_file_in_a_later_extract_is_that_extracts_snapshot(con, landing):
    same = csv_text(MISSING, "1,01/01/2010,M,05/01/2025,")
    land(landing, JAN, {"missing.csv": same})
    ingest_all(con, landing)
    land(landing, MAR, {"missing.csv": same})
    second = ingest_all(con, landing)["ssda903"]
    assert second.files_already_loaded == [str(landing / "2025-01-31" / "missing.csv")]
    assert second.files_loaded == [str(landing / "2025-03-31" / "missing.csv")]
    build_staging(con, "ssda903_missing")
    assert _current(con) == [(MAR, date(2025, 1, 5))]
