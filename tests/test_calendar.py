from datetime import date

from csc_scorecard.calendar import england_bank_holidays, is_working_day, working_days_between
from csc_scorecard.models.reference import calendar_frame


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


def test_a_working_days_count_across_the_2012_diamond_jubilee_skips_both_holidays():
    # Fri 1 June to Wed 6 June 2012: Monday 4 and Tuesday 5 were the jubilee holidays.
    assert working_days_between(date(2012, 6, 1), date(2012, 6, 6)) == 1
    # An assessment started Fri 25 May 2012: 28 May was a working day that year, the jubilee not.
    assert working_days_between(date(2012, 5, 25), date(2012, 6, 8)) == 8


def test_the_warehouse_calendar_counts_the_2012_jubilee_as_the_sql_reads_it():
    # assessments.sql and section47.sql subtract working_day_numbers from reference.calendar.
    frame = calendar_frame(date(2012, 5, 1), date(2012, 6, 30))
    number = dict(zip(frame["calendar_date"], frame["working_day_number"]))
    assert number[date(2012, 6, 6)] - number[date(2012, 6, 1)] == 1
    assert number[date(2012, 6, 8)] - number[date(2012, 5, 25)] == 8
    working = dict(zip(frame["calendar_date"], frame["is_working_day"]))
    assert not working[date(2012, 6, 4)] and not working[date(2012, 6, 5)] and working[date(2012, 5, 28)]

