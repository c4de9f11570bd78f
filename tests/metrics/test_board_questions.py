"""The board's questions of issue 24, on a council small enough to count on paper.

Which children are waiting for adoption (both readings), adoptions to date beside the same point
last year, how caseloads are spread, and which care leavers have a personal adviser (Annex A 2024
list 9). One extract, 31 March 2025.
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
DECEMBER = date(2024, 12, 31)
COUNCIL = CouncilSettings(la_code="999", la_name="Test", population_0_17=10_000,
                          landing="landing", warehouse="w.duckdb", exports="exports")

EPISODES = csv_text(
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN",
    # W1: placement order 1 Sep 2024, decision 1 Oct 2024, not placed: waiting on both readings.
    "W1,01/01/2024,S,C2,N1,U3,PR1,01/09/2024,X1,,,,",
    "W1,01/09/2024,L,E1,N1,U3,PR1,,,,,,",
    # W2: placement order 1 Aug 2024; decision reversed 1 Dec 2024, the order stands: the wider reading only.
    "W2,01/01/2024,S,C2,N1,U3,PR1,01/08/2024,X1,,,,",
    "W2,01/08/2024,L,E1,N1,U3,PR1,,,,,,",
    # W3: placement order 1 Jul 2024, no decision recorded: the wider reading only.
    "W3,01/01/2024,S,C2,N1,U4,PR1,01/07/2024,X1,,,,",
    "W3,01/07/2024,L,E1,N1,U4,PR1,,,,,,",
    # W4: on an order from the start, decision 1 Jun 2024, placed with adopters 1 Nov 2024: not waiting.
    "W4,01/01/2024,S,E1,N1,U3,PR1,01/11/2024,X1,,,,",
    "W4,01/11/2024,P,E1,N1,A3,PR1,,,,,,",
    # W5: decision 1 Oct 2024, no placement order yet: waiting on both readings.
    "W5,01/01/2024,S,C2,N1,U3,PR1,,,,,,",
    # W6: order from 1 May 2024 until 1 Jan 2025 (then C2), decision reversed 1 Dec 2024.
    "W6,01/01/2024,S,C2,N1,U3,PR1,01/05/2024,X1,,,,",
    "W6,01/05/2024,L,E1,N1,U3,PR1,01/01/2025,X1,,,,",
    "W6,01/01/2025,L,C2,N1,U3,PR1,,,,,,",
    # W7: order 1 Aug 2024, decision reversed 1 Jan 2025, left care to an SGO on 1 Mar 2025.
    "W7,01/01/2024,S,C2,N1,U3,PR1,01/08/2024,X1,,,,",
    "W7,01/08/2024,L,E1,N1,U3,PR1,01/03/2025,E41,,,,",
    # Adopted: A1 15 Apr 2023, A2 on 29 Feb 2024 (a leap day), A3 31 Mar 2024, A4 31 Mar 2023
    # (the year before last), A5 10 Jun 2024 (this year).
    "A1,01/01/2022,S,E1,N1,A3,PR1,15/04/2023,E11,,,,",
    "A2,01/01/2022,S,E1,N1,A4,PR1,29/02/2024,E12,,,,",
    "A3,01/01/2022,S,E1,N1,A3,PR1,31/03/2024,E11,,,,",
    "A4,01/01/2022,S,E1,N1,A3,PR1,31/03/2023,E11,,,,",
    "A5,01/01/2022,S,E1,N1,A3,PR1,10/06/2024,E11,,,,",
)

PLACED_FOR_ADOPTION = csv_text(
    "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
    "W1,01/01/2020,01/10/2024,,",
    "W2,01/01/2020,01/09/2024,01/12/2024,RD1",
    "W4,01/01/2020,01/06/2024,,",
    "W5,01/01/2020,01/10/2024,,",
    "W6,01/01/2020,01/06/2024,01/12/2024,RD1",
    "W7,01/01/2020,01/09/2024,01/01/2025,RD2",
)

STAFF = csv_text(
    "worker_id,role,team,fte,contract_type,start_date,end_date,leaving_reason,case_holder,caseload,qualified_date",
    "s1,social worker,Assessment,1.0,permanent,2020-01-01,,,Y,20,",         # exactly 20: not more than 20
    "s2,social worker,Assessment,1.0,permanent,2020-01-01,,,Y,21,",         # more than 20
    "s3,social worker,Assessment,0.5,agency,2024-01-01,,,Y,26,",            # part-time agency, more than 25
    "s4,social worker,Children in care,1.0,permanent,2020-01-01,,,Y,25,",   # exactly 25: more than 20 only
    "s5,social worker,Assessment,0.5,permanent,2020-01-01,,,Y,12,",         # two posts, 24 cases in all
    "s5,social worker,Children in care,0.5,permanent,2020-01-01,,,Y,12,",
    "s6,team manager,Assessment,1.0,permanent,2020-01-01,,,N,0,",           # holds no cases
    "s7,social worker,Children in care,1.0,permanent,2020-01-01,2025-02-28,resigned,Y,30,",  # left
    "s8,social worker,Children in care,1.0,permanent,2020-01-01,,,Y,,",     # caseload not recorded
)

LIST_9_HEADER = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age",
                 "Does the Child have a Disability", "UASC", "Allocated Team", "Allocated Worker",
                 "Allocated Personal Advisor", "Eligibility Category", "LA in Touch",
                 "Latest Pathway Plan Review Date", "Latest Date of Contact", "Type of Accommodation",
                 "Suitability of Accommodation", "Activity Status"]
FORMER_RELEVANT = "b) Former relevant child"


def _care_leaver(child, born, adviser, *, uasc="b) No", eligibility=FORMER_RELEVANT,
                 contact=datetime(2025, 3, 3)):
    return [child, "a) Male", "a) WBRI", born, 19, "b) No", uasc, "Care Leavers Team", "A Worker", adviser,
            eligibility, "a) Yes", datetime(2025, 1, 10), contact, "U: Independent living", "a) Suitable",
            "F1: Full time in higher education"]


CARE_LEAVERS = [
    _care_leaver("L1", datetime(2008, 3, 31), "Sam Adviser"),   # 17 on period end: counted, has one
    _care_leaver("L2", datetime(2003, 4, 1), None),             # 22 the day after: counted, none named
    _care_leaver("L3", datetime(2003, 3, 31), "Sam Adviser"),   # 22 on period end: not counted
    _care_leaver("L4", datetime(2008, 4, 1), "Sam Adviser"),    # 17 the day after: not counted
    _care_leaver("L5", datetime(2005, 6, 1), "None"),           # "None" written in: counted, none
    _care_leaver("L6", datetime(2006, 1, 1), None, eligibility="c) Qualifying care leaver"),  # no duty: left out
    _care_leaver("L7", datetime(2004, 1, 1), "Jo Adviser", uasc="a) Yes"),  # counted, has one
    _care_leaver("L8", datetime(2005, 1, 1), "Jo Adviser", contact=datetime(2099, 1, 1)),  # quarantined
    _care_leaver("L9", datetime(2005, 1, 1), "Jo Adviser", uasc="Maybe"),   # quarantined
]


def _workbook(path) -> None:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    sheet = workbook.create_sheet("List 9")
    sheet.append(LIST_9_HEADER)
    for row in CARE_LEAVERS:
        sheet.append(row)
    workbook.save(path)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    return tmp_path_factory.mktemp("board_questions") / "warehouse.duckdb"


@pytest.fixture(scope="module")
def metric_values(warehouse):
    landing = warehouse.parent / "landing"
    folder = land(landing, PERIOD_END, {"episodes.csv": EPISODES, "placed_for_adoption.csv": PLACED_FOR_ADOPTION,
                                        "staff.csv": STAFF})
    _workbook(folder / "annex_a.xlsx")
    return built_metric_values(warehouse, landing, COUNCIL)


def test_children_waiting_on_the_adoption_decision_reading(metric_values):
    # 31 March: W1 and W5. W2's decision was reversed, W4 placed, W7 left care.
    assert metric_values[("children_waiting_adoption", PERIOD_END)] == (2, 2, None)
    # 31 December: W1, W5 and W7 (reversed the next day); W2 and W6 reversed on 1 December.
    assert metric_values[("children_waiting_adoption", DECEMBER)] == (3, 3, None)


def test_children_waiting_on_a_placement_order_or_decision_adds_orders_whose_decision_went(metric_values):
    # 31 March: W1, W5 as above, and W2 (decision reversed, order stands) and W3 (order, no decision).
    # W6's order ended on 1 January.
    assert metric_values[("children_waiting_placement_order_or_decision", PERIOD_END)] == (4, 4, None)
    # 31 December: W1, W5, W7, W2, W3, and W6 (order in force until 1 January).
    assert metric_values[("children_waiting_placement_order_or_decision", DECEMBER)] == (6, 6, None)


def test_who_is_waiting_is_dated_from_the_order_or_the_decision_whichever_came_first(metric_values, warehouse):
    with duckdb.connect(str(warehouse)) as con:
        create_members_view(con, load_catalogue())
        keys = {child_key(pseudonym_key(), "999", c): c for c in ("W1", "W2", "W3", "W5")}
        members = con.execute("""
            select child_key, record_date from metrics.metric_members
            where metric_id = 'children_waiting_placement_order_or_decision' and period_end = ?
        """, [PERIOD_END]).fetchall()
    assert sorted((keys[k], d) for k, d in members) == [
        ("W1", date(2024, 9, 1)),   # the order, a month before the decision
        ("W2", date(2024, 8, 1)),
        ("W3", date(2024, 7, 1)),
        ("W5", date(2024, 10, 1)),  # a decision, no order
    ]


def test_adoptions_to_date_beside_the_same_point_last_year(metric_values):
    # This year to 31 March 2025: A5. Last year to 31 March 2024: A1, A2, A3 (A4 the year before).
    assert metric_values[("adoptions_ytd", PERIOD_END)] == (1, 1, None)
    assert metric_values[("adoptions_ytd_last_year", PERIOD_END)] == (3, 3, None)
    # February 2025 sets beside it 1 April 2023 to 29 February 2024: A1 and A2 (adopted on the leap day).
    assert metric_values[("adoptions_ytd_last_year", FEBRUARY)] == (2, 2, None)
    # The same figure as adoptions_ytd showed a year before.
    assert metric_values[("adoptions_ytd", date(2024, 3, 31))] == (3, 3, None)


def test_share_of_case_holders_over_20_and_over_25_cases(metric_values):
    # Case holders in post with a caseload recorded: s1 20, s2 21, s3 26, s4 25, s5 12 + 12 = 24
    # (s6 holds none, s7 left, s8's caseload is not recorded). Over 20: s2, s3, s4, s5; over 25: s3.
    assert metric_values[("case_holders_over_20_cases_rate", PERIOD_END)] == (80.0, 4, 5)
    assert metric_values[("case_holders_over_25_cases_rate", PERIOD_END)] == (20.0, 1, 5)
    # Caseloads are as at a staff list: February has none of its own.
    assert ("case_holders_over_20_cases_rate", FEBRUARY) not in metric_values


def test_caseload_spread_per_team_counts_each_post_in_its_own_team(metric_values, warehouse):
    # Assessment: s1 20, s2 21, s3 26, s5 12. Children in care: s4 25, s5 12 (s8 not recorded).
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("""
            select team, measure, value, numerator, denominator from marts.workforce_measures
            where level = 'team' and period_end = ? and measure like 'case_holders_over_%'
            order by team, measure
        """, [PERIOD_END]).fetchall()
    assert rows == [
        ("Assessment", "case_holders_over_20_cases_rate", 50.0, 2, 4),
        ("Assessment", "case_holders_over_25_cases_rate", 25.0, 1, 4),
        ("Children in care", "case_holders_over_20_cases_rate", 50.0, 1, 2),
        ("Children in care", "case_holders_over_25_cases_rate", 0.0, 0, 2),
    ]


def test_care_leavers_aged_17_to_21_with_a_personal_adviser(metric_values):
    # Counted: L1 (adviser), L2 (none), L5 ("None"), L7 (adviser). L3 is 22, L4 16, L6 a qualifying
    # care leaver; L8 and L9 are quarantined.
    assert metric_values[("care_leavers_with_personal_adviser", PERIOD_END)] == (50.0, 2, 4)
    # A list of care leavers as at the workbook: only its month has a figure.
    assert ("care_leavers_with_personal_adviser", FEBRUARY) not in metric_values


def test_list_9_2024_columns_are_staged_and_checked(metric_values, warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        staged = con.execute("""
            select is_uasc, allocated_personal_advisor, latest_pathway_plan_review_date, latest_date_of_contact
            from staging.annex_a_list_9 where child_key = (select child_key from staging.annex_a_list_9
                                                           where is_uasc)
        """).fetchall()
        quarantined = con.execute("""
            select source_row, column_name, value, reason from staging.quarantine
            where raw_table = 'raw.annex_a_list_9' order by source_row
        """).fetchall()
        staged_rows = con.execute("select count(*) from staging.annex_a_list_9").fetchone()[0]
    assert staged == [(True, "Jo Adviser", date(2025, 1, 10), date(2025, 3, 3))]  # L7
    assert quarantined == [
        (9, "latest_date_of_contact", "01/01/2099",
         "latest_date_of_contact 2099-01-01 is after the extract date 2025-03-31"),
        (10, "uasc", "Maybe", "uasc is not a yes/no value (Yes/No, Y/N, 1/0 or true/false)"),
    ]
    assert staged_rows == 7
