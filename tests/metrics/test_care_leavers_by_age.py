"""Care leavers by age band, 17-18 and 19-21, on a council small enough to count on paper.

The SSDA903 oc3 table has held care leavers aged 17 and 18 as well as 19 to 21 since 2016-17; the
Annex A list 9 names their personal adviser. One shared mart (marts.care_leavers_at_period_end)
sorts both lists into bands, so each band's measure counts the same people. Extracts on 28 February
(oc3 only, nobody aged 17 to 21) and 31 March 2025 (oc3 and list 9).
"""

from datetime import date, datetime

import duckdb
import openpyxl
import pytest

from csc_scorecard.metrics.catalogue import create_members_view, load_catalogue
from csc_scorecard.pseudonym import child_key, pseudonym_key
from csc_scorecard.settings import CouncilSettings
from tests.conftest import built_metric_values, csv_text, land

PERIOD_END = date(2025, 3, 31)
FEBRUARY = date(2025, 2, 28)
COUNCIL = CouncilSettings(la_code="999", la_name="Test", population_0_17=10_000,
                          landing="landing", warehouse="w.duckdb", exports="exports")

OC3 = csv_text(
    "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM",
    "Y1,31/03/2008,YES,F1,B1",   # 17 on period end: 17-18, in touch, in EET, suitably housed
    "Y2,01/04/2008,YES,F1,B1",   # 17 the day after: 16, not counted
    "Y3,01/04/2006,NO,F2,C2",    # 19 the day after: 17-18, in EET, unsuitably housed
    "Y4,31/03/2006,YES,P1,D1",   # 19 on period end: 19-21, in touch, in EET, suitably housed
    "Y5,01/06/2007,DIED,0,0",    # died: left out
    "Y6,01/01/2007,REFU,0,K1",   # 18: 17-18, refused contact, not in EET, suitably housed
    "Y7,01/04/2003,RHOM,G5,E2",  # 22 the day after: 19-21, none of the three
)
# Reporting periods run back from the latest episode extract: one child in care gives them.
EPISODES = csv_text("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN",
                    "C1,01/01/2024,S,C2,N1,U3,PR1,,,,,,")
# February's extract holds a care leaver aged 22 only: a figure of no one, not no figure.
OC3_FEBRUARY = csv_text("CHILD,DOB,IN_TOUCH,ACTIV,ACCOM", "Y9,01/01/2003,YES,F1,B1")

LIST_9_HEADER = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age",
                 "Does the Child have a Disability", "UASC", "Allocated Team", "Allocated Worker",
                 "Allocated Personal Advisor", "Eligibility Category", "LA in Touch",
                 "Latest Pathway Plan Review Date", "Latest Date of Contact", "Type of Accommodation",
                 "Suitability of Accommodation", "Activity Status"]


def _listed(child, born, adviser, eligibility="b) Former relevant child"):
    return [child, "a) Male", "a) WBRI", born, 19, "b) No", "b) No", "Care Leavers Team", "A Worker", adviser,
            eligibility, "a) Yes", datetime(2025, 1, 10), datetime(2025, 3, 3), "U: Independent living",
            "a) Suitable", "F1: Full time in higher education"]


LIST_9 = [
    _listed("P1", datetime(2008, 3, 31), "Sam Adviser"),   # 17: 17-18, has one
    _listed("P2", datetime(2007, 1, 1), "Unallocated"),    # 18: 17-18, none
    _listed("P3", datetime(2006, 3, 31), "Jo Adviser"),    # 19 on period end: 19-21, has one
    _listed("P4", datetime(2004, 1, 1), None),             # 21: 19-21, none
    _listed("P5", datetime(2005, 5, 5), "Jo Adviser"),     # 19, listed twice: one care leaver, has one
    _listed("P5", datetime(2005, 5, 5), "None"),
    _listed("P6", datetime(2007, 6, 1), None, eligibility="c) Qualifying care leaver"),  # no duty: left out
    _listed("P7", datetime(2009, 1, 1), "Sam Adviser"),    # 16: not counted
]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    return tmp_path_factory.mktemp("care_leavers_by_age") / "warehouse.duckdb"


