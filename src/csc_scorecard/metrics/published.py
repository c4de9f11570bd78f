"""Published figures for every English council, in the layout of the DfE's Local Authority
Interactive Tool (LAIT): the team drops the LAIT's tables, saved as CSV, into
assets/published_figures/ (docs/published_figures.md describes the columns). From them the
warehouse works out the statistical-neighbour average and the council's quartile and rank.

One row per indicator and area, one column per year:

    Indicator,LA number,LA name,Region,2023,2024,2025
    Re-referrals to children's social care within 12 months of a previous referral (%),340,Knowsley,North West,21.4,22.9,20.1
    Re-referrals to children's social care within 12 months of a previous referral (%),,England,,21.5,22.4,22.6

The indicator is matched to a metric by the `lait_indicator` in the metric's header; indicators
the catalogue does not use are left out (a LAIT export holds hundreds), and counted.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from csc_scorecard.metrics.catalogue import DEFAULT_YEAR_END_MONTH, YEAR_END_MONTH, Metric, load_catalogue
from csc_scorecard.scorecard.months import month_end
from csc_scorecard.settings import deployment_dir

# A folder of CSVs; CSC_PUBLISHED_FIGURES points elsewhere (make demo points it at the synthetic ones).
PUBLISHED_DIR = Path(os.environ.get("CSC_PUBLISHED_FIGURES") or deployment_dir() / "assets" / "published_figures")
AREA_COLUMNS = ("Indicator", "LA number", "LA name", "Region")
ENGLAND = "England"
# The DfE's symbols for a figure it does not give: x not available, c confidential (suppressed),
# z not applicable, u low reliability, and the older "..", ":" and "-".
NOT_GIVEN = {"", "x", "c", "z", "u", "..", ":", "-", "low"}
_YEAR = re.compile(r"^(19|20)\d\d$")
_LA_NUMBER = re.compile(r"^\d{3}$")

SCHEMA = {"metric_id": pl.String, "indicator": pl.String, "la_code": pl.String, "la_name": pl.String,
          "region": pl.String, "is_england": pl.Boolean, "year": pl.Int32, "period_end": pl.Date,
          "value": pl.Float64, "source": pl.String, "line": pl.Int32}


class PublishedFiguresError(ValueError):
    """A published-figures row that cannot be used; the message names the file, line, column and value."""


@dataclass
class PublishedFigures:
    frame: pl.DataFrame
    files: int
    indicators_left_out: list[str]


def year_end(area: str, year: int) -> date:
    return month_end((year, YEAR_END_MONTH.get(area, DEFAULT_YEAR_END_MONTH)))


def _number(path: Path, line: int, column: str, text: str, metric: Metric) -> float | None:
    if text.strip().lower() in NOT_GIVEN:
        return None
    try:
        value = float(text.replace(",", "").strip())
    except ValueError:
        raise PublishedFiguresError(f"{path} line {line}, column {column}: {text!r} for {metric.metric_id} is "
                                    f"neither a number nor one of the DfE's symbols ({', '.join(sorted(NOT_GIVEN - {''}))})"
                                    ) from None
    if metric.unit == "percent" and not 0 <= value <= 100:
        raise PublishedFiguresError(f"{path} line {line}, column {column}: {text!r} for {metric.metric_id} is not "
                                    "a percentage between 0 and 100 (write 22.6 for 22.6%)")
    return value


def read_published_file(path: Path, by_indicator: dict[str, Metric]) -> tuple[list[dict], set[str]]:
    """The file's figures for catalogue metrics, and the indicators it holds that no metric uses."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    notes = [line.lstrip("# ").strip() for line in lines if line.startswith("#")]
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if line.strip() and not line.startswith("#")]
    if not numbered:
        raise PublishedFiguresError(f"{path}: no header row; expected {','.join(AREA_COLUMNS)},<year>,<year>...")
    reader = csv.reader(io.StringIO("\n".join(line for _, line in numbered)))
    header = [h.strip() for h in next(reader)]
    years = header[len(AREA_COLUMNS):]
    if tuple(header[:len(AREA_COLUMNS)]) != AREA_COLUMNS or not years:
        raise PublishedFiguresError(f"{path} line {numbered[0][0]}: header is {','.join(header)}; expected "
                                    f"{','.join(AREA_COLUMNS)} then one column per year (2024,2025)")
    for year in years:
        if not _YEAR.match(year):
            raise PublishedFiguresError(f"{path} line {numbered[0][0]}: column {year!r} is not a year (write 2025 "
                                        "for the year ending March 2025, or September 2025 for the workforce)")
    source = notes[0] if notes else path.name
    rows, left_out = [], set()
    for (line, _), cells in zip(numbered[1:], reader):
        cells = [c.strip() for c in cells] + [""] * (len(header) - len(cells))
        indicator, la_number, la_name, region = cells[:len(AREA_COLUMNS)]
        metric = by_indicator.get(indicator)
        if metric is None:
            left_out.add(indicator)
            continue
        is_england = not la_number and la_name == ENGLAND
        if not is_england and not la_number:
            continue  # a region's or a group's own row: the warehouse works out its own averages
        if not is_england and not _LA_NUMBER.match(la_number):
            raise PublishedFiguresError(f"{path} line {line}, column LA number: {la_number!r} is not a 3-digit "
                                        "DfE local-authority number")
        for year, text in zip(years, cells[len(AREA_COLUMNS):]):
            value = _number(path, line, year, text, metric)
            if value is not None:
                rows.append({"metric_id": metric.metric_id, "indicator": indicator,
                             "la_code": None if is_england else la_number, "la_name": la_name,
                             "region": region or None, "is_england": is_england, "year": int(year),
                             "period_end": year_end(metric.area, int(year)), "value": value,
                             "source": source, "line": line, "_file": str(path)})
    return rows, left_out


def read_published_figures(directory: Path = PUBLISHED_DIR, metrics: list[Metric] | None = None) -> PublishedFigures:
    """Every CSV in the folder (none, or no folder: no published figures, as with the plan)."""
    by_indicator = {m.lait_indicator: m for m in (metrics or load_catalogue()) if m.lait_indicator}
    rows, left_out, seen = [], set(), {}
    files = sorted(directory.glob("*.csv")) if directory.is_dir() else []
    for path in files:
        file_rows, file_left_out = read_published_file(path, by_indicator)
        left_out |= file_left_out
        for row in file_rows:
            key = (row["metric_id"], row["la_code"] or ENGLAND, row["year"])
            if key in seen:
                raise PublishedFiguresError(
                    f"{path} line {row['line']}: {row['la_name']}'s {row['year']} figure for {row['metric_id']} is "
                    f"also given at {seen[key]}; keep one")
            seen[key] = f"{row['_file']} line {row['line']}"
            rows.append({k: v for k, v in row.items() if k != "_file"})
    frame = pl.DataFrame(rows, schema=SCHEMA) if rows else pl.DataFrame(schema=SCHEMA)
    return PublishedFigures(frame, len(files), sorted(left_out))
