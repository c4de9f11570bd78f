"""Small-number suppression for the board scorecard: pure functions, no I/O.

The rule (DfE suppresses counts below 5 in local-authority tables; a board pack
leaves the building, so it does the same for every cell and every chart point):

- A **count** of 1 to 4 is shown as "<5". Zero is shown as 0: "none" identifies
  nobody. Counts are whole numbers, so "1 to 4" means 0 < value < 5.
- A **rate** (percent, per 10,000, ratio, days) is suppressed, shown as
  "suppressed", when its numerator or its denominator is 1 to 4: a rate over a
  handful of children lets a reader work the children back out.
- A **percentage** is also suppressed when its complement (denominator minus
  numerator) is 1 to 4: "98% of 200" tells the reader that 4 children were not.
- A missing value (no row, NULL or NaN) is not a number and shows "—" (no data);
  it is never shown as 0.

The rule is applied to every numerator and denominator alike, including the
workforce metrics whose numerators are FTE rather than children: conservative,
and a council-level staff count is rarely under 5.

Suppression happens before anything is formatted or plotted, so a suppressed
value never reaches the page: not in a table cell, a hover label, nor the chart
JSON (the chart gets `None` there and draws a gap).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SMALL_BELOW = 5
COUNT_SUPPRESSED = "<5"
RATE_SUPPRESSED = "suppressed"
NO_DATA = "—"

COUNT_UNITS = frozenset({"count"})


@dataclass(frozen=True)
class Cell:
    """What the page may show for one metric in one month.

    `value` is the number safe to publish (None when suppressed or missing);
    `text` is what a reader sees; `status` is "ok", "suppressed" or "missing".
    """

    value: float | None
    text: str
    status: str

    @property
    def shown(self) -> bool:
        return self.status == "ok"


def is_missing(x: float | None) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def is_small(x: float | None) -> bool:
    """True for a count of 1 to 4 (any number strictly between 0 and 5)."""
    return not is_missing(x) and 0 < abs(x) < SMALL_BELOW


def should_suppress(unit: str, value: float | None, numerator: float | None = None,
                    denominator: float | None = None) -> bool:
    """Whether this metric value must not be published (see the module docstring)."""
    if is_missing(value):
        return False
    if unit in COUNT_UNITS:
        return is_small(value) or is_small(numerator)
    if is_small(numerator) or is_small(denominator):
        return True
    if unit == "percent" and not is_missing(numerator) and not is_missing(denominator):
        return is_small(denominator - numerator)
    return False


def format_value(unit: str, value: float) -> str:
    """A publishable number in the board's format: 22.6%, 1,234, 67.3, 16.0, 410 days."""
    if unit == "percent":
        return f"{value:.1f}%"
    if unit == "count":
        return f"{round(value):,}"
    if unit in ("per_10k", "ratio"):
        return f"{value:,.1f}"
    if unit == "days":
        return f"{round(value):,} days"
    return f"{value:,.1f}"


def rounded(unit: str, value: float) -> float:
    """The value at the precision it is shown, so direction of travel matches what a reader sees."""
    if unit in ("count", "days"):
        return float(round(value))
    return round(value, 1)


def cell(unit: str, value: float | None, numerator: float | None = None,
         denominator: float | None = None) -> Cell:
    """Suppress, then format: the only way a metric value reaches the page."""
    if is_missing(value):
        return Cell(None, NO_DATA, "missing")
    if should_suppress(unit, value, numerator, denominator):
        return Cell(None, COUNT_SUPPRESSED if unit in COUNT_UNITS else RATE_SUPPRESSED, "suppressed")
    return Cell(float(value), format_value(unit, float(value)), "ok")
