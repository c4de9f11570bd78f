"""England's working days: weekends and England and Wales bank holidays excluded.

Assessment (45 working days) and ICPC (15 working days) timeliness count in
working days, so the metrics and the synthetic generator share this one rule.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

# One-off bank holidays proclaimed for royal occasions, and the moves they caused.
_ONE_OFF = {date(2022, 6, 2), date(2022, 6, 3), date(2022, 9, 19), date(2023, 5, 8)}
_MOVED_AWAY = {date(2020, 5, 4): date(2020, 5, 8), date(2022, 5, 30): date(2022, 6, 2)}


def _easter_sunday(year: int) -> date:
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def _first_monday(year: int, month: int) -> date:
    d = date(year, month, 1)
    return d + timedelta(days=(7 - d.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    d = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return d - timedelta(days=d.weekday())


def _substitute(day: date, taken: set[date]) -> date:
    """A holiday falling on a weekend moves to the next weekday not already a holiday."""
    while day.weekday() >= 5 or day in taken:
        day += timedelta(days=1)
    return day


@lru_cache(maxsize=None)
def england_bank_holidays(year: int) -> frozenset[date]:
    easter = _easter_sunday(year)
    days = {easter - timedelta(days=2), easter + timedelta(days=1),
            _first_monday(year, 5), _last_monday(year, 5), _last_monday(year, 8)}
    new_year = _substitute(date(year, 1, 1), set())
    days.add(new_year)
    christmas = _substitute(date(year, 12, 25), set())
    days.add(christmas)
    days.add(_substitute(date(year, 12, 26), {christmas}))
    for usual, moved in _MOVED_AWAY.items():
        if usual.year == year:
            days.discard(usual)
            days.add(moved)
    days |= {d for d in _ONE_OFF if d.year == year}
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in england_bank_holidays(day.year)


def working_days_between(start: date, end: date) -> int:
    """Working days after start up to and including end: same day = 0, Friday to Monday = 1."""
    if end < start:
        return -working_days_between(end, start)
    return sum(is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))
