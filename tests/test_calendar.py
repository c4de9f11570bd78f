from datetime import date

from csc_scorecard.calendar import england_bank_holidays, is_working_day, working_days_between


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


def test_the_golden_jubilee_3_and_4_june_2002_were_bank_holidays_and_27_may_2002_was_not():
    holidays = england_bank_holidays(2002)
    assert {date(2002, 6, 3), date(2002, 6, 4)} <= holidays
    assert date(2002, 5, 27) not in holidays  # the spring bank holiday moved to 4 June
    assert len(holidays) == 9


def test_the_royal_wedding_29_april_2011_was_a_bank_holiday():
    assert date(2011, 4, 29) in england_bank_holidays(2011)
    assert not is_working_day(date(2011, 4, 29))
    # Thu 28 Apr to Tue 3 May 2011: the wedding Friday and the May Day Monday fall between.
    assert working_days_between(date(2011, 4, 28), date(2011, 5, 3)) == 1


def test_the_diamond_jubilee_4_and_5_june_2012_were_bank_holidays_and_28_may_2012_was_not():
    holidays = england_bank_holidays(2012)
    assert {date(2012, 6, 4), date(2012, 6, 5)} <= holidays
    assert date(2012, 5, 28) not in holidays  # the spring bank holiday moved to 4 June
    assert is_working_day(date(2012, 5, 28))


def test_scottish_and_northern_irish_holidays_are_working_days_in_england():
    assert is_working_day(date(2024, 1, 2))  # Scotland's 2 January
    assert is_working_day(date(2024, 8, 5))  # Scotland's summer bank holiday
    assert is_working_day(date(2024, 3, 18))  # St Patrick's Day (substitute), Northern Ireland
    assert is_working_day(date(2024, 7, 12))  # Battle of the Boyne, Northern Ireland


def test_a_weekend_holiday_counts_by_its_substitute_weekday_only():
    # 1 Jan 2022 was a Saturday: the bank holiday is Monday 3 January.
    holidays = england_bank_holidays(2022)
    assert date(2022, 1, 3) in holidays and date(2022, 1, 1) not in holidays


def test_working_days_same_day_is_zero_and_friday_to_monday_is_one():
    assert working_days_between(date(2025, 3, 7), date(2025, 3, 7)) == 0
    assert working_days_between(date(2025, 3, 7), date(2025, 3, 10)) == 1


def test_easter_is_not_counted():
    # Thu 28 Mar 2024 to Tue 2 Apr 2024: Good Friday and Easter Monday fall between.
    assert working_days_between(date(2024, 3, 28), date(2024, 4, 2)) == 1
