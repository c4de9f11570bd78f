"""The improvement-plan tracker: each council's actions from its own inputs (docs/council_inputs.md),
read into reference.improvement_plan and from there onto its board pack.

Counted as at the reporting month's last day. The owner's status (complete / on track / at risk /
off track / not started) is shown as the owner gave it: the tracker never turns "at risk" into
"on track". Beside it, *overdue* is derived: not complete and due on or before the month end (due in
March and not done by 31 March is overdue on the March scorecard), whatever the owner says. An
action is complete as at the month when its status is "complete" and, if a completed_on date is
given, it was completed by then. Counts read as the board's papers do: "34 of 52 complete;
6 overdue; 3 at risk".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from csc_scorecard.council_inputs import PLAN_STATUSES

COMPLETE, ON_TRACK, AT_RISK, OFF_TRACK, NOT_STARTED = PLAN_STATUSES


@dataclass(frozen=True)
class Action:
    action_id: str
    title: str
    owner: str
    due_date: date
    status: str
    completed_on: date | None = None
    area: str = ""
    measures: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActionState:
    action: Action
    complete: bool      # complete as at the month end
    overdue: bool       # derived: not complete, due on or before the month end
    days_overdue: int
    status: str         # the owner's status as at the month end, as given

    @property
    def css(self) -> str:
        return self.status.replace(" ", "-") + (" overdue" if self.overdue else "")


@dataclass(frozen=True)
class Tracker:
    actions: list[ActionState]
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.actions)

    @property
    def complete(self) -> int:
        return sum(s.complete for s in self.actions)

    @property
    def overdue(self) -> int:
        return sum(s.overdue for s in self.actions)

    @property
    def at_risk(self) -> int:
        return self.by_status.get(AT_RISK, 0)

    @property
    def off_track(self) -> int:
        return self.by_status.get(OFF_TRACK, 0)

    @property
    def overdue_actions(self) -> list[ActionState]:
        return [s for s in self.actions if s.overdue]

    @property
    def headline(self) -> str:
        """The tracker as the board's papers count it."""
        words = [f"{self.complete} of {self.total} complete", f"{self.overdue} overdue", f"{self.at_risk} at risk"]
        if self.off_track:
            words.append(f"{self.off_track} off track")
        return "; ".join(words)

    def addressing(self, metric_id: str) -> list[ActionState]:
        """The actions linked to a measure, open ones first."""
        return sorted((s for s in self.actions if metric_id in s.action.measures), key=lambda s: (s.complete, s.action.due_date))


def actions_of(rows: list[dict]) -> dict[str, list[Action]]:
    """Each council's actions from reference.improvement_plan's rows, by la_code."""
    by_council: dict[str, list[Action]] = {}
    for row in rows:
        by_council.setdefault(row["la_code"], []).append(Action(
            action_id=row["action_id"], title=row["title"], owner=row["owner"], due_date=row["due_date"],
            status=row["status"], completed_on=row["completed_on"], area=row["area"] or "",
            measures=tuple(row["measures"] or ())))
    return by_council


def _state(a: Action, as_at: date) -> ActionState:
    if a.status == COMPLETE:
        if a.completed_on is None or a.completed_on <= as_at:
            return ActionState(a, True, False, 0, COMPLETE)
        # Completed after this month: as at the month it was still open, status unknown then.
        status = ON_TRACK
    else:
        status = a.status
    overdue = a.due_date <= as_at
    return ActionState(a, False, overdue, (as_at - a.due_date).days if overdue else 0, status)


def track(actions: list[Action], as_at: date) -> Tracker:
    states = sorted((_state(a, as_at) for a in actions), key=lambda s: (s.action.due_date, s.action.action_id))
    by_status: dict[str, int] = {}
    for s in states:
        by_status[s.status] = by_status.get(s.status, 0) + 1
    return Tracker(actions=states, by_status=by_status)


@dataclass(frozen=True)
class BoardItem:
    meeting_date: date
    kind: str           # decision / action
    item: str
    owner: str
    due_date: date | None
    open: bool          # an action not complete as at the month end
    overdue: bool


@dataclass(frozen=True)
class BoardLog:
    items: list[BoardItem]

    @property
    def open_actions(self) -> list[BoardItem]:
        return [i for i in self.items if i.kind == "action" and i.open]

    @property
    def decisions(self) -> list[BoardItem]:
        return [i for i in self.items if i.kind == "decision"]


def board_log(rows: list[dict], as_at: date) -> BoardLog:
    """The council's reference.board_actions rows as at the month end: its meetings up to then,
    newest first; an action is open until completed (by then), overdue once its due date passed."""
    items = []
    for r in sorted(rows, key=lambda r: r["meeting_date"], reverse=True):
        if r["meeting_date"] > as_at:
            continue
        done = r["status"] == "complete" and (r["completed_on"] is None or r["completed_on"] <= as_at)
        is_open = r["kind"] == "action" and not done
        items.append(BoardItem(r["meeting_date"], r["kind"], r["item"], r["owner"] or "", r["due_date"], is_open,
                               is_open and r["due_date"] is not None and r["due_date"] <= as_at))
    return BoardLog(items)
