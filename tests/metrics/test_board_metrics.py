"""The board metrics beyond the contract, on a council small enough to count on paper.

Period end 31 March 2025: the 12 months run from 1 April 2024, the 3 years from 1 April 2022.
"""

from datetime import date
from pathlib import Path

import pytest

from csc_scorecard.settings import CouncilSettings
from tests.conftest import built_metric_values, cin_xml, csv_text, land

PERIOD_END = date(2025, 3, 31)
FEBRUARY = date(2025, 2, 28)


def _s47(start: str, icpc: str = "", not_required: str = "0") -> str:
    conference = f"<DateOfInitialCPC>{icpc}</DateOfInitialCPC>" if icpc else ""
    return (f"<Section47><S47ActualStartDate>{start}</S47ActualStartDate>{conference}"
            f"<ICPCnotRequired>{not_required}</ICPCnotRequired></Section47>")


def _assessment(start: str, authorised: str) -> str:
    return (f"<Assessments><AssessmentActualStartDate>{start}</AssessmentActualStartDate>"
            f"<AssessmentAuthorisationDate>{authorised}</AssessmentAuthorisationDate></Assessments>")


def _cp_plan(start: str, end: str = "", previous: str | None = "0") -> str:
    ended = f"<CPPendDate>{end}</CPPendDate>" if end else ""
    number = f"<NumberOfPreviousCPP>{previous}</NumberOfPreviousCPP>" if previous is not None else ""
    return (f"<ChildProtectionPlans><CPPstartDate>{start}</CPPstartDate>{ended}"
            f"<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>{number}</ChildProtectionPlans>")


CHILDREN_IN_NEED = [
    {"id": "K", "referrals": [{"CINreferralDate": "2023-01-05", "ReferralNFA": "0", "modules": (
        _s47("2025-03-03", "2025-03-24")    # 15 working days exactly: in time
        + _s47("2024-12-16", "2025-01-08")  # 17 weekdays, but 3 are bank holidays: 14, in time
        + _s47("2025-02-03", "2025-02-25")  # 16 working days: late
        + _s47("2025-03-20", not_required="1")  # no conference needed: an enquiry, not a conference
        + _s47("2024-03-01", "2024-03-20")  # conference before the 12 months
        + _assessment("2025-03-03", "2025-03-10")
        + _assessment("2025-03-17", "2025-03-31")  # authorised on period end: March
        + _assessment("2025-02-03", "2025-02-28")
        + _assessment("2025-03-25", "")            # not yet completed
        + _cp_plan("2023-03-31", "2025-03-31")     # ends on period end, two years to the day: 2 years
        + _cp_plan("2023-04-02", "2025-03-30")     # two days short of 2 years
        + _cp_plan("2024-06-01", previous="2")     # a third plan, open
        + _cp_plan("2024-04-01", "2024-10-01")     # starts on the first day of the 12 months
        + _cp_plan("2025-01-15", previous=None)    # number of previous plans not recorded: a first plan
        + _cp_plan("2024-03-31", previous="1")     # started the day before the 12 months, open
    )}]},
]

