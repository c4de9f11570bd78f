"""The foundation metrics on a council small enough to count on paper (period end 31 March 2025)."""

from datetime import date
from pathlib import Path

import pytest

from csc_scorecard.ingest.families import FAMILIES
from tests.loading import ingest_family
from csc_scorecard.metrics.catalogue import create_members_view, load_catalogue, write_metric_values
from csc_scorecard.models.build import build_all_models
from csc_scorecard.settings import CouncilSettings
from tests.conftest import cin_xml, csv_text, land

PERIOD_END = date(2025, 3, 31)

def _assessment(start: str, authorised: str) -> str:
    return (f"<Assessments><AssessmentActualStartDate>{start}</AssessmentActualStartDate>"
            f"<AssessmentAuthorisationDate>{authorised}</AssessmentAuthorisationDate></Assessments>")


def _cp_plan(start: str, end: str) -> str:
    return (f"<ChildProtectionPlans><CPPstartDate>{start}</CPPstartDate><CPPendDate>{end}</CPPendDate>"
            "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><NumberOfPreviousCPP>0</NumberOfPreviousCPP>"
            "</ChildProtectionPlans>")


REFERRALS = [
    # A: second referral exactly on the first anniversary of the first -> a re-referral.
    {"id": "A", "referrals": [{"CINreferralDate": "2023-06-15", "ReferralNFA": "0"},
                              {"CINreferralDate": "2024-06-15", "ReferralNFA": "0"}]},
    # B: a year and a day later -> not a re-referral.
    {"id": "B", "referrals": [{"CINreferralDate": "2023-06-14", "ReferralNFA": "0"},
                              {"CINreferralDate": "2024-06-15", "ReferralNFA": "0"}]},
    # C: NFA written "true"; back within months, on period end -> a re-referral in March.
    {"id": "C", "referrals": [{"CINreferralDate": "2024-09-01", "ReferralNFA": "true"},
                              {"CINreferralDate": "2025-03-31", "ReferralNFA": "false"}]},
    {"id": "D", "referrals": [{"CINreferralDate": "2025-03-01", "ReferralNFA": "0"}]},
    # E (referred before the 12 months) carries the assessments and child protection plans.
    {"id": "E", "referrals": [{"CINreferralDate": "2023-12-01", "ReferralNFA": "0", "modules": (
        # 45 working days: Christmas, Boxing Day and New Year's Day are not counted (48 weekdays).
        _assessment("2024-12-20", "2025-02-26")
        + _assessment("2024-12-20", "2025-02-27")   # 46 working days: late
        + _assessment("2025-03-10", "2025-03-10")   # same day: 0 working days
        + _assessment("2024-01-02", "2024-03-28")   # authorised before the 12 months (and late)
        + _assessment("2025-03-20", "")             # not yet authorised
        + _cp_plan("2024-11-01", "2025-03-31")      # ended on period end: not open then
        + _cp_plan("2025-01-15", "")
    )}]},
]

EPISODES = csv_text(
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN",
    "1,01/01/2025,S,C2,N1,U1,PR1,,,,,,",             # looked after
    "2,01/02/2025,S,V3,N1,U1,PR1,,,,,,",             # short break only: not counted
    "3,01/01/2024,S,E1,N1,A3,PR1,31/03/2025,E11,,,,",  # adopted on period end
    "4,01/06/2024,S,C2,N1,U1,PR1,01/09/2024,X1,,,,",  # two episodes, one child
    "4,01/09/2024,L,E1,N1,U1,PR1,,,,,,",
    "6.0,01/06/2024,S,E1,N1,U1,PR1,01/11/2024,X1,,,,",  # id as Excel writes it
    "6,01/11/2024,P,E1,N1,A4,PR1,,,,,,",             # placed with adopters after the decision
    "5,01/06/2024,S,C2,N1,U1,PR1,01/02/2025,E41,,,,",  # went to an SGO after the decision was reversed
    "8,01/05/2024,S,C2,N1,U1,PR1,01/12/2024,E41,,,,",  # left care with the decision never reversed
)

