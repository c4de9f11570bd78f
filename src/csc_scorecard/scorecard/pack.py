"""The board packs of one build: every council's monthly pages and its index, from the warehouse.

The warehouse is the pack's only input: every table below is read once for all councils (one
query per table, not one per council, which a region's worth of councils would pay for many
times over), and no file is opened, so a pack rendered on its own says what the build's pack said.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from csc_scorecard.publications import PUBLISHED_FIGURES, RESTATEMENTS
from csc_scorecard.scorecard.alliance import render_alliance
from csc_scorecard.scorecard.commentary import Commentary, commentary_of
from csc_scorecard.scorecard.months import month_name, month_of
from csc_scorecard.scorecard.page_writer import PageWriter
from csc_scorecard.scorecard.plan import Action, actions_of
from csc_scorecard.scorecard.render import PublishedMonth, QuarantineItem, render_index, render_scorecard
from csc_scorecard.warehouse import table_exists

# The tables the pack reads. quality.check_outcomes is written by the data checks rather than
# built by an asset, so it is not among the pack's upstream assets: the checks run straight after
# their raw asset, long before the metrics the pack waits for.
PACK_TABLES = ("metrics.metric_status", "metrics.catalogue", "marts.extract_months", "marts.quarantine_by_month",
               "reference.improvement_plan", "reference.commentary", "reference.ofsted_visits",
               "reference.board_actions", "reference.council_inputs", "reference.council_input_problems",
               PUBLISHED_FIGURES,
               "metrics.metric_comparators")
CHECK_OUTCOMES = "quality.check_outcomes"


def scorecard_path(exports: Path, la_code: str, period_end) -> Path:
    return exports / la_code / f"scorecard_{la_code}_{period_end:%Y-%m}.html"


def _rows_by(frame: pl.DataFrame, *keys: str) -> dict[tuple, list[dict]]:
    grouped: dict[tuple, list[dict]] = {}
    for row in frame.iter_rows(named=True):
        grouped.setdefault(tuple(row[k] for k in keys), []).append(row)
    return grouped


@dataclass
class WarehouseFigures:
    """What the scorecards read from the warehouse, for every council at once."""

    metric_status: pl.DataFrame
    catalogue: pl.DataFrame
    periods: dict[str, list[date]]  # la_code -> the month-ends it sent an extract for, in order
    # (la_code, period_end) -> source rows of that month's extract kept out of staging, by table
    # and reason; None when the warehouse has no quarantine table
    quarantine: dict[tuple[str, date], list[QuarantineItem]] | None
    failed_checks: list[dict] | None  # quality.check_outcomes rows that failed; None: no check has run
    actions: dict[str, list[Action]] | None  # la_code -> its plan; None: no plan table
    commentary: dict[tuple[str, date], list[dict]]
    # la_code -> the rows of each of its own inputs, never another council's; None: no such table
    ofsted_visits: dict[str, list[dict]] | None = None
    board_actions: dict[str, list[dict]] | None = None
    input_states: dict[str, list[dict]] | None = None
    input_problems: dict[str, list[dict]] | None = None
    # la_code -> publications.restatements rows; None when nothing has been published yet
    restatements: dict[str, list[dict]] | None = None
    comparators: pl.DataFrame | None = None  # metrics.metric_comparators; None when not built

    @classmethod
    def read(cls, con) -> "WarehouseFigures":
        def table(name: str, order: str = "") -> pl.DataFrame | None:
            if not table_exists(con, name):
                return None
            return con.sql(f"select * from {name} {f'order by {order}' if order else ''}").pl()

        periods: dict[str, list[date]] = {}
        extract_months = table("marts.extract_months", "la_code, period_end")
        for la_code, period_end in ([] if extract_months is None
                                    else extract_months.select("la_code", "period_end").iter_rows()):
            periods.setdefault(la_code, []).append(period_end)
        quarantine_rows = table("marts.quarantine_by_month")
        quarantine = None if quarantine_rows is None else {
            key: [QuarantineItem(r["raw_table"], r["reason"], r["source_rows"]) for r in rows]
            for key, rows in _rows_by(quarantine_rows, "la_code", "period_end").items()}
        outcomes = table(CHECK_OUTCOMES, "raw_table, check_name")
        plan = table("reference.improvement_plan")
        commentary = table("reference.commentary")
        restated = table(RESTATEMENTS) if table_exists(con, PUBLISHED_FIGURES) else None

        def by_council(name: str) -> dict[str, list[dict]] | None:
            rows = table(name)
            return None if rows is None else {code: group for (code,), group in _rows_by(rows, "la_code").items()}
        return cls(
            metric_status=table("metrics.metric_status"),
            catalogue=table("metrics.catalogue"),
            periods=periods, quarantine=quarantine,
            failed_checks=None if outcomes is None or outcomes.is_empty()
            else outcomes.filter(~pl.col("passed")).to_dicts(),
            actions=actions_of(plan.to_dicts()) if plan is not None else None,
            ofsted_visits=by_council("reference.ofsted_visits"), board_actions=by_council("reference.board_actions"),
            input_states=by_council("reference.council_inputs"),
            input_problems=by_council("reference.council_input_problems"),
            commentary=_rows_by(commentary, "la_code", "period_end") if commentary is not None else {},
            restatements=None if restated is None
            else {la_code: rows for (la_code,), rows in _rows_by(restated, "la_code").items()},
            comparators=table("metrics.metric_comparators"),
        )

    def council(self, la_code: str) -> pl.DataFrame:
        """The council's metric statuses."""
        return self.metric_status.filter(pl.col("la_code") == la_code)

    def quarantined(self, la_code: str, period_end: date) -> list[QuarantineItem] | None:
        return None if self.quarantine is None else self.quarantine.get((la_code, period_end), [])

    def plan_of(self, la_code: str) -> list[Action] | None:
        """The council's own actions; None (no tracker) when it keeps none."""
        return None if self.actions is None else self.actions.get(la_code)

    def commentary_for(self, la_code: str, period_end: date) -> Commentary:
        return commentary_of(self.commentary.get((la_code, period_end), []))


