"""England's working days: weekends and England and Wales bank holidays excluded.

Assessment (45 working days) and ICPC (15 working days) timeliness count in
working days, so the metrics and the synthetic generator share this one rule.

The bank holidays come from the `holidays` package (GB, subdivision ENG), which carries
the proclaimed one-offs (the 2002, 2012 and 2022 jubilees, the 2011 royal wedding, the 2022
state funeral, the 2023 coronation) and the usual holidays they moved; a new proclamation
arrives with a new release of the package, not a change here.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=None)
def england_bank_holidays(year: int) -> frozenset[date]:
    """The year's bank holidays as gov.uk lists them: weekdays only, so a holiday falling at
    a weekend counts by its substitute day (`holidays` also names the weekend date itself)."""
    days = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return frozenset(d for d in days if d.year == year and d.weekday() < 5)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in england_bank_holidays(day.year)


def working_days_between(start: date, end: date) -> int:
    """Working days after start up to and including end: same day = 0, Friday to Monday = 1."""
    if end < start:
        return -working_days_between(end, start)
    return sum(is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))
