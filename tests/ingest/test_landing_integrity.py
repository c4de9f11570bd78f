"""A landed file loads only for the council it says it is from, and only with values of a sane length."""

import shutil
from datetime import date, datetime

import duckdb

from csc_scorecard.ingest.cin_parallel import ParallelCinParser
from csc_scorecard.ingest.formats import CIN_CENSUS, CSWW, SSDA903
from csc_scorecard.ingest.landing_report import write_landing_report
from csc_scorecard.ingest.load import load_planned, plan_family
from tests.conftest import SAMPLES, cin_xml, csv_text, land
from tests.loading import ingest_family

EXTRACT = date(2025, 3, 31)
NOW = datetime(2025, 4, 1, 9, 0)
REFERRAL = [{"CINreferralDate": "2025-01-06", "ReferralNFA": "0"}]
MISSING = "CHILD,DOB,MISSING,MIS_START,MIS_END"


def _rows(con, table):
    return con.sql(f"select count(*) from raw.{table}").fetchone()[0]


def test_a_return_declaring_another_council_is_refused_naming_both_and_what_to_do(con, landing):
    folder = land(landing, EXTRACT, {"cin.xml": cin_xml([{"id": "C1", "referrals": REFERRAL}], la_code="975")})
    plan = plan_family(con, "cin_census", CIN_CENSUS, landing=landing, la_code="976")
    summary = load_planned(con, plan, now=NOW)
    reason = summary.files_failed[str(folder / "cin.xml")]
    assert reason == ("cin.xml declares LA 975 in its header but was landed for council 976 (la_code in the "
                      "settings file): not loaded. Move it to council 975's landing folder, or, if it is 976's "
                      "return, correct the LEA in its header")
    assert summary.files_loaded == []
    assert all(_rows(con, table) == 0 for table in CIN_CENSUS)
    write_landing_report(con, {"976": landing}, family="cin_census", plans=[plan], months={"976": None}, now=NOW)
    assert con.sql("select path, outcome, loaded_as, reason from quality.landing_files "
                   "where entry = 'file'").fetchall() == [("2025-03-31/cin.xml", "failed", "cin_census", reason)]


def test_a_return_declaring_its_own_council_or_none_loads(con, landing):
    ours = cin_xml([{"id": "C1", "referrals": REFERRAL}], la_code="976")
    undeclared = cin_xml([{"id": "C2", "referrals": REFERRAL}]).replace("<LEA>999</LEA>", "")
    land(landing, EXTRACT, {"ours.xml": ours, "undeclared.xml": undeclared})
    summary = ingest_family(con, "cin_census", CIN_CENSUS, landing=landing, la_code="976")
    assert summary.files_failed == {} and len(summary.files_loaded) == 2
    assert con.sql("select LAchildID from raw.cin_children order by 1").fetchall() == [("C1",), ("C2",)]


def test_returns_parsed_ahead_load_in_order_around_one_refused_in_the_middle(con, landing):
    months = [date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31)]
    for n, (month, la_code) in enumerate(zip(months, ["976", "975", "976"]), start=1):
        land(landing, month, {"cin.xml": cin_xml([{"id": f"C{n}", "referrals": REFERRAL}], la_code=la_code)})
    plan = plan_family(con, "cin_census", CIN_CENSUS, landing=landing, la_code="976")
    with ParallelCinParser(plan.cin_census_files, workers=2, ahead=1) as parser:
        summary = load_planned(con, plan, now=NOW, cin_parser=parser)
    refused = str(landing / "2025-02-28" / "cin.xml")
    assert list(summary.files_failed) == [refused] and "declares LA 975" in summary.files_failed[refused]
    assert summary.files_loaded == [str(landing / "2025-01-31" / "cin.xml"), str(landing / "2025-03-31" / "cin.xml")]
    assert con.sql("select _extract_date, LAchildID from raw.cin_children order by 1").fetchall() == [
        (date(2025, 1, 31), "C1"), (date(2025, 3, 31), "C3")]


def test_a_workforce_census_declaring_another_council_is_refused_while_its_own_load(con, landing):
    folder = land(landing, date(2022, 9, 30), {})
    sample = (SAMPLES / "workforce" / "social_work_workforce_2022.xml").read_text()
    assert "<LEA>301</LEA>" in sample
    # Three, so the census returns load together as a batch: the refused one is not among them.
    (folder / "ours.xml").write_text(sample)
    (folder / "ours again.xml").write_text(sample.replace("<Year>2022</Year>", "<Year>2022</Year> "))
    (folder / "theirs.xml").write_text(sample.replace("<LEA>301</LEA>", "<LEA>302</LEA>"))
    summary = ingest_family(con, "csww", CSWW, landing=landing, la_code="301")
    assert list(summary.files_failed) == [str(folder / "theirs.xml")]
    assert "declares LA 302" in summary.files_failed[str(folder / "theirs.xml")]
    assert con.sql("select distinct _source_file from raw.csww_la_level order by 1").fetchall() == [
        (str(folder / "ours again.xml"),), (str(folder / "ours.xml"),)]


