"""RAG with polarity, direction of travel and suppression, at the precision the board sees:
metrics.metric_status as its SQL computes it."""

from datetime import date, timedelta

import polars as pl
import pytest

from csc_scorecard.metrics.catalogue import load_catalogue
from csc_scorecard.metrics.status import (
    AMBER, DOWN, GREEN, IMPROVING, MISSING, NO_CHANGE, OK, RED, SUPPRESSED, UP, WORSENING,
)
from csc_scorecard.metrics.targets import Target, TargetsError, load_targets
from csc_tools.synthetic.council_inputs import CONTEXT, TARGETS
from tests.conftest import metric_status_of

# Re-referrals: lower is better, target 20.0%, green up to 20.5%, red beyond 22.6%.
REREFERRAL = Target("rereferral_rate_12m", 20.0, 0.5, 2.6)
# Assessments in 45 working days: higher is better, target 90%, green only at 90% or more, red below 85.7%.
TIMELY = Target("assessments_within_45wd_12m", 90.0, 0.0, 4.3)
# Children waiting for adoption: a count, lower is better, no more than 10, red above 15.
WAITING = Target("children_waiting_adoption", 10, 0, 5)
FEB, MAR = date(2025, 2, 28), date(2025, 3, 31)


def values_of(*rows) -> pl.DataFrame:
    """(metric_id, period_end, value[, numerator, denominator]) rows for council 999."""
    rows = [(("999",) + r + (None,) * (5 - len(r))) for r in rows]
    return pl.DataFrame(rows, orient="row", schema={
        "la_code": pl.Utf8, "metric_id": pl.Utf8, "period_end": pl.Date, "value": pl.Float64,
        "numerator": pl.Float64, "denominator": pl.Float64})


def status_row(metric_id, value, previous=None, numerator=100.0, denominator=1000.0, targets=None) -> dict:
    """The March row of one metric, with February's value when given."""
    rows = [(metric_id, MAR, value, numerator, denominator)]
    if previous is not None:
        rows.append((metric_id, FEB, previous, numerator, denominator))
    status = metric_status_of(values_of(*rows), targets=targets if targets is not None
                              else {t.metric_id: t for t in (REREFERRAL, TIMELY, WAITING)})
    return status.filter(pl.col("period_end") == MAR).row(0, named=True)


def rag(metric_id, value, **kwargs):
    return status_row(metric_id, value, **kwargs)["rag"]


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
    assert rag("rereferral_rate_12m", value) == expected


@pytest.mark.parametrize("value, expected", [
    (95.0, GREEN), (90.0, GREEN), (89.9, AMBER), (85.7, AMBER), (85.6, RED), (0.0, RED),
])
def test_higher_is_better_rag_at_each_boundary(value, expected):
    assert rag("assessments_within_45wd_12m", value) == expected


def test_counts_are_rated_as_whole_numbers():
    assert [rag("children_waiting_adoption", v, numerator=v, denominator=None)
            for v in (10, 10.4, 11, 15, 16)] == [GREEN, GREEN, AMBER, AMBER, RED]


def test_no_rag_without_a_target_a_value_or_a_polarity():
    assert rag("rereferral_rate_12m", 25.0, targets={}) is None
    assert rag("rereferral_rate_12m", None) is None
    assert rag("rereferral_rate_12m", float("nan")) is None
    neutral = status_row("cla", 400, numerator=400, denominator=None,
                         targets={"cla": Target("cla", 300, 0, 10)})
    assert (neutral["rag"], neutral["target"]) == (None, None)


@pytest.mark.parametrize("metric_id, value, previous, expected", [
    ("rereferral_rate_12m", 20.0, 25.0, IMPROVING),
    ("rereferral_rate_12m", 25.0, 20.0, WORSENING),
    ("assessments_within_45wd_12m", 85.0, 80.0, IMPROVING),
    ("assessments_within_45wd_12m", 80.0, 85.0, WORSENING),
    ("assessments_within_45wd_12m", 20.04, 19.96, NO_CHANGE),  # both shown as 20.0%
    ("cla", 390.0, 400.0, DOWN),
    ("cla", 410.0, 400.0, UP),
    ("cla", 400.0, 400.0, NO_CHANGE),
    ("rereferral_rate_12m", 20.0, None, None),
])
def test_direction_of_travel_follows_polarity(metric_id, value, previous, expected):
    numbers = {"numerator": 400.0, "denominator": None} if metric_id == "cla" else {}
    assert status_row(metric_id, value, previous, **numbers)["direction"] == expected


