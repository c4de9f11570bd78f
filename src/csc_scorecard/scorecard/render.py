"""The board scorecard as one self-contained HTML file: a summary table by area and a trend
chart per metric, opening offline (the CSS inlined, the charts drawn as inline SVG, nothing fetched).

The page model is built from the warehouse's tables alone (metrics.metric_status for every figure,
RAG, direction and England; the catalogue; the team's targets, plan and commentary; the data
checks and quarantine), so a pack rendered on its own says what a build would have said.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from datetime import date, datetime

import jinja2
import polars as pl
from markupsafe import Markup

from csc_scorecard import PACKAGE_DIR
from csc_scorecard.council_inputs import input_notices
from csc_scorecard.metrics import status
from csc_scorecard.metrics.catalogue import AREAS, DEFAULT_YEAR_END_MONTH, YEAR_END_MONTH
from csc_scorecard.scorecard.charts import England, sparkline, trend_chart
from csc_scorecard.scorecard.commentary import OVERALL, Commentary
from csc_scorecard.scorecard.exceptions import LinkedInputs, exceptions_of
from csc_scorecard.scorecard.months import Month, add_months, month_end, month_name, month_of, months_between
from csc_scorecard.scorecard.narrative import Figure, area_narrative
from csc_scorecard.scorecard.ofsted import ofsted_section
from csc_scorecard.scorecard.plan import Action, board_log, track
from csc_scorecard.scorecard.suppression import MISSING_CELL, NO_DATA, Cell, format_value, published_cell, rows_text

ASSETS_DIR = PACKAGE_DIR / "templates"
TEMPLATE_NAME = "scorecard.html.j2"
CSS_PATH = ASSETS_DIR / "scorecard.css"
INDEX_TEMPLATE_NAME = "scorecard_index.html.j2"
# The board's areas, in the order the board reads them; a metric in any other area gets a
# section of its own after these.
# The board's areas in the catalogue's order, declared once there.
AREA_ORDER = AREAS
TREND_MONTHS = 36
# The printed page's charts a row (scorecard.css, @media print): an area's words keep to the first row.
CHARTS_PER_PRINTED_ROW = 6

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


# --- direction of travel and RAG, as words a reader without colour can use -----------

@dataclass(frozen=True)
class Direction:
    arrow: str   # ▲ ▼ ▶, or "" when not compared
    word: str    # what a reader without colour needs: "improving", "worsening", "up", "no change"...
    tone: str    # css class: better / worse / neutral / none
    label: str   # full sentence for title and aria-label
    status: str | None = None  # metrics.metric_status.direction, None when not compared
    change: str = ""           # the move compared, "+0.1 points"; "" when not compared


def direction(polarity: str, moved: str | None, compared: str = "last month", change: str = "",
              threshold: str = "") -> Direction:
    """metric_status's direction (compared at the precision shown, only when both figures are
    published, significant only beyond the measure's threshold) as an arrow and words."""
    found = _direction(polarity, moved, compared, change, threshold)
    return replace(found, change=change) if moved is not None else found


def _direction(polarity: str, moved: str | None, compared: str, change: str, threshold: str) -> Direction:
    if moved is None:
        return Direction("", "not compared", "none",
                         f"Not compared: {compared} or this month has no publishable figure")
    moved_by = f" ({change}{'; ' + threshold if threshold else ''})" if change else ""
    if moved == status.NO_CHANGE:
        return Direction("▶", "no significant change", "neutral", f"No significant change{moved_by}", moved)
    if moved in (status.UP, status.DOWN):
        up = moved == status.UP
    else:
        up = (moved == status.IMPROVING) == (polarity == "higher_is_better")
    arrow, way = ("▲", "up") if up else ("▼", "down")
    if moved in (status.UP, status.DOWN):
        return Direction(arrow, way, "neutral", f"{way.capitalize()} since {compared} (no better or worse){moved_by}", moved)
    tone = "better" if moved == status.IMPROVING else "worse"
    return Direction(arrow, moved, tone, f"{way.capitalize()} since {compared}: {moved}{moved_by}", moved)


RAG_LABELS = {status.GREEN: "Green", status.AMBER: "Amber", status.RED: "Red"}


@dataclass(frozen=True)
class Rag:
    css: str     # green / amber / red / none
    text: str    # always shown as a word, never colour alone
    title: str


