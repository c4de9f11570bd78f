"""Targets as metric_status reads them: reference.targets, one row per council, metric and the
month-end a target applies from. The council keeps them in its own inputs (the `targets` sheet or
targets.csv; contract in docs/council_inputs.md, reading in csc_scorecard.council_inputs).

A measure with no row is simply not rated ("No target"); one marked context says so instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from csc_scorecard import council_inputs


@dataclass(frozen=True)
class Target:
    metric_id: str
    target: float | None
    amber_tolerance: float | None
    red_tolerance: float | None
    basis: str = ""
    effective_from: date | None = None
    is_context: bool = False


class TargetsError(ValueError):
    """A targets file cannot be used as it stands; the message names the file, row, column and fix."""


def load_targets(path: Path, catalogue: dict[str, str]) -> dict[str, Target]:
    """The targets of one CSV file by metric_id (the latest effective_from of each), checked as a
    build checks them; raises TargetsError naming the first bad line."""
    read = council_inputs.read_input(council_inputs.TARGETS, "", path.parent, None, catalogue) \
        if path.name == council_inputs.TARGETS.csv_name else None
    if read is None:
        raise TargetsError(f"{path}: a targets file is named {council_inputs.TARGETS.csv_name}")
    if read.problems:
        raise TargetsError(read.problems[0].message)
    targets: dict[str, Target] = {}
    for row in sorted(read.rows, key=lambda r: (r["metric_id"], r["effective_from"] or date.min)):
        targets[row["metric_id"]] = Target(row["metric_id"], row["target"], row["amber_tolerance"],
                                           row["red_tolerance"], row["basis"] or "", row["effective_from"],
                                           row["context"] == "yes")
    return targets


def targets_frame(targets: dict[str, Target] | list[Target], la_codes: list[str]) -> pl.DataFrame:
    """reference.targets for the councils in `la_codes`, each with the same targets (a test's fixture)."""
    rows = [{"la_code": la_code, "metric_id": t.metric_id, "effective_from": t.effective_from, "target": t.target,
             "amber_tolerance": t.amber_tolerance, "red_tolerance": t.red_tolerance, "is_context": t.is_context,
             "basis": t.basis}
            for la_code in la_codes for t in (targets.values() if isinstance(targets, dict) else targets)]
    return pl.DataFrame(rows, schema=council_inputs.TARGETS_SCHEMA)
