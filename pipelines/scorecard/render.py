"""The board scorecard as one self-contained HTML file: a summary table by area and a
trend chart per metric, opening offline (Plotly and the CSS inlined, nothing fetched).

Every number passes through `suppression.cell` before it is formatted or plotted, so
small counts never reach the page (table, hover labels or chart JSON).
"""

from __future__ import annotations

import calendar
import csv
import functools
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable

import jinja2
import plotly.graph_objects as go
import plotly.offline
import polars as pl
from markupsafe import Markup

from pipelines.scorecard.suppression import NO_DATA, Cell, cell, rounded
from pipelines.settings import REPO_ROOT

ASSETS_DIR = REPO_ROOT / "assets"
TEMPLATE_NAME = "scorecard.html.j2"
CSS_PATH = ASSETS_DIR / "scorecard.css"
COMPARATORS_PATH = ASSETS_DIR / "england_comparators.csv"
TREND_MONTHS = 36

# Plotly's bundle carries one URL it would use to fetch map outlines (geo charts only,
# which the scorecard never draws). Point it somewhere local so the page names no CDN.
_TOPOJSON_URL = "https://cdn.plot.ly/un/"

FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
LINE_COLOUR = "#1d4f91"
ENGLAND_COLOUR = "#5f6b7a"

WINDOW_LABELS = {
    "month": "in the month",
    "12m": "rolling 12 months",
    "ytd": "year to date (from 1 April)",
    "snapshot": "at month end",
    "3y": "3-year average",
}
POLARITY_LABELS = {
    "higher_is_better": "Higher",
    "lower_is_better": "Lower",
    "neutral": "Context",
}


# --- months ---------------------------------------------------------------------------

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


# --- England comparators --------------------------------------------------------------

@dataclass(frozen=True)
class Comparator:
    metric_id: str
    value: float
    unit: str
    as_at: str
    source: str


def load_comparators(path: Path = COMPARATORS_PATH) -> dict[str, Comparator]:
    """England figures from assets/england_comparators.csv (REFERENCE.md section 3)."""
    if not path.exists():
        return {}
    with path.open(newline="", encoding="utf-8") as f:
        return {row["metric_id"]: Comparator(row["metric_id"], float(row["value"]), row["unit"],
                                             row["as_at"], row["source"])
                for row in csv.DictReader(f)}


# --- direction of travel --------------------------------------------------------------

@dataclass(frozen=True)
class Direction:
    arrow: str   # ▲ ▼ ▶, or "" when not compared
    word: str    # what a reader without colour needs: "better", "worse", "up", "no change"...
    tone: str    # css class: better / worse / neutral / none
    label: str   # full sentence for title and aria-label


def direction(unit: str, polarity: str, current: Cell, previous: Cell) -> Direction:
    """Change since last month, judged at the precision shown and by the metric's polarity.

    Not compared when either month is missing or suppressed: an arrow between two
    suppressed months would tell the reader which small number was bigger.
    """
    if not (current.shown and previous.shown):
        return Direction("", "not compared", "none",
                         "Not compared: last month or this month has no publishable figure")
    now, before = rounded(unit, current.value), rounded(unit, previous.value)
    if now == before:
        return Direction("▶", "no change", "neutral", "No change since last month")
    up = now > before
    arrow, moved = ("▲", "up") if up else ("▼", "down")
    if polarity == "neutral":
        return Direction(arrow, moved, "neutral", f"{moved.capitalize()} since last month (no better or worse)")
    better = up == (polarity == "higher_is_better")
    verdict = "better" if better else "worse"
    return Direction(arrow, verdict, verdict, f"{moved.capitalize()} since last month: {verdict}")


# --- the model the template reads -----------------------------------------------------

@dataclass
class MetricRow:
    metric_id: str
    title: str
    definition: str
    unit: str
    polarity: str
    polarity_label: str
    window_label: str
    dfe_reference: str
    latest: Cell
    previous: Cell
    year_ago: Cell
    direction: Direction
    england: str
    england_title: str
    chart: Markup = Markup("")
    chart_note: str = ""


@dataclass
class Area:
    name: str
    metrics: list[MetricRow] = field(default_factory=list)


@dataclass(frozen=True)
class DataQualityItem:
    asset: str
    check: str
    severity: str
    description: str
    count: int | None


def _field(item: Any, *names: str) -> Any:
    for name in names:
        value = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
        if value is not None:
            return value
    return None


