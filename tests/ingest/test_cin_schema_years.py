"""CIN census returns from every schema year 2017-2026 read into the same staging tables."""

import json
from datetime import date

import pytest

from tests.conftest import land
from tests.ingest.staging_helpers import accounted, build_staging, ingest_all

PRE_PROCEEDINGS = ("<PreProceedingsandFGDM><PreProceedingsStartDate>2026-01-05</PreProceedingsStartDate>"
                   "<FGDMDate>2026-01-20</FGDMDate><FGDMDate>2026-02-03</FGDMDate></PreProceedingsandFGDM>")


def _return(year: int, gender: str) -> str:
    """One child, one referral with an assessment, written as that year's schema has it."""
    modules = "<Assessments><AssessmentActualStartDate>2016-02-01</AssessmentActualStartDate>" \
              "<FactorsIdentifiedAtAssessment><AssessmentFactors>2B</AssessmentFactors>" \
              "</FactorsIdentifiedAtAssessment></Assessments>"
    if year >= 2026:
        modules += PRE_PROCEEDINGS
    return (
        f"<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>{year}</Year>"
        f"<ReferenceDate>{year}-03-31</ReferenceDate></CollectionDetails><Source><LEA>999</LEA></Source>"
        "</Header><Children><Child><ChildIdentifiers><LAchildID>C1</LAchildID><UPN>A123456789012</UPN>"
        f"<PersonBirthDate>2015-06-01</PersonBirthDate>{gender}</ChildIdentifiers>"
        "<ChildCharacteristics><Ethnicity>WBRI</Ethnicity><Disabilities><Disability>NONE</Disability>"
        "</Disabilities></ChildCharacteristics><CINdetails><CINreferralDate>2016-01-10</CINreferralDate>"
        f"<ReferralSource>1A</ReferralSource><ReferralNFA>0</ReferralNFA>{modules}</CINdetails></Child>"
        "</Children></Message>"
    )


# Until 2022/23 the child's sex was GenderCurrent (1, 2, 0 or 9); from 2023/24, Sex (M, F, U;
# some suppliers kept 1/2).
YEARS = [(2017, "<GenderCurrent>1</GenderCurrent>", "M"), (2019, "<GenderCurrent>2</GenderCurrent>", "F"),
         (2022, "<GenderCurrent>9</GenderCurrent>", "U"), (2024, "<Sex>F</Sex>", "F"),
         (2025, "<Sex>2</Sex>", "F"), (2026, "<Sex>M</Sex>", "M")]


@pytest.mark.parametrize(("year", "gender", "sex"), YEARS, ids=[str(y) for y, _, _ in YEARS])
def test_each_schema_year_stages_the_child_referral_and_assessment(con, landing, year, gender, sex):
    land(landing, date(year, 3, 31), {"cin.xml": _return(year, gender)})
    assert not ingest_all(con, landing)["cin_census"].files_failed
    build_staging(con, "cin_children", "cin_referrals", "cin_assessments", "cin_pre_proceedings")
    assert con.sql("select sex, date_of_birth, ethnicity, disabilities from staging.cin_children").fetchall() == [
        (sex, date(2015, 6, 1), "WBRI", "NONE")]
    # The keys tie the referral and its assessment to the child.
    tied = con.sql("""
        select count(*) from staging.cin_children c
        join staging.cin_referrals r using (file_hash, child_seq, child_key)
        join staging.cin_assessments a using (file_hash, child_seq, referral_seq, child_key)
        where r.referral_date = date '2016-01-10' and a.assessment_start_date = date '2016-02-01'
    """).fetchone()[0]
    assert tied == 1
    assert accounted(con, "cin_pre_proceedings") == ((1, 0) if year >= 2026 else (0, 0))


def test_the_2026_pre_proceedings_module_keeps_every_field(con, landing):
    land(landing, date(2026, 3, 31), {"cin.xml": _return(2026, "<Sex>M</Sex>")})
    ingest_all(con, landing)
    build_staging(con, "cin_pre_proceedings")
    fields = con.sql("select module_fields from staging.cin_pre_proceedings").fetchone()[0]
    assert json.loads(fields) == {"PreProceedingsStartDate": "2026-01-05", "FGDMDate": ["2026-01-20", "2026-02-03"]}


def test_a_sex_code_outside_both_schemes_is_quarantined(con, landing):
    land(landing, date(2024, 3, 31), {"cin.xml": _return(2024, "<Sex>X</Sex>")})
    ingest_all(con, landing)
    build_staging(con, "cin_children")
    assert con.sql("select column_name, value, reason from staging.quarantine").fetchall() == [
        ("Sex", "X", "Sex is not a sex code (1/2, M/F/U, or GenderCurrent 0/1/2/9)")]
