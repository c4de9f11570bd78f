"""Hand-made metric values over the real catalogue (sql/metrics headers)."""

from __future__ import annotations

import math
from datetime import date

import polars as pl
import pytest

from csc_scorecard.metrics.catalogue import catalogue_frame, load_catalogue
from csc_scorecard.scorecard.months import add_months, month_end

LA = "999"
PERIOD_END = date(2025, 2, 28)

# A plausible level for each metric, so the example page reads like a real council's.
LEVELS = {
    "referrals": (310, 30), "rereferral_rate_12m": (21.0, 2.0), "referral_nfa_rate_12m": (7.5, 1.0),
    "assessments_within_45wd_12m": (82.0, 4.0), "cp_plans": (240, 20), "cla": (420, 15),
    "cla_rate_per_10k": (70.0, 2.5), "adoptions_ytd": (12, 6), "children_waiting_adoption": (14, 5),
    "agency_worker_rate": (19.0, 2.0), "vacancy_rate": (21.0, 2.0), "turnover_rate_12m": (16.0, 1.5),
    "caseload_per_fte": (17.5, 1.5),
}


def month_series(months: int, last: date = date(2025, 3, 31)) -> list[date]:
    end = (last.year, last.month)
    return [month_end(add_months(end, -i)) for i in reversed(range(months))]


@pytest.fixture(scope="session")
def catalogue() -> pl.DataFrame:
    return catalogue_frame(load_catalogue())


def example_values(months: int = 40) -> pl.DataFrame:
    """40 months to March 2025 for every metric: smooth series with a bit of wiggle."""
    rows = []
    for metric_id, (level, swing) in LEVELS.items():
        for i, d in enumerate(month_series(months)):
            value = level + swing * math.sin(i / 3.0 + len(metric_id)) + 0.05 * swing * i
            if metric_id in ("referrals", "cp_plans", "cla", "adoptions_ytd", "children_waiting_adoption"):
                value = float(round(value))
                rows.append((LA, metric_id, d, value, value, None))
            elif metric_id == "cla_rate_per_10k":
                rows.append((LA, metric_id, d, value, value * 6.0, 60000.0))
            else:
                rows.append((LA, metric_id, d, value, value * 3.0, 300.0))
    return pl.DataFrame(rows, schema={"la_code": pl.Utf8, "metric_id": pl.Utf8, "period_end": pl.Date,
                                      "value": pl.Float64, "numerator": pl.Float64, "denominator": pl.Float64},
                        orient="row")


@pytest.fixture
def values() -> pl.DataFrame:
    return example_values()