EPISODES = csv_text(
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN",
    # C1: with the same foster carers since 2020.
    "C1,01/01/2020,S,C2,N1,U4,PR1,,,,,,",
    # C2: new carers exactly 2 years before period end; a later change of legal status keeps them.
    "C2,01/06/2021,S,C2,N1,U4,PR1,31/03/2023,X1,,,,",
    "C2,31/03/2023,P,C2,N1,U4,PR1,01/01/2024,X1,CARPL,,,",
    "C2,01/01/2024,L,C1,N1,U4,PR1,,,,,,",
    # C3: in care exactly 2.5 years; three moves in the 12 months: four placements.
    "C3,30/09/2022,S,C2,N1,U4,PR1,01/05/2024,X1,,,,",
    "C3,01/05/2024,P,C2,N1,U6,PR1,01/09/2024,X1,CARPL,,,",
    "C3,01/09/2024,P,C2,N1,U6,PR4,01/01/2025,X1,CARPL,,,",
    "C3,01/01/2025,P,C2,N1,K2,PR4,,,,,,SC000001",
    # C4: turns 16 on period end. The placement left on 1 April 2024 is not one of the 12 months': two.
    "C4,01/01/2021,S,C2,N1,U4,PR1,01/04/2024,X1,,,,",
    "C4,01/04/2024,P,C2,N1,U6,PR1,01/08/2024,X1,CARPL,,,",
    "C4,01/08/2024,T,C1,N1,U4,PR1,,,,,,",
    # C5: short breaks only: not looked after.
    "C5,01/03/2025,S,V3,N2,U6,PR1,04/03/2025,E4A,,,,",
    "C5,20/03/2025,S,V3,N2,U6,PR1,,,,,,",
    # C6: in care a day short of 2.5 years; a move to the same carers (U) is a new placement: three.
    "C6,01/10/2022,S,C2,N1,U3,PR1,01/06/2024,X1,,,,",
    "C6,01/06/2024,P,C2,N1,U4,PR1,01/11/2024,X1,CARPL,,,",
    "C6,01/11/2024,U,C2,N1,U5,PR1,,,,,,",
    # A7: adopted in the 3 years; placement order 1 June 2022, placed with adopters 10 January 2023.
    "A7,10/01/2022,S,C2,N1,U3,PR1,01/06/2022,X1,,,,",
    "A7,01/06/2022,L,E1,N1,U3,PR1,10/01/2023,X1,,,,",
    "A7,10/01/2023,P,E1,N1,A4,PR1,01/06/2023,E11,CARPL,,,",
    # A8: adopted by the foster carers the child moved in with on 1 May 2022.
    "A8,01/03/2022,S,C2,N1,U4,PR1,01/05/2022,X1,,,,",
    "A8,01/05/2022,P,C2,N1,U4,PR1,01/07/2022,X1,CARPL,,,",
    "A8,01/07/2022,L,E1,N1,U4,PR1,01/05/2023,X1,,,,",
    "A8,01/05/2023,U,E1,N1,A5,PR1,31/01/2024,E12,CARPL,,,",
    # A9: adopted the day before the 3 years.
    "A9,01/01/2019,S,C2,N1,U3,PR1,01/06/2019,X1,,,,",
    "A9,01/06/2019,L,E1,N1,U3,PR1,01/01/2020,X1,,,,",
    "A9,01/01/2020,P,E1,N1,A3,PR1,31/03/2022,E11,CARPL,,,",
)

HEADER = csv_text(
    "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
    "C1,1,01/01/2015,WBRI,,,",
    "C2,2,01/05/2012,WBRI,,,",
    "C3,1,01/01/2014,WBRI,,,",
    "C4,2,31/03/2009,WBRI,,,",
    "C5,1,01/01/2015,WBRI,,,",
    "C6,2,01/01/2019,WBRI,,,",
)

AD1 = csv_text(
    "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR",
    "A7,01/01/2021,01/04/2022,01/12/2022,0,2,MF,L0",
    "A8,01/01/2021,01/06/2022,01/06/2022,1,2,MF,L0",  # matched before the placement order: 0 days
    "A9,01/01/2018,01/03/2019,01/12/2019,0,2,MF,L0",
)

MISSING = csv_text(
    "CHILD,DOB,MISSING,MIS_START,MIS_END",
    "C3,01/01/2014,M,02/03/2025,03/03/2025",
    "C3,01/01/2014,M,20/03/2025,21/03/2025",
    "C4,31/03/2009,A,10/03/2025,10/03/2025",   # away without authorisation: not missing
    "C4,31/03/2009,M,27/02/2025,02/03/2025",   # started in February
    "C1,01/01/2015,M,31/03/2025,",             # went missing on period end, not yet back
)

OC3 = csv_text(
    "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM",
    "L1,31/03/2005,YES,F1,B1",
    "L2,31/03/2006,NO,G4,C2",     # 19 on period end: counted
    "L3,01/04/2003,REFU,P2,D2",   # 22 the day after period end: counted
    "L4,31/03/2003,YES,F1,B1",    # 22 on period end: not counted
    "L5,01/04/2006,YES,F1,B1",    # 18: not counted
    "L6,01/06/2004,DIED,0,0",     # died: left out
    "L7,01/01/2005,RHOM,0,Z1",
)

COUNCIL = CouncilSettings(la_code="999", la_name="Test", population_0_17=10_000,
                          landing=Path("."), warehouse=Path("."), exports=Path("."))


@pytest.fixture(scope="module")
def metric_values(tmp_path_factory):
    root = tmp_path_factory.mktemp("board")
    landing = root / "landing"
    land(landing, PERIOD_END, {
        "cin.xml": cin_xml(CHILDREN_IN_NEED), "episodes.csv": EPISODES, "header.csv": HEADER,
        "ad1.csv": AD1, "missing.csv": MISSING, "oc3.csv": OC3,
    })
    return built_metric_values(root / "warehouse.duckdb", landing, COUNCIL)


def test_assessments_completed_in_the_month(metric_values):
    assert metric_values[("assessments_completed", PERIOD_END)] == (2, 2, None)
    assert metric_values[("assessments_completed", FEBRUARY)] == (1, 1, None)


