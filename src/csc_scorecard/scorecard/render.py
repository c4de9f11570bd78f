"""The board scorecard as one self-contained HTML file: a summary table by area and a
trend chart per metric, opening offline (Plotly and the CSS inlined, nothing fetched).

Every number passes through `suppression.cell` before it is formatted or plotted, so
small counts never reach the page (table, hover labels or chart JSON).
"""

from __future__ import annotations

import calendar
import functools
import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable

import jinja2
import plotly.offline
import polars as pl
from markupsafe import Markup

from csc_scorecard.metrics import status
from csc_scorecard.metrics.status import Comparator, Target, metric_status_frame
from csc_scorecard.metrics.targets import load_comparators, load_targets
from csc_scorecard.scorecard.commentary import OVERALL, Commentary
from csc_scorecard.scorecard.narrative import Figure, area_narrative
from csc_scorecard.scorecard.plan import Action, track
from csc_scorecard.scorecard.suppression import NO_DATA, Cell, cell, format_value, rounded
from csc_scorecard import PACKAGE_DIR

ASSETS_DIR = PACKAGE_DIR / "templates"
TEMPLATE_NAME = "scorecard.html.j2"
CSS_PATH = ASSETS_DIR / "scorecard.css"
INDEX_TEMPLATE_NAME = "scorecard_index.html.j2"
# The board's areas, in the order the board reads them; a metric in any other area gets a
# section of its own after these.
AREA_ORDER = ("Front door", "Assessment", "Child protection", "Children in care", "Adoption and fostering",
              "Care leavers", "Workforce")
# Year-end snapshots line up with the DfE releases: 31 March for CIN/CLA, 30 September for workforce.
YEAR_END_MONTH = {"Workforce": 9}
TREND_MONTHS = 36

# Plotly's bundle carries one URL it would use to fetch map outlines (geo charts only,
# which the scorecard never draws). Point it somewhere local so the page names no CDN.
_TOPOJSON_URL = "https://cdn.plot.ly/un/"

FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
LINE_COLOUR = "#1d4f91"
ENGLAND_COLOUR = "#5f6b7a"
TARGET_COLOUR = "#1a7f37"

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


# --- direction of travel --------------------------------------------------------------

@dataclass(frozen=True)
class Direction:
    arrow: str   # ▲ ▼ ▶, or "" when not compared
    word: str    # what a reader without colour needs: "improving", "worsening", "up", "no change"...
    tone: str    # css class: better / worse / neutral / none
    label: str   # full sentence for title and aria-label
    status: str | None = None  # csc_scorecard.metrics.status direction, None when not compared


def direction(unit: str, polarity: str, current: Cell, previous: Cell) -> Direction:
    """Change since last month, judged at the precision shown and by the metric's polarity.

    Not compared when either month is missing or suppressed: an arrow between two
    suppressed months would tell the reader which small number was bigger.
    """
    if not (current.shown and previous.shown):
        return Direction("", "not compared", "none",
                         "Not compared: last month or this month has no publishable figure")
    moved = status.direction(unit, polarity, current.value, previous.value)
    if moved == status.NO_CHANGE:
        return Direction("▶", "no change", "neutral", "No change since last month", moved)
    up = rounded(unit, current.value) > rounded(unit, previous.value)
    arrow, way = ("▲", "up") if up else ("▼", "down")
    if moved in (status.UP, status.DOWN):
        return Direction(arrow, way, "neutral", f"{way.capitalize()} since last month (no better or worse)", moved)
    tone = "better" if moved == status.IMPROVING else "worse"
    return Direction(arrow, moved, tone, f"{way.capitalize()} since last month: {moved}", moved)


RAG_LABELS = {status.GREEN: "Green", status.AMBER: "Amber", status.RED: "Red"}


@dataclass(frozen=True)
class Rag:
    css: str     # green / amber / red / none
    text: str    # always shown as a word, never colour alone
    title: str


def rag_of(rating: str | None, polarity: str, has_target: bool, latest: Cell, target_text: str) -> Rag:
    if polarity == "neutral":
        return Rag("none", "Context", "Context measure: neither higher nor lower is better, so no RAG")
    if not has_target:
        return Rag("none", "No target", "No target set in assets/targets.csv")
    if not latest.shown:
        # A rating of a suppressed figure would narrow down the small number behind it.
        return Rag("none", "Not rated", "No publishable figure this month")
    return Rag(rating or "none", RAG_LABELS.get(rating, "Not rated"), f"{RAG_LABELS.get(rating, '')} against target {target_text}")


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
    target: str = NO_DATA
    rag: Rag = Rag("none", "No target", "")
    year_ends: list[tuple[str, Cell]] = field(default_factory=list)
    sparkline: Markup = Markup("")
    chart: Markup = Markup("")
    chart_note: str = ""


