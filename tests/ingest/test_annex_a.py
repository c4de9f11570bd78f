"""Ofsted Annex A workbooks: lists 1-11, whatever the council called the sheets and columns."""

from datetime import date, datetime

import openpyxl

from csc_scorecard.ingest.annex_a import ANNEX_A, read_annex_a
from csc_scorecard.pseudonym import child_key, pseudonym_key
from tests.conftest import SAMPLES, land
from tests.ingest.staging_helpers import accounted, build_staging, ingest_all

EXTRACT = date(2025, 3, 31)


def _workbook(path, sheets: dict[str, list[list]]):
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)


def test_the_sample_workbook_gives_all_eleven_lists():
    sheets = {s.table.name: s for s in read_annex_a(SAMPLES / "annex_a" / "Annex_A.xlsx")}
    assert sorted(sheets) == sorted(ANNEX_A)
    assert all(s.unmatched_headers == [] for s in sheets.values())
    referral = sheets["annex_a_list_3"].rows[0]
    assert referral["child_unique_id"] == "6537810" and referral["date_of_referral"] == "16/09/2020"
    assert referral["referral_source"] == "s) 8: Other" and referral["_row_number"] == 2


def test_council_sheet_names_header_spellings_and_coded_values(con, landing, tmp_path):
    folder = land(landing, EXTRACT, {})
    _workbook(folder / "annex_a_march.xlsx", {
        "L3 Referrals": [
            ["Child ID", "Sex", "Ethnicity", "Date of Birth", "Age", "Referral Date ", "Referral Source",
             "Referal NFA?", "Number of Referrals in Last 12 Months", "Allocated Team", "Allocated Worker", "Notes"],
            [12345.0, "a) Male", "a) WBRI", datetime(2015, 1, 25), 10.1, "16/09/2024", "a) 1A: Individual",
             "b) No", 2, "MASH - North", "A Worker", "free text"],
            [None] * 12,
            ["67890", "b) Female", "a) WBRI", "2016-02-01", 9, datetime(2024, 9, 17), "q) 6: Police", "a) Yes", 0,
             "MASH", "B Worker", None],
        ],
        # Not named as a list: recognised by its columns (list 9, care leavers).
        "Sheet7": [["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
                    "Does the Child have a Disability", "Allocated Team", "Allocated Worker", "Eligibility Category",
                    "LA in Touch", "Type of Accommodation", "Suitability of Accommodation", "Activity Status"],
                   ["555", "a) Male", "a) WBRI", "01/01/2004", 21, "b) No", "Leaving Care", "C Worker",
                    "b) Former relevant child", "a) Yes", "U: Independent living", "a) Suitable", "F1: Full time"]],
        "Notes for Ofsted": [["Anything", "else"], ["is", "ignored"]],
    })
    summary = ingest_all(con, landing)["annex_a"]
    assert not summary.files_failed
    assert summary.notes == {str(folder / "annex_a_march.xlsx"): [
        "sheet 'L3 Referrals' (list 3): columns Notes match no list column: not loaded",
        "sheet 'Notes for Ofsted' is not an Annex A list (by name or columns): not loaded"]}
    build_staging(con, "annex_a_list_3", "annex_a_list_9")
    assert con.sql("""
        select child_key, gender, date_of_referral, referral_source, referral_nfa, allocated_team
        from staging.annex_a_list_3 order by source_row
    """).fetchall() == [(child_key(pseudonym_key(), "999", "12345"), "Male", date(2024, 9, 16), "1A", "No",
                         "MASH - North")]
    # The second child's date of birth is written the ISO way, not DD/MM/YYYY: quarantined at its Excel row.
    assert con.sql("select source_row, column_name, value from staging.quarantine").fetchall() == [
        (4, "date_of_birth", "2016-02-01")]
    assert con.sql("select la_in_touch, activity_status from staging.annex_a_list_9").fetchall() == [("Yes", "F1")]
    assert accounted(con, "annex_a_list_3") == (1, 1)


def test_a_broken_workbook_fails_naming_the_file_while_other_files_load(con, landing):
    good = (SAMPLES / "annex_a" / "Annex_A.xlsx").read_bytes()
    land(landing, EXTRACT, {"annex_a.xlsx": good[: len(good) // 2],
                            "missing.csv": "CHILD,DOB,MISSING,MIS_START,MIS_END\r\n1,01/01/2010,M,01/02/2025,\r\n"})
    summaries = ingest_all(con, landing)
    failed = summaries["annex_a"].files_failed
    assert list(failed) == [str(landing / "2025-03-31" / "annex_a.xlsx")]
    assert "not a readable .xlsx workbook" in failed[str(landing / "2025-03-31" / "annex_a.xlsx")]
    assert summaries["ssda903"].files_loaded
