"""A synthetic LAIT table for the demo: every English council's figures for the indicators the
catalogue maps (`lait_indicator`), in the layout docs/published_figures.md describes, so the
pack shows a statistical-neighbour average, a quartile band and a rank.

Every figure is made up and says so: the councils are named "Synthetic LA <code>", the file's
first line (its source, shown on the page) says SYNTHETIC, and the council itself is not in it
(its rank comes from its own figures in the warehouse, as for a council the file leaves out).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from csc_scorecard.metrics.catalogue import load_catalogue
from csc_scorecard.metrics.comparators import read_england_comparators
from csc_scorecard.metrics.published import AREA_COLUMNS, ENGLAND

FILE_NAME = "lait_synthetic.csv"
SOURCE = "SYNTHETIC figures for the demo, in the DfE LAIT layout: not DfE data"
YEARS = (2023, 2024, 2025)
ENGLAND_COUNCILS = 152
# Where the catalogue has no England figure to centre councils on, a plausible one.
CENTRES = {"percent": 50.0, "per_10k": 60.0, "ratio": 16.0, "days": 450.0}
REGIONS = ("North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
           "East of England", "London", "South East", "South West")


def council_codes(own: str, neighbours: list[str], count: int = ENGLAND_COUNCILS, seed: int = 2026) -> list[str]:
    """`count` 3-digit codes other than the council's own, its neighbours among them."""
    rng = random.Random(seed)
    others = [f"{n:03d}" for n in range(201, 940) if f"{n:03d}" != own and f"{n:03d}" not in neighbours]
    return sorted(set(neighbours) | set(rng.sample(others, count - len(set(neighbours)))))


def write_published_figures(folder: Path, la_code: str, neighbours: list[str], seed: int = 2026) -> Path:
    metrics = [m for m in load_catalogue() if m.lait_indicator]
    england = dict(zip(*read_england_comparators().select("metric_id", "value").to_dict(as_series=False).values()))
    rng = random.Random(seed)
    codes = council_codes(la_code, neighbours, seed=seed)
    region = {code: REGIONS[i * len(REGIONS) // len(codes)] for i, code in enumerate(codes)}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FILE_NAME
    with path.open("w", newline="", encoding="utf-8") as f:
        f.write(f"# {SOURCE}\n")
        writer = csv.writer(f)
        writer.writerow([*AREA_COLUMNS, *map(str, YEARS)])
        for m in metrics:
            centre = england.get(m.metric_id, CENTRES.get(m.unit, 50.0))
            figures = {}
            for code in codes:
                # Each council sits a steady distance from England, wandering a little each year.
                level = centre * rng.lognormvariate(0, 0.2)
                figures[code] = [level * rng.lognormvariate(0, 0.05) for _ in YEARS]
                if m.unit == "percent":
                    figures[code] = [min(99.0, v) for v in figures[code]]
            decimals = 0 if m.unit == "days" else 1
            for code in codes:
                # Now and then the DfE has no figure for a council: "x", as its tables print it.
                cells = ["x" if rng.random() < 0.02 else f"{v:.{decimals}f}" for v in figures[code]]
                writer.writerow([m.lait_indicator, code, f"Synthetic LA {code}", region[code], *cells])
            average = [sum(figures[c][i] for c in codes) / len(codes) for i in range(len(YEARS))]
            writer.writerow([m.lait_indicator, "", ENGLAND, "", *(f"{v:.{decimals}f}" for v in average)])
    return path