def rag_of(rating: str | None, polarity: str, has_target: bool, latest: Cell, target_text: str,
           is_context: bool = False) -> Rag:
    if polarity == "neutral":
        return Rag("context", "Context", "Context measure: neither higher nor lower is better, so no RAG")
    if is_context:
        return Rag("context", "Context", "Context measure: the council reads it for context and sets no target")
    if not has_target:
        return Rag("none", "No target", "No target in the council's targets input (docs/council_inputs.md)")
    if not latest.shown:
        # A rating of a suppressed figure would narrow down the small number behind it.
        return Rag("none", "Not rated", "No publishable figure this month")
    return Rag(rating or "none", RAG_LABELS.get(rating, "Not rated"), f"{RAG_LABELS.get(rating, '')} against target {target_text}")


# --- the model the template reads -----------------------------------------------------

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
    # "first reported as 16 in the October 2026 pack" where the month's figure has been revised
    latest_note: str = ""
    previous_note: str = ""
    target: str = NO_DATA
    rag: Rag = Rag("none", "No target", "")
    year_ends: list[tuple[str, Cell, str]] = field(default_factory=list)  # label, cell, revision note
    sparkline: Markup = Markup("")
    chart: Markup = Markup("")
    chart_note: str = ""
    area: str = ""
    rag_status: str | None = None  # metric_status.rag, None when not rated
    comparison: "Comparison | None" = None


@dataclass(frozen=True)
class Comparison:
    """How the measure compares beyond England: metrics.metric_comparators for the month."""
    neighbours: str = NO_DATA        # the published neighbour average, as the table shows figures
    neighbours_note: str = ""        # "2025, 9 of 10 neighbours"
    neighbours_title: str = "No published figures for the council's statistical neighbours"
    here: str = ""                   # "19.0 this month (2 neighbours built here)"
    rank: str = ""                   # "12th of 153"
    band: str = ""                   # A-D, as the LAIT bands it
    band_title: str = ""
    worse_than_england: bool | None = None
    worse_than_neighbours: bool | None = None


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _worse(polarity: str, ours: float | None, theirs: float | None, margin: float | None) -> bool | None:
    """Worse by more than the measure's threshold for a significant change (a gap no bigger than a
    move that would count as noise is not singled out)."""
    if polarity == "neutral" or ours is None or theirs is None:
        return None
    gap = round(theirs - ours if polarity == "higher_is_better" else ours - theirs, 6)
    return gap > (margin or 0)


def comparison_of(row: dict | None, unit: str, polarity: str, latest_value: float | None,
                  england_value: float | None, margin: float | None = None) -> Comparison:
    """A metric_comparators row (None: none for the month) as the page's words; `margin`, the
    measure's significant change, is how far worse a figure must be to count as worse."""
    worse_than_england = _worse(polarity, latest_value, england_value, margin)
    if not row:
        return Comparison(worse_than_england=worse_than_england)
    neighbours, note, title = NO_DATA, "", Comparison.neighbours_title
    if row.get("neighbour_shown_value") is not None:
        neighbours = format_value(unit, row["neighbour_shown_value"])
        note = f"{row['published_year']}, {row['neighbours_published']} of {row['neighbours_configured']}"
        title = (f"Average of {row['neighbours_published']} of the council's {row['neighbours_configured']} "
                 f"statistical neighbours with a {row['published_year']} figure; {row['source']}")
    here = ""
    if row.get("warehouse_neighbours"):
        n = row["warehouse_neighbours"]
        here = f"{format_value(unit, row['warehouse_neighbour_shown_value'])} this month ({n} built here)"
    rank = band = band_title = ""
    if row.get("national_rank") is not None:
        rank = f"{_ordinal(row['national_rank'])} of {row['ranked_councils']}"
        band = row["quartile_band"]
        basis = ("its published figure" if row["ranked_from"] == "published"
                 else f"its own {row['published_year']} year-end figure, {format_value(unit, row['ranked_value'])}")
        band_title = (f"Rank among England's councils with a {row['published_year']} figure (1st is best), on "
                      f"{basis}; quartile band {band} ({status.QUARTILE_BANDS[band]}, A best)")
    theirs = row.get("neighbour_shown_value")
    if theirs is None and row.get("warehouse_neighbours"):
        theirs = row["warehouse_neighbour_shown_value"]
    return Comparison(neighbours, note, title, here, rank, band, band_title, worse_than_england,
                      _worse(polarity, latest_value, theirs, margin))


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
class Revision:
    """A figure the board now reads differently from how it was first reported."""
    first: Cell
    first_pack: str  # the month of the pack that first carried it, e.g. "October 2026"
    now: Cell
    change: str      # "+2", "-0.4 points"; "" when either figure was not shown

    @property
    def note(self) -> str:
        return f"first reported as {self.first.text} in the {self.first_pack} pack"


