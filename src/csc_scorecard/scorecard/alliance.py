"""The alliance overview: one page with every council side by side per measure, with the
alliance average and England, each council's column linking to its own pack for the month.

Written beside the councils' folders (<exports>/alliance.html) when a settings file lists more
than one council. It reads what the packs read (metrics.metric_status and the catalogue, through
pack.WarehouseFigures), so each figure is the one the council's own pack shows, suppressed alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import polars as pl
from markupsafe import Markup

from csc_scorecard.scorecard.months import month_name, month_of
from csc_scorecard.scorecard.render import CSS_PATH, RAG_LABELS, _england, _environment, area_sections
from csc_scorecard.scorecard.suppression import MISSING_CELL, NO_DATA, Cell, format_value, published_cell

TEMPLATE_NAME = "scorecard_alliance.html.j2"


@dataclass(frozen=True)
class CouncilColumn:
    la_code: str
    la_name: str
    href: str | None  # the council's pack for the month; None when it sent no extract for it


@dataclass(frozen=True)
class CouncilFigure:
    cell: Cell
    rag: str  # green / amber / red / none


@dataclass(frozen=True)
class MeasureRow:
    metric_id: str
    title: str
    polarity: str
    figures: list[CouncilFigure]
    average: str     # the councils' published figures averaged, each council once
    average_of: int  # how many councils' figures it averages
    england: str     # as the councils' packs show it: "67 (31 Mar 2025)", the DfE's own precision and year


def overview_month(periods: dict[str, list[date]], la_codes: list[str]) -> date | None:
    """The latest month every council has a pack for; else the latest any council has."""
    months = [set(periods.get(code, [])) for code in la_codes]
    common = set.intersection(*months) if months else set()
    if common:
        return max(common)
    every = set().union(*months)
    return max(every) if every else None


def measure_rows(metric_status: pl.DataFrame, catalogue: pl.DataFrame, la_codes: list[str],
                 period_end: date) -> dict[str, list[MeasureRow]]:
    """By area, in the pack's order: each measure's figure for every council that month."""
    month = metric_status.filter(pl.col("period_end").cast(pl.Date) == period_end)
    by_key = {(r["la_code"], r["metric_id"]): r for r in month.iter_rows(named=True)}
    metrics = catalogue.sort(["display_order", "metric_id"]).to_dicts()
    areas: dict[str, list[MeasureRow]] = {area: [] for area in area_sections(metrics)}
    for m in metrics:
        figures, shown = [], []
        england = NO_DATA
        for code in la_codes:
            row = by_key.get((code, m["metric_id"]))
            if row is None:
                figures.append(CouncilFigure(MISSING_CELL, "none"))
                continue
            cell = published_cell(m["unit"], row["publication"], row["published_value"], row["shown_value"])
            figures.append(CouncilFigure(cell, row["rag"] if cell.shown and row["rag"] else "none"))
            if cell.shown and row["shown_value"] is not None:
                shown.append(row["shown_value"])
            found = _england(row, m["unit"])
            if found is not None:
                england = found.text()
        average = format_value(m["unit"], sum(shown) / len(shown)) if shown else NO_DATA
        areas[m["area"]].append(MeasureRow(m["metric_id"], m["title"], m["polarity"], figures, average,
                                           len(shown), england))
    return areas


def render_alliance(*, councils: list[tuple[str, str]], periods: dict[str, list[date]],
                    metric_status: pl.DataFrame, catalogue: pl.DataFrame, generated_at: datetime,
                    pack_href) -> str | None:
    """The overview page; None when no council has a month to show. `pack_href(la_code, period_end)`
    is the link to a council's pack, relative to the overview."""
    codes = [code for code, _ in councils]
    period_end = overview_month(periods, codes)
    if period_end is None:
        return None
    columns = [CouncilColumn(code, name, pack_href(code, period_end) if period_end in periods.get(code, []) else None)
               for code, name in councils]
    month = month_name(month_of(period_end))
    return _environment().get_template(TEMPLATE_NAME).render(
        councils=columns, areas=measure_rows(metric_status, catalogue, codes, period_end), month=month,
        rag_labels=RAG_LABELS, generated=generated_at.strftime("%d %B %Y, %H:%M"),
        css=Markup(CSS_PATH.read_text(encoding="utf-8")),
        running_header=f"Alliance overview · Children's Social Care · {month}",
    )