def data_quality_items(data_quality: Iterable[Any] | None) -> list[DataQualityItem]:
    items = []
    for raw in data_quality or []:
        severity = _field(raw, "severity") or "warning"
        severity = str(getattr(severity, "value", severity)).lower()
        severity = {"warn": "warning", "error": "error"}.get(severity, severity)
        count = _field(raw, "count", "failed_count", "failures")
        items.append(DataQualityItem(
            asset=str(_field(raw, "asset", "asset_key") or ""),
            check=str(_field(raw, "check", "check_name", "name") or ""),
            severity=severity,
            description=str(_field(raw, "description") or ""),
            count=int(count) if count is not None else None,
        ))
    order = {"error": 0, "warning": 1}
    return sorted(items, key=lambda i: (order.get(i.severity, 2), i.asset, i.check))


# --- charts ---------------------------------------------------------------------------

def trend_chart(metric_id: str, unit: str, series: list[tuple[Month, Cell]],
                comparator: Comparator | None) -> Markup:
    """A compact line chart of the published cells; suppressed or missing months are gaps.

    Only `Cell.value` (None when suppressed) and `Cell.text` reach the figure, so the
    embedded JSON and the hover labels carry nothing a table cell would not show.
    """
    x = [month_end(m).isoformat() for m, _ in series]
    y = [c.value for _, c in series]
    text = [c.text for _, c in series]
    fig = go.Figure(go.Scatter(
        x=x, y=y, customdata=text, mode="lines+markers", connectgaps=False,
        line={"color": LINE_COLOUR, "width": 2}, marker={"size": 4, "color": LINE_COLOUR},
        hovertemplate="%{x|%b %Y}: %{customdata}<extra></extra>", name="This council",
    ))
    if comparator is not None:
        fig.add_shape(type="line", xref="paper", x0=0, x1=1, yref="y", y0=comparator.value, y1=comparator.value,
                      line={"color": ENGLAND_COLOUR, "width": 1.5, "dash": "dash"})
        # Labelled above the plot, like a legend, so the label never covers the council's line.
        fig.add_annotation(xref="paper", x=1, yref="paper", y=1, xanchor="right", yanchor="bottom",
                           text=f"- - England {_format_comparator(comparator)}", showarrow=False,
                           font={"size": 10, "color": ENGLAND_COLOUR})
    fig.update_layout(
        template="none", width=320, height=200, showlegend=False,
        margin={"l": 44, "r": 12, "t": 18, "b": 30},
        font={"family": FONT_STACK, "size": 11, "color": "#1f2328"},
        paper_bgcolor="white", plot_bgcolor="white", hovermode="closest",
    )
    fig.update_xaxes(type="date", tickformat="%b %y", nticks=6, showgrid=False,
                     showline=True, linecolor="#8c959f", ticks="outside", tickcolor="#8c959f")
    fig.update_yaxes(rangemode="tozero", gridcolor="#e6e8eb", zeroline=False,
                     ticksuffix="%" if unit == "percent" else "",
                     tickformat=",d" if unit == "count" else None)
    html = fig.to_html(full_html=False, include_plotlyjs=False, div_id=f"trend-{metric_id}",
                       config={"displayModeBar": False, "responsive": False})
    return Markup(html)


def _format_comparator(c: Comparator) -> str:
    number = f"{c.value:.1f}%" if c.unit == "percent" else f"{c.value:g}"
    return f"{number} ({c.as_at})"


@functools.lru_cache(maxsize=1)
def plotly_bundle() -> str:
    return plotly.offline.get_plotlyjs().replace(_TOPOJSON_URL, "topojson/")


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(ASSETS_DIR)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "j2"), default=True),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )


# --- the page -------------------------------------------------------------------------

def _published_cells(values: pl.DataFrame, unit_of: dict[str, str]) -> dict[str, dict[Month, Cell]]:
    cells: dict[str, dict[Month, Cell]] = {}
    for row in values.iter_rows(named=True):
        unit = unit_of.get(row["metric_id"])
        if unit is None:
            continue
        cells.setdefault(row["metric_id"], {})[month_of(row["period_end"])] = cell(
            unit, row["value"], row.get("numerator"), row.get("denominator"))
    return cells


