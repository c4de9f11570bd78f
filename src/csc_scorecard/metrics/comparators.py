"""England's figures for the scorecard, shipped from the DfE releases in REFERENCE.md section 3, as a
CSV checked against the catalogue when loaded: a figure for a metric the catalogue does not have, or
in another unit, would be shown against the wrong thing.

The statistical neighbours' figures are not here: which councils they are is said once, in the
settings file, and their figures come from the DfE's published tables (metrics/published.py).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import polars as pl

from csc_scorecard.metrics.catalogue import Metric, load_catalogue
from csc_scorecard.models.reference import write_table
from csc_scorecard import PACKAGE_DIR

ENGLAND_PATH = PACKAGE_DIR / "reference_data" / "england_comparators.csv"

ENGLAND_COLUMNS = ("metric_id", "value", "unit", "as_at", "source")


class ComparatorError(ValueError):
    """A comparator row that cannot be used; the message names the file, line, column and value."""


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; lines starting with # are notes."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if line.strip() and not line.startswith("#")]
    if not numbered:
        raise ComparatorError(f"{path}: no header row; expected {','.join(columns)}")
    reader = csv.DictReader(io.StringIO("\n".join(line for _, line in numbered)))
    header = tuple(h.strip() for h in reader.fieldnames or ())
    if header != columns:
        raise ComparatorError(f"{path} line {numbered[0][0]}: header is {','.join(header)}; "
                              f"expected {','.join(columns)}")
    return [(n, {k.strip(): (v or "").strip() for k, v in row.items()})
            for (n, _), row in zip(numbered[1:], reader)]


def _checked(path: Path, line: int, row: dict[str, str], metrics: dict[str, Metric]) -> dict:
    metric = metrics.get(row["metric_id"])
    if metric is None:
        raise ComparatorError(f"{path} line {line}: metric_id {row['metric_id']!r} is not in the catalogue")
    try:
        value = float(row["value"].replace(",", ""))
    except ValueError:
        raise ComparatorError(f"{path} line {line}: value {row['value']!r} for {metric.metric_id} "
                              "is not a number") from None
    if "unit" in row and row["unit"] != metric.unit:
        raise ComparatorError(f"{path} line {line}: unit {row['unit']!r} for {metric.metric_id}; "
                              f"the catalogue measures it in {metric.unit!r}")
    if metric.unit == "percent" and not 0 <= value <= 100:
        raise ComparatorError(f"{path} line {line}: value {row['value']!r} for {metric.metric_id} is not a "
                              "percentage between 0 and 100 (write 22.6 for 22.6%)")
    return {**row, "value": value}


_NAMES_A_YEAR = re.compile(r"\b(19|20)\d\d\b")


def _sourced(path: Path, line: int, row: dict) -> dict:
    """An England figure the board cannot date or trace is worse than none: it would be read as
    this year's national figure, whoever published it and whenever."""
    if not _NAMES_A_YEAR.search(row["as_at"]):
        raise ComparatorError(f"{path} line {line}: as_at {row['as_at']!r} for {row['metric_id']} names no "
                              "year; write the year or date the figure is for (2025, 31 Mar 2025, "
                              "year to 31 Mar 2023)")
    if not row["source"]:
        raise ComparatorError(f"{path} line {line}: source is blank for {row['metric_id']}; name the "
                              "release and table the figure comes from")
    return row


def read_england_comparators(path: Path = ENGLAND_PATH, metrics: list[Metric] | None = None) -> pl.DataFrame:
    by_id = {m.metric_id: m for m in (metrics or load_catalogue())}
    rows = [_sourced(path, n, _checked(path, n, row, by_id)) for n, row in _rows(path, ENGLAND_COLUMNS)]
    schema = {"metric_id": pl.String, "value": pl.Float64, "unit": pl.String, "as_at": pl.String,
              "source": pl.String}
    return pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)


def write_england_comparators(con, england: Path = ENGLAND_PATH) -> int:
    return write_table(con, "reference.england_comparators", read_england_comparators(england))
