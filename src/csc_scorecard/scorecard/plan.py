"""The improvement-plan tracker: actions the performance team keeps in assets/improvement_plan.csv,
read into reference.improvement_plan and from there onto the board pack.

Counted as at the reporting month's last day: an action is *complete* when its status is
"complete" (and, if a completed_on date is given, it was completed by then); *overdue* when it
is not complete and its due date is on or before the month end (due in March and not done by
31 March is overdue on the March scorecard); otherwise *on track*.
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

import polars as pl

from csc_scorecard.settings import deployment_dir

PLAN_PATH = deployment_dir() / "assets" / "improvement_plan.csv"
PLAN_COLUMNS = ("action_id", "title", "owner", "due_date", "status")
STATUSES = ("not started", "on track", "at risk", "complete")
PLAN_SCHEMA = {"action_id": pl.String, "title": pl.String, "owner": pl.String, "due_date": pl.Date,
               "status": pl.String, "completed_on": pl.Date, "area": pl.String}


class ImprovementPlanError(ValueError):
    """assets/improvement_plan.csv cannot be read; the message names the line."""


@dataclass(frozen=True)
class Action:
    action_id: str
    title: str
    owner: str
    due_date: date
    status: str
    completed_on: date | None = None
    area: str = ""


@dataclass(frozen=True)
class ActionState:
    action: Action
    state: str  # complete / overdue / on track
    days_overdue: int


@dataclass(frozen=True)
class Tracker:
    complete: int
    on_track: int
    overdue: int
    overdue_actions: list[ActionState]
    actions: list[ActionState]

    @property
    def total(self) -> int:
        return self.complete + self.on_track + self.overdue


def _date(path: Path, line: int, column: str, text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ImprovementPlanError(f"{path}, line {line}: {column} must be a date written YYYY-MM-DD, "
                                   f"got {text!r}") from None


def load_plan(path: Path = PLAN_PATH) -> list[Action] | None:
    """The actions, or None when the council keeps no plan file (the tracker is then left out)."""
    if not path.exists():
        return None
    actions = []
    with path.open(newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        missing = [c for c in PLAN_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ImprovementPlanError(f"{path}: the header must include {', '.join(missing)}")
        for row in reader:
            line = reader.line_num
            if not (row["action_id"] or "").strip():
                continue
            status = (row["status"] or "").strip().lower()
            if status not in STATUSES:
                raise ImprovementPlanError(f"{path}, line {line}: status must be one of {', '.join(STATUSES)}, "
                                           f"got {row['status']!r}")
            completed = (row.get("completed_on") or "").strip()
            actions.append(Action(
                action_id=row["action_id"].strip(), title=row["title"].strip(), owner=row["owner"].strip(),
                due_date=_date(path, line, "due_date", row["due_date"]), status=status,
                completed_on=_date(path, line, "completed_on", completed) if completed else None,
                area=(row.get("area") or "").strip(),
            ))
    return actions


def plan_frame(actions: list[Action] | None) -> pl.DataFrame:
    """reference.improvement_plan: one row per action (none when the council keeps no plan)."""
    return pl.DataFrame([asdict(a) for a in actions or []], schema=PLAN_SCHEMA)


def actions_of(rows: list[dict]) -> list[Action] | None:
    """The actions from reference.improvement_plan's rows; None when there are none (no tracker)."""
    return [Action(**row) for row in rows] or None


def track(actions: list[Action], as_at: date) -> Tracker:
    states = []
    for a in actions:
        done = a.status == "complete" and (a.completed_on is None or a.completed_on <= as_at)
        if done:
            states.append(ActionState(a, "complete", 0))
        elif a.due_date <= as_at:
            states.append(ActionState(a, "overdue", (as_at - a.due_date).days))
        else:
            states.append(ActionState(a, "on track", 0))
    overdue = sorted((s for s in states if s.state == "overdue"), key=lambda s: (s.action.due_date, s.action.action_id))
    return Tracker(
        complete=sum(s.state == "complete" for s in states),
        on_track=sum(s.state == "on track" for s in states),
        overdue=len(overdue), overdue_actions=overdue,
        actions=sorted(states, key=lambda s: (s.action.due_date, s.action.action_id)),
    )