PLACED_FOR_ADOPTION = csv_text(
    "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
    "3,01/01/2020,01/06/2024,,",            # adopted by period end: not waiting
    "4,01/01/2020,01/10/2024,,",            # waiting
    "5,01/01/2020,01/10/2024,01/12/2024,RD1",  # decision reversed: not waiting
    "6,01/01/2020,01/10/2024,,",            # placed A4 on 01/11/2024: not waiting
    "8,01/01/2020,01/07/2024,,",            # left care on 01/12/2024: not waiting after
)

STAFF = csv_text(
    "worker_id,role,team,fte,contract_type,start_date,end_date,leaving_reason,case_holder,caseload,qualified_date",
    "w1,social worker,Assessment,1.0,permanent,2020-01-01,,,Y,15,2015-07-01",
    "w2,social worker,Assessment,0.5,fixed-term,2024-01-01,,,Y,8,2019-07-01",
    "w3,social worker,Assessment,1.0,agency,2024-06-01,,,Y,17,2010-07-01",
    "w4,social worker,Assessment,0.5,agency,2023-01-01,2025-03-31,end of assignment,Y,9,2012-07-01",
    "w5,social worker,Assessment,1.0,permanent,2019-01-01,2025-02-28,resigned,Y,0,2012-07-01",
)

ESTABLISHMENT = csv_text(
    "team,role,funded_fte",
    "Assessment,social worker,3.0",
    "Children in care,social worker,1.0",  # funded, nobody employed: all vacant
)

COUNCIL = CouncilSettings(la_code="999", la_name="Test", population_0_17=10_000,
                          landing=Path("."), warehouse=Path("."), exports=Path("."))


@pytest.fixture
def metric_values(con, landing):
    land(landing, PERIOD_END, {
        "cin.xml": cin_xml(REFERRALS), "episodes.csv": EPISODES,
        "placed_for_adoption.csv": PLACED_FOR_ADOPTION, "staff.csv": STAFF,
        "establishment.csv": ESTABLISHMENT,
    })
    for family, (tables, _) in FAMILIES.items():
        ingest_family(con, family, tables, landing=landing, la_code="999")
    build_all_models(con, councils=[COUNCIL])
    write_metric_values(con, load_catalogue())
    rows = con.sql("select metric_id, period_end, value, numerator, denominator from metrics.metric_values").fetchall()
    return {(m, p): (v, n, d) for m, p, v, n, d in rows}


def test_referrals_in_the_month(metric_values):
    assert metric_values[("referrals", PERIOD_END)] == (2, 2, None)
    assert metric_values[("referrals", date(2024, 6, 30))] == (2, 2, None)
    assert metric_values[("referrals", date(2023, 12, 31))] == (1, 1, None)  # E


def test_rereferral_on_the_anniversary_counts_and_a_day_later_does_not(metric_values):
    # In the 12 months: A(2024-06-15)*, B(2024-06-15), C(2024-09-01), C(2025-03-31)*, D(2025-03-01).
    assert metric_values[("rereferral_rate_12m", PERIOD_END)] == (40.0, 2, 5)


def test_who_is_counted_says_which_referrals_are_re_referrals_by_key_alone(metric_values, con):
    # The analyst asking "why is this child in March's re-referral rate" gets the referral, by key.
    create_members_view(con, load_catalogue())
    key = {child: con.execute("select child_key('999', ?)::varchar", [child]).fetchone()[0] for child in "ABCDE"}
    members = con.execute("""
        select child_key::varchar, record_date, in_numerator, in_denominator from metrics.metric_members
        where metric_id = 'rereferral_rate_12m' and period_end = ? order by record_date, in_numerator
    """, [PERIOD_END]).fetchall()
    assert members == [(key["B"], date(2024, 6, 15), False, True),  # a year and a day after the last
                       (key["A"], date(2024, 6, 15), True, True),  # on the anniversary: a re-referral
                       (key["C"], date(2024, 9, 1), False, True),
                       (key["D"], date(2025, 3, 1), False, True),
                       (key["C"], date(2025, 3, 31), True, True)]  # back within the year