@dataclass
class Area:
    name: str
    slug: str = ""
    metrics: list[MetricRow] = field(default_factory=list)
    narrative: list[str] = field(default_factory=list)
    commentary: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DataQualityItem:
    asset: str
    check: str
    severity: str
    description: str
    count: int | None


@dataclass(frozen=True)
class QuarantineItem:
    table: str
    reason: str
    rows: int


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


def sparkline(series: list[tuple[Month, Cell]], width: int = 96, height: int = 24) -> Markup:
    """A tiny inline SVG of the published months (suppressed or missing months break the line)."""
    points = [(i, c.value) for i, (_, c) in enumerate(series) if c.shown]
    if len(points) < 2:
        return Markup("")
    lo, hi = min(v for _, v in points), max(v for _, v in points)
    span, n = (hi - lo) or 1.0, max(len(series) - 1, 1)
    path, last_i = [], None
    for i, v in points:
        x, y = 1 + (width - 2) * i / n, height - 2 - (height - 4) * (v - lo) / span
        path.append(f"{'L' if last_i == i - 1 else 'M'}{x:.1f} {y:.1f}")
        last_i = i
    end_x, end_y = path[-1][1:].split()
    return Markup(
        f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" aria-hidden="true">'
        f'<path d="{" ".join(path)}" fill="none" stroke="{LINE_COLOUR}" stroke-width="1.5"/>'
        f'<circle cx="{end_x}" cy="{end_y}" r="2" fill="{LINE_COLOUR}"/></svg>')


# --- charts ---------------------------------------------------------------------------

def trend_chart(metric_id: str, unit: str, series: list[tuple[Month, Cell]],
                comparator: Comparator | None, target: float | None = None) -> Markup:
    """A monthly line chart of the published cells with the target and England as flat lines;
    suppressed or missing months are gaps.

    Only `Cell.value` (None when suppressed) and `Cell.text` reach the figure, so the
    embedded JSON and the hover labels carry nothing a table cell would not show.
    """
    # The figure is written as Plotly JSON directly: building it through plotly.graph_objects
    # validates every property in Python and cost ~0.2 s a chart, most of a page's render time.
    x = [month_end(m).isoformat() for m, _ in series]
    y = [c.value for _, c in series]
    text = [c.text for _, c in series]
    data = [{
        "type": "scatter", "x": x, "y": y, "customdata": text, "mode": "lines+markers", "connectgaps": False,
        "line": {"color": LINE_COLOUR, "width": 2}, "marker": {"size": 4, "color": LINE_COLOUR},
        "hovertemplate": "%{x|%b %Y}: %{customdata}<extra></extra>", "name": "This council",
    }]
    shapes, annotations = [], []
    # Reference lines are labelled above the plot, like a legend, so no label covers the council's line.
    if comparator is not None:
        shapes.append(_reference_line(comparator.value, ENGLAND_COLOUR, "dash"))
        annotations.append(_reference_label(f"- - England {_format_comparator(comparator)}", ENGLAND_COLOUR,
                                            x=1, anchor="right"))
    if target is not None:
        shapes.append(_reference_line(target, TARGET_COLOUR, "dot"))
        annotations.append(_reference_label(f"··· Target {format_value(unit, target)}", TARGET_COLOUR,
                                            x=0, anchor="left"))
    yaxis = {"rangemode": "tozero", "gridcolor": "#e6e8eb", "zeroline": False,
             "ticksuffix": "%" if unit == "percent" else ""}
    if unit == "count":
        yaxis["tickformat"] = ",d"
    layout = {
        "width": 340, "height": 210, "showlegend": False,
        "margin": {"l": 44, "r": 12, "t": 20, "b": 30},
        "font": {"family": FONT_STACK, "size": 11, "color": "#1f2328"},
        "paper_bgcolor": "white", "plot_bgcolor": "white", "hovermode": "closest",
        "shapes": shapes, "annotations": annotations, "yaxis": yaxis,
        "xaxis": {"type": "date", "tickformat": "%b %y", "nticks": 6, "showgrid": False, "showline": True,
                  "linecolor": "#8c959f", "ticks": "outside", "tickcolor": "#8c959f"},
    }
    config = {"displayModeBar": False, "responsive": False}
    div_id = f"trend-{metric_id}"
    # json.dumps escapes nothing HTML-special; "</" must not close the script element.
    args = ", ".join(json.dumps(part, separators=(",", ":")).replace("</", "<\\/") for part in (data, layout, config))
    html = (f'<div id="{div_id}" class="plotly-graph-div" style="height:210px; width:340px;"></div>'
            f'<script type="text/javascript">if (document.getElementById("{div_id}")) '
            f'{{ Plotly.newPlot("{div_id}", {args}); }}</script>')
    return Markup(html)


