"""The metric catalogue: one SQL file per metric under src/csc_scorecard/sql/metrics/, its
metadata in the file's header comment, so a definition is written once.

    -- metric_id: referrals
    -- title: Referrals
    -- ...
    -- members: a referral in the month
    with periods as (...),
    members as (...),      -- who is counted: la_code, period_end, child_key, record_date,
                           -- in_numerator, in_denominator
    ...
    final as (...)         -- la_code, period_end, value, numerator, denominator
    select * from final

A metric that counts children says in `members` what one counted record is and defines a CTE of
that name; metrics.metric_members is made from it, so "why is this child in this figure" has an
answer without an identifier. `members: none, <why>` where the source holds no child (caseloads
come as a number per worker).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb
import polars as pl

from csc_scorecard.warehouse import SQL_DIR, quote_literal, referenced_tables

METRICS_DIR = SQL_DIR / "metrics"

UNITS = {"count", "percent", "per_10k", "ratio", "days"}
POLARITIES = {"higher_is_better", "lower_is_better", "neutral"}
WINDOWS = {"month", "12m", "ytd", "snapshot", "3y"}
# Whom a metric counts, which decides its small-number rule (docs/scorecard.md): children (the
# default) are suppressed below 5; staff, adults whose posts their colleagues know, are not;
# foster households are, as children are: a handful approved or leaving in a small council can be
# named. Neither staff nor households are children, so neither lists members.
COUNTS = {"children", "staff", "households"}
# The board scorecard's areas, in the order it shows them, each with its display_order range
# (the scorecard sorts by display_order, so an area's metrics stay together).
AREAS: tuple[str, ...] = ("Front door", "Assessment", "Child protection", "Children in care",
                          "Missing and exploitation", "Adoption and fostering", "Care leavers", "Workforce")
AREA_DISPLAY_ORDERS: dict[str, range] = {
    "Front door": range(10, 30),
    "Assessment": range(30, 40),
    "Child protection": range(40, 50),
    "Children in care": range(50, 60),
    "Missing and exploitation": range(60, 70),
    "Adoption and fostering": range(70, 80),
    "Care leavers": range(80, 90),
    "Workforce": range(90, 100),
}
# The DfE's year ends: 31 March for children in need and in care, 30 September for the workforce
# census. A published "2025" figure is for the year ending then; the charts' year ends are the same.
YEAR_END_MONTH: dict[str, int] = {"Workforce": 9}
DEFAULT_YEAR_END_MONTH = 3
_HEADER_LINE = re.compile(r"^--\s*([a-z_0-9]+)\s*:\s*(.*?)\s*$")


class MetricDefinitionError(ValueError):
    """A metric file whose header is missing or wrong; the message names the file."""


@dataclass(frozen=True)
class Metric:
    metric_id: str
    title: str
    area: str
    definition: str
    unit: str
    polarity: str
    # `window` is a reserved word in DuckDB SQL; the catalogue column is time_window.
    time_window: str
    dfe_reference: str
    display_order: int
    counts: str
    members: str
    source_tables: tuple[str, ...]
    sql: str
    path: Path
    # How far the figure (as shown, in its own units: points for a percentage) must move before the
    # board reads it as improving or worsening; None: the measure's own noise band (docs/scorecard.md).
    change_threshold: float | None = None
    # The indicator's name in the DfE's LAIT, so published figures in that layout find the metric.
    lait_indicator: str = ""


def parse_metric(path: Path) -> Metric:
    sql = path.read_text()
    header: dict[str, str] = {}
    for line in sql.splitlines():
        match = _HEADER_LINE.match(line)
        if not match:
            break
        header[match.group(1)] = match.group(2)

    required = ("metric_id", "title", "area", "definition", "unit", "polarity", "window", "dfe_reference",
                "display_order")
    missing = [k for k in required if not header.get(k)]
    if missing:
        raise MetricDefinitionError(f"{path}: header is missing {', '.join(missing)}")
    if header["metric_id"] != path.stem:
        raise MetricDefinitionError(f"{path}: metric_id {header['metric_id']!r} must match the file name")
    header.setdefault("counts", "children")
    for key, allowed in (("unit", UNITS), ("polarity", POLARITIES), ("window", WINDOWS), ("counts", COUNTS)):
        if header[key] not in allowed:
            raise MetricDefinitionError(f"{path}: {key} {header[key]!r} is not one of {sorted(allowed)}")
    if header["area"] not in AREAS:
        raise MetricDefinitionError(f"{path}: area {header['area']!r} is not one of the scorecard's areas: "
                                    f"{', '.join(AREAS)}")
    try:
        display_order = int(header["display_order"])
    except ValueError:
        raise MetricDefinitionError(f"{path}: display_order must be a whole number") from None
    orders = AREA_DISPLAY_ORDERS[header["area"]]
    if display_order not in orders:
        raise MetricDefinitionError(f"{path}: display_order {display_order} is outside {header['area']}'s "
                                    f"range {orders.start}-{orders.stop - 1}")

    header.setdefault("members", {"staff": "none, the metric counts staff",
                                  "households": "none, the metric counts foster households"}.get(header["counts"], ""))
    if not header["members"]:
        raise MetricDefinitionError(f"{path}: a metric that counts children says in its header who is counted "
                                    "(`-- members: a referral in the month`) and defines a `members` CTE")
    has_members_cte = re.search(r"(^|,|\bwith)\s*members\s+as\s*\(", sql, re.M | re.I) is not None
    if has_members_cte == header["members"].startswith("none"):
        raise MetricDefinitionError(f"{path}: `members: {header['members']}` in the header, but the file "
                                    f"{'defines' if has_members_cte else 'does not define'} a `members` CTE")
    if has_members_cte and not re.search(r"select \* from final\s*$", sql):
        raise MetricDefinitionError(f"{path}: a metric with members ends `select * from final`")
    change_threshold = None
    if header.get("change_threshold"):
        try:
            change_threshold = float(header["change_threshold"])
        except ValueError:
            change_threshold = -1.0
        if not change_threshold >= 0:
            raise MetricDefinitionError(f"{path}: change_threshold {header['change_threshold']!r} must be a number "
                                        f"of 0 or more, in the metric's units ({header['unit']})")

    return Metric(
        metric_id=header["metric_id"], title=header["title"], area=header["area"],
        definition=header["definition"], unit=header["unit"], polarity=header["polarity"],
        time_window=header["window"], dfe_reference=header["dfe_reference"], display_order=display_order,
        counts=header["counts"], members=header["members"], source_tables=tuple(referenced_tables(sql)),
        sql=sql, path=path, change_threshold=change_threshold, lait_indicator=header.get("lait_indicator", ""),
    )


def load_catalogue(directory: Path = METRICS_DIR) -> list[Metric]:
    metrics = [parse_metric(p) for p in sorted(directory.glob("*.sql"))]
    return sorted(metrics, key=lambda m: (m.display_order, m.metric_id))


def catalogue_frame(metrics: list[Metric]) -> pl.DataFrame:
    rows = []
    for m in metrics:
        row = {k: v for k, v in asdict(m).items() if k not in ("sql", "path")}
        row["source_tables"] = ", ".join(m.source_tables)
        rows.append(row)
    # Typed, so a catalogue where no metric declares a threshold still has a number column.
    return pl.DataFrame(rows).with_columns(pl.col("change_threshold").cast(pl.Float64),
                                           pl.col("lait_indicator").cast(pl.String))


METRIC_VALUES_DDL = """
create or replace table metrics.metric_values (
    la_code varchar not null,
    metric_id varchar not null,
    period_end date not null,
    value double,
    numerator double,
    denominator double,
    primary key (la_code, metric_id, period_end)
)
"""


MEMBER_COLUMNS = "la_code, period_end, child_key, record_date, in_numerator, in_denominator"
MEMBERS_VIEW = "metrics.metric_members"


def members_sql(metric: Metric) -> str | None:
    """The metric's own SQL, selecting who it counts instead of the figure."""
    if metric.members.startswith("none"):
        return None
    body = re.sub(r"select \* from final\s*$", "", metric.sql)
    return f"{body}select {MEMBER_COLUMNS} from members where in_numerator or in_denominator"


