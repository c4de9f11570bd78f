"""RAG with polarity and direction of travel, at the precision the board sees."""

from datetime import date

import polars as pl
import pytest

from csc_scorecard.metrics.catalogue import catalogue_frame, load_catalogue
from csc_scorecard.metrics.status import (
    AMBER, DOWN, GREEN, IMPROVING, NO_CHANGE, RED, UP, WORSENING, Comparator, Target, direction,
    metric_status_frame, rag,
)
from csc_scorecard.metrics.targets import TargetsError, load_targets

# Re-referrals: lower is better, target 20.0%, green up to 20.5%, red beyond 22.6%.
REREFERRAL = Target("rereferral_rate_12m", 20.0, 0.5, 2.6)
# Assessments in 45 working days: higher is better, target 90%, green only at 90% or more, red below 85.7%.
TIMELY = Target("assessments_within_45wd_12m", 90.0, 0.0, 4.3)


@pytest.mark.parametrize("value, expected", [
    (18.0, GREEN),    # better than target
    (20.0, GREEN),    # on target
    (20.5, GREEN),    # worse by exactly the amber tolerance: still green
    (20.6, AMBER),    # worse by 0.6, just over the amber tolerance
    (22.6, AMBER),    # worse by exactly the red tolerance: still amber
    (22.7, RED),      # worse by 2.7
    (22.64, AMBER),   # shown as 22.6%: rated as the board sees it
    (22.66, RED),     # shown as 22.7%
])
def test_lower_is_better_rag_at_each_boundary(value, expected):
    assert rag("percent", "lower_is_better", value, REREFERRAL) == expected


@pytest.mark.parametrize("value, expected", [
    (95.0, GREEN), (90.0, GREEN), (89.9, AMBER), (85.7, AMBER), (85.6, RED), (0.0, RED),
])
def test_higher_is_better_rag_at_each_boundary(value, expected):
    assert rag("percent", "higher_is_better", value, TIMELY) == expected


def test_counts_are_rated_as_whole_numbers():
    waiting = Target("children_waiting_adoption", 10, 0, 5)
    assert [rag("count", "lower_is_better", v, waiting) for v in (10, 10.4, 11, 15, 16)] == [
        GREEN, GREEN, AMBER, AMBER, RED]


def test_no_rag_without_a_target_a_value_or_a_polarity():
    assert rag("percent", "lower_is_better", 25.0, None) is None
    assert rag("percent", "lower_is_better", None, REREFERRAL) is None
    assert rag("percent", "lower_is_better", float("nan"), REREFERRAL) is None
    assert rag("count", "neutral", 400, Target("cla", 300, 0, 10)) is None


@pytest.mark.parametrize("polarity, value, previous, expected", [
    ("lower_is_better", 20.0, 25.0, IMPROVING),
    ("lower_is_better", 25.0, 20.0, WORSENING),
    ("higher_is_better", 85.0, 80.0, IMPROVING),
    ("higher_is_better", 80.0, 85.0, WORSENING),
    ("higher_is_better", 20.04, 19.96, NO_CHANGE),  # both shown as 20.0%
    ("neutral", 390.0, 400.0, DOWN),
    ("neutral", 410.0, 400.0, UP),
    ("neutral", 400.0, 400.0, NO_CHANGE),
    ("lower_is_better", 20.0, None, None),
    ("lower_is_better", None, 20.0, None),
])
def test_direction_of_travel_follows_polarity(polarity, value, previous, expected):
    assert direction("percent", polarity, value, previous) == expected


def test_the_status_table_compares_with_the_calendar_month_before():
    catalogue = catalogue_frame(load_catalogue())
    values = pl.DataFrame({
        "la_code": ["999"] * 4 + ["888"],
        "metric_id": ["rereferral_rate_12m"] * 3 + ["cla", "rereferral_rate_12m"],
        "period_end": [date(2025, 1, 31), date(2025, 2, 28), date(2025, 4, 30), date(2025, 2, 28),
                       date(2025, 1, 31)],
        "value": [21.0, 20.4, 23.0, 400.0, 30.0],
    })
    comparators = {"rereferral_rate_12m": Comparator("rereferral_rate_12m", 22.6, "percent", "2025", "DfE"),
                   "cla": Comparator("cla", 67, "per_10k", "2025", "DfE")}
    status = metric_status_frame(values, catalogue, {"rereferral_rate_12m": REREFERRAL}, comparators)
    rows = {(r["la_code"], r["metric_id"], r["period_end"]): r for r in status.iter_rows(named=True)}
    assert len(rows) == 5
    feb = rows[("999", "rereferral_rate_12m", date(2025, 2, 28))]
    assert (feb["rag"], feb["previous_value"], feb["direction"], feb["target"]) == (GREEN, 21.0, IMPROVING, 20.0)
    assert (feb["england_value"], feb["england_as_at"]) == (22.6, "2025")
    april = rows[("999", "rereferral_rate_12m", date(2025, 4, 30))]
    assert (april["rag"], april["previous_value"], april["direction"]) == (RED, None, None)  # no March row
    assert rows[("888", "rereferral_rate_12m", date(2025, 1, 31))]["rag"] == RED  # 30% vs 20%: other council
    cla = rows[("999", "cla", date(2025, 2, 28))]
    assert (cla["rag"], cla["target"], cla["england_value"]) == (None, None, None)  # neutral; rate vs count


def test_the_shipped_targets_match_the_catalogue():
    polarity = {m.metric_id: m.polarity for m in load_catalogue()}
    targets = load_targets(catalogue=polarity)
    assert targets and all(t.basis for t in targets.values())
    assert targets["assessments_within_45wd_12m"].target == 90.0


@pytest.mark.parametrize("line, message", [
    ("rereferal_rate_12m,20,0,2,typo", "no metric called 'rereferal_rate_12m'"),
    ("cla,300,0,10,neutral", "cla is neutral"),
    ("rereferral_rate_12m,20,3,2,backwards", "0 <= amber_tolerance <= red_tolerance"),
    ("rereferral_rate_12m,twenty,0,2,words", "target must be a number, got 'twenty'"),
])
def test_a_bad_targets_row_is_named(tmp_path, line, message):
    path = tmp_path / "targets.csv"
    path.write_text("metric_id,target,amber_tolerance,red_tolerance,basis\n" + line + "\n")
    polarity = {m.metric_id: m.polarity for m in load_catalogue()}
    with pytest.raises(TargetsError, match="line 2") as err:
        load_targets(path, catalogue=polarity)
    assert message in str(err.value)