def _reference_line(value: float, colour: str, dash: str) -> dict:
    return {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": value, "y1": value,
            "line": {"color": colour, "width": 1.5, "dash": dash}}


def _reference_label(text: str, colour: str, *, x: float, anchor: str) -> dict:
    return {"xref": "paper", "x": x, "yref": "paper", "y": 1, "xanchor": anchor, "yanchor": "bottom",
            "text": text, "showarrow": False, "font": {"size": 10, "color": colour}}


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


def area_sections(metrics: list[dict]) -> list[str]:
    """The board's areas in AREA_ORDER, then any other area in the catalogue's display order."""
    present = list(dict.fromkeys(m["area"] for m in metrics))
    return [a for a in AREA_ORDER if a in present] + [a for a in present if a not in AREA_ORDER]


def slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


def year_ends(area: str, this_month: Month, count: int = 2) -> list[Month]:
    """The last `count` year-end months on or before this month, oldest first."""
    end_month = YEAR_END_MONTH.get(area, 3)
    year = this_month[0] if this_month[1] >= end_month else this_month[0] - 1
    return [(year - i, end_month) for i in reversed(range(count))]


def _status_by_metric(statuses: pl.DataFrame, la_code: str, period_end: date) -> dict[str, dict]:
    rows = statuses.with_columns(pl.col("period_end").cast(pl.Date)).filter(
        (pl.col("la_code") == la_code) & (pl.col("period_end") == period_end))
    return {r["metric_id"]: r for r in rows.iter_rows(named=True)}