def test_a_csv_with_a_value_over_the_length_limit_is_refused_saying_where_never_what(con, landing):
    folder = land(landing, EXTRACT, {"missing.csv": csv_text(MISSING, "1,01/01/2010,M,01/02/2025,",
                                                             f"{'7' * 20_000},01/01/2010,M,01/02/2025,")})
    summary = ingest_family(con, "ssda903", SSDA903, landing=landing, la_code="999")
    reason = summary.files_failed[str(folder / "missing.csv")]
    assert reason == ("row 2, column CHILD holds a value of 20,000 characters, over the 10,000-character limit of "
                      "any field; the value is not shown or loaded. Correct it in the source system and export "
                      "the file again")
    assert _rows(con, "ssda903_missing") == 0


def test_csvs_loaded_together_refuse_only_the_one_with_the_long_value(con, landing):
    folder = land(landing, EXTRACT, {"a.csv": csv_text(MISSING, "1,01/01/2010,M,01/02/2025,"),
                                     "b.csv": csv_text(MISSING, "2,01/01/2011,M,01/02/2025,"),
                                     "long.csv": csv_text(MISSING, f"1,01/01/2010,{'M' * 20_000},01/02/2025,")})
    summary = ingest_family(con, "ssda903", SSDA903, landing=landing, la_code="999")
    assert list(summary.files_failed) == [str(folder / "long.csv")]
    assert "column MISSING holds a value of 20,000 characters" in summary.files_failed[str(folder / "long.csv")]
    assert _rows(con, "ssda903_missing") == 2


def test_a_cin_return_with_a_value_over_the_length_limit_is_refused_saying_where(con, landing):
    children = [{"id": "C1", "referrals": REFERRAL},
                {"id": "C2", "referrals": [{"CINreferralDate": "2025-01-07", "ReferralSource": "x" * 20_000}]}]
    folder = land(landing, EXTRACT, {"cin.xml": cin_xml(children)})
    summary = ingest_family(con, "cin_census", CIN_CENSUS, landing=landing, la_code="999")
    reason = summary.files_failed[str(folder / "cin.xml")]
    assert reason.startswith("child record 2 (cin_referrals row 2), column ReferralSource holds a value of "
                             "20,000 characters, over the 10,000-character limit")
    assert "xxxxxxxxxx" not in reason
    assert all(_rows(con, table) == 0 for table in CIN_CENSUS)


def test_a_cin_return_parsed_ahead_with_a_long_value_is_refused_too(con, landing):
    long_id = [{"id": "C" * 20_000, "referrals": REFERRAL}]
    land(landing, date(2025, 2, 28), {"cin.xml": cin_xml(long_id)})
    land(landing, EXTRACT, {"cin.xml": cin_xml([{"id": "C1", "referrals": REFERRAL}])})
    plan = plan_family(con, "cin_census", CIN_CENSUS, landing=landing, la_code="999")
    with ParallelCinParser(plan.cin_census_files, workers=2) as parser:
        summary = load_planned(con, plan, now=NOW, cin_parser=parser)
    refused = str(landing / "2025-02-28" / "cin.xml")
    assert list(summary.files_failed) == [refused]
    assert "column LAchildID holds a value of 20,000 characters" in summary.files_failed[refused]
    assert con.sql("select LAchildID from raw.cin_children").fetchall() == [("C1",)]


def test_values_up_to_the_limit_load_as_written(con, landing):
    long_text = "x" * 9_000
    land(landing, EXTRACT, {"missing.csv": csv_text(MISSING, f"{long_text},01/01/2010,M,01/02/2025,"),
                            "cin.xml": cin_xml([{"id": long_text, "referrals": REFERRAL}])})
    for family, tables in (("ssda903", SSDA903), ("cin_census", CIN_CENSUS)):
        assert ingest_family(con, family, tables, landing=landing, la_code="999").files_failed == {}
    assert con.sql("select CHILD from raw.ssda903_missing").fetchone()[0] == long_text
    assert con.sql("select LAchildID from raw.cin_children").fetchone()[0] == long_text


def test_a_workbook_or_workforce_census_with_a_long_value_is_refused_naming_the_sheet_or_record(con, landing):
    import openpyxl

    workbook = openpyxl.load_workbook(SAMPLES / "annex_a" / "Annex_A.xlsx")
    sheet = workbook.worksheets[0]
    sheet.cell(row=2, column=1, value="9" * 20_000)
    folder = land(landing, EXTRACT, {})
    workbook.save(folder / "annex_a.xlsx")
    sample = (SAMPLES / "workforce" / "social_work_workforce_2022.xml").read_text()
    (folder / "csww.xml").write_text(sample.replace("<SWENo>Oz2054309383</SWENo>", f"<SWENo>{'O' * 20_000}</SWENo>"))
    from csc_scorecard.ingest.annex_a import ANNEX_A

    annex = ingest_family(con, "annex_a", ANNEX_A, landing=landing, la_code="301")
    assert annex.files_failed[str(folder / "annex_a.xlsx")].startswith(
        f"sheet {sheet.title!r} row 2, column child_unique_id holds a value of 20,000 characters")
    csww = ingest_family(con, "csww", CSWW, landing=landing, la_code="301")
    assert csww.files_failed[str(folder / "csww.xml")].startswith(
        "csww_workers row 1, column SWENo holds a value of 20,000 characters")
    assert all(_rows(con, table) == 0 for table in (*ANNEX_A, *CSWW))
