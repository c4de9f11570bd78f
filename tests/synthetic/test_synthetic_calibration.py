"""A generated council, run through the real ingest, models and metric SQL, looks like England.

The profile's rates are England's (REFERENCE.md); a council of 60,000 children is big enough for
the figures at its last extract to land near them, within tolerances stated per metric.
"""

from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from csc_scorecard.calendar import working_days_between
from csc_scorecard.ingest.families import FAMILIES
from tests.loading import ingest_family
from csc_scorecard.metrics.catalogue import load_catalogue, write_metric_values
from csc_scorecard.models.build import build_all_models
from csc_scorecard.settings import CouncilSettings
from csc_tools.synthetic import CouncilProfile, generate
from tests.conftest import METRICS_WITHOUT_SYNTHETIC_SOURCE

PERIOD_END = date(2025, 3, 31)
PROFILE = CouncilProfile(population_0_17=60_000)


@pytest.fixture(scope="module")
def council(tmp_path_factory):
    root = tmp_path_factory.mktemp("council")
    folders = generate(root / "landing", PROFILE, months=1, history_months=24, last_extract=PERIOD_END, seed=2026)
    return root, folders[-1]


@pytest.fixture(scope="module")
def metrics(council):
    import duckdb

    root, _ = council
    con = duckdb.connect(str(root / "warehouse.duckdb"))
    try:
        for family, (tables, _) in FAMILIES.items():
            summary = ingest_family(con, family, tables, landing=root / "landing", la_code=PROFILE.la_code)
            assert summary.files_failed == {} and summary.files_unrecognised == {}, family
            assert summary.files_loaded, family
            # Every sheet and heading of the generated Annex A is one the loader knows: nothing left out.
            assert summary.notes == {}, (family, summary.notes)
        settings = CouncilSettings(la_code=PROFILE.la_code, la_name=PROFILE.la_name,
                                   population_0_17=PROFILE.population_0_17,
                                   landing=root / "landing", warehouse=root / "warehouse.duckdb", exports=root)
        build_all_models(con, councils=[settings])
        write_metric_values(con, load_catalogue())
        rows = con.sql("select metric_id, period_end, value, numerator, denominator "
                       "from metrics.metric_values").fetchall()
        quarantined = con.sql("select raw_table, column_name, reason from staging.quarantine "
                              "where raw_table like 'raw.annex_a%' limit 5").fetchall()
        assert quarantined == [], quarantined
    finally:
        con.close()
    return {(m, p): (v, n, d) for m, p, v, n, d in rows}


def value(metrics, metric_id, period_end=PERIOD_END):
    return metrics[(metric_id, period_end)][0]


def test_every_catalogue_metric_has_a_value_at_the_last_extract(metrics):
    expected = {m.metric_id for m in load_catalogue()} - METRICS_WITHOUT_SYNTHETIC_SOURCE
    assert expected <= {m for m, p in metrics if p == PERIOD_END}


def test_referrals_run_at_the_profile_rate(metrics):
    _, _, referrals_12m = metrics[("rereferral_rate_12m", PERIOD_END)]
    expected = PROFILE.per_10k(PROFILE.referrals_per_10k)
    assert referrals_12m == pytest.approx(expected, rel=0.10)


@pytest.mark.parametrize("metric_id, target, tolerance_points", [
    ("rereferral_rate_12m", PROFILE.rereferral_rate, 3.0),
    ("referral_nfa_rate_12m", PROFILE.referral_nfa_rate, 2.0),
    ("assessments_within_45wd_12m", PROFILE.assessments_within_45wd, 3.0),
    ("agency_worker_rate", PROFILE.agency_rate, 4.0),
    ("vacancy_rate", PROFILE.vacancy_rate, 4.0),
    ("turnover_rate_12m", PROFILE.turnover, 5.0),
])
def test_percentages_land_near_the_profile(metrics, metric_id, target, tolerance_points):
    assert value(metrics, metric_id) == pytest.approx(100 * target, abs=tolerance_points)


@pytest.mark.parametrize("metric_id, target", [
    ("cla_rate_per_10k", PROFILE.cla_per_10k),
    ("cp_plans", PROFILE.per_10k(PROFILE.cp_per_10k)),
    ("caseload_per_fte", PROFILE.caseload),
])
def test_snapshots_land_within_a_fifth_of_the_profile(metrics, metric_id, target):
    assert value(metrics, metric_id) == pytest.approx(target, rel=0.20)


def test_caseloads_stay_steady_through_the_history(metrics):
    # Care careers were warmed up, so no ramp: every month-end in the history is near the profile.
    months = [p for m, p in metrics if m == "cla_rate_per_10k" and p >= date(2023, 4, 30)]
    assert len(months) >= 24
    for period_end in months:
        assert value(metrics, "cla_rate_per_10k", period_end) == pytest.approx(PROFILE.cla_per_10k, rel=0.20)
        assert value(metrics, "cp_plans", period_end) == pytest.approx(PROFILE.per_10k(PROFILE.cp_per_10k), rel=0.25)