def render_scorecard(*, la_code: str, la_name: str, period_end: date, metric_values: pl.DataFrame,
                     catalogue: pl.DataFrame, generated_at: datetime, metric_status: pl.DataFrame | None = None,
                     targets: dict[str, Target] | None = None, data_quality=None,
                     quarantine: list[QuarantineItem] | None = None, actions: list[Action] | None = None,
                     commentary: Commentary | None = None, index_href: str | None = None) -> str:
    """The scorecard for one council and reporting month, as one HTML string.

    metric_values: la_code, metric_id, period_end, value, numerator, denominator (all months;
      rows after `period_end` and for other councils are dropped here, so nothing leaks).
    catalogue: metrics.catalogue (metric_id, title, area, definition, unit, polarity,
      time_window, dfe_reference, display_order).
    metric_status: metrics.metric_status (RAG, direction, England); computed here from
      `targets` (default assets/targets.csv) when not given.
    data_quality: None when no check results are available, else a list of failed or warning
      checks, each a dict or an object with `asset`, `check` (or `check_name`/`name`),
      `severity` ("error"/"warning"; Dagster's ERROR/WARN accepted), `description`, and
      optionally `count` (rows failing). Callers must not put child-level values in `description`.
    quarantine: rows set aside from staging this month, by table and reason (None: not known).
    actions: the improvement plan (None: no tracker). commentary: the team's text for the month.
    """
    if isinstance(period_end, datetime):
        period_end = period_end.date()
    this_month = month_of(period_end)
    last_month, year_ago = add_months(this_month, -1), add_months(this_month, -12)
    first_trend_month = add_months(this_month, -(TREND_MONTHS - 1))
    month = month_name(this_month)

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
    if targets is None:
        targets = load_targets()
    if metric_status is None:
        metric_status = metric_status_frame(values, catalogue, targets, comparators)
    statuses = _status_by_metric(metric_status, la_code, month_end(this_month))
    commentary = commentary or Commentary()
    missing = Cell(None, NO_DATA, "missing")

    areas: dict[str, Area] = {name: Area(name, slug(name)) for name in area_sections(metrics)}
    figures: dict[str, list[Figure]] = {}
    for m in metrics:
        metric_id, unit = m["metric_id"], m["unit"]
        by_month = cells.get(metric_id, {})
        latest, previous, then = (by_month.get(k, missing) for k in (this_month, last_month, year_ago))
        st = statuses.get(metric_id, {})

        comparator = comparators.get(metric_id)
        if comparator is not None and comparator.unit != unit:
            comparator = None  # a rate is not comparable with a count: say nothing rather than mislead
        target = targets.get(metric_id) if m["polarity"] != "neutral" else None
        target_text = format_value(unit, target.target) if target else NO_DATA
        months_with_data = [k for k in by_month if first_trend_month <= k <= this_month]
        series: list[tuple[Month, Cell]] = []
        if months_with_data:
            k = min(months_with_data)
            while k <= this_month:
                series.append((k, by_month.get(k, missing)))
                k = add_months(k, 1)
        gaps = sum(1 for _, c in series if c.status == "suppressed")
        moved = direction(unit, m["polarity"], latest, previous)
        row = MetricRow(
            metric_id=metric_id, title=m["title"], definition=m["definition"], unit=unit,
            polarity=m["polarity"], polarity_label=POLARITY_LABELS.get(m["polarity"], m["polarity"]),
            window_label=WINDOW_LABELS.get(m["time_window"], m["time_window"]),
            dfe_reference=m.get("dfe_reference") or "",
            latest=latest, previous=previous, year_ago=then, direction=moved,
            england=_format_comparator(comparator) if comparator else NO_DATA,
            england_title=comparator.source if comparator else "No England figure in the same unit",
            target=target_text,
            rag=rag_of(st.get("rag"), m["polarity"], target is not None, latest, target_text),
            year_ends=[(month_end(k).strftime("%-d %b %Y"), by_month.get(k, missing))
                       for k in year_ends(m["area"], this_month)],
            sparkline=sparkline(series[-13:]),
            chart=trend_chart(metric_id, unit, series, comparator, target.target if target else None)
            if series else Markup(""),
            chart_note=(f"{gaps} month{'s' if gaps != 1 else ''} suppressed (fewer than 5) shown as gaps"
                        if gaps else ""),
        )
        areas[m["area"]].metrics.append(row)
        figures.setdefault(m["area"], []).append(Figure(
            title=m["title"], unit=unit, polarity=m["polarity"], latest_text=latest.text,
            latest_value=latest.value, latest_status=latest.status, previous_text=previous.text,
            direction=moved.status, rag=st.get("rag") if row.rag.css != "none" else None,
            target_text=target_text, england_value=comparator.value if comparator else None,
            england_text=row.england))
    for area in areas.values():
        area.narrative = area_narrative(figures.get(area.name, []), month)
        area.commentary = commentary.paragraphs(area.name)

    dq_items = data_quality_items(data_quality)
    tracker = track(actions, month_end(this_month)) if actions is not None else None
    rows = [r for a in areas.values() for r in a.metrics]
    template = _environment().get_template(TEMPLATE_NAME)
    return template.render(
        la_code=la_code, la_name=la_name,
        month=month, month_short=month_name(this_month, short=True),
        last_month_short=month_name(last_month, short=True),
        year_ago_short=month_name(year_ago, short=True),
        generated=generated_at.strftime("%d %B %Y, %H:%M"), generated_iso=generated_at.isoformat(),
        areas=list(areas.values()),
        rag_counts={label: sum(r.rag.css == css for r in rows) for css, label in RAG_LABELS.items()},
        overall_commentary=commentary.paragraphs(OVERALL),
        tracker=tracker,
        data_quality=dq_items if data_quality is not None else None,
        dq_errors=sum(1 for i in dq_items if i.severity == "error"),
        dq_warnings=sum(1 for i in dq_items if i.severity != "error"),
        quarantine=quarantine,
        quarantine_total=sum(q.rows for q in quarantine or []),
        index_href=index_href,
        css=Markup(CSS_PATH.read_text(encoding="utf-8")),
        plotly_js=Markup(plotly_bundle()),
    )


@dataclass(frozen=True)
class PublishedMonth:
    month: str
    href: str
    size_mb: float


def render_index(*, la_code: str, la_name: str, months: list[PublishedMonth], generated_at: datetime) -> str:
    """The list of every published month, newest first: a small page with no script at all."""
    return _environment().get_template(INDEX_TEMPLATE_NAME).render(
        la_code=la_code, la_name=la_name, months=months,
        generated=generated_at.strftime("%d %B %Y, %H:%M"),
        css=Markup(CSS_PATH.read_text(encoding="utf-8")),
    )


def write_scorecard(html: str | bytes, path: Path) -> Path:
    """Write the page (text, or its UTF-8 bytes) atomically: a reader sees the old file or the
    new one, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(html.encode("utf-8") if isinstance(html, str) else html)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a board pack is meant to be read
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
