"""Small numbers: what a reader sees once metrics.metric_status has decided what may be published
(the decisions themselves: tests/metrics/test_status.py)."""

import pytest

from csc_scorecard.scorecard.suppression import (
    COUNT_SUPPRESSED, NO_DATA, RATE_SUPPRESSED, format_value, published_cell, rows_text,
)


def test_a_suppressed_count_is_shown_as_less_than_five_and_carries_no_number():
    c = published_cell("count", "suppressed", None, None)
    assert c.text == "<5" == COUNT_SUPPRESSED
    assert c.value is None and c.status == "suppressed" and not c.shown


@pytest.mark.parametrize("unit", ["percent", "per_10k", "ratio", "days"])
def test_a_suppressed_rate_says_suppressed(unit):
    c = published_cell(unit, "suppressed", None, None)
    assert c.text == RATE_SUPPRESSED and c.value is None


@pytest.mark.parametrize("publication", ["missing", None])
def test_no_value_is_no_data_not_zero(publication):
    c = published_cell("count", publication, None, None)
    assert c.text == NO_DATA == "—" and c.value is None and c.status == "missing"


def test_a_published_cell_shows_and_charts_the_value_at_its_shown_precision():
    c = published_cell("percent", "ok", 22.649, 22.6)
    # 22.649 in the chart's JSON would narrow down its numerator and denominator; 22.6 is what is shown.
    assert (c.text, c.value, c.shown) == ("22.6%", 22.6, True)
    # The shown value is the warehouse's rounding (halves away from zero), not Python's.
    assert published_cell("days", "ok", 648.5, 649.0).text == "649 days"
    assert published_cell("count", "ok", 0.0, 0.0).text == "0"


@pytest.mark.parametrize("unit, value, text", [
    ("percent", 22.6, "22.6%"), ("percent", 7.0, "7.0%"), ("count", 81770, "81,770"),
    ("per_10k", 67.0, "67.0"), ("ratio", 16.0, "16.0"), ("days", 426, "426 days"),
])
def test_units_are_formatted_for_the_board(unit, value, text):
    assert format_value(unit, value) == text


@pytest.mark.parametrize("rows, text", [(None, "—"), (0, "0"), (1, "<5"), (4, "<5"), (5, "5"), (1234, "1,234")])
def test_rows_behind_a_data_quality_line_follow_the_count_rule(rows, text):
    assert rows_text(rows) == text
