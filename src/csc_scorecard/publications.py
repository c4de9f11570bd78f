"""The record of what the board was told: every figure on the published packs, as published.

metrics.metric_status is rebuilt on every run from each return's latest extract, so a month the
board has already discussed changes when late recording lands. The record keeps what each
publication showed, so a pack can say "first reported as 16 in the October 2026 pack" and the
analysts can ask what moved. It is append-only: rows are only ever inserted, a rebuild of any
kind leaves earlier publications as they were, and a publication adds only the figures that are
new or read differently (src/csc_scorecard/sql/publications/record.sql), so a rebuild with
nothing new adds nothing. The views over it are in the same folder, one file each.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from csc_scorecard.warehouse import MACROS_SQL, SQL_DIR, table_exists

SCHEMA = "publications"
PUBLISHED_FIGURES = f"{SCHEMA}.published_figures"
PUBLICATION_LOG = f"{SCHEMA}.publication_log"
RESTATEMENTS = f"{SCHEMA}.restatements"
YEAR_END_OUTTURNS = f"{SCHEMA}.year_end_outturns"
SQL = SQL_DIR / SCHEMA
RECORD_SQL = SQL / "record.sql"
# Views in the order they read one another.
VIEWS = ("as_first_reported", "as_last_published", "restatements", "year_end_outturns")

_DDL = f"""
create schema if not exists {SCHEMA};
create table if not exists {PUBLICATION_LOG} (
    published_at timestamp not null,
    la_code varchar not null,
    pack_month date not null,      -- the newest month the council's packs covered
    figures integer not null,      -- figures on its packs
    recorded integer not null,     -- of which new or read differently, added to the record
    primary key (published_at, la_code)
);
create table if not exists {PUBLISHED_FIGURES} (
    published_at timestamp not null,
    la_code varchar not null,
    metric_id varchar not null,
    period_end date not null,
    pack_month date not null,
    publication varchar not null,  -- ok / suppressed / missing, as metric_status decided
    value double,
    numerator double,
    denominator double,
    shown_value double,            -- the value at the precision shown; null unless ok
    value_as_shown double,         -- the same even where suppressed: what a restatement compares
    rag varchar,
    primary key (la_code, metric_id, period_end, published_at)
);
"""


class PublicationError(RuntimeError):
    """A publication that cannot be recorded as a new one."""


@dataclass(frozen=True)
class Recorded:
    published_at: datetime
    councils: int
    figures: int   # on the packs
    recorded: int  # added to the record


def create_record(con: duckdb.DuckDBPyConnection) -> None:
    """The record's tables (kept if present: never replaced) and its views (replaced: they hold
    nothing)."""
    con.execute(_DDL)
    for view in VIEWS:
        con.execute(f"create or replace view {SCHEMA}.{view} as {(SQL / f'{view}.sql').read_text()}")


def record_publication(con: duckdb.DuckDBPyConnection, published_at: datetime) -> Recorded:
    """Add this publication's figures to the record, in one transaction."""
    create_record(con)
    con.execute(MACROS_SQL.read_text())  # at_shown_precision
    latest = con.sql(f"select max(published_at) from {PUBLICATION_LOG}").fetchone()[0]
    if latest is not None and published_at <= latest:
        # The record reads "first" and "last" by time: a publication dated before one already
        # recorded (a clock set back) would rewrite what the board was first told.
        raise PublicationError(f"a publication at {published_at:%Y-%m-%d %H:%M:%S} is not after the last one "
                               f"recorded ({latest:%Y-%m-%d %H:%M:%S}): check the machine's clock")
    con.begin()
    try:
        con.execute(f"create or replace temp table this_publication as {RECORD_SQL.read_text()}",
                    {"published_at": published_at})
        con.execute(f"insert into {PUBLISHED_FIGURES} by name select * from this_publication")
        con.execute(f"""
            insert into {PUBLICATION_LOG}
            select $published_at, p.la_code, p.pack_month, count(s.metric_id),
                   (select count(*) from this_publication as t where t.la_code = p.la_code)
            from (select la_code, max(period_end) as pack_month from marts.extract_months group by la_code) as p
            left join metrics.metric_status as s on s.la_code = p.la_code and s.period_end <= p.pack_month
            group by p.la_code, p.pack_month
        """, {"published_at": published_at})
        con.execute("drop table this_publication")
        con.commit()
    except BaseException:
        con.rollback()
        raise
    councils, figures, recorded = con.execute(
        f"select count(*), sum(figures), sum(recorded) from {PUBLICATION_LOG} where published_at = ?",
        [published_at]).fetchone()
    return Recorded(published_at, councils, figures or 0, recorded or 0)


def restatements(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every figure now read differently from how it was first reported (none before any record)."""
    if not table_exists(con, PUBLISHED_FIGURES):
        return []
    create_record(con)
    return con.sql(f"select * from {RESTATEMENTS}").pl().to_dicts()
