"""Reference tables the SQL models read: the working-day calendar and the councils reported on.

They come from Python rather than a landed file: the calendar from the England and Wales bank
holidays of src/csc_scorecard/calendar.py (the `holidays` package, no download), the councils (and their statistical neighbours)
from council.toml, the HR contract's accepted code spellings from src/csc_scorecard/reference_data/hr_aliases.csv.
"""

from datetime import date, timedelta

import polars as pl

from csc_scorecard.calendar import is_working_day
from csc_scorecard.ingest.hr_aliases import value_aliases_frame
from csc_scorecard.settings import CouncilSettings
from csc_scorecard.warehouse import ensure_schemas

CALENDAR_START, CALENDAR_END = date(2000, 1, 1), date(2040, 12, 31)


def calendar_frame(start: date = CALENDAR_START, end: date = CALENDAR_END) -> pl.DataFrame:
    """One row per day. working_day_number counts working days up to and including the day, so
    working days from a start to an end date (same day 0) = number(end) - number(start)."""
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    working = [is_working_day(d) for d in days]
    return pl.DataFrame({"calendar_date": days, "is_working_day": working}).with_columns(
        working_day_number=pl.col("is_working_day").cast(pl.Int32).cum_sum()
    )


def councils_frame(councils: list[CouncilSettings]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "la_code": [c.la_code for c in councils],
            "la_name": [c.la_name for c in councils],
            "population_0_17": [c.population_0_17 for c in councils],
            "statistical_neighbours": [list(c.statistical_neighbours) for c in councils],
        },
        schema={"la_code": pl.String, "la_name": pl.String, "population_0_17": pl.Int64,
                "statistical_neighbours": pl.List(pl.String)},
    )


def write_table(con, qualified: str, frame: pl.DataFrame) -> int:
    ensure_schemas(con)
    con.register("_reference_frame", frame.to_arrow())
    try:
        con.execute(f"create or replace table {qualified} as select * from _reference_frame")
    finally:
        con.unregister("_reference_frame")
    return frame.height


def build_reference(con, councils: list[CouncilSettings]) -> dict[str, int]:
    return {
        "reference.calendar": write_table(con, "reference.calendar", calendar_frame()),
        "reference.councils": write_table(con, "reference.councils", councils_frame(councils)),
        "reference.hr_value_aliases": write_table(con, "reference.hr_value_aliases", value_aliases_frame()),
    }