@pytest.mark.parametrize("unit_metric, value, numerator, denominator, publication", [
    ("cla", 3, 3, None, SUPPRESSED),                          # a count of 1 to 4
    ("cla", 0, 0, None, OK),                                  # none identifies nobody
    ("cla", 5, 5, None, OK),
    ("rereferral_rate_12m", 50.0, 2, 4, SUPPRESSED),          # a rate over a handful of children
    ("rereferral_rate_12m", 1.5, 3, 200, SUPPRESSED),         # numerator 3
    ("rereferral_rate_12m", 98.0, 196, 200, SUPPRESSED),      # complement: 4 children were not
    ("rereferral_rate_12m", 0.0, 0, 120, OK),
    ("cla_rate_per_10k", 0.5, 3, 60000, SUPPRESSED),
    ("caseload_per_fte", 16.04, 401, 25, OK),
    ("caseload_per_fte", 16.0, 64, 4.5, SUPPRESSED),          # 4.5 FTE is small too
    ("rereferral_rate_12m", None, None, None, MISSING),
    ("rereferral_rate_12m", float("nan"), 1, 2, MISSING),     # NaN is no data, never suppressed or 0
])
def test_what_may_be_published(unit_metric, value, numerator, denominator, publication):
    row = status_row(unit_metric, value, numerator=numerator, denominator=denominator)
    assert row["publication"] == publication
    assert (row["published_value"] is None) == (publication != OK)
    assert (row["shown_value"] is None) == (publication != OK)


def test_shown_values_round_halves_away_from_zero_as_a_spreadsheet_does():
    assert status_row("adoption_a10_3y", 648.5, numerator=100, denominator=200)["shown_value"] == 649
    assert status_row("rereferral_rate_12m", 22.25)["shown_value"] == pytest.approx(22.3)
    assert status_row("cla", 132.5, numerator=132.5, denominator=None)["shown_value"] == 133


def test_no_direction_when_either_month_is_suppressed():
    """An arrow between two suppressed months would tell the reader which small number was bigger."""
    row = status_row("cla", 3, previous=2, numerator=3, denominator=None)
    assert (row["publication"], row["direction"]) == (SUPPRESSED, None)
    after = metric_status_of(values_of(("cla", FEB, 3, 3), ("cla", MAR, 40, 40)))
    assert after.filter(pl.col("period_end") == MAR)["direction"].to_list() == [None]


def test_a_year_to_date_count_is_shown_only_when_it_has_moved_by_none_or_five_or_more():
    """Adoptions this year: 15 then 16 would say one child was adopted in the month."""
    months = [date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31), date(2025, 4, 30), date(2025, 5, 31),
              date(2025, 6, 30), date(2025, 7, 31)]
    so_far = [15, 16, 20, 3, 9, 12, 14]  # April starts the DfE's year again
    status = metric_status_of(values_of(*(("adoptions_ytd", m, float(v), float(v)) for m, v in zip(months, so_far))))
    shown = dict(status.select("period_end", "publication").iter_rows())
    assert [shown[m] for m in months] == [
        SUPPRESSED,  # 15, 16, 20: a year whose April is before the page's first month
        SUPPRESSED,
        SUPPRESSED,
        SUPPRESSED,  # 3: the new year's own count of 3
        OK,          # 9: nine this year
        SUPPRESSED,  # 12: three more than the 9 shown
        OK,          # 14: five more than the 9 shown (12 was not)
    ]


def test_packs_a_month_apart_never_show_a_year_to_date_step_of_one_to_four_between_them():
    """The page shows 36 months, so each month's pack starts a month later than the last. Every
    month any pack shows, taken together year by year, still moves by none or by five or more."""
    month_ends = [month_end(2023, 4 + i) for i in range(30)]  # April 2023 on
    adopted_in_month = [2, 3, 0, 1, 6, 2, 1, 0, 4, 3, 2, 1] * 3
    so_far, total = [], 0
    for month, adopted in zip(month_ends, adopted_in_month):
        total = adopted if month.month == 4 else total + adopted
        so_far.append(total)
    ever_shown = {}
    for first in range(len(month_ends) - 12):  # each pack: the 12 months from `first`
        window = list(zip(month_ends, so_far))[first:first + 12]
        status = metric_status_of(values_of(*(("adoptions_ytd", m, float(v), float(v)) for m, v in window)))
        for month, publication, value in status.select("period_end", "publication", "value").iter_rows():
            if publication == OK:
                ever_shown[month] = value
    assert ever_shown, "some months are shown"
    for month, value in ever_shown.items():
        before = [m for m in ever_shown if m < month and year_start(m) == year_start(month)]
        step = value - (ever_shown[max(before)] if before else 0)
        assert not 1 <= step <= 4, (month, value, step)


