"""The pack's Ofsted section: each area of concern from the council's visits (focused visits,
monitoring visits, ILACS inspections; its `ofsted_visits` input), as at the reporting month.

An area's latest finding is the one from the latest visit on or before the month end that looked
at it; it is open or closed as that visit left it. Its linked measures are every measure any of
its visits linked, shown with the month's published value and RAG, so a closed area whose measure
slips shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Visit:
    visit_date: date
    visit_type: str
    areas: int
    next_visit: date | None


@dataclass
class ConcernArea:
    area: str
    finding: str
    status: str               # open / closed
    last_looked_at: date
    visit_type: str
    times_looked_at: int
    measures: list[str] = field(default_factory=list)   # metric ids, as the visits gave them
    earlier_findings: list[tuple[date, str]] = field(default_factory=list)


@dataclass
class OfstedSection:
    visits: list[Visit]
    areas: list[ConcernArea]

    @property
    def open_areas(self) -> int:
        return sum(a.status == "open" for a in self.areas)

    @property
    def next_visit(self) -> date | None:
        return self.visits[-1].next_visit if self.visits else None


def ofsted_section(rows: list[dict], as_at: date) -> OfstedSection:
    """The council's reference.ofsted_visits rows as at the month end (later visits not yet known)."""
    rows = sorted((r for r in rows if r["visit_date"] <= as_at), key=lambda r: (r["visit_date"], r["area"]))
    visits: dict[date, Visit] = {}
    areas: dict[str, ConcernArea] = {}
    for r in rows:
        v = visits.get(r["visit_date"])
        visits[r["visit_date"]] = Visit(r["visit_date"], r["visit_type"], (v.areas if v else 0) + 1,
                                        r["next_visit"] or (v.next_visit if v else None))
        key = r["area"].casefold()
        before = areas.get(key)
        area = ConcernArea(r["area"], r["finding"], r["area_status"], r["visit_date"], r["visit_type"],
                           (before.times_looked_at if before else 0) + 1,
                           list(dict.fromkeys([*(before.measures if before else []), *(r["measures"] or [])])),
                           ([*before.earlier_findings, (before.last_looked_at, before.finding)] if before else []))
        areas[key] = area
    # Open areas first (what the board still has to answer for), then by when last looked at.
    ordered = sorted(areas.values(), key=lambda a: (a.status != "open", a.last_looked_at, a.area))
    return OfstedSection(visits=list(visits.values()), areas=ordered)
