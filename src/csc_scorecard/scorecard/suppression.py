"""What a reader sees for a metric in a month, from metrics.metric_status's suppression decision.

The rule itself (DfE suppresses counts below 5 in local-authority tables; a board pack leaves
the building, so it does the same for every cell and every chart point) is applied in SQL, in
src/csc_scorecard/sql/status/metric_status.sql, and written down for the team in docs/scorecard.md:

- a **count** of 1 to 4 (the value or its numerator) is shown as "<5"; zero is shown as 0;
- a **rate** (percent, per 10,000, ratio, days) is shown as "suppressed" when its numerator or
  denominator is 1 to 4, and a **percentage** also when its complement is;
- a missing value (no row, NULL or NaN) shows "—" (no data), never 0;
- a **year-to-date count** is also suppressed when it differs by 1 to 4 from the last month shown
  of its year: the step is the month's own count; and not shown in a year whose April is before
  the page's first month (no start to chain from that every pack shares);
- a metric whose catalogue header says `counts: staff` (social workers, starters, leavers, vacancy,
  agency and turnover rates) has no small-number rule: staff are adults whose posts their colleagues
  know, and nothing personal about them (age, leaving reason) reaches the page;
- the data-quality panel's counts of rows (checks failed, rows set aside) follow the count rule.

Here a publication decision becomes a `Cell`: a suppressed value never reaches the page (not in a
table cell, a hover label, nor the chart JSON, which gets `None` and draws a gap).
"""

from __future__ import annotations

from dataclasses import dataclass

COUNT_SUPPRESSED = "<5"
RATE_SUPPRESSED = "suppressed"
NO_DATA = "—"

OK, SUPPRESSED, MISSING = "ok", "suppressed", "missing"


@dataclass(frozen=True)
class Cell:
    """What the page may show for one metric in one month.

    `value` is the number safe to publish (None when suppressed or missing), which the charts
    draw; `text` is what a reader sees, at the precision shown; `status` is "ok", "suppressed"
    or "missing".
    """

    value: float | None
    text: str
    status: str

    @property
    def shown(self) -> bool:
        return self.status == OK


MISSING_CELL = Cell(None, NO_DATA, MISSING)


def rows_text(rows: int | None) -> str:
    """A count of a return's rows (records about children) as the page shows it: 1 to 4 as "<5"."""
    if rows is None:
        return NO_DATA
    return COUNT_SUPPRESSED if 0 < rows < 5 else f"{rows:,}"


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


def published_cell(unit: str, publication: str | None, published_value: float | None,
                   shown_value: float | None) -> Cell:
    """The cell for a metric_status row: `publication` ok / suppressed / missing, the value and
    the value at the precision shown (both None unless ok)."""
    if publication == OK and published_value is not None:
        # The page embeds the value as shown (22.6, not 22.5806...): a rate's unrounded digits let a
        # reader work out its numerator and denominator.
        return Cell(float(shown_value), format_value(unit, float(shown_value)), OK)
    if publication == SUPPRESSED:
        return Cell(None, COUNT_SUPPRESSED if unit == "count" else RATE_SUPPRESSED, SUPPRESSED)
    return MISSING_CELL