def test_nfa_rate_reads_true_false_as_well_as_0_1(metric_values):
    assert metric_values[("referral_nfa_rate_12m", PERIOD_END)] == (20.0, 1, 5)


def test_cla_excludes_short_breaks_and_children_who_left_on_period_end(metric_values):
    # Children 1, 4 and 6; not 2 (V3) nor 3 (adopted on 31 March).
    assert metric_values[("cla", PERIOD_END)] == (3, 3, None)
    assert metric_values[("cla", date(2024, 3, 31))] == (1, 1, None)  # only child 3 then


def test_adoptions_year_to_date(metric_values):
    assert metric_values[("adoptions_ytd", PERIOD_END)] == (1, 1, None)
    assert metric_values[("adoptions_ytd", date(2025, 2, 28))] == (0, 0, None)


def test_children_waiting_for_adoption(metric_values):
    assert metric_values[("children_waiting_adoption", PERIOD_END)] == (1, 1, None)  # child 4
    # On 31 Oct 2024, 4, 5, 6 and 8 had open decisions and none was placed yet; 3 was placed before its decision.
    assert metric_values[("children_waiting_adoption", date(2024, 10, 31))] == (5, 5, None)
    # By 31 Dec 2024, 5's decision was reversed, 6 placed, and 8 had left care unreversed: 3 and 4.
    assert metric_values[("children_waiting_adoption", date(2024, 12, 31))] == (2, 2, None)


def test_agency_rate_counts_fixed_term_as_employed_and_last_day_in_post(metric_values):
    # Agency 1.0 + 0.5 (last day is period end); employed 1.0 + 0.5; w5 left in February.
    assert metric_values[("agency_worker_rate", PERIOD_END)] == (50.0, 1.5, 3.0)


def test_assessments_within_45_working_days_skip_bank_holidays(metric_values):
    value, numerator, denominator = metric_values[("assessments_within_45wd_12m", PERIOD_END)]
    assert (numerator, denominator) == (2, 3)
    assert value == pytest.approx(200 / 3)
    # On 31 Jan 2025 none of the three had been authorised; the March 2024 one (61 working days,
    # late) was then in the window.
    assert metric_values[("assessments_within_45wd_12m", date(2025, 1, 31))] == (0.0, 0, 1)


def test_cp_plans_open_at_period_end(metric_values):
    assert metric_values[("cp_plans", PERIOD_END)] == (1, 1, None)  # the other ended on 31 March
    assert metric_values[("cp_plans", date(2025, 2, 28))] == (2, 2, None)
    assert metric_values[("cp_plans", date(2024, 10, 31))] == (0, 0, None)


def test_cla_rate_uses_the_configured_population(metric_values):
    assert metric_values[("cla_rate_per_10k", PERIOD_END)] == (3.0, 3, 10_000)


def test_vacancies_match_posts_by_team_and_count_agency_cover_as_vacant(metric_values):
    # Assessment: 3.0 funded, 1.5 employed (agency w3 does not fill it) -> 1.5; Children in care 1.0.
    assert metric_values[("vacancy_rate", PERIOD_END)] == (62.5, 2.5, 4.0)
    # The only establishment extract is dated 31 March: no figure for February rather than a guess.
    assert ("vacancy_rate", date(2025, 2, 28)) not in metric_values


def test_turnover_counts_employed_leavers_in_the_12_months(metric_values):
    value, numerator, denominator = metric_values[("turnover_rate_12m", PERIOD_END)]
    assert (numerator, denominator) == (1.0, 1.5)  # w5 left 28 Feb; w4 was agency
    assert value == pytest.approx(200 / 3)


def test_caseload_only_for_months_with_a_staff_list(metric_values):
    # w1 15 + w2 8 + w3 17 + w4 9 (last day 31 March) over 1.0 + 0.5 + 1.0 + 0.5 FTE.
    value, numerator, denominator = metric_values[("caseload_per_fte", PERIOD_END)]
    assert (numerator, denominator) == (49, 3.0)
    assert value == pytest.approx(49 / 3)
    assert ("caseload_per_fte", date(2025, 2, 28)) not in metric_values
