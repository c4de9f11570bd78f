"""A paragraph per area written from the figures: what moved, how it stands, how it compares.

Built only from what the page shows (published cells, RAG, England), so the narrative can say
nothing a table cell would not: a suppressed figure is named as suppressed, never described.
"""

from __future__ import annotations

from dataclasses import dataclass

from csc_scorecard.metrics.status import DOWN, IMPROVING, NO_CHANGE, UP, WORSENING

MOVED = {IMPROVING: "improved", WORSENING: "worsened", UP: "went up", DOWN: "went down"}


@dataclass(frozen=True)
class Figure:
    """One measure as the page shows it; texts already formatted and suppressed."""
    title: str
    unit: str
    polarity: str
    latest_text: str
    latest_value: float | None  # at the precision shown; None when suppressed or missing
    latest_status: str          # ok / suppressed / missing
    previous_text: str
    direction: str | None       # from csc_scorecard.metrics.status, only when both months are shown
    rag: str | None
    target_text: str
    england_value: float | None  # at the metric's precision shown
    england_text: str
    # what the direction compares with: last month, or for a year-to-date count the same point last year
    compared: str = "last month"


def _england(f: Figure) -> str:
    if f.england_value is None or f.latest_value is None:
        return ""
    ours, theirs = f.latest_value, f.england_value
    if ours == theirs:
        return f"the same as England's {f.england_text}"
    higher = ours > theirs
    if f.polarity == "neutral":
        return f"{'higher' if higher else 'lower'} than England's {f.england_text}"
    better = higher == (f.polarity == "higher_is_better")
    return f"{'better' if better else 'worse'} than England's {f.england_text}"


def sentence(f: Figure, month: str) -> str:
    if f.latest_status == "suppressed":
        return f"{f.title} is suppressed for {month} (fewer than 5 children)."
    if f.latest_status != "ok":
        return f"{f.title} has no figure for {month}."
    text = f"{f.title} was {f.latest_text}"
    if f.direction == NO_CHANGE:
        text += f", no significant change on {f.previous_text} {f.compared}"
    elif f.direction in MOVED:
        text += f", {MOVED[f.direction]} from {f.previous_text} {f.compared}"
    clauses = []
    if f.rag:
        clauses.append(f"{f.rag} against a target of {f.target_text}")
    england = _england(f)
    if england:
        clauses.append(england)
    if clauses:
        text += "; " + " and ".join(clauses)
    return text + "."


def area_narrative(figures: list[Figure], month: str) -> list[str]:
    """An opening count of what moved and how the measures are rated, then a sentence per measure."""
    if not figures:
        return []
    improved = sum(f.direction == IMPROVING for f in figures)
    worsened = sum(f.direction == WORSENING for f in figures)
    rated = [f.rag for f in figures if f.rag]
    opening = []
    if improved or worsened:
        opening.append(f"{improved} measure{'s' if improved != 1 else ''} improved and {worsened} worsened "
                       f"beyond their thresholds")
    if rated:
        parts = [f"{rated.count(r)} {r}" for r in ("green", "amber", "red") if rated.count(r)]
        opening.append(f"of {len(rated)} with a target, {', '.join(parts)}")
    lead = (opening[0][0].upper() + "; ".join(opening)[1:] + ".") if opening else ""
    return [p for p in (lead, " ".join(sentence(f, month) for f in figures)) if p]
