"""Small numbers: what a board pack may publish."""

import math

import pytest

from csc_scorecard.scorecard.suppression import (
    COUNT_SUPPRESSED, NO_DATA, RATE_SUPPRESSED, cell, format_value, is_small, rounded, should_suppress,
)


@pytest.mark.parametrize("count", [1, 2, 3, 4, 4.0])
def test_a_count_of_one_to_four_is_shown_as_less_than_five(count):
    c = cell("count", count, count, None)
    assert c.text == "<5" == COUNT_SUPPRESSED
    assert c.value is None and c.status == "suppressed"


@pytest.mark.parametrize("count, text", [(0, "0"), (5, "5"), (1234, "1,234"), (12.0, "12")])
def test_zero_and_five_or_more_are_shown(count, text):
    c = cell("count", count, count, None)
    assert c.text == text and c.value == count and c.shown


@pytest.mark.parametrize("value", [None, math.nan])
def test_no_value_is_no_data_not_zero(value):
    c = cell("count", value)
    assert c.text == NO_DATA == "—" and c.value is None and c.status == "missing"


def test_a_rate_over_a_small_numerator_is_suppressed():
    c = cell("percent", 1.5, numerator=3, denominator=200)
    assert c.text == RATE_SUPPRESSED and c.value is None


def test_a_rate_over_a_small_denominator_is_suppressed():
    assert cell("percent", 50.0, numerator=2, denominator=4).text == RATE_SUPPRESSED
    assert cell("per_10k", 0.5, numerator=3, denominator=60000).text == RATE_SUPPRESSED


def test_a_percentage_whose_complement_is_small_is_suppressed():
    # 98% of 200: the 4 children who were not are a small number too.
    assert should_suppress("percent", 98.0, numerator=196, denominator=200)
    assert not should_suppress("percent", 97.5, numerator=195, denominator=200)


def test_a_rate_of_zero_over_enough_children_is_shown():
    c = cell("percent", 0.0, numerator=0, denominator=120)
    assert c.text == "0.0%" and c.shown


def test_a_rate_without_numerator_or_denominator_is_shown():
    assert cell("ratio", 16.04).text == "16.0"


def test_small_means_strictly_between_zero_and_five():
    assert [is_small(x) for x in (0, 0.5, 1, 4.9, 5, None, math.nan)] == [False, True, True, True, False,
                                                                           False, False]


@pytest.mark.parametrize("unit, value, text", [
    ("percent", 22.649, "22.6%"), ("percent", 7.0, "7.0%"), ("count", 81770, "81,770"),
    ("per_10k", 67.04, "67.0"), ("ratio", 15.96, "16.0"), ("days", 425.6, "426 days"),
])
def test_units_are_formatted_for_the_board(unit, value, text):
    assert format_value(unit, value) == text


def test_direction_compares_values_at_the_precision_shown():
    assert rounded("percent", 22.64) == rounded("percent", 22.58) == 22.6
    assert rounded("count", 3.4) == 3.0
