"""docs/metrics.md, written from the metric files' headers so the catalogue is described once.

    python -m csc_tools.metrics_doc     # rewrite docs/metrics.md after changing a metric
"""

from __future__ import annotations

from csc_scorecard.ingest.families import RAW_FAMILY
from csc_scorecard.metrics.catalogue import AREA_DISPLAY_ORDERS, AREAS, Metric, load_catalogue
from csc_scorecard.warehouse import SQL_DIR, referenced_tables
from csc_tools import REPO_ROOT

DOC_PATH = REPO_ROOT / "docs" / "metrics.md"

WINDOWS = {
    "month": "the calendar month ending on period end",
    "12m": "the 12 months ending on period end, inclusive (1 April 2024 to 31 March 2025 for March 2025)",
    "ytd": "from the 1 April on or before period end to period end",
    "snapshot": "as at period end",
    "3y": "the 36 months ending on period end, inclusive",
}

INTRO = """# The metric catalogue

<!-- Written by `python -m csc_tools.metrics_doc` from the headers of src/csc_scorecard/sql/metrics/*.sql; edit those, not this. -->

Every scorecard metric is one SQL file under `src/csc_scorecard/sql/metrics/`, named by its id, whose header comment
is its catalogue entry. A build writes `metrics.catalogue` (one row per metric, this page's content)
and `metrics.metric_values(la_code, metric_id, period_end, value, numerator, denominator)`: one row
per metric per reporting month, `period_end` the last day of the month. For a percentage, value =
100 × numerator ÷ denominator; for a rate per 10,000, 10,000 × numerator ÷ denominator; for an
average in days, numerator is the total days and denominator the children; a count has no
denominator. A month with no data for a measure (no staff list, no oc3 in that month's extract)
has no row rather than a guess.

Who a figure counts is in the view `metrics.metric_members(metric_id, la_code, period_end, child_key,
record_date, in_numerator, in_denominator)`: one row per record the figure counts (a referral, a
plan, a child looked after), by its pseudonymous `child_key`, with the date that put it in the
period (the referral's, the plan's start, the start of the period of care), for every metric that
counts children. Its rows add up to the figure: counting `in_numerator` gives the numerator, and
`in_denominator` the denominator where the denominator counts children (not for a rate per 10,000,
whose denominator is the population). Each file's `members` CTE makes it, so who is counted and the
figure come from the same SQL. Ask it for one measure, council and month: it works them out when
asked.

Windows: {windows}.

Areas, in the board's order, with the display_order range each keeps: {areas}.
"""

OUTRO = """
## Comparators

- `src/csc_scorecard/reference_data/england_comparators.csv` → `reference.england_comparators` (metric_id, value, unit, as_at,
  source): England figures from the DfE releases (REFERENCE.md section 3) for the metrics they
  match (and Ofsted's for fostering), each with the year it is for (`as_at`) and the release and
  table it comes from (`source`). England counts (referrals, CP plans, children looked after,
  adoptions) are not shipped: a national total is no comparator for one council's count; its rate
  per 10,000 is. The file's `#` notes list the measures checked and left without an England figure,
  and why.
  Checked against the catalogue when loaded (`src/csc_scorecard/metrics/comparators.py`): an unknown
  metric_id, a unit other than the metric's, a value that is not a number or a percentage outside
  0-100, an `as_at` naming no year or a blank `source`, stops the load with the file, line and value.
- Statistical neighbours: which councils they are is said once, in the settings file
  (`statistical_neighbours`, in `reference.councils`); their figures, the quartile band and the rank
  come from the DfE's LAIT tables the team saves in `assets/published_figures/` (docs/published_figures.md).

## Not in the catalogue yet

- Missing children who are not looked after (missing from home): no return this pipeline reads
  records their episodes. The SSDA903 missing table is for children looked after only; Annex A
  list 8's missing and return-interview columns are for children in care; the CIN census records
  going missing only as an assessment factor (10A: `children_assessed_missing_12m`), not the
  episodes or their return interviews. A council's missing-from-home log (often the police's or a
  commissioned return-interview service's) would be a new return.
- Return interviews from the SSDA903: its missing table (CHILD, DOB, MISSING, MIS_START, MIS_END)
  carries no return interview, so Annex A list 8 is the only source, and it says only whether one
  was offered and accepted after the child's last missing episode in the 12 months.
- England figures for the front door, missing and exploitation measures: none shipped. The DfE
  publishes referrals by source, section 47 enquiries, conferences and factors identified at the
  end of assessment, but no recent figure could be checked against the publication for this
  release (the only ones found quoted, for referral sources, are 2013-14's), so none is shipped
  rather than one typed from memory; contact decisions, strategy discussion timing and return
  interviews are local measures with no national figure.
"""


def raw_sources(tables: tuple[str, ...]) -> list[str]:
    """The raw tables of the returns (RAW_FAMILY) a metric's figures come from, followed through the
    staging and mart SQL. raw.loaded_files, read through latest_extract to pick each council's
    latest extract, is the log of loads, not a return: it is not counted."""
    found: dict[str, None] = {}
    todo, seen = list(tables), set()
    while todo:
        table = todo.pop()
        # reporting_periods only sets which months are reported, from whichever return is loaded.
        if table in seen or table == "marts.reporting_periods":
            continue
        seen.add(table)
        schema, name = table.split(".")
        if schema == "raw":
            if name in RAW_FAMILY:
                found[table] = None
            continue
        model = SQL_DIR / schema / f"{name}.sql"
        if model.exists():
            todo.extend(ref for ref in referenced_tables(model.read_text()) if ref != table)
    return sorted(found)


def _metric_section(m: Metric) -> str:
    sources = ", ".join(f"`{t}`" for t in m.source_tables)
    raw = ", ".join(f"`{t}`" for t in raw_sources(m.source_tables))
    return "\n".join([
        f"### `{m.metric_id}`: {m.title}",
        "",
        m.definition,
        "",
        f"- unit: {m.unit}; polarity: {m.polarity.replace('_', ' ')}; window: {m.time_window}; counts: {m.counts}",
        f"- who is counted (`metrics.metric_members`): {m.members}",
        f"- reads: {sources}; from the returns: {raw}",
        f"- reference: {m.dfe_reference}",
        "- significant change: " + (f"more than {m.change_threshold:g} (`change_threshold`)"
                                    if m.change_threshold is not None
                                    else "beyond its noise band (twice its median monthly move over the year before)"),
        *([f"- DfE LAIT indicator (`lait_indicator`): {m.lait_indicator}"] if m.lait_indicator else []),
        f"- file: `src/csc_scorecard/sql/metrics/{m.metric_id}.sql`",
        "",
    ])


def render_doc(metrics: list[Metric]) -> str:
    parts = [INTRO.format(
        windows="; ".join(f"`{k}` {v}" for k, v in WINDOWS.items()),
        areas=", ".join(f"{a} ({r.start}-{r.stop - 1})" for a, r in AREA_DISPLAY_ORDERS.items()),
    )]
    for area in AREAS:
        in_area = [m for m in metrics if m.area == area]
        if not in_area:
            continue
        parts.append(f"## {area}\n")
        parts.extend(_metric_section(m) for m in in_area)
    parts.append(OUTRO)
    return "\n".join(parts)


def main() -> None:
    DOC_PATH.write_text(render_doc(load_catalogue()))
    print(f"wrote {DOC_PATH.relative_to(REPO_ROOT)}")


if __name__ == "__main__":
    main()
