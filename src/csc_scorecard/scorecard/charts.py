"""The pack's charts: a trend line per metric (Plotly JSON, drawn by the inlined bundle) and an
inline SVG sparkline for the summary table.

Only `Cell.value` (None when suppressed) and `Cell.text` reach a chart, so the embedded JSON and
the hover labels carry nothing a table cell would not show.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

import plotly.offline
from markupsafe import Markup

from csc_scorecard.scorecard.months import Month, month_end
from csc_scorecard.scorecard.suppression import Cell, format_value

# Plotly's bundle carries one URL it would use to fetch map outlines (geo charts only,
# which the scorecard never draws). Point it somewhere local so the page names no CDN.
_TOPOJSON_URL = "https://cdn.plot.ly/un/"

FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
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



def trend_chart(metric_id: str, unit: str, series: list[tuple[Month, Cell]],
                england: England | None, target: float | None = None) -> Markup:
    """A monthly line chart of the published cells with the target and England as flat lines;
    suppressed or missing months are gaps."""
    # The figure is written as Plotly JSON directly: building it through plotly.graph_objects
    # validates every property in Python, which was most of a page's render time.
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
    if england is not None:
        shapes.append(_reference_line(england.value, ENGLAND_COLOUR, "dash"))
        annotations.append(_reference_label(f"- - England {england.text()}", ENGLAND_COLOUR,
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


@functools.lru_cache(maxsize=1)
def plotly_bundle() -> str:
    return plotly.offline.get_plotlyjs().replace(_TOPOJSON_URL, "topojson/")
