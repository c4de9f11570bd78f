"""Fostering sufficiency, on a fostering service small enough to count on paper.

The council's fostering households list (docs/fostering.md) gives the households approved, those
approved and deregistered in the year, and the mainstream funnel (enquiry, application, approval);
the SSDA903 says whether a fostered child lives with the council's own carers or an agency's.
One extract, 31 March 2025: the 12 months run from 1 April 2024.
"""

from datetime import date

import duckdb
import pytest

from csc_scorecard.settings import CouncilSettings
from tests.conftest import built_metric_values, csv_text, land

PERIOD_END = date(2025, 3, 31)
MARCH_2024 = date(2024, 3, 31)
COUNCIL = CouncilSettings(la_code="999", la_name="Test", population_0_17=10_000,
                          landing="landing", warehouse="w.duckdb", exports="exports")

HOUSEHOLDS = csv_text(
    "household_id,household_type,enquiry_date,application_date,approval_date,deregistration_date,"
    "deregistration_reason",
    "H1,mainstream,2019-01-10,2019-02-01,2019-10-01,,",                   # approved years ago, still fostering
    "H2,mainstream,2024-04-01,2024-05-01,2024-12-01,,",                   # the whole funnel this year: 214 days
    "H3,Mainstream,2024-03-15,2024-04-20,2025-03-31,,",                   # enquired last year; approved on period end: 345 days
    "H4,kinship,,2024-06-01,2024-09-01,,",                                # kinship: approved, no enquiry, not in the funnel
    "H5,mainstream,2018-01-01,2018-02-01,2018-09-01,2025-03-31,retired",  # deregistered on period end: left
    "H6,mainstream,2018-01-01,2018-02-01,2018-09-01,2024-03-31,resigned",  # deregistered last year
    "H7,mainstream,2024-07-01,,,,",                                       # enquiry only
    "H8,mainstream,2025-01-05,2025-02-10,,,",                             # application being assessed
    "H9,mainstream,2024-08-01,,,,",                                       # enquiry only
    "H10,foster,2024-08-01,,,,",                                          # not a household type: set aside
    "H11,mainstream,2024-09-01,2024-08-01,,,",                            # applied before enquiring: set aside
    "H12,kinship,,2024-10-01,2099-01-01,,",                               # approved in 2099: set aside
)

# Reporting periods run back from the latest episode extract. At 31 March 2025 five children are
# in foster care (U1-U6): F1, F2 with the council's own carers (PR1), F3 with an agency's (PR4),
# F4 with a voluntary agency's (PR5), F5 with another council's (PR2). R1 is in a children's home.
EPISODES = csv_text(
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN",
    "F1,01/01/2024,S,C2,N1,U3,PR1,,,,,,",
    "F2,01/01/2024,S,C2,N1,U1,PR1,,,,,,",
    "F3,01/01/2024,S,C2,N1,U4,PR4,,,,,,",
    "F4,01/01/2024,S,C2,N1,U6,PR5,,,,,,",
    "F5,01/01/2024,S,C2,N1,U5,PR2,,,,,,",
    "R1,01/01/2024,S,C2,N1,K2,PR4,,,,,,SC123456",
    # F6 was with agency carers and moved to the council's own on 1 March 2025.
    "F6,01/01/2024,S,C2,N1,U4,PR4,01/03/2025,X1,,,,",
    "F6,01/03/2025,P,C2,N1,U4,PR1,,,,,,",
)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    return tmp_path_factory.mktemp("fostering") / "warehouse.duckdb"


@pytest.fixture(scope="module")
def metric_values(warehouse):
    landing = warehouse.parent / "landing"
    land(landing, PERIOD_END, {"fostering_households.csv": HOUSEHOLDS, "episodes.csv": EPISODES})
    return built_metric_values(warehouse, landing, COUNCIL)


def test_households_approved_at_period_end(metric_values):
    # H1, H2, H3 (approved on the day), H4. H5 left on period end, H6 a year before.
    assert metric_values[("fostering_households_approved", PERIOD_END)] == (4, 4, None)
    # 31 March 2024: H1, H5 (H6 left that day; H2, H3 and H4 not yet approved).
    assert metric_values[("fostering_households_approved", MARCH_2024)] == (2, 2, None)


def test_households_approved_and_deregistered_in_the_year(metric_values):
    assert metric_values[("fostering_approvals_12m", PERIOD_END)] == (3, 3, None)       # H2, H3, H4
    assert metric_values[("fostering_deregistrations_12m", PERIOD_END)] == (1, 1, None)  # H5 (H6 the year before)


def test_enquiries_becoming_applications_follow_each_of_the_years_enquiries(metric_values):
    # Mainstream enquiries in the year: H2, H7, H8, H9 (H3 enquired in March 2024, so its April
    # application is not one of them). Of those, H2 and H8 have applied. The kinship H4 is in neither.
    assert metric_values[("fostering_enquiry_conversion_12m", PERIOD_END)] == (50.0, 2, 4)


def test_days_from_application_to_approval_average_the_years_mainstream_approvals(metric_values):
    # H2: 1 May to 1 December 2024 = 214 days; H3: 20 April 2024 to 31 March 2025 = 345 days.
    assert metric_values[("fostering_days_application_to_approval_12m", PERIOD_END)] == (279.5, 559, 2)


def test_a_household_row_that_breaks_the_contract_is_set_aside_with_its_reason(metric_values, warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        set_aside = con.execute("""
            select source_row, column_name, value, reason from staging.quarantine
            where raw_table = 'raw.fostering_households' order by source_row
        """).fetchall()
        staged = con.execute("select count(*) from staging.fostering_households").fetchone()[0]
    assert set_aside == [
        (10, "household_type", "foster", 'household_type "foster" is not one of its codes (MAINSTREAM, KINSHIP)'),
        (11, "application_date", "2024-08-01",
         "application_date 2024-08-01 is before enquiry_date 2024-09-01, which it cannot precede"),
        (12, "approval_date", "2099-01-01", "approval_date 2099-01-01 is after the extract date 2025-03-31"),
    ]
    assert staged == 9


def test_children_in_foster_care_with_the_councils_own_or_an_agencys_carers(metric_values):
    # Fostered at 31 March 2025: F1, F2, F3, F4, F5, F6 (R1 is in a children's home).
    # Own carers: F1, F2, F6 (moved from an agency's on 1 March). Agency: F3 (private), F4 (voluntary).
    assert metric_values[("cla_fostered_in_house", PERIOD_END)] == (50.0, 3, 6)
    assert metric_values[("cla_fostered_by_agency", PERIOD_END)] == (pytest.approx(100 / 3), 2, 6)
    # 28 February 2025 F6 was still with the agency's carers.
    assert metric_values[("cla_fostered_by_agency", date(2025, 2, 28))] == (50.0, 3, 6)
