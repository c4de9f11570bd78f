"""On a small generated council, the metric SQL recovers the rates the generator was told to use.

A council of 20,000 children (a few seconds to generate and build) is noisy, so each rate is held
to within 4 standard errors of the profile's: binomial for a percentage of n cases, Poisson for
a count. Workforce percentages are of FTE, taken as about one worker per FTE. The larger
calibration run in tests/synthetic checks the same rates more tightly on 60,000 children.
"""

import math
from datetime import date

import duckdb
import pytest

from csc_scorecard.ingest.families import FAMILIES
from tests.loading import ingest_family
from csc_scorecard.metrics.catalogue import load_catalogue, write_metric_values
from csc_scorecard.models.build import build_all_models
from csc_scorecard.settings import CouncilSettings
from csc_tools.synthetic import CouncilProfile, generate
from tests.conftest import METRICS_WITHOUT_SYNTHETIC_SOURCE

PERIOD_END = date(2025, 3, 31)
PROFILE = CouncilProfile(population_0_17=20_000)
STANDARD_ERRORS = 4


@pytest.fixture(scope="module")
def metrics(tmp_path_factory):
    root = tmp_path_factory.mktemp("generated")
    generate(root / "landing", PROFILE, months=1, history_months=24, last_extract=PERIOD_END, seed=7)
    con = duckdb.connect(str(root / "warehouse.duckdb"))
    try:
        for family, (tables, _) in FAMILIES.items():
            ingest_family(con, family, tables, landing=root / "landing", la_code=PROFILE.la_code)
        settings = CouncilSettings(la_code=PROFILE.la_code, la_name=PROFILE.la_name,
                                   population_0_17=PROFILE.population_0_17, landing=root / "landing",
                                   warehouse=root / "warehouse.duckdb", exports=root)
        build_all_models(con, councils=[settings])
        write_metric_values(con, load_catalogue())
        rows = con.sql("select metric_id, value, numerator, denominator from metrics.metric_values "
                       "where period_end = ?", params=[PERIOD_END]).fetchall()
    finally:
        con.close()
    return {m: (v, n, d) for m, v, n, d in rows}


def test_every_catalogue_metric_has_a_value_at_the_last_extract(metrics):
    expected = {m.metric_id for m in load_catalogue()} - METRICS_WITHOUT_SYNTHETIC_SOURCE
    assert expected <= {m for m, (v, _, _) in metrics.items() if v is not None}


@pytest.mark.parametrize("metric_id, rate", [
    ("rereferral_rate_12m", PROFILE.rereferral_rate),
    ("referral_nfa_rate_12m", PROFILE.referral_nfa_rate),
    ("assessments_within_45wd_12m", PROFILE.assessments_within_45wd),
    ("icpc_within_15wd_12m", PROFILE.icpc_within_15wd),
    ("contact_decisions_within_1wd", PROFILE.contact_decided_within_1wd),
    ("agency_worker_rate", PROFILE.agency_rate),
    ("vacancy_rate", PROFILE.vacancy_rate),
    ("turnover_rate_12m", PROFILE.turnover),
])
def test_percentages_within_binomial_error_of_the_profile(metrics, metric_id, rate):
    value, _, cases = metrics[metric_id]
    assert cases >= 40, f"{metric_id}: too few cases ({cases}) to say anything"
    standard_error = math.sqrt(rate * (1 - rate) / cases)
    assert value == pytest.approx(100 * rate, abs=100 * STANDARD_ERRORS * standard_error)


@pytest.mark.parametrize("metric_id, expected", [
    # A year of referrals, read from the 12-month re-referral measure's denominator.
    ("rereferral_rate_12m", PROFILE.per_10k(PROFILE.referrals_per_10k)),
    ("cla_rate_per_10k", PROFILE.per_10k(PROFILE.cla_per_10k)),
    ("cp_plan_rate_per_10k", PROFILE.per_10k(PROFILE.cp_per_10k)),
])
def test_counts_within_poisson_error_of_the_profile(metrics, metric_id, expected):
    value, numerator, denominator = metrics[metric_id]
    count = denominator if metric_id == "rereferral_rate_12m" else numerator
    assert count == pytest.approx(expected, abs=STANDARD_ERRORS * math.sqrt(expected))


def test_rates_per_10k_are_the_counts_over_the_configured_population(metrics):
    for metric_id, count_id in (("cla_rate_per_10k", "cla"), ("cp_plan_rate_per_10k", "cp_plans")):
        value, numerator, denominator = metrics[metric_id]
        assert (numerator, denominator) == (metrics[count_id][0], PROFILE.population_0_17)
        assert value == pytest.approx(10_000 * numerator / denominator)


def test_caseload_near_the_profile(metrics):
    # The generator gives each case holder the profile's caseload per FTE, spread by a standard
    # deviation of 3.5 cases (tools/csc_tools/synthetic/writers/hr.py): the mean over n workers by 3.5/sqrt(n).
    value, cases, fte = metrics["caseload_per_fte"]
    assert fte > 20
    assert value == pytest.approx(PROFILE.caseload, abs=STANDARD_ERRORS * 3.5 / math.sqrt(fte))
