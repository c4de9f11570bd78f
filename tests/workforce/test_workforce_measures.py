"""Workforce measures per team and for the council, on a service small enough to count on paper.

At 31 March 2025:
  Assessment        a1 perm 1.0 (qualified 2015), a2 fixed-term 0.5 (started 10 Mar, qualified Jul 2024),
                    a3 agency 1.0; a4 perm 1.0 left 14 Mar; a5 perm 1.0 moved out to Children in care
                    on 1 Feb. Funded: 3.0 social worker.
  Children in care  a5 senior practitioner 1.0 (qualified 2012), c1 team manager 1.0 (not a case holder,
                    no qualification date); c2 perm 0.8 started 1 Sep 2024, left 30 Nov 2024.
                    Funded: 1.0 senior practitioner, 1.0 team manager, 1.0 social worker. The HR system
                    spells the team three ways; the establishment's spelling names it.
  Front Door        nobody; funded 2.0 social worker.
"""

from datetime import date

import pytest

from csc_scorecard.ingest.families import FAMILIES
from tests.loading import ingest_family
from csc_scorecard.metrics.catalogue import load_catalogue, write_metric_values
from csc_scorecard.models.build import build_all_models
from tests.conftest import csv_text, land
from tests.workforce.conftest import COUNCIL

PERIOD_END = date(2025, 3, 31)

STAFF = csv_text(
    "worker_id,role,team,fte,contract_type,start_date,end_date,leaving_reason,case_holder,caseload,qualified_date",
    "a1,social worker,Assessment,1.0,permanent,2020-01-01,,,Y,15,2015-07-01",
    "a2,social worker,Assessment,0.5,fixed-term,2025-03-10,,,Y,6,2024-07-01",
    "a3,social worker,Assessment,1.0,agency,2024-06-01,,,Y,18,",
    "a4,social worker,Assessment,1.0,permanent,2018-01-01,2025-03-14,resigned,Y,0,2010-07-01",
    "a5,social worker,Assessment,1.0,permanent,2019-01-01,2025-01-31,moved team,Y,0,2012-07-01",
    "a5,senior practitioner,children in  care,1.0,permanent,2025-02-01,,,Y,12,2012-07-01",
    "c1,team manager,CHILDREN IN CARE,1.0,permanent,2015-01-01,,,N,0,",
    "c2,social worker,Children in care,0.8,permanent,2024-09-01,2024-11-30,resigned,Y,0,2024-06-15",
)

ESTABLISHMENT = csv_text(
    "team,role,funded_fte",
    "Assessment,social worker,3.0",
    "Children in care,senior practitioner,1.0",
    "Children in care,team manager,1.0",
    "Children in care,social worker,1.0",
    "Front Door,social worker,2.0",
)

# Reporting months come from the children's returns: one episode opens them from January 2023.
EPISODES = csv_text(
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN",
    "1,01/01/2023,S,C2,N1,U1,PR1,,,,,,",
)


@pytest.fixture
def measures(con, landing):
    land(landing, PERIOD_END, {"staff.csv": STAFF, "posts.csv": ESTABLISHMENT, "episodes.csv": EPISODES})
    for family, (tables, _) in FAMILIES.items():
        ingest_family(con, family, tables, landing=landing, la_code="999")
    build_all_models(con, councils=[COUNCIL])
    write_metric_values(con, load_catalogue())
    rows = con.sql("""
        select period_end, coalesce(team, 'council'), measure, value, numerator, denominator
        from marts.workforce_measures
    """).fetchall()
    return {(p, t, m): (v, n, d) for p, t, m, v, n, d in rows}, con


def at(measures, team, measure, period_end=PERIOD_END):
    return measures[0][(period_end, team, measure)]


def test_social_workers_in_post_are_employees_counted_once(measures):
    assert at(measures, "Assessment", "social_workers_fte")[0] == 1.5      # a1 + a2
    assert at(measures, "Assessment", "social_workers_headcount")[0] == 2
    assert at(measures, "Children in care", "social_workers_fte")[0] == 2.0  # a5 + c1
    assert at(measures, "council", "social_workers_fte")[0] == 3.5
    assert at(measures, "council", "social_workers_headcount")[0] == 4
    # In January a5 was still in Assessment (last day 31 January).
    assert at(measures, "Assessment", "social_workers_headcount", date(2025, 1, 31))[0] == 3