def test_adoption_pathway_is_running(metrics):
    expected_adoptions = PROFILE.adoption_rate * PROFILE.per_10k(PROFILE.cla_per_10k)
    adopted_last_year = value(metrics, "adoptions_ytd", date(2024, 3, 31))
    assert adopted_last_year == pytest.approx(expected_adoptions, rel=0.6)
    assert value(metrics, "adoptions_ytd") > 0
    waiting = [v for (m, _), (v, _, _) in metrics.items() if m == "children_waiting_adoption"]
    assert len(waiting) >= 24 and min(waiting) > 0


def test_assessments_within_45_working_days_counted_from_the_xml(council):
    """Straight from the file, with the shared working-day rule, not through the SQL."""
    _, folder = council
    root = etree.parse(str(folder / "cin_census.xml")).getroot()
    window_start = date(2024, 4, 1)
    days = []
    for assessment in root.iter("Assessments"):
        authorised = assessment.findtext("AssessmentAuthorisationDate")
        if authorised and window_start <= date.fromisoformat(authorised) <= PERIOD_END:
            started = date.fromisoformat(assessment.findtext("AssessmentActualStartDate"))
            days.append(working_days_between(started, date.fromisoformat(authorised)))
    assert len(days) > 1000
    within = sum(d <= 45 for d in days) / len(days)
    assert within == pytest.approx(PROFILE.assessments_within_45wd, abs=0.03)
    assert 25 <= sorted(days)[len(days) // 2] <= 40  # England's median is about 33


def test_workforce_churns_steadily_with_agency_cover(metrics):
    # Employees in post are the profile's workforce less its agency share; over a year as many
    # join as leave (posts are refilled after a gap), and leavers run near the turnover rate.
    employed_fte = value(metrics, "social_workers_fte")
    assert employed_fte == pytest.approx((1 - PROFILE.agency_rate) * PROFILE.social_worker_fte, rel=0.10)
    year = [p for m, p in metrics if m == "starters" and p > date(2024, 3, 31)]
    assert len(year) == 12
    starters = sum(value(metrics, "starters", p) for p in year)
    leavers = sum(value(metrics, "leavers", p) for p in year)
    assert leavers > 0 and starters == pytest.approx(leavers, rel=0.35)
    _, leavers_fte, _ = metrics[("turnover_rate_12m", PERIOD_END)]
    assert leavers_fte == pytest.approx(PROFILE.turnover * employed_fte, rel=0.35)


def test_contacts_run_at_the_profile_rate_and_every_referral_was_one(metrics):
    # Annex A's six months, from the last extract's workbook: each month's referrals are the profile's
    # contacts a referral short of its contacts (2.7, so 37% convert), within 3 points a month.
    months = sorted(p for m, p in metrics if m == "contact_conversion_rate")
    assert months[0] == date(2024, 10, 31) and months[-1] == PERIOD_END and len(months) == 6
    for period_end in months:
        conversion, referrals, contacts = metrics[("contact_conversion_rate", period_end)]
        assert value(metrics, "contacts", period_end) == contacts > referrals > 0
        assert conversion == pytest.approx(100 / PROFILE.contacts_per_referral, abs=3.0), period_end
    # The Annex A referrals are the CIN census's: the same month's count from the other return.
    assert metrics[("contact_conversion_rate", PERIOD_END)][1] == value(metrics, "referrals")


def test_care_leavers_with_a_personal_adviser_near_the_profile(metrics):
    share, with_adviser, care_leavers = metrics[("care_leavers_with_personal_adviser", PERIOD_END)]
    assert care_leavers >= 40, f"too few care leavers aged 17 to 21 ({care_leavers}) to say anything"
    assert share == pytest.approx(100 * PROFILE.personal_adviser_share, abs=5.0)


def test_the_fostering_service_runs_near_the_profile(metrics):
    # Households approved at the start of the history, less a year or two of net loss (England's
    # deregistrations outrun its approvals): within a fifth of the profile's.
    households = value(metrics, "fostering_households_approved")
    assert households == pytest.approx(PROFILE.per_10k(PROFILE.fostering_households_per_10k), rel=0.2)
    # A year's mainstream applications over its enquiries, at the profile's 12% (a year of ~128
    # enquiries: a few points either way), and assessments of about eight months.
    assert value(metrics, "fostering_enquiry_conversion_12m") == pytest.approx(
        100 * PROFILE.fostering_enquiry_to_application, abs=6.0)
    assert value(metrics, "fostering_days_application_to_approval_12m") == pytest.approx(
        PROFILE.fostering_assessment_days, abs=40)


def test_care_leavers_aged_17_and_18_are_in_the_903(metrics):
    share, in_touch, care_leavers = metrics[("care_leavers_17_18_in_touch", PERIOD_END)]
    assert care_leavers >= 20, f"too few care leavers aged 17 or 18 ({care_leavers}) to say anything"