def month_end(year: int, month: int) -> date:
    """The last day of the month, counting months past December into the years after."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def year_start(d: date) -> date:
    return date(d.year - (d.month < 4), 4, 1)


def test_staff_have_their_own_rule_and_children_theirs():
    """Two leavers are two adults whose moves their colleagues know; two children in care are not."""
    assert status_row("leavers", 2, numerator=2, denominator=None)["publication"] == OK
    assert status_row("vacancy_rate", 2.5, numerator=2, denominator=80)["publication"] == OK
    assert status_row("cla", 2, numerator=2, denominator=None)["publication"] == SUPPRESSED
    assert status_row("caseload_per_fte", 1.0, numerator=3, denominator=3)["publication"] == SUPPRESSED  # cases


def test_the_status_table_compares_with_the_calendar_month_before():
    values = pl.DataFrame({
        "la_code": ["999"] * 4 + ["888"],
        "metric_id": ["rereferral_rate_12m"] * 3 + ["cla", "rereferral_rate_12m"],
        "period_end": [date(2025, 1, 31), date(2025, 2, 28), date(2025, 4, 30), date(2025, 2, 28),
                       date(2025, 1, 31)],
        "value": [21.0, 20.4, 23.0, 400.0, 30.0],
        "numerator": [210.0, 204.0, 230.0, 400.0, 300.0],
        "denominator": [1000.0, 1000.0, 1000.0, None, 1000.0],
    })
    england = pl.DataFrame({"metric_id": ["rereferral_rate_12m", "cla"], "value": [22.6, 67.0],
                            "unit": ["percent", "per_10k"], "as_at": ["2025", "2025"], "source": ["DfE", "DfE"]})
    status = metric_status_of(values, targets={"rereferral_rate_12m": REREFERRAL}, england=england)
    rows = {(r["la_code"], r["metric_id"], r["period_end"]): r for r in status.iter_rows(named=True)}
    assert len(rows) == 5
    feb = rows[("999", "rereferral_rate_12m", date(2025, 2, 28))]
    # 21.0% to 20.4%: 0.6 points, within re-referrals' 1.0-point threshold
    assert (feb["rag"], feb["previous_value"], feb["direction"], feb["target"]) == (GREEN, 21.0, NO_CHANGE, 20.0)
    assert (feb["england_value"], feb["england_as_at"]) == (22.6, "2025")
    april = rows[("999", "rereferral_rate_12m", date(2025, 4, 30))]
    assert (april["rag"], april["previous_value"], april["direction"]) == (RED, None, None)  # no March row
    assert rows[("888", "rereferral_rate_12m", date(2025, 1, 31))]["rag"] == RED  # 30% vs 20%: other council
    cla = rows[("999", "cla", date(2025, 2, 28))]
    assert (cla["rag"], cla["target"], cla["england_value"]) == (None, None, None)  # neutral; rate vs count


def test_the_synthetic_council_rates_every_measure_that_can_be_rated():
    polarity = {m.metric_id: m.polarity for m in load_catalogue()}
    rated = {m for m, p in polarity.items() if p != "neutral"}
    targets = {m for m, *_ in TARGETS} | {m for m, _ in CONTEXT}
    assert targets == rated  # every measure with a better direction has a target or is declared context
    assert all(basis for *_, basis in TARGETS)


def test_a_new_target_applies_from_its_month_and_does_not_rewrite_the_past():
    old = Target("assessments_within_45wd_12m", 85.0, 0.0, 4.3)
    new = Target("assessments_within_45wd_12m", 90.0, 0.0, 4.3, effective_from=MAR)
    status = metric_status_of(values_of(("assessments_within_45wd_12m", FEB, 87.0, 87.0),
                                        ("assessments_within_45wd_12m", MAR, 87.0, 87.0)), targets=[old, new])
    rows = {r["period_end"]: (r["target"], r["rag"]) for r in status.iter_rows(named=True)}
    assert rows == {FEB: (85.0, "green"), MAR: (90.0, "amber")}


def test_a_measure_the_council_declares_context_is_not_rated():
    context = Target("adoptions_ytd", None, None, None, is_context=True)
    row = metric_status_of(values_of(("adoptions_ytd", MAR, 9.0, 9.0)), targets=[context]).row(0, named=True)
    assert (row["is_context"], row["target"], row["rag"]) == (True, None, None)


@pytest.mark.parametrize("line, message", [
    ("rereferal_rate_12m,20,0,2,typo", "row 2, column metric_id: names no metric in the catalogue (got 'rereferal_rate_12m')"),
    ("cla,300,0,10,neutral", "column metric_id: is a neutral measure"),
    ("rereferral_rate_12m,20,3,2,backwards", "column red_tolerance: must be at least amber_tolerance (3)"),
    ("rereferral_rate_12m,twenty,0,2,words", "row 2, column target: must be a number (got 'twenty'). Fix: a number"),
])
def test_a_bad_targets_row_is_named(tmp_path, line, message):
    path = tmp_path / "targets.csv"
    path.write_text("metric_id,target,amber_tolerance,red_tolerance,basis\n" + line + "\n")
    polarity = {m.metric_id: m.polarity for m in load_catalogue()}
    with pytest.raises(TargetsError) as err:
        load_targets(path, catalogue=polarity)
    assert str(err.value).startswith(f"{path}, row 2") and message in str(err.value)


# --- direction of travel that does not cry wolf ---------------------------------------

@pytest.mark.parametrize("value, previous, expected", [
    (22.7, 22.6, NO_CHANGE),   # 0.1 points: within re-referrals' declared threshold of 1.0
    (23.6, 22.6, NO_CHANGE),   # exactly 1.0 points: still within it
    (23.7, 22.6, WORSENING),   # 1.1 points
    (21.5, 22.6, IMPROVING),
])
def test_a_rate_moves_only_beyond_its_declared_threshold(value, previous, expected):
    row = status_row("rereferral_rate_12m", value, previous)
    assert (row["direction"], row["significant_change"], row["threshold_basis"]) == (expected, 1.0, "declared")


def test_a_count_without_a_threshold_moves_only_beyond_its_own_noise_band():
    """Missing children: monthly changes of 4, 6, 4, 6, 4, 6, 4 (median 4, so a band of 8), so a
    rise of 8 in November is noise; with that 8 among them the median is 5, a band of 10, and
    December's rise of 11 is not."""
    counts = [30, 34, 28, 32, 26, 30, 24, 28, 36, 47]
    ends = [date(2024, 3, 31), date(2024, 4, 30), date(2024, 5, 31), date(2024, 6, 30), date(2024, 7, 31),
            date(2024, 8, 31), date(2024, 9, 30), date(2024, 10, 31), date(2024, 11, 30), date(2024, 12, 31)]
    status = metric_status_of(values_of(*(("missing_children_month", m, float(v), float(v))
                                          for m, v in zip(ends, counts))))
    rows = {r["period_end"]: r for r in status.iter_rows(named=True)}
    assert rows[date(2024, 9, 30)]["threshold_basis"] is None     # five changes known: too few
    assert rows[date(2024, 9, 30)]["direction"] == IMPROVING       # so any move counts
    november, december = rows[date(2024, 11, 30)], rows[date(2024, 12, 31)]
    assert (november["change"], november["significant_change"], november["direction"]) == (8, 8, NO_CHANGE)
    assert december["significant_change"] == 10
    assert (december["change"], december["threshold_basis"], december["direction"]) == (11, "noise band", WORSENING)