def test_s47_enquiries_started_in_the_month_with_or_without_a_conference(metric_values):
    assert metric_values[("s47_enquiries", PERIOD_END)] == (2, 2, None)
    assert metric_values[("s47_enquiries", FEBRUARY)] == (1, 1, None)


def test_icpc_within_15_working_days_skips_christmas_bank_holidays(metric_values):
    value, numerator, denominator = metric_values[("icpc_within_15wd_12m", PERIOD_END)]
    assert (numerator, denominator) == (2, 3)
    assert value == pytest.approx(200 / 3)


def test_cp_plan_rate_counts_plans_open_at_period_end(metric_values):
    assert metric_values[("cp_plans", PERIOD_END)] == (3, 3, None)
    assert metric_values[("cp_plan_rate_per_10k", PERIOD_END)] == (3.0, 3, 10_000)


def test_second_or_subsequent_plans_among_plans_starting_in_the_12_months(metric_values):
    value, numerator, denominator = metric_values[("cp_plans_second_or_subsequent_12m", PERIOD_END)]
    assert (numerator, denominator) == (1, 3)
    assert value == pytest.approx(100 / 3)


def test_a_plan_ending_on_period_end_after_two_years_to_the_day_lasted_2_years(metric_values):
    value, numerator, denominator = metric_values[("cp_plans_ended_2y_plus_12m", PERIOD_END)]
    assert (numerator, denominator) == (1, 3)
    assert value == pytest.approx(100 / 3)


def test_three_or_more_placements_in_the_12_months(metric_values):
    # Looked after: C1, C2, C3, C4, C6 (C5 has short breaks only). C3 had 4 placements, C6 3, C4 2.
    assert metric_values[("cla", PERIOD_END)] == (5, 5, None)
    assert metric_values[("cla_3plus_placements_12m", PERIOD_END)] == (40.0, 2, 5)


def test_long_term_stability_of_under_16s_in_care_two_and_a_half_years(metric_values):
    # C1, C2 and C3 qualify (C4 turned 16 on period end, C6 is a day short); C1 and C2 stayed put.
    value, numerator, denominator = metric_values[("cla_long_term_stability", PERIOD_END)]
    assert (numerator, denominator) == (2, 3)
    assert value == pytest.approx(200 / 3)


def test_missing_children_and_episodes_started_in_the_month(metric_values):
    assert metric_values[("missing_episodes_month", PERIOD_END)] == (3, 3, None)
    assert metric_values[("missing_children_month", PERIOD_END)] == (2, 2, None)
    assert metric_values[("missing_episodes_month", FEBRUARY)] == (1, 1, None)
    assert metric_values[("missing_children_month", FEBRUARY)] == (1, 1, None)


def test_care_leavers_aged_19_to_21_on_period_end(metric_values):
    # L1, L2, L3 and L7; L6 died.
    assert metric_values[("care_leavers_in_touch", PERIOD_END)] == (25.0, 1, 4)
    assert metric_values[("care_leavers_suitable_accommodation", PERIOD_END)] == (50.0, 2, 4)
    assert metric_values[("care_leavers_eet", PERIOD_END)] == (50.0, 2, 4)
    # oc3 has no dates: only a month with an extract has a figure.
    assert ("care_leavers_in_touch", FEBRUARY) not in metric_values


def test_adoption_a1_days_from_care_to_placement_for_adoption(metric_values):
    # A7: 10 Jan 2022 to 10 Jan 2023 = 365; A8: 1 Mar 2022 to 1 May 2023 = 426; A9 before the 3 years.
    assert metric_values[("adoption_a1_3y", PERIOD_END)] == (395.5, 791, 2)


def test_adoption_a10_counts_foster_carer_adoptions_from_moving_in_with_the_carers(metric_values):
    # A7: 365; A8 moved in with the carers who adopted on 1 May 2022: 61 days.
    assert metric_values[("adoption_a10_3y", PERIOD_END)] == (213.0, 426, 2)


def test_adoption_a2_days_from_placement_order_to_match(metric_values):
    # A7: 1 Jun 2022 to 1 Dec 2022 = 183; A8 matched before the order: 0.
    assert metric_values[("adoption_a2_3y", PERIOD_END)] == (91.5, 183, 2)
    # The 3 years to 30 June 2023 hold A9 (1 Jun 2019 to 1 Dec 2019, 183) and A7, not yet A8.
    assert metric_values[("adoption_a2_3y", date(2023, 6, 30))] == (183.0, 366, 2)