@pytest.fixture(scope="module")
def metric_values(warehouse):
    landing = warehouse.parent / "landing"
    land(landing, FEBRUARY, {"oc3.csv": OC3_FEBRUARY, "episodes.csv": EPISODES})
    folder = land(landing, PERIOD_END, {"oc3.csv": OC3, "episodes.csv": EPISODES})
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    sheet = workbook.create_sheet("List 9")
    sheet.append(LIST_9_HEADER)
    for row in LIST_9:
        sheet.append(row)
    workbook.save(folder / "annex_a.xlsx")
    return built_metric_values(warehouse, landing, COUNCIL)


def test_care_leavers_aged_17_and_18_in_the_903(metric_values):
    # Y1, Y3 and Y6 (Y2 is 16, Y5 died). In touch: Y1. Suitably housed: Y1, Y6. In EET: Y1, Y3.
    assert metric_values[("care_leavers_17_18_in_touch", PERIOD_END)] == (pytest.approx(100 / 3), 1, 3)
    assert metric_values[("care_leavers_17_18_suitable_accommodation", PERIOD_END)] == (pytest.approx(200 / 3), 2, 3)
    assert metric_values[("care_leavers_17_18_eet", PERIOD_END)] == (pytest.approx(200 / 3), 2, 3)


def test_care_leavers_aged_19_to_21_keep_their_own_band(metric_values):
    # Y4 (19 on period end) and Y7 (21): a 17- or 18-year-old is not in these figures.
    assert metric_values[("care_leavers_in_touch", PERIOD_END)] == (50.0, 1, 2)
    assert metric_values[("care_leavers_suitable_accommodation", PERIOD_END)] == (50.0, 1, 2)
    assert metric_values[("care_leavers_eet", PERIOD_END)] == (50.0, 1, 2)


def test_a_month_whose_903_holds_no_care_leaver_of_the_age_counts_no_one(metric_values):
    assert metric_values[("care_leavers_17_18_in_touch", FEBRUARY)] == (None, 0, 0)
    assert metric_values[("care_leavers_in_touch", FEBRUARY)] == (None, 0, 0)
    # No workbook in February: no personal adviser figure at all.
    assert ("care_leavers_17_18_with_personal_adviser", FEBRUARY) not in metric_values


def test_personal_advisers_by_age_band_add_up_to_17_to_21(metric_values):
    # 17-18: P1 (has one), P2 (unallocated). 19-21: P3, P5 (listed twice, one named), P4 (none).
    assert metric_values[("care_leavers_17_18_with_personal_adviser", PERIOD_END)] == (50.0, 1, 2)
    assert metric_values[("care_leavers_19_21_with_personal_adviser", PERIOD_END)] == (pytest.approx(200 / 3), 2, 3)
    assert metric_values[("care_leavers_with_personal_adviser", PERIOD_END)] == (60.0, 3, 5)


def test_who_the_17_to_18_figure_counts(metric_values, warehouse):
    keys = {child_key(pseudonym_key(), "999", c): c for c in ("Y1", "Y3", "Y6", "P1", "P2")}
    with duckdb.connect(str(warehouse)) as con:
        create_members_view(con, load_catalogue())
        members = con.execute("""
            select metric_id, child_key, in_numerator from metrics.metric_members
            where metric_id in ('care_leavers_17_18_in_touch', 'care_leavers_17_18_with_personal_adviser')
                and period_end = ?
        """, [PERIOD_END]).fetchall()
    assert sorted((m, keys[k], n) for m, k, n in members) == [
        ("care_leavers_17_18_in_touch", "Y1", True),
        ("care_leavers_17_18_in_touch", "Y3", False),
        ("care_leavers_17_18_in_touch", "Y6", False),
        ("care_leavers_17_18_with_personal_adviser", "P1", True),
        ("care_leavers_17_18_with_personal_adviser", "P2", False),
    ]
