"""The board scorecard as one self-contained HTML file: a summary table by area and a trend
chart per metric, opening offline (the CSS inlined, the charts drawn as inline SVG, nothing fetched).

The page model is built from the warehouse's tables alone (metrics.metric_status for every figure,
RAG, direction and England; the catalogue; the team's targets, plan and commentary; the data
checks and quarantine), so a pack rendered on its own says what a build would have said.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, datetime

import jinja2
import polars as pl
from markupsafe import Markup

from csc_scorecard import PACKAGE_DIR
from csc_scorecard.council_inputs import input_notices
from csc_scorecard.metrics import status
from csc_scorecard.scorecard.charts import England, sparkline, trend_chart
from csc_scorecard.scorecard.commentary import OVERALL, Commentary
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
AREA_ORDER = ("Front door", "Assessment", "Child protection", "Children in care", "Adoption and fostering",
              "Care leavers", "Workforce")
# Year-end snapshots line up with the DfE releases: 31 March for CIN/CLA, 30 September for workforce.
YEAR_END_MONTH = {"Workforce": 9}
TREND_MONTHS = 36

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


def direction(polarity: str, moved: str | None) -> Direction:
    """metric_status's direction (compared at the precision shown, only when both months are
    published) as an arrow and words."""
    if moved is None:
        return Direction("", "not compared", "none",
                         "Not compared: last month or this month has no publishable figure")
    if moved == status.NO_CHANGE:
        return Direction("▶", "no change", "neutral", "No change since last month", moved)
    if moved in (status.UP, status.DOWN):
        up = moved == status.UP
    else:
        up = (moved == status.IMPROVING) == (polarity == "higher_is_better")
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
    sign = "+" if change > 0 else "-"
    if unit == "percent":
        return f"{sign}{abs(change):.1f} points"
    return sign + format_value(unit, abs(change))


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
    end_month = YEAR_END_MONTH.get(area, 3)
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


def _england(row: dict, unit: str) -> England | None:
    if row.get("england_value") is None:
        return None  # none published, or not in the metric's unit
    return England(row["england_value"], unit, row["england_as_at"], row["england_source"])


def render_scorecard(*, la_code: str, la_name: str, period_end: date, metric_status: pl.DataFrame,
                     catalogue: pl.DataFrame, generated_at: datetime, data_quality: list[dict] | None = None,
                     quarantine: list[QuarantineItem] | None = None, actions: list[Action] | None = None,
                     commentary: Commentary | None = None, restatements: list[dict] | None = None,
                     index_href: str | None = None, ofsted_visits: list[dict] | None = None,
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
        moved = direction(polarity, st.get("direction"))
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
        )
        areas[m["area"]].metrics.append(row)
        figures.setdefault(m["area"], []).append(Figure(
            title=m["title"], unit=unit, polarity=polarity, latest_text=latest.text,
            latest_value=st.get("shown_value"), latest_status=latest.status, previous_text=previous.text,
            direction=moved.status, rag=st.get("rag") if row.rag.css != "none" else None,
            target_text=target_text, england_value=known.get("england_shown_value"),
            england_text=row.england))
    for area in areas.values():
        area.narrative = area_narrative(figures.get(area.name, []), month)
        area.commentary = commentary.paragraphs(area.name)

    dq_items = data_quality_items(data_quality or [])
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

