from datetime import date

from csc_scorecard.calendar import england_bank_holidays, working_days_between


def test_2024_bank_holidays_match_the_published_list():
    assert england_bank_holidays(2024) == {
        date(2024, 1, 1), date(2024, 3, 29), date(2024, 4, 1), date(2024, 5, 6), date(2024, 5, 27),
        date(2024, 8, 26), date(2024, 12, 25), date(2024, 12, 26)}


def test_2022_christmas_substitutes_and_one_off_holidays():
    holidays = england_bank_holidays(2022)
    assert {date(2022, 12, 26), date(2022, 12, 27)} <= holidays  # Christmas on a Sunday
    assert {date(2022, 6, 2), date(2022, 6, 3), date(2022, 9, 19)} <= holidays
    assert date(2022, 5, 30) not in holidays  # spring holiday moved to 2 June
    assert len(holidays) == 10


def test_working_days_same_day_is_zero_and_friday_to_monday_is_one():
    assert working_days_between(date(2025, 3, 7), date(2025, 3, 7)) == 0
    assert working_days_between(date(2025, 3, 7), date(2025, 3, 10)) == 1


def test_easter_is_not_counted():
    # Thu 28 Mar 2024 to Tue 2 Apr 2024: Good Friday and Easter Monday fall between.
    assert working_days_between(date(2024, 3, 28), date(2024, 4, 2)) == 1
