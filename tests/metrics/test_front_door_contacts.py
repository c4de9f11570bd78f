"""Contacts and their conversion to referrals, from an Annex A workbook counted on paper.

The workbook (extract 31 March 2025) lists contacts from 14 January 2025: January is only partly
covered, so it has no figure; February and March are covered in full.
"""

from datetime import date, datetime

import duckdb
import openpyxl
import pytest

from csc_scorecard.metrics.catalogue import create_members_view, load_catalogue
from csc_scorecard.settings import CouncilSettings
from tests.conftest import built_metric_values, cin_xml, land

EXTRACT = date(2025, 3, 31)
COUNCIL = CouncilSettings(la_code="999", la_name="Test", population_0_17=10_000,
                          landing="landing", warehouse="w.duckdb", exports="exports")
CHILD = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age"]


def _child(n: int) -> list:
    return [n, "a) Male", "a) WBRI", datetime(2015, 1, 25), 10]


def _workbook(path) -> None:
    contacts = [
        datetime(2025, 1, 14),  # the first contact: January only partly covered
        datetime(2025, 2, 1), datetime(2025, 2, 10), datetime(2025, 2, 28),  # February: 3
        datetime(2025, 3, 3), datetime(2025, 3, 31),  # March: 2, one on period end
    ]
    referrals = [datetime(2025, 1, 20), datetime(2025, 2, 28), datetime(2025, 3, 31)]
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    list_1 = workbook.create_sheet("List 1")
    list_1.append([*CHILD, "Date of Contact", "Contact Source"])
    for n, day in enumerate(contacts):
        list_1.append([*_child(n), day, "q) 6: Police"])
    list_3 = workbook.create_sheet("List 3")
    list_3.append([*CHILD, "Date of Referral", "Referral Source", "Referral NFA?",
                   "Number of Referrals in Last 12 Months", "Allocated Team", "Allocated Worker"])
    for n, day in enumerate(referrals):
        list_3.append([*_child(n), day, "s) 8: Other", "No", 0, "MASH", "A Worker"])
    workbook.save(path)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    return tmp_path_factory.mktemp("front_door") / "warehouse.duckdb"


@pytest.fixture(scope="module")
def metric_values(warehouse):
    root = warehouse.parent
    landing = root / "landing"
    # CIN referrals from 2024 give the reporting months; the Annex A workbook gives the contacts.
    folder = land(landing, EXTRACT, {"cin.xml": cin_xml([
        {"id": "A", "referrals": [{"CINreferralDate": "2024-04-02", "ReferralNFA": "0"}]}])})
    _workbook(folder / "annex_a.xlsx")
    values = built_metric_values(warehouse, landing, COUNCIL)
    return {key: figures for key, figures in values.items()
            if key[0] in ("contacts", "contact_conversion_rate")}


def test_contacts_in_each_month_the_workbook_covers_in_full(metric_values):
    assert metric_values[("contacts", date(2025, 2, 28))] == (3, 3, None)
    assert metric_values[("contacts", date(2025, 3, 31))] == (2, 2, None)
    # January starts before the first contact listed: no figure rather than a partial count.
    assert ("contacts", date(2025, 1, 31)) not in metric_values
    assert ("contacts", date(2024, 12, 31)) not in metric_values


def test_referrals_as_a_share_of_contacts_in_the_month(metric_values):
    assert metric_values[("contact_conversion_rate", date(2025, 2, 28))] == (pytest.approx(100 / 3), 1, 3)
    assert metric_values[("contact_conversion_rate", date(2025, 3, 31))] == (50.0, 1, 2)
    assert ("contact_conversion_rate", date(2025, 1, 31)) not in metric_values


def test_who_is_counted_in_the_conversion_rate_contacts_below_referrals_above(metric_values, warehouse):
    with duckdb.connect(str(warehouse)) as con:
        create_members_view(con, load_catalogue())
        members = con.execute("""
            select record_date, in_numerator, in_denominator from metrics.metric_members
            where metric_id = 'contact_conversion_rate' and period_end = date '2025-03-31' order by all
        """).fetchall()
    # March's two contacts (the denominator) and its one referral (the numerator), as the figure.
    assert members == [(date(2025, 3, 3), False, True), (date(2025, 3, 31), False, True),
                       (date(2025, 3, 31), True, False)]


def _one_month_workbook(path, contacts: list[datetime]) -> None:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    list_1 = workbook.create_sheet("List 1")
    list_1.append([*CHILD, "Date of Contact", "Contact Source"])
    for n, day in enumerate(contacts):
        list_1.append([*_child(n), day, "q) 6: Police"])
    workbook.save(path)


def test_each_month_is_counted_from_the_newest_workbook_that_covers_it_whole(tmp_path):
    """March's workbook covers February and March; April's starts in April. February keeps the
    figure March's workbook gave it rather than dropping off the chart, and March is counted from
    March's workbook, as April's does not cover it; a later workbook that covers a month again
    (May's, from March) wins for that month."""
    landing = tmp_path / "landing"
    for extract, contacts in (
        (date(2025, 3, 31), [datetime(2025, 2, 1), datetime(2025, 2, 9), datetime(2025, 3, 3)]),
        (date(2025, 4, 30), [datetime(2025, 4, 1), datetime(2025, 4, 2)]),
        (date(2025, 5, 31), [datetime(2025, 3, 1), datetime(2025, 3, 2), datetime(2025, 3, 3),
                             datetime(2025, 5, 5)]),
    ):
        folder = land(landing, extract, {"cin.xml": cin_xml([
            {"id": "A", "referrals": [{"CINreferralDate": "2024-04-02", "ReferralNFA": "0"}]}],
            reference_date=str(extract))})
        _one_month_workbook(folder / "annex_a.xlsx", contacts)
    values = built_metric_values(tmp_path / "w.duckdb", landing, COUNCIL)
    contacts = {period: figures[0] for (metric, period), figures in values.items() if metric == "contacts"}
    # February from March's workbook (2); March from May's (3, not March's 1); April from May's
    # workbook too, which lists no April contact (0: it covers April, unlike a month it does not).
    assert contacts == {date(2025, 2, 28): 2, date(2025, 3, 31): 3, date(2025, 4, 30): 0, date(2025, 5, 31): 1}