def test_a_year_to_date_count_is_compared_with_the_same_point_last_year_so_april_is_not_a_fall():
    """Adoptions: 20 by March 2025, the year starts again, 6 by April 2025 against 5 by April 2024."""
    rows = [("adoptions_ytd", date(2024, 4, 30), 5.0, 5.0), ("adoptions_ytd", date(2025, 3, 31), 20.0, 20.0),
            ("adoptions_ytd", date(2025, 4, 30), 6.0, 6.0)]
    status = metric_status_of(values_of(*rows))
    april = status.filter(pl.col("period_end") == date(2025, 4, 30)).row(0, named=True)
    assert (april["compared_with"], april["year_ago_shown_value"], april["change"]) == ("same month last year", 5, 1)
    assert april["direction"] == IMPROVING   # one more than a year before (too short a history for a band)
    assert april["previous_shown_value"] == 20  # still known, never compared


def test_every_measure_carries_the_same_month_last_year():
    rows = [("rereferral_rate_12m", date(2024, 3, 31), 24.0), ("rereferral_rate_12m", FEB, 22.0),
            ("rereferral_rate_12m", MAR, 21.0)]
    march = metric_status_of(values_of(*rows)).filter(pl.col("period_end") == MAR).row(0, named=True)
    assert (march["year_ago_shown_value"], march["year_ago_publication"]) == (24.0, OK)
    assert (march["compared_with"], march["compared_shown_value"]) == ("last month", 22.0)