@dataclass(frozen=True)
class RevisionItem:
    """A line of the data-quality section's list of revised figures."""
    measure: str
    month: str
    revision: Revision


def _change_text(unit: str, change: float | None) -> str:
    if change is None:
        return ""
    sign = "+" if change > 0 else "-" if change < 0 else "±"
    return sign + _size_text(unit, abs(change))


def _size_text(unit: str, size: float) -> str:
    return f"{size:.1f} points" if unit == "percent" else format_value(unit, size)


COMPARED = {"last month": "last month", "same month last year": "the same month last year"}


def threshold_text(unit: str, significant: float | None, basis: str | None) -> str:
    """The rule that decided the row's direction, in words."""
    if significant is None:
        return "no threshold yet (too short a history): any move counts"
    size = _size_text(unit, significant)
    if basis == "declared":
        return f"a move of {size} or less is no significant change, the measure's threshold"
    return f"a move of {size} or less is no significant change, twice its median move over the year before"


def revisions_of(restatements: list[dict], unit_of: dict[str, str]) -> dict[tuple[str, Month], Revision]:
    """publications.restatements rows of one council as (metric_id, month) -> Revision."""
    revisions = {}
    for r in restatements:
        unit = unit_of.get(r["metric_id"])
        if unit is None:
            continue
        first = published_cell(unit, r["first_publication"], r["first_shown_value"], r["first_shown_value"])
        now = published_cell(unit, r["now_publication"], r["now_shown_value"], r["now_shown_value"])
        if not (first.shown or now.shown):
            continue  # "<5, now <5" would only say that a small number moved
        revisions[(r["metric_id"], month_of(r["period_end"]))] = Revision(
            first, month_name(month_of(r["first_pack_month"])), now, _change_text(unit, r["change"]))
    return revisions


@dataclass(frozen=True)
class QuarantineItem:
    table: str
    reason: str
    rows: int



def data_quality_items(failed: list[dict]) -> list[DataQualityItem]:
    """quality.check_outcomes rows of failed checks, errors (blocking) first."""
    items = [DataQualityItem(asset=row["raw_table"], check=row["check_name"],
                             severity="error" if row["severity"] == "critical" else "warning",
                             description=row["why"] or "", count=row["unexpected_count"])
             for row in failed]
    order = {"error": 0, "warning": 1}
    return sorted(items, key=lambda i: (order[i.severity], i.asset, i.check))


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(ASSETS_DIR)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "j2"), default=True),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    environment.filters["rows_shown"] = rows_text
    environment.filters["css_string"] = css_string
    return environment


def css_string(text: str) -> Markup:
    """Text for a quoted CSS string inside the page's <style>: HTML escaping does not apply there, so
    quotes, backslashes and anything that could close the element are written as CSS escapes."""
    return Markup("".join(ch if ch.isalnum() or ch in " .,()-" else f"\\{ord(ch):x} " for ch in str(text)))


# --- the page -------------------------------------------------------------------------

def area_sections(metrics: list[dict]) -> list[str]:
    """The board's areas in AREA_ORDER, then any other area in the catalogue's display order."""
    present = list(dict.fromkeys(m["area"] for m in metrics))
    return [a for a in AREA_ORDER if a in present] + [a for a in present if a not in AREA_ORDER]


def slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


def year_ends(area: str, this_month: Month, count: int = 2) -> list[Month]:
    """The last `count` year-end months on or before this month, oldest first."""
    end_month = YEAR_END_MONTH.get(area, DEFAULT_YEAR_END_MONTH)
    year = this_month[0] if this_month[1] >= end_month else this_month[0] - 1
    return [(year - i, end_month) for i in reversed(range(count))]


@dataclass
class MetricHistory:
    """One metric's metric_status rows for the council up to the page's month."""
    cells: dict[Month, Cell] = field(default_factory=dict)
    rows: dict[Month, dict] = field(default_factory=dict)

    @property
    def latest_row(self) -> dict:
        return self.rows[max(self.rows)] if self.rows else {}


def _histories(statuses: pl.DataFrame, unit_of: dict[str, str], last: date) -> dict[str, MetricHistory]:
    histories: dict[str, MetricHistory] = {}
    for row in statuses.filter(pl.col("period_end").cast(pl.Date) <= last).iter_rows(named=True):
        unit = unit_of.get(row["metric_id"])
        if unit is None:
            continue
        history = histories.setdefault(row["metric_id"], MetricHistory())
        month = month_of(row["period_end"])
        history.rows[month] = row
        history.cells[month] = published_cell(unit, row["publication"], row["published_value"], row["shown_value"])
    return histories


