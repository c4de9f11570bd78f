"""The foundation metrics on a council small enough to count on paper (period end 31 March 2025)."""

from datetime import date

import pytest

from pipelines.ingest.assets import FAMILIES
from pipelines.ingest.load import ingest_family
from pipelines.metrics.catalogue import load_catalogue, write_metric_values
from pipelines.models.assets import build_all_models
from tests.conftest import cin_xml, csv_text, land

PERIOD_END = date(2025, 3, 31)

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
)

PLACED_FOR_ADOPTION = csv_text(
    "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
    "3,01/01/2020,01/06/2024,,",            # adopted by period end: not waiting
    "4,01/01/2020,01/10/2024,,",            # waiting
    "5,01/01/2020,01/10/2024,01/12/2024,RD1",  # decision reversed: not waiting
    "6,01/01/2020,01/10/2024,,",            # placed A4 on 01/11/2024: not waiting
)

STAFF = csv_text(
    "worker_id,role,team,fte,contract_type,start_date,end_date,leaving_reason,case_holder,caseload,qualified_date",
    "w1,social worker,Assessment,1.0,permanent,2020-01-01,,,Y,15,2015-07-01",
    "w2,social worker,Assessment,0.5,fixed-term,2024-01-01,,,Y,8,2019-07-01",
    "w3,social worker,Assessment,1.0,agency,2024-06-01,,,Y,17,2010-07-01",
    "w4,social worker,Assessment,0.5,agency,2023-01-01,2025-03-31,end of assignment,Y,9,2012-07-01",
    "w5,social worker,Assessment,1.0,permanent,2019-01-01,2025-02-28,resigned,Y,0,2012-07-01",
)


@pytest.fixture
def metric_values(con, landing):
    land(landing, PERIOD_END, {
        "cin.xml": cin_xml(REFERRALS), "episodes.csv": EPISODES,
        "placed_for_adoption.csv": PLACED_FOR_ADOPTION, "staff.csv": STAFF,
    })
    for family, (tables, _) in FAMILIES.items():
        ingest_family(con, family, tables, landing=landing, la_code="999")
    build_all_models(con)
    write_metric_values(con, load_catalogue())
    rows = con.sql("select metric_id, period_end, value, numerator, denominator from metrics.metric_values").fetchall()
    return {(m, p): (v, n, d) for m, p, v, n, d in rows}


def test_referrals_in_the_month(metric_values):
    assert metric_values[("referrals", PERIOD_END)] == (2, 2, None)
    assert metric_values[("referrals", date(2024, 6, 30))] == (2, 2, None)


def test_rereferral_on_the_anniversary_counts_and_a_day_later_does_not(metric_values):
    # In the 12 months: A(2024-06-15)*, B(2024-06-15), C(2024-09-01), C(2025-03-31)*, D(2025-03-01).
    assert metric_values[("rereferral_rate_12m", PERIOD_END)] == (40.0, 2, 5)


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
    # On 31 Oct 2024, 4, 5 and 6 had open decisions and none was placed yet; 3 was placed before its decision.
    assert metric_values[("children_waiting_adoption", date(2024, 10, 31))] == (4, 4, None)


def test_agency_rate_counts_fixed_term_as_employed_and_last_day_in_post(metric_values):
    # Agency 1.0 + 0.5 (last day is period end); employed 1.0 + 0.5; w5 left in February.
    assert metric_values[("agency_worker_rate", PERIOD_END)] == (50.0, 1.5, 3.0)
