"""The performance team's commentary for a month: assets/commentary/<la_code>/<YYYY-MM>.md, read
into reference.commentary (one row per paragraph) and from there onto the board pack.

Plain text with light markdown: paragraphs separated by blank lines, and a heading
`## <area>` (e.g. `## Front door`) starting the commentary for that area's section.
Text before the first heading is the overall commentary on the front page. The page shows it
as text (no HTML, no links), so nothing typed there can fetch from the network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from csc_scorecard.scorecard.months import month_end
from csc_scorecard.settings import deployment_dir

COMMENTARY_DIR = deployment_dir() / "assets" / "commentary"
OVERALL = ""
_HEADING = re.compile(r"^#{1,3}\s+(.+?)\s*#*\s*$")
_MONTH_FILE = re.compile(r"^(\d{4})-(\d{2})\.md$")
COMMENTARY_SCHEMA = {"la_code": pl.String, "period_end": pl.Date, "area": pl.String, "paragraph": pl.Int32,
                     "text": pl.String, "source_file": pl.String}


@dataclass
class Commentary:
    by_area: dict[str, list[str]] = field(default_factory=dict)  # "" is the overall commentary
    source: str = ""

    def paragraphs(self, area: str) -> list[str]:
        return self.by_area.get(area.casefold(), [])


def commentary_path(la_code: str, year: int, month: int, directory: Path = COMMENTARY_DIR) -> Path:
    return directory / la_code / f"{year:04d}-{month:02d}.md"


def parse_commentary(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    area, lines = OVERALL, []

    def flush():
        for para in re.split(r"\n\s*\n", "\n".join(lines)):
            para = " ".join(part.strip() for part in para.splitlines()).strip()
            if para:
                sections.setdefault(area, []).append(para)

    for line in text.splitlines():
        match = _HEADING.match(line)
        if match:
            flush()
            area, lines = match.group(1).strip().casefold(), []
        else:
            lines.append(line)
    flush()
    return sections


def load_commentary(la_code: str, year: int, month: int, directory: Path = COMMENTARY_DIR) -> Commentary:
    path = commentary_path(la_code, year, month, directory)
    if not path.exists():
        return Commentary()
    return Commentary(parse_commentary(path.read_text(encoding="utf-8")), str(path))


def commentary_frame(directory: Path = COMMENTARY_DIR) -> tuple[pl.DataFrame, list[str]]:
    """reference.commentary: one row per paragraph of every council's monthly files, and the files
    left out because they are not named <la_code>/<YYYY-MM>.md (said to the team, not guessed at)."""
    rows, ignored = [], []
    for path in sorted(directory.glob("*/*")) if directory.is_dir() else []:
        match = _MONTH_FILE.match(path.name)
        if not path.is_file() or path.name.startswith("."):
            continue
        if not match or not 1 <= int(match.group(2)) <= 12:
            ignored.append(f"{path}: not named YYYY-MM.md (e.g. 2025-03.md), so no month shows it")
            continue
        period_end = month_end((int(match.group(1)), int(match.group(2))))
        for area, paragraphs in parse_commentary(path.read_text(encoding="utf-8")).items():
            rows += [{"la_code": path.parent.name, "period_end": period_end, "area": area, "paragraph": n,
                      "text": text, "source_file": str(path.relative_to(directory))}
                     for n, text in enumerate(paragraphs, start=1)]
    return pl.DataFrame(rows, schema=COMMENTARY_SCHEMA), ignored


def commentary_of(rows: list[dict]) -> Commentary:
    """One month's Commentary from its reference.commentary rows."""
    by_area: dict[str, list[str]] = {}
    for row in sorted(rows, key=lambda r: (r["area"], r["paragraph"])):
        by_area.setdefault(row["area"], []).append(row["text"])
    return Commentary(by_area, rows[0]["source_file"] if rows else "")
