"""How each metric stands: RAG against its target and direction of travel. Pure functions, no I/O.

RAG (see docs/scorecard.md for the performance team's version):

- a metric's *shortfall* is how far its value is on the wrong side of the target, in the
  metric's own units, judged by polarity: for "lower is better", value - target; for
  "higher is better", target - value. On target or better, the shortfall is 0 or negative.
- Green when the shortfall is at most `amber_tolerance` (0 means "on target or better");
  Amber when it is more than `amber_tolerance` and at most `red_tolerance`;
  Red when it is more than `red_tolerance`.
- No RAG for a neutral metric (more children in care is neither good nor bad), a metric with
  no target, or a month with no value.

Both RAG and direction compare values at the precision the board sees (22.6%, 16.0, 1,234), so
a figure shown as 20.0% against a 20.0% target is green even if it was 20.04 underneath.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

GREEN, AMBER, RED = "green", "amber", "red"
IMPROVING, WORSENING, NO_CHANGE, UP, DOWN = "improving", "worsening", "no change", "up", "down"

METRIC_STATUS_SCHEMA = {
    "la_code": pl.Utf8, "metric_id": pl.Utf8, "period_end": pl.Date, "value": pl.Float64,
    "target": pl.Float64, "rag": pl.Utf8, "previous_value": pl.Float64, "direction": pl.Utf8,
    "england_value": pl.Float64, "england_as_at": pl.Utf8,
}


@dataclass(frozen=True)
class Target:
    metric_id: str
    target: float
    amber_tolerance: float
    red_tolerance: float
    basis: str = ""


@dataclass(frozen=True)
class Comparator:
    metric_id: str
    value: float
    unit: str
    as_at: str
    source: str


def is_missing(x: float | None) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def at_shown_precision(unit: str, value: float) -> float:
    """The value at the precision it is shown: counts and days whole, everything else to 0.1."""
    if unit in ("count", "days"):
        return float(round(value))
    return round(value, 1)


def shortfall(unit: str, polarity: str, value: float, target: float) -> float:
    """How far `value` is on the wrong side of `target` (negative when better than target)."""
    gap = at_shown_precision(unit, value) - target
    if polarity == "higher_is_better":
        gap = -gap
    # Rounded so 20.1 - 20.0 is 0.1, not 0.10000000000000142, at a tolerance boundary.
    return round(gap, 6)


def rag(unit: str, polarity: str, value: float | None, target: Target | None) -> str | None:
    if polarity == "neutral" or target is None or is_missing(value):
        return None
    gap = shortfall(unit, polarity, value, target.target)
    if gap <= target.amber_tolerance:
        return GREEN
    if gap <= target.red_tolerance:
        return AMBER
    return RED


def direction(unit: str, polarity: str, value: float | None, previous: float | None) -> str | None:
    """Change since the previous month: improving / worsening / no change, or up / down when neutral."""
    if is_missing(value) or is_missing(previous):
        return None
    now, before = at_shown_precision(unit, value), at_shown_precision(unit, previous)
    if now == before:
        return NO_CHANGE
    up = now > before
    if polarity == "neutral":
        return UP if up else DOWN
    return IMPROVING if up == (polarity == "higher_is_better") else WORSENING


def metric_status_frame(values: pl.DataFrame, catalogue: pl.DataFrame, targets: dict[str, Target],
                        comparators: dict[str, Comparator]) -> pl.DataFrame:
    """One row per metric_values row: value, target, RAG, last month's value, direction, England.

    values: la_code, metric_id, period_end, value (metrics.metric_values).
    catalogue: metric_id, unit, polarity (metrics.catalogue).
    The previous value is the calendar month before, so a missing month breaks the comparison
    rather than comparing with whatever came last.
    """
    meta = {m["metric_id"]: m for m in catalogue.select("metric_id", "unit", "polarity").to_dicts()}
    by_key = {(r["la_code"], r["metric_id"], r["period_end"]): r["value"]
              for r in values.select("la_code", "metric_id", "period_end", "value").iter_rows(named=True)}
    rows = []
    for (la_code, metric_id, period_end), value in sorted(by_key.items(), key=lambda kv: kv[0]):
        m = meta.get(metric_id)
        if m is None:
            continue
        unit, polarity = m["unit"], m["polarity"]
        previous = by_key.get((la_code, metric_id, _previous_month_end(period_end)))
        target = targets.get(metric_id)
        comparator = comparators.get(metric_id)
        if comparator is not None and comparator.unit != unit:
            comparator = None  # a rate is not comparable with a count: say nothing rather than mislead
        rows.append({
            "la_code": la_code, "metric_id": metric_id, "period_end": period_end, "value": value,
            "target": target.target if target and polarity != "neutral" else None,
            "rag": rag(unit, polarity, value, target),
            "previous_value": previous,
            "direction": direction(unit, polarity, value, previous),
            "england_value": comparator.value if comparator else None,
            "england_as_at": comparator.as_at if comparator else None,
        })
    return pl.DataFrame(rows, schema=METRIC_STATUS_SCHEMA)


def _previous_month_end(d: date) -> date:
    return d.replace(day=1) - timedelta(days=1)
