"""The exceptions page at the front of the pack: the measures the board should look at first.

A measure is an exception when it is Red against its target, when it worsened beyond its
threshold (metrics.metric_status.direction), or when it is worse than England and, where the
council's statistical neighbours have a figure, worse than them too, each by more than that same
threshold (a measure worse than England but not than similar councils is not singled out, nor a
gap no bigger than a move that would be noise). Each comes with who owns it, the improvement
plan's actions that serve it and the team's commentary.

The owner and actions come from the plan's actions that name the measure among those they aim to
move (`Tracker.addressing`); a measure no action names takes its area's first open action, and the
commentary is its area's, and the page says which.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from csc_scorecard.metrics.status import RED, WORSENING
from csc_scorecard.scorecard.commentary import Commentary
from csc_scorecard.scorecard.plan import Tracker

# What one printed A4 page holds beside the rule and the counts, with an owner, an action and a
# line of commentary each (ten, or eight with the line saying how many more, ran onto a second page in the demo); the rest are in the full table.
MAX_SHOWN = 7
RED_REASON, WORSENED_REASON, BELOW_REASON = "Red", "Worsened significantly", "Worse than England and neighbours"
BELOW_ENGLAND_REASON = "Worse than England (no neighbour figure)"
COMMENTARY_CHARACTERS = 160


@dataclass(frozen=True)
class LinkedInputs:
    """Per-measure owner, actions and commentary, by metric_id, from the council's own inputs."""
    owners: dict[str, str] = field(default_factory=dict)
    actions: dict[str, list[str]] = field(default_factory=dict)   # "IP-03 Assessment tracker (on track)"
    commentary: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ExceptionItem:
    row: Any                 # render.MetricRow
    reasons: tuple[str, ...]
    owner: str
    actions: tuple[str, ...]
    commentary: str
    linked: bool             # True: linked to the measure itself; False: the area's, until inputs link it


@dataclass(frozen=True)
class Exceptions:
    items: list[ExceptionItem]
    more: int                # exceptions beyond what the page holds, in the full table
    counts: dict[str, int]   # reason -> measures
    linked: bool             # whether per-measure inputs were given at all


def reasons_of(row) -> tuple[str, ...]:
    reasons = []
    if row.rag_status == RED and row.rag.css == RED:
        reasons.append(RED_REASON)
    if row.direction.status == WORSENING:
        reasons.append(WORSENED_REASON)
    c = row.comparison
    if c is not None and c.worse_than_england:
        if c.worse_than_neighbours:
            reasons.append(BELOW_REASON)
        elif c.worse_than_neighbours is None:
            reasons.append(BELOW_ENGLAND_REASON)
    return tuple(reasons)


def _short(text: str, limit: int = COMMENTARY_CHARACTERS) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _label(state) -> str:
    """An action as one line: its owner's status as given, and overdue beside it when it is."""
    return (f"{state.action.action_id} {state.action.title} "
            f"({state.status}{', overdue' if state.overdue else ''})")


def _area_inputs(area: str, tracker: Tracker | None, commentary: Commentary) -> tuple[str, tuple[str, ...], str]:
    open_actions = [s for s in (tracker.actions if tracker else []) if s.action.area == area and not s.complete]
    owner = open_actions[0].action.owner if open_actions else ""
    # The first open action (overdue first, as the tracker orders them by due date): one line a row
    # keeps the page to one A4 sheet; the rest are in the plan's section.
    actions = tuple(_label(s) for s in open_actions[:1])
    paragraphs = commentary.paragraphs(area)
    return owner, actions, _short(paragraphs[0]) if paragraphs else ""


def _measure_inputs(metric_id: str, tracker: Tracker | None) -> tuple[str, tuple[str, ...]] | None:
    """The owner and first open action of the plan's actions that name the measure, if any does."""
    open_actions = [s for s in tracker.addressing(metric_id) if not s.complete] if tracker else []
    return (open_actions[0].action.owner, (_label(open_actions[0]),)) if open_actions else None


def exceptions_of(rows: list, tracker: Tracker | None, commentary: Commentary,
                  linked: LinkedInputs | None = None) -> Exceptions:
    """The month's exceptions, most reasons first, then Red, then the table's order."""
    found = []
    for order, row in enumerate(rows):
        reasons = reasons_of(row)
        if not reasons:
            continue
        owner, actions, text = _area_inputs(row.area, tracker, commentary)
        named = _measure_inputs(row.metric_id, tracker)
        if named is not None:
            owner, actions = named
        is_linked = named is not None
        if linked is not None and any(row.metric_id in d for d in (linked.owners, linked.actions, linked.commentary)):
            owner = linked.owners.get(row.metric_id, owner)
            actions = tuple(linked.actions.get(row.metric_id, actions))
            text = _short(linked.commentary.get(row.metric_id, text))
            is_linked = True
        found.append((-len(reasons), RED_REASON not in reasons, order,
                      ExceptionItem(row, reasons, owner, actions, text, is_linked)))
    items = [item for *_, item in sorted(found, key=lambda f: f[:3])]
    counts = {reason: sum(reason in i.reasons for i in items)
              for reason in (RED_REASON, WORSENED_REASON, BELOW_REASON, BELOW_ENGLAND_REASON)}
    return Exceptions(items[:MAX_SHOWN], max(0, len(items) - MAX_SHOWN), counts,
                      linked is not None or tracker is not None)
