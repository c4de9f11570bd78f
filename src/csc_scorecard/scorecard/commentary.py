"""The performance team's commentary for a month: each council's `commentary` input (a row per
paragraph: month, area, text; docs/council_inputs.md), read into reference.commentary and from
there onto the board pack.

A row with no area is the overall commentary on the front page; a row whose area names a section
of the pack (e.g. Front door, matched without regard to case) goes at the top of that section.
The page shows it as text (no HTML, no links), so nothing typed there can fetch from the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field

OVERALL = ""


@dataclass
class Commentary:
    by_area: dict[str, list[str]] = field(default_factory=dict)  # "" is the overall commentary
    source: str = ""

    def paragraphs(self, area: str) -> list[str]:
        return self.by_area.get(area.casefold(), [])


def commentary_of(rows: list[dict]) -> Commentary:
    """One month's Commentary from its reference.commentary rows."""
    by_area: dict[str, list[str]] = {}
    for row in sorted(rows, key=lambda r: (r["area"], r["paragraph"])):
        by_area.setdefault(row["area"], []).append(row["text"])
    return Commentary(by_area, rows[0]["source_file"] if rows else "")
