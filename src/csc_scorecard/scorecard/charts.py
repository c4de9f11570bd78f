"""The pack's charts, drawn here as inline SVG: a trend line per metric and a sparkline for the
summary table. The page needs no charting script, so it stays small and prints as it shows.

Only `Cell.value` (None when suppressed) and `Cell.text` reach a chart, so the drawn points and
the hover labels carry nothing a table cell would not show.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup, escape

from csc_scorecard.scorecard.months import Month, month_end
from csc_scorecard.scorecard.suppression import Cell, format_value

LINE_COLOUR = "#1d4f91"
ENGLAND_COLOUR = "#5f6b7a"
TARGET_COLOUR = "#1a7f37"


@dataclass(frozen=True)
class England:
    """England's figure for a metric, in the metric's own unit."""
    value: float
    unit: str
    as_at: str
    source: str

    def text(self) -> str:
        number = f"{self.value:.1f}%" if self.unit == "percent" else f"{self.value:g}"
        return f"{number} ({self.as_at})"


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



# The trend chart's box, in SVG units (CSS px at its natural size; it scales down to a narrow column).
# Wide and low, so a printed row of six charts is a quarter of the page (scorecard.css, @media print).
WIDTH, HEIGHT = 340, 180
# The right margin leaves room for half the latest month's label, centred under its point.
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 44, WIDTH - 20, 24, HEIGHT - 30
GRID_COLOUR, AXIS_COLOUR, TICK_INK = "#e6e8eb", "#8c959f", "#57606a"
RESTATED_COLOUR = "#9a6700"
# At most this many month labels under a chart: more collide when it prints a sixth of an A4 page
# wide; 36 months are then labelled a year apart, in the month the board is reading.
MAX_X_LABELS = 4


def trend_chart(metric_id: str, unit: str, series: list[tuple[Month, Cell]],
                england: England | None, target: float | None = None,
                restated: dict[Month, str] | None = None) -> Markup:
    """A monthly line chart of the published cells, as inline SVG, with the target and England as
    flat labelled lines; suppressed or missing months are gaps. Hovering a month shows its figure
    as the table would (a suppressed month says so). `restated` marks the months whose figure was
    restated, with a hollow marker and the given text in their hover label.

    Drawn here rather than by Plotly's browser bundle, which was 4.8 MB of every page (docs/scorecard.md).
    """
    restated = restated or {}
    shown = [c.value for _, c in series if c.shown]
    references = ([england.value] if england is not None else []) + ([target] if target is not None else [])
    ticks = _value_ticks(min([0.0, *shown, *references]), max([0.0, *shown, *references]),
                         whole=unit in ("count", "days"))
    lo, hi = ticks[0], ticks[-1]

    def y_of(value: float) -> float:
        return PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * (value - lo) / (hi - lo)

    step = (PLOT_RIGHT - PLOT_LEFT) / max(len(series) - 1, 1)

    def x_of(i: int) -> float:
        return PLOT_LEFT + step * i if len(series) > 1 else (PLOT_LEFT + PLOT_RIGHT) / 2

    parts = []
    for value in ticks:
        y = y_of(value)
        parts.append(f'<line x1="{PLOT_LEFT}" x2="{PLOT_RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID_COLOUR}"/>'
                     f'<text x="{PLOT_LEFT - 5}" y="{y + 3.5:.1f}" text-anchor="end">{_tick_text(unit, value, ticks)}</text>')
    parts.append(f'<line x1="{PLOT_LEFT}" x2="{PLOT_RIGHT}" y1="{PLOT_BOTTOM}" y2="{PLOT_BOTTOM}" stroke="{AXIS_COLOUR}"/>')
    # Month labels count back from the latest month, so the month the board is reading is always labelled.
    every = next(k for k in (1, 2, 3, 4, 6, 12, 24) if -(-len(series) // k) <= MAX_X_LABELS)
    for i, (month, _) in enumerate(series):
        if (len(series) - 1 - i) % every == 0:
            x = x_of(i)
            parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{PLOT_BOTTOM}" y2="{PLOT_BOTTOM + 4}" stroke="{AXIS_COLOUR}"/>'
                         f'<text x="{x:.1f}" y="{PLOT_BOTTOM + 16}" text-anchor="middle">{month_end(month):%b %y}</text>')

    # Reference lines are labelled above the plot, like a legend, so no label covers the council's line;
    # each line's dash is drawn beside its label, as colour alone would not tell them apart.
    if target is not None:
        y, label = y_of(target), f"Target {format_value(unit, target)}"
        parts.append(_reference(y, TARGET_COLOUR, "2 3", label)
                     + _key(PLOT_LEFT, TARGET_COLOUR, "2 3", label, anchor="start"))
    if england is not None:
        y, label = y_of(england.value), f"England {england.text()}"
        parts.append(_reference(y, ENGLAND_COLOUR, "6 4", label)
                     + _key(PLOT_RIGHT, ENGLAND_COLOUR, "6 4", label, anchor="end"))

    runs, run = [], []
    for i, (_, cell) in enumerate(series):
        if cell.shown:
            run.append(f"{x_of(i):.1f} {y_of(cell.value):.1f}")
        elif run:
            runs.append(run)
            run = []
    runs.append(run)
    path = " ".join("M" + " L".join(r) for r in runs if len(r) > 1)
    if path:
        parts.append(f'<path d="{path}" fill="none" stroke="{LINE_COLOUR}" stroke-width="2" stroke-linejoin="round"/>')

    # One column per month carries its hover label, so a reader need not find a 4 px marker to read it.
    column = max(step, 6.0)
    for i, (month, cell) in enumerate(series):
        x = x_of(i)
        label = f"{month_end(month):%b %Y}: {cell.text}" + (f" ({restated[month]})" if month in restated else "")
        mark = ""
        if cell.shown:
            y = y_of(cell.value)
            mark = (f'<rect class="restated" x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="white" '
                    f'stroke="{RESTATED_COLOUR}" stroke-width="1.5" transform="rotate(45 {x:.1f} {y:.1f})"/>'
                    if month in restated else f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{LINE_COLOUR}"/>')
        parts.append(f'<g class="month {cell.status}"><title>{escape(label)}</title>'
                     f'<rect x="{x - column / 2:.1f}" y="{PLOT_TOP}" width="{column:.1f}" '
                     f'height="{PLOT_BOTTOM - PLOT_TOP}" fill="transparent"/>{mark}</g>')

    return Markup(
        f'<svg class="trend-chart" id="trend-{escape(metric_id)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(_summary(series, unit, england, target))}" '
        f'font-size="11" fill="{TICK_INK}">{"".join(parts)}</svg>')


def _summary(series: list[tuple[Month, Cell]], unit: str, england: England | None, target: float | None) -> str:
    """What the chart shows, in words, for a reader who cannot see it."""
    (first, _), (last, latest) = series[0], series[-1]
    words = [f"Monthly figures {month_end(first):%b %Y} to {month_end(last):%b %Y}, latest {latest.text}"]
    if target is not None:
        words.append(f"target {format_value(unit, target)}")
    if england is not None:
        words.append(f"England {england.text()}")
    gaps = sum(1 for _, c in series if not c.shown)
    if gaps:
        words.append(f"{gaps} month{'s' if gaps != 1 else ''} not shown (suppressed or no data)")
    return "; ".join(words)


def _value_ticks(lo: float, hi: float, *, whole: bool) -> list[float]:
    """Round gridline values from at or below `lo` to at or above `hi`, four or five of them."""
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if whole:
        step = max(1.0, math.ceil(step))
    first = math.floor(lo / step) * step
    count = math.ceil(round((hi - first) / step, 9))
    return [round(first + k * step, 10) for k in range(max(count, 1) + 1)]


def _tick_text(unit: str, value: float, ticks: list[float]) -> str:
    # As many decimals as the gridlines need to differ (2.5, 5.0, 7.5), and no more.
    decimals = next(d for d in range(4) if all(abs(round(t, d) - t) < 1e-9 for t in ticks))
    text = f"{value:,.{decimals}f}"
    return text + "%" if unit == "percent" else text


def _reference(y: float, colour: str, dash: str, label: str) -> str:
    return (f'<line x1="{PLOT_LEFT}" x2="{PLOT_RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{colour}" '
            f'stroke-width="1.5" stroke-dasharray="{dash}"><title>{escape(label)}</title></line>')


def _key(x: float, colour: str, dash: str, label: str, *, anchor: str) -> str:
    """A legend entry above the plot: a sample of the line, then its label (mirrored on the right)."""
    sample_at, text_at = (x, x + 22) if anchor == "start" else (x - 18, x - 22)
    return (f'<line x1="{sample_at:.1f}" x2="{sample_at + 18:.1f}" y1="9" y2="9" stroke="{colour}" '
            f'stroke-width="1.5" stroke-dasharray="{dash}"/>'
            f'<text x="{text_at:.1f}" y="12.5" text-anchor="{"start" if anchor == "start" else "end"}" '
            f'font-size="10" fill="{colour}">{escape(label)}</text>')
