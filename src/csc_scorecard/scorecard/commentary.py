"""The performance team's commentary for a month: assets/commentary/<la_code>/<YYYY-MM>.md.

Plain text with light markdown: paragraphs separated by blank lines, and a heading
`## <area>` (e.g. `## Front door`) starting the commentary for that area's section.
Text before the first heading is the overall commentary on the front page. The page shows it
as text (no HTML, no links), so nothing typed there can fetch from the network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from csc_scorecard.settings import deployment_dir

COMMENTARY_DIR = deployment_dir() / "assets" / "commentary"
OVERALL = ""
_HEADING = re.compile(r"^#{1,3}\s+(.+?)\s*#*\s*$")


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
