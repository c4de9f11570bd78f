"""When the simulated council's history starts, what it still exports, and when it extracts."""

from dataclasses import dataclass
from datetime import date, timedelta

from csc_scorecard.calendar import is_working_day


def month_start(day: date, months_back: int = 0) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def month_end(day: date, months_back: int = 0) -> date:
    return month_start(day, months_back - 1) - timedelta(days=1)


def last_month_end_before(today: date) -> date:
    return today.replace(day=1) - timedelta(days=1)


def birthday(dob: date, years: int) -> date:
    try:
        return dob.replace(year=dob.year + years)
    except ValueError:  # 29 February: the birthday falls on 1 March in other years
        return date(dob.year + years, 3, 1)


@dataclass(frozen=True)
class Timeline:
    """extracts: the month-ends written. history_start: first day of the simulated history.
    records_start: older cases the systems still export (closed before this: not exported); by
    default a year before the history starts, so the 12-month re-referral lookback is complete for
    every extract. warm_up_start: the simulation runs from here so caseloads are at their steady
    level when the records start."""

    extracts: tuple[date, ...]
    history_start: date
    records_start: date
    warm_up_start: date

    @property
    def last_extract(self) -> date:
        return self.extracts[-1]

    @classmethod
    def build(cls, last_extract: date, months: int, history_months: int, lookback_months: int = 12) -> "Timeline":
        """lookback_months: how long before the history starts closed cases are still exported."""
        if months < 1:
            raise ValueError(f"months must be at least 1, got {months}")
        if history_months < 0 or lookback_months < 0:
            raise ValueError(f"history_months and lookback_months must not be negative, got "
                             f"{history_months} and {lookback_months}")
        if month_end(last_extract) != last_extract:
            raise ValueError(f"last_extract must be a month-end, got {last_extract.isoformat()}")
        extracts = tuple(month_end(last_extract, n) for n in range(months - 1, -1, -1))
        history_start = month_start(last_extract, history_months + months - 1)
        records_start = min(month_start(history_start, lookback_months), month_start(extracts[0], 24))
        return cls(extracts=extracts, history_start=history_start, records_start=records_start,
                   warm_up_start=month_start(records_start, 36))


class WorkingDays:
    """Working-day arithmetic over a fixed span, fast enough for tens of thousands of assessments."""

    def __init__(self, first: date, last: date):
        self.first = first
        span = (last - first).days + 1
        self.days: list[date] = []
        self.count_to: list[int] = []  # working days on or before each day of the span
        for n in range(span):
            day = first + timedelta(days=n)
            if is_working_day(day):
                self.days.append(day)
            self.count_to.append(len(self.days))

    def add(self, day: date, working_days: int) -> date:
        """The date `working_days` working days after `day` (0 = the same day)."""
        if working_days <= 0:
            return day
        return self.days[self.count_to[(day - self.first).days] + working_days - 1]

    def between(self, start: date, end: date) -> int:
        return self.count_to[(end - self.first).days] - self.count_to[(start - self.first).days]
