"""Read a trend chart back off the page as a reader would: the hover label of each month, and each
point and reference line at the value the axis says it stands at."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

_SVG = r'<svg class="trend-chart" id="trend-{}".*?</svg>'
_GRIDLINE = re.compile(r'<line x1="[\d.]+" x2="[\d.]+" y1="([\d.]+)" y2="[\d.]+" stroke="#e6e8eb"/>'
                       r'<text [^>]*>([^<]+)</text>')
_MONTH = re.compile(r'<g class="month (\w+)"><title>([^<]*)</title><rect [^>]*/>(.*?)</g>', re.S)
_REFERENCE = re.compile(r'<line [^>]*y1="([\d.]+)"[^>]*stroke-dasharray="[^"]+"><title>([^<]*)</title></line>')


@dataclass(frozen=True)
class DrawnMonth:
    hover: str             # "Feb 2025: 17", as the reader's pointer shows it
    status: str            # ok / suppressed / missing
    value: float | None    # where its marker sits on the value axis; None: no marker (a gap)
    restated: bool         # drawn with the restated marker


@dataclass(frozen=True)
class DrawnChart:
    svg: str
    months: list[DrawnMonth]
    lines: dict[str, float]     # a reference line's label -> the value it is drawn at
    line_vertices: int          # points joined by the council's line
    ticks: list[str]            # the value axis's labels, bottom up
    per_px: float               # how much one unit of height stands for: the precision a reader has

    @property
    def values(self) -> list[float | None]:
        return [m.value for m in self.months]

    def reads(self, figures: list[float | None]) -> bool:
        """Each month's marker is at its figure, to within a pixel, and gaps are where the figures have none."""
        return len(figures) == len(self.months) and all(
            (f is None and v is None) or (f is not None and v is not None and abs(f - v) <= self.per_px)
            for f, v in zip(figures, self.values))

    @property
    def hovers(self) -> list[str]:
        return [m.hover for m in self.months]


def _number(tick: str) -> float:
    return float(tick.replace(",", "").rstrip("%"))


def read_chart(svg: str) -> DrawnChart:
    grid = [(float(y), unescape(t)) for y, t in _GRIDLINE.findall(svg)]
    assert len(grid) >= 2, "a value axis with at least two gridlines"
    (y0, t0), (y1, t1) = grid[0], grid[-1]

    per_px = (_number(t1) - _number(t0)) / (y0 - y1)

    def value_at(y: float) -> float:
        return _number(t0) + (y0 - y) * per_px

    months = []
    for status, hover, mark in _MONTH.findall(svg):
        circle = re.search(r'<circle cx="[\d.]+" cy="([\d.]+)"', mark)
        diamond = re.search(r'rotate\(45 [\d.]+ ([\d.]+)\)', mark)
        y = circle or diamond
        months.append(DrawnMonth(unescape(hover), status, value_at(float(y[1])) if y else None, bool(diamond)))
    path = re.search(r'<path d="([^"]*)"', svg)
    return DrawnChart(
        svg=svg, months=months,
        lines={unescape(label): value_at(float(y)) for y, label in _REFERENCE.findall(svg)},
        line_vertices=len(re.findall(r"[ML]", path[1])) if path else 0,
        ticks=[t for _, t in grid], per_px=per_px,
    )


def drawn_chart(html: str, metric_id: str) -> DrawnChart:
    """The trend chart of one metric on a page."""
    found = re.search(_SVG.format(re.escape(metric_id)), html, re.S)
    assert found, f"no trend chart for {metric_id}"
    return read_chart(found[0])