def test_agency_rate_per_team_and_council(measures):
    assert at(measures, "Assessment", "agency_worker_rate") == (40.0, 1.0, 2.5)
    assert at(measures, "Children in care", "agency_worker_rate") == (0.0, 0.0, 2.0)
    assert at(measures, "Front Door", "agency_worker_rate") == (None, 0.0, 0.0)
    value, numerator, denominator = at(measures, "council", "agency_worker_rate")
    assert (numerator, denominator) == (1.0, 4.5) and value == pytest.approx(100 / 4.5)
    assert at(measures, "council", "agency_headcount")[0] == 1


def test_vacancies_per_team_add_up_to_the_council(measures):
    assert at(measures, "Assessment", "vacancy_rate") == (50.0, 1.5, 3.0)
    value, numerator, denominator = at(measures, "Children in care", "vacancy_rate")
    assert (numerator, denominator) == (1.0, 3.0) and value == pytest.approx(100 / 3)
    assert at(measures, "Front Door", "vacancy_rate") == (100.0, 2.0, 2.0)
    assert at(measures, "council", "vacancy_rate") == (56.25, 4.5, 8.0)
    # The establishment extract is dated 31 March: no vacancy figure for February.
    assert (date(2025, 2, 28), "council", "vacancy_rate") not in measures[0]


def test_starters_and_leavers_join_or_leave_the_council_not_a_team(measures):
    assert at(measures, "council", "starters")[0] == 1                     # a2
    assert at(measures, "council", "leavers")[0] == 1                      # a4
    assert at(measures, "Assessment", "leavers")[0] == 1
    # a5's move on 1 February is neither a leaver in January nor a starter in February.
    assert at(measures, "council", "leavers", date(2025, 1, 31))[0] == 0
    assert at(measures, "council", "starters", date(2025, 2, 28))[0] == 0
    assert at(measures, "Children in care", "starters", date(2024, 9, 30))[0] == 1   # c2
    assert at(measures, "Children in care", "leavers", date(2024, 11, 30))[0] == 1


def test_turnover_counts_leavers_fte_over_12_months(measures):
    value, numerator, denominator = at(measures, "Assessment", "turnover_rate_12m")
    assert (numerator, denominator) == (1.0, 1.5) and value == pytest.approx(200 / 3)   # a4, not a5
    assert at(measures, "Children in care", "turnover_rate_12m") == (40.0, 0.8, 2.0)     # c2
    value, numerator, denominator = at(measures, "council", "turnover_rate_12m")
    assert (numerator, denominator) == (1.8, 3.5) and value == pytest.approx(180 / 3.5)


def test_caseload_per_case_holding_fte(measures):
    assert at(measures, "Assessment", "caseload_per_fte") == (15.6, 39.0, 2.5)   # a1 15, a2 6, a3 18
    assert at(measures, "Children in care", "caseload_per_fte") == (12.0, 12.0, 1.0)  # a5; c1 holds none
    value, numerator, denominator = at(measures, "council", "caseload_per_fte")
    assert (numerator, denominator) == (51.0, 3.5) and value == pytest.approx(51 / 3.5)
    assert (PERIOD_END, "Front Door", "caseload_per_fte") not in measures[0]  # no case holders


def test_newly_qualified_share_of_employees_with_a_known_qualification_date(measures):
    assert at(measures, "Assessment", "newly_qualified_rate") == (50.0, 1.0, 2.0)     # a2 of a1, a2
    assert at(measures, "Children in care", "newly_qualified_rate") == (0.0, 0.0, 1.0)  # a5; c1 unknown
    value, numerator, denominator = at(measures, "council", "newly_qualified_rate")
    assert (numerator, denominator) == (1.0, 3.0) and value == pytest.approx(100 / 3)


def test_the_council_level_metrics_are_the_measures(measures):
    _, con = measures
    rows = dict(con.sql("""
        select metric_id, value from metrics.metric_values
        where period_end = date '2025-03-31'
          and metric_id in ('social_workers_fte', 'starters', 'leavers', 'newly_qualified_rate', 'vacancy_rate')
    """).fetchall())
    assert rows == {"social_workers_fte": 3.5, "starters": 1, "leavers": 1,
                    "newly_qualified_rate": pytest.approx(100 / 3), "vacancy_rate": 56.25}
