"""Reporting months as (year, month) pairs: the pack's only month arithmetic."""

from __future__ import annotations

import calendar
from datetime import date, datetime

Month = tuple[int, int]


def month_of(d: date | datetime) -> Month:
    return (d.year, d.month)


def add_months(m: Month, n: int) -> Month:
    index = m[0] * 12 + (m[1] - 1) + n
    return (index // 12, index % 12 + 1)


def month_end(m: Month) -> date:
    return date(m[0], m[1], calendar.monthrange(m[0], m[1])[1])


def month_name(m: Month, short: bool = False) -> str:
    return month_end(m).strftime("%b %Y" if short else "%B %Y")


def months_between(first: Month, last: Month) -> list[Month]:
    """Every month from `first` to `last`, both included."""
    months, m = [], first
    while m <= last:
        months.append(m)
        m = add_months(m, 1)
    return months