def comparators_of(comparators: pl.DataFrame | None, la_code: str, period_end: date) -> dict[str, dict]:
    """The council's metric_comparators rows for the month, by metric."""
    if comparators is None or comparators.is_empty():
        return {}
    rows = comparators.filter((pl.col("la_code") == la_code) & (pl.col("period_end").cast(pl.Date) == period_end))
    return {r["metric_id"]: r for r in rows.iter_rows(named=True)}


def _england(row: dict, unit: str) -> England | None:
    if row.get("england_value") is None:
        return None  # none published, or not in the metric's unit
    return England(row["england_value"], unit, row["england_as_at"], row["england_source"])


def render_scorecard(*, la_code: str, la_name: str, period_end: date, metric_status: pl.DataFrame,
                     catalogue: pl.DataFrame, generated_at: datetime, data_quality: list[dict] | None = None,
                     quarantine: list[QuarantineItem] | None = None, actions: list[Action] | None = None,
                     commentary: Commentary | None = None, restatements: list[dict] | None = None,
                     index_href: str | None = None, comparators: pl.DataFrame | None = None,
                     linked: "LinkedInputs | None" = None, ofsted_visits: list[dict] | None = None,
                     board_actions: list[dict] | None = None, input_states: list[dict] | None = None,
                     input_problems: list[dict] | None = None) -> str:
    """The scorecard for one council and reporting month, as one HTML string.

    metric_status: metrics.metric_status rows (all months; rows after `period_end` and for other
      councils are dropped here, so nothing leaks).
    catalogue: metrics.catalogue (metric_id, title, area, definition, unit, polarity,
      time_window, dfe_reference, display_order).
    data_quality: None when no check has run, else quality.check_outcomes rows of failed checks.
    quarantine: rows set aside from staging this month, by table and reason (None: not known).
    actions: the council's improvement plan (None: no tracker). commentary: the team's text for the month.
    ofsted_visits, board_actions: the council's reference.ofsted_visits / board_actions rows (None: none).
    input_states, input_problems: the council's reference.council_inputs / council_input_problems rows
      (None: not known), so the pack says which of its inputs is missing or was not usable.
    restatements: publications.restatements rows (figures read differently from how they were first
      reported; other councils' are dropped here).
    comparators: metrics.metric_comparators rows (neighbours, quartile and rank; None: not built).
    linked: per-measure owner, action and commentary for the exceptions page (None: taken from the
      plan's and the commentary's areas until the council's own inputs give them).
    """
    if isinstance(period_end, datetime):
        period_end = period_end.date()
    this_month = month_of(period_end)
    last_month, year_ago = add_months(this_month, -1), add_months(this_month, -12)
    first_trend_month = add_months(this_month, -(TREND_MONTHS - 1))
    month = month_name(this_month)

    metrics = catalogue.sort(["display_order", "metric_id"]).to_dicts()
    unit_of = {m["metric_id"]: m["unit"] for m in metrics}
    histories = _histories(metric_status.filter(pl.col("la_code") == la_code), unit_of, month_end(this_month))
    commentary = commentary or Commentary()
    revisions = revisions_of([r for r in restatements or [] if r["la_code"] == la_code], unit_of)
    compared_rows = comparators_of(comparators, la_code, month_end(this_month))
    # The list on the page covers the months its table and sparklines show, and its year ends.
    first_listed_month = add_months(this_month, -12)
    revision_items: list[RevisionItem] = []

    areas: dict[str, Area] = {name: Area(name, slug(name)) for name in area_sections(metrics)}
    figures: dict[str, list[Figure]] = {}
    for m in metrics:
        metric_id, unit, polarity = m["metric_id"], m["unit"], m["polarity"]
        history = histories.get(metric_id, MetricHistory())
        by_month = history.cells
        latest, previous, then = (by_month.get(k, MISSING_CELL) for k in (this_month, last_month, year_ago))
        st = history.rows.get(this_month, {})
        # The target and England's figure are the metric's, whichever month a row comes from.
        known = history.latest_row
        england = _england(known, unit)
        target = known.get("target")
        target_text = format_value(unit, target) if target is not None else NO_DATA
        months_with_data = [k for k in by_month if first_trend_month <= k <= this_month]
        series = [(k, by_month.get(k, MISSING_CELL))
                  for k in (months_between(min(months_with_data), this_month) if months_with_data else [])]
        gaps = sum(1 for _, c in series if c.status == "suppressed")
        compared = COMPARED.get(st.get("compared_with"), "last month")
        moved = direction(polarity, st.get("direction"),
                          f"{compared} ({month_name(year_ago if compared != 'last month' else last_month, short=True)})",
                          _change_text(unit, st.get("change")),
                          threshold_text(unit, st.get("significant_change"), st.get("threshold_basis"))
                          if st.get("change") is not None else "")
        revised = {k: v for (metric, k), v in revisions.items() if metric == metric_id and k <= this_month}
        shown_year_ends = year_ends(m["area"], this_month)
        revision_items += [RevisionItem(m["title"], month_name(k), v) for k, v in sorted(revised.items())
                           if k >= first_listed_month or k in shown_year_ends]
        row = MetricRow(
            metric_id=metric_id, title=m["title"], definition=m["definition"], unit=unit,
            polarity=polarity, polarity_label=POLARITY_LABELS.get(polarity, polarity),
            window_label=WINDOW_LABELS.get(m["time_window"], m["time_window"]),
            dfe_reference=m.get("dfe_reference") or "",
            latest=latest, previous=previous, year_ago=then, direction=moved,
            latest_note=revised[this_month].note if this_month in revised else "",
            previous_note=(f"{month_name(last_month)} {revised[last_month].note}; now {revised[last_month].now.text}"
                           if last_month in revised else ""),
            england=england.text() if england else NO_DATA,
            england_title=england.source if england else "No England figure in the same unit",
            target=target_text,
            rag=rag_of(st.get("rag"), polarity, target is not None, latest, target_text,
                       bool(known.get("is_context"))),
            year_ends=[(month_end(k).strftime("%-d %b %Y"), by_month.get(k, MISSING_CELL),
                        revised[k].note if k in revised else "") for k in shown_year_ends],
            sparkline=sparkline(series[-13:]),
            chart=(trend_chart(metric_id, unit, series, england, target,
                               restated={k: f"revised: {v.note}" for k, v in revised.items()})
                   if series else Markup("")),
            chart_note=(f"{gaps} month{'s' if gaps != 1 else ''} suppressed (fewer than 5) shown as gaps"
                        if gaps else ""),
            area=m["area"], rag_status=st.get("rag"),
            comparison=comparison_of(compared_rows.get(metric_id), unit, polarity, st.get("shown_value"),
                                     known.get("england_shown_value"), st.get("significant_change")),
        )
        areas[m["area"]].metrics.append(row)
        figures.setdefault(m["area"], []).append(Figure(
            title=m["title"], unit=unit, polarity=polarity, latest_text=latest.text,
            latest_value=st.get("shown_value"), latest_status=latest.status, previous_text=previous.text,
            direction=moved.status, rag=st.get("rag") if row.rag.css != "none" else None,
            target_text=target_text, england_value=known.get("england_shown_value"),
            england_text=row.england, compared=compared))
        if compared != "last month":
            figures[m["area"]][-1] = replace(figures[m["area"]][-1], previous_text=then.text)
    for area in areas.values():
        area.narrative = area_narrative(figures.get(area.name, []), month)
        area.commentary = commentary.paragraphs(area.name)

    dq_items = data_quality_items(data_quality or [])
    tracker = track(actions, month_end(this_month)) if actions is not None else None
    rows = [r for a in areas.values() for r in a.metrics]
    summary = exceptions_of(rows, tracker, commentary, linked)
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
        metric_rows={r.metric_id: r for r in rows},
        ofsted=ofsted_section(ofsted_visits, month_end(this_month)) if ofsted_visits else None,
        board=board_log(board_actions, month_end(this_month)) if board_actions else None,
        input_notices=input_notices(input_states, input_problems) if input_states is not None else None,
        data_quality=dq_items if data_quality is not None else None,
        dq_errors=sum(1 for i in dq_items if i.severity == "error"),
        dq_warnings=sum(1 for i in dq_items if i.severity != "error"),
        quarantine=quarantine,
        quarantine_total=sum(q.rows for q in quarantine or []),
        revisions=revision_items if restatements is not None else None,
        index_href=index_href,
        exceptions=summary, charts_per_row=CHARTS_PER_PRINTED_ROW,
        running_header=f"{la_name} (LA {la_code}) · Children's Social Care scorecard · {month}",
        css=Markup(CSS_PATH.read_text(encoding="utf-8")),
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

