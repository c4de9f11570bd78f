"""Checks on the layers after raw: a mart holds one row per its declared grain, staging accounts
for every row of its raw table, and no metric is a figure that cannot be.

Raw's checks are the data contract's row rules (GX, src/csc_scorecard/validation). These are the
model's own promises: if one fails, the fault is in a model or in how a return repeats itself, and
the figures built on it are wrong. Each outcome says where (council, file, metric, month) and how
many, never a child's key: check results reach the Dagster UI and the build's log.
"""

from __future__ import annotations

from dataclasses import dataclass, field

GRAIN_PREFIX = "-- grain:"


@dataclass(frozen=True)
class CheckOutcome:
    name: str
    passed: bool
    description: str
    metadata: dict = field(default_factory=dict)


def model_grain(sql: str) -> tuple[str, ...]:
    """The columns a mart's header declares one row for (`-- grain: la_code, period_end, child_key`)."""
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        if line.startswith(GRAIN_PREFIX):
            return tuple(c.strip() for c in line[len(GRAIN_PREFIX):].split(",") if c.strip())
    return ()


def grain_is_unique(con, table: str, grain: tuple[str, ...]) -> CheckOutcome:
    key = ", ".join(grain)
    repeated = con.sql(f"""
        select la_code, count(*)::bigint as keys, sum(n)::bigint as rows
        from (select {key}, count(*) as n from {table} group by all having n > 1)
        group by la_code order by la_code
    """).fetchall()
    if not repeated:
        return CheckOutcome("grain_is_unique", True, f"one row per {key}")
    detail = "; ".join(f"council {la}: {keys} values of ({key}) on {rows} rows" for la, keys, rows in repeated)
    return CheckOutcome("grain_is_unique", False,
                        f"{table} should hold one row per {key}, but {detail}. Figures built on it count "
                        f"those rows more than once.",
                        {"repeated_keys": sum(k for _, k, _ in repeated), "rows": sum(r for _, _, r in repeated)})


def every_source_row_accounted_for(con, name: str) -> CheckOutcome:
    """Each file's rows of raw.<name>: in staging.<name> or in staging.quarantine, and once."""
    # A file is its council, extract and content: the same file re-sent in the next month's
    # extract is a file of that extract too.
    lost = con.sql(f"""
        with raw_rows as (
            select _la_code as la_code, _extract_date as extract_date, _source_file as source_file,
                   _file_hash as file_hash, count(*) as raw_rows
            from raw.{name} group by all
        ),
        staged as (
            select la_code, extract_date, source_file, file_hash, count(*) as staged
            from staging.{name} group by all
        ),
        quarantined as (
            select la_code, extract_date, source_file, file_hash, count(distinct source_row) as quarantined
            from staging.quarantine where raw_table = 'raw.{name}' group by all
        )
        select la_code, extract_date, source_file, raw_rows, coalesce(staged, 0), coalesce(quarantined, 0)
        from raw_rows
        left join staged using (la_code, extract_date, source_file, file_hash)
        left join quarantined using (la_code, extract_date, source_file, file_hash)
        where raw_rows <> coalesce(staged, 0) + coalesce(quarantined, 0)
        order by la_code, extract_date, source_file
    """).fetchall()
    if not lost:
        return CheckOutcome("every_source_row_accounted_for", True,
                            f"every row of raw.{name} is in staging.{name} or in staging.quarantine")
    detail = "; ".join(f"council {la}, extract {extract}, {file}: {raw} rows, {staged} staged, "
                       f"{quarantined} quarantined" for la, extract, file, raw, staged, quarantined in lost[:5])
    return CheckOutcome("every_source_row_accounted_for", False,
                        f"rows of raw.{name} are neither staged nor quarantined (or are twice): {detail}"
                        + (f"; and {len(lost) - 5} more files" if len(lost) > 5 else ""),
                        {"files": len(lost)})


# (check name, what a figure must be, the SQL condition a figure breaking it meets)
METRIC_RULES = (
    ("percentages_within_0_and_100", "a percentage is between 0 and 100",
     "catalogue.unit = 'percent' and (value < 0 or value > 100)"),
    ("numerator_not_above_denominator", "a percentage's numerator is not more than its denominator",
     "catalogue.unit = 'percent' and numerator > denominator"),
    ("no_negative_figures", "no figure, numerator or denominator is below 0",
     "value < 0 or numerator < 0 or denominator < 0"),
)


def metric_sanity(con) -> list[CheckOutcome]:
    outcomes = []
    for name, rule, breaks in METRIC_RULES:
        broken = con.sql(f"""
            select values_.metric_id, count(*)::bigint, min(values_.period_end), max(values_.period_end),
                   string_agg(distinct values_.la_code, ', ' order by values_.la_code)
            from metrics.metric_values as values_
            join metrics.catalogue as catalogue using (metric_id)
            where {breaks}
            group by all order by 1
        """).fetchall()
        if not broken:
            outcomes.append(CheckOutcome(name, True, rule))
            continue
        detail = "; ".join(f"{metric}: {months} months from {first} to {last} (councils {councils})"
                           for metric, months, first, last, councils in broken)
        outcomes.append(CheckOutcome(name, False, f"Not so: {rule}. {detail}. The metric's SQL is wrong "
                                                  f"for these months: no pack is written on them.",
                                     {"metrics": len(broken)}))
    return outcomes