def _of(by_council: dict[str, list[dict]] | None, la_code: str) -> list[dict] | None:
    return None if by_council is None else by_council.get(la_code)


def council_scorecards(council, exports: Path, figures: WarehouseFigures, writer: PageWriter, *,
                       generated_at) -> Path | None:
    """Renders the council's packs and index, handing them to `writer`; returns the index's path, or
    None when the council has no landed extract."""
    status = figures.council(council.la_code)
    months = []
    # A scorecard for each month the council sent an extract for, newest first in the index.
    for period_end in figures.periods.get(council.la_code, []):
        path = scorecard_path(exports, council.la_code, period_end)
        page = render_scorecard(
            la_code=council.la_code, la_name=council.la_name, period_end=period_end,
            metric_status=status, catalogue=figures.catalogue, generated_at=generated_at,
            data_quality=figures.failed_checks, quarantine=figures.quarantined(council.la_code, period_end),
            actions=figures.plan_of(council.la_code), commentary=figures.commentary_for(council.la_code, period_end),
            ofsted_visits=_of(figures.ofsted_visits, council.la_code),
            board_actions=_of(figures.board_actions, council.la_code),
            input_states=None if figures.input_states is None else figures.input_states.get(council.la_code, []),
            input_problems=_of(figures.input_problems, council.la_code),
            restatements=None if figures.restatements is None else figures.restatements.get(council.la_code, []),
            index_href="index.html", comparators=figures.comparators,
        ).encode("utf-8")
        writer.write(page, path)
        months.insert(0, PublishedMonth(month_name(month_of(period_end)), path.name, len(page) / 1e6))
    if not months:
        return None
    index = exports / council.la_code / "index.html"
    writer.write(render_index(la_code=council.la_code, la_name=council.la_name, generated_at=generated_at,
                              months=months).encode("utf-8"), index)
    return index


ALLIANCE_PAGE = "alliance.html"


def alliance_overview(councils, exports: Path, figures: WarehouseFigures, writer: PageWriter, *,
                      generated_at) -> Path | None:
    """<exports>/alliance.html, every council side by side, when the settings list more than one."""
    if len(councils) < 2:
        return None
    page = render_alliance(
        councils=[(c.la_code, c.la_name) for c in councils], periods=figures.periods,
        metric_status=figures.metric_status, catalogue=figures.catalogue, generated_at=generated_at,
        pack_href=lambda la_code, period_end: scorecard_path(Path("."), la_code, period_end).as_posix())
    if page is None:
        return None
    path = exports / ALLIANCE_PAGE
    writer.write(page.encode("utf-8"), path)
    return path