def create_members_view(con: duckdb.DuckDBPyConnection, metrics: list[Metric]) -> int:
    """(Re)create metrics.metric_members over the marts; returns the number of metrics it covers.

    A view, not a table: a referral sits in twelve months of a 12-month measure and a child in care
    in every month they stay, so listing every figure's members nationally would be a table of
    hundreds of millions of rows that nobody reads whole. Asked for one measure, council and month,
    the view works out only those. It reads only marts and reference columns that the analysts'
    copy keeps, so publishing makes the same view again over the copy's tables."""
    selects = [f"select {quote_literal(m.metric_id)} as metric_id, {MEMBER_COLUMNS} from ({sql})"
               for m in metrics if (sql := members_sql(m))]
    try:
        con.execute(f"create or replace view {MEMBERS_VIEW} as\n" + "\nunion all\n".join(selects))
    except duckdb.Error as exc:
        raise MetricDefinitionError(f"the members of the metrics do not make a view: {exc}") from exc
    return len(selects)


def write_metric_values(con: duckdb.DuckDBPyConnection, metrics: list[Metric]) -> dict[str, int]:
    """Rebuild metrics.metric_values from every metric's SQL; returns rows per metric.

    Runs in one transaction, so a reader never sees half the catalogue.
    """
    rows: dict[str, int] = {}
    con.begin()
    try:
        con.execute(METRIC_VALUES_DDL)
        for m in metrics:
            try:
                con.execute(f"""
                    insert into metrics.metric_values
                    select la_code, ? as metric_id, period_end,
                           value::double, numerator::double, denominator::double
                    from ({m.sql})
                """, [m.metric_id])
            except duckdb.Error as exc:
                raise MetricDefinitionError(f"{m.path}: {exc}") from exc
            rows[m.metric_id] = con.execute(
                "select count(*) from metrics.metric_values where metric_id = ?", [m.metric_id]
            ).fetchone()[0]
        con.commit()
    except Exception:
        con.rollback()
        raise
    return rows