def render_scorecard(*, la_code: str, la_name: str, period_end: date, metric_values: pl.DataFrame,
                     catalogue: pl.DataFrame, generated_at: datetime, data_quality=None) -> str:
    """The scorecard for one council and reporting month, as one HTML string.

    metric_values: la_code, metric_id, period_end, value, numerator, denominator (all months;
      rows after `period_end` and for other councils are dropped here, so nothing leaks).
    catalogue: metrics.catalogue (metric_id, title, area, definition, unit, polarity,
      time_window, dfe_reference, display_order).
    data_quality: optional list of failed or warning checks, each a dict or an object with
      `asset`, `check` (or `check_name`/`name`), `severity` ("error"/"warning"; Dagster's
      ERROR/WARN accepted), `description`, and optionally `count` (rows failing). Shown as
      counts and check names only: callers must not put child-level values in `description`.
    """
    if isinstance(period_end, datetime):
        period_end = period_end.date()
    this_month = month_of(period_end)
    last_month, year_ago = add_months(this_month, -1), add_months(this_month, -12)
    first_trend_month = add_months(this_month, -(TREND_MONTHS - 1))

    values = (
        metric_values
        .with_columns(pl.col("period_end").cast(pl.Date))
        .filter((pl.col("la_code") == la_code) & (pl.col("period_end") <= month_end(this_month)))
    )
    for column in ("numerator", "denominator"):
        if column not in values.columns:
            values = values.with_columns(pl.lit(None, dtype=pl.Float64).alias(column))

    metrics = catalogue.sort(["display_order", "metric_id"]).to_dicts()
    unit_of = {m["metric_id"]: m["unit"] for m in metrics}
    cells = _published_cells(values, unit_of)
    comparators = load_comparators()
    missing = Cell(None, NO_DATA, "missing")

    areas: dict[str, Area] = {}
    for m in metrics:
        metric_id, unit = m["metric_id"], m["unit"]
        by_month = cells.get(metric_id, {})
        latest, previous, then = (by_month.get(k, missing) for k in (this_month, last_month, year_ago))

        comparator = comparators.get(metric_id)
        if comparator is not None and comparator.unit != unit:
            comparator = None  # a rate is not comparable with a count: say nothing rather than mislead
        months_with_data = [k for k in by_month if first_trend_month <= k <= this_month]
        series: list[tuple[Month, Cell]] = []
        if months_with_data:
            k = min(months_with_data)
            while k <= this_month:
                series.append((k, by_month.get(k, missing)))
                k = add_months(k, 1)
        gaps = sum(1 for _, c in series if c.status == "suppressed")
        row = MetricRow(
            metric_id=metric_id, title=m["title"], definition=m["definition"], unit=unit,
            polarity=m["polarity"], polarity_label=POLARITY_LABELS.get(m["polarity"], m["polarity"]),
            window_label=WINDOW_LABELS.get(m["time_window"], m["time_window"]),
            dfe_reference=m.get("dfe_reference") or "",
            latest=latest, previous=previous, year_ago=then,
            direction=direction(unit, m["polarity"], latest, previous),
            england=_format_comparator(comparator) if comparator else NO_DATA,
            england_title=comparator.source if comparator else "No England figure in the same unit",
            chart=trend_chart(metric_id, unit, series, comparator) if series else Markup(""),
            chart_note=(f"{gaps} month{'s' if gaps != 1 else ''} suppressed (fewer than 5) shown as gaps"
                        if gaps else ""),
        )
        areas.setdefault(m["area"], Area(m["area"])).metrics.append(row)

    dq_items = data_quality_items(data_quality)
    template = _environment().get_template(TEMPLATE_NAME)
    return template.render(
        la_code=la_code, la_name=la_name,
        month=month_name(this_month), month_short=month_name(this_month, short=True),
        last_month_short=month_name(last_month, short=True),
        year_ago_short=month_name(year_ago, short=True),
        generated=generated_at.strftime("%d %B %Y, %H:%M"), generated_iso=generated_at.isoformat(),
        areas=list(areas.values()),
        data_quality=dq_items if data_quality is not None else None,
        dq_errors=sum(1 for i in dq_items if i.severity == "error"),
        dq_warnings=sum(1 for i in dq_items if i.severity != "error"),
        css=Markup(CSS_PATH.read_text(encoding="utf-8")),
        plotly_js=Markup(plotly_bundle()),
    )


def write_scorecard(html: str, path: Path) -> Path:
    """Write the page atomically: a reader sees the old file or the new one, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(html)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a board pack is meant to be read
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
