"""The file the performance team edits for RAG: assets/targets.csv, read into reference.targets.

Errors name the file, the line and what to change: the person fixing them works in a spreadsheet.
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from pathlib import Path

import polars as pl

from csc_scorecard.settings import deployment_dir

TARGETS_PATH = deployment_dir() / "assets" / "targets.csv"
TARGET_COLUMNS = ("metric_id", "target", "amber_tolerance", "red_tolerance", "basis")


TARGETS_SCHEMA = {"metric_id": pl.String, "target": pl.Float64, "amber_tolerance": pl.Float64,
                  "red_tolerance": pl.Float64, "basis": pl.String}


@dataclass(frozen=True)
class Target:
    metric_id: str
    target: float
    amber_tolerance: float
    red_tolerance: float
    basis: str = ""


class TargetsError(ValueError):
    """assets/targets.csv cannot be used as it stands; the message says which line and why."""


def _number(path: Path, line: int, column: str, text: str | None) -> float:
    try:
        return float((text or "").strip())
    except ValueError:
        raise TargetsError(f"{path}, line {line}: {column} must be a number, got {text!r}") from None


def load_targets(path: Path = TARGETS_PATH, catalogue: dict[str, str] | None = None) -> dict[str, Target]:
    """Targets by metric_id. `catalogue` (metric_id -> polarity), when given, is checked against:
    a target for an unknown metric (a typo) or a neutral one (it would never show) is an error."""
    if not path.exists():
        return {}
    targets: dict[str, Target] = {}
    with path.open(newline="", encoding="utf-8-sig") as f:  # utf-8-sig: Excel's "CSV UTF-8" adds a BOM
        reader = csv.DictReader(f)
        missing = [c for c in TARGET_COLUMNS[:4] if c not in (reader.fieldnames or [])]
        if missing:
            raise TargetsError(f"{path}: the header must include {', '.join(missing)}")
        for row in reader:
            line = reader.line_num
            metric_id = (row["metric_id"] or "").strip()
            if not metric_id:
                continue  # a blank line left by a spreadsheet
            if metric_id in targets:
                raise TargetsError(f"{path}, line {line}: {metric_id} has a target already; keep one row")
            if catalogue is not None and metric_id not in catalogue:
                raise TargetsError(f"{path}, line {line}: no metric called {metric_id!r} in src/csc_scorecard/sql/metrics/")
            if catalogue is not None and catalogue[metric_id] == "neutral":
                raise TargetsError(f"{path}, line {line}: {metric_id} is neutral (neither higher nor lower "
                                   "is better), so it gets no RAG; remove its target")
            amber = _number(path, line, "amber_tolerance", row["amber_tolerance"])
            red = _number(path, line, "red_tolerance", row["red_tolerance"])
            if not 0 <= amber <= red:
                raise TargetsError(f"{path}, line {line}: {metric_id} needs 0 <= amber_tolerance <= red_tolerance, "
                                   f"got {amber:g} and {red:g}")
            targets[metric_id] = Target(metric_id, _number(path, line, "target", row["target"]), amber, red,
                                        (row.get("basis") or "").strip())
    return targets


def targets_frame(targets: dict[str, Target]) -> pl.DataFrame:
    """reference.targets: one row per metric with a target."""
    return pl.DataFrame([asdict(t) for t in targets.values()], schema=TARGETS_SCHEMA)
