"""Reference tables the SQL reads: the working-day calendar, the councils reported on, the HR
contract's code spellings, the comparators, and the performance team's own files (targets, the
improvement plan, monthly commentary). They come from the code, the settings file and assets/, not
from extracts; the board pack reads them from the warehouse like everything else."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from csc_scorecard.defs.conventions import table_metadata
from csc_scorecard.defs.resources import DeploymentResource
from csc_scorecard.ingest.hr_aliases import value_aliases_frame
from csc_scorecard.metrics.catalogue import load_catalogue
from csc_scorecard.metrics.comparators import write_comparators
from csc_scorecard.metrics.published import PUBLISHED_DIR, read_published_figures
from csc_scorecard.metrics.targets import TARGETS_PATH, load_targets, targets_frame
from csc_scorecard.models.reference import calendar_frame, councils_frame, write_table
from csc_scorecard.scorecard.commentary import COMMENTARY_DIR, commentary_frame
from csc_scorecard.scorecard.plan import PLAN_PATH, load_plan, plan_frame
from csc_scorecard.settings import CouncilSettings


@dg.asset(key=["reference", "calendar"], group_name="reference", kinds={"duckdb", "python"},
          description="Every day 2000-2040 with is_working_day (weekends and England bank holidays "
                      "excluded) and a running working_day_number for working-day arithmetic in SQL.")
def reference_calendar(warehouse: DuckDBResource) -> dg.MaterializeResult:
    with warehouse.get_connection() as con:
        rows = write_table(con, "reference.calendar", calendar_frame())
        columns = table_metadata(con, "reference.calendar")
    return dg.MaterializeResult(metadata={"dagster/row_count": rows, **columns})


@dg.asset(key=["reference", "councils"], group_name="reference", kinds={"duckdb", "python"},
          description="The councils reported on, with the ONS 0-17 population used for rates per 10,000 "
                      "and their statistical neighbours (la codes).")
def reference_councils(deployment: DeploymentResource, warehouse: DuckDBResource) -> dg.MaterializeResult:
    councils = [CouncilSettings(la_code=c.la_code, la_name=c.la_name, population_0_17=c.population_0_17,
                                landing=c.landing, warehouse="", exports=deployment.exports,
                                statistical_neighbours=tuple(c.statistical_neighbours))
                for c in deployment.councils]
    with warehouse.get_connection() as con:
        rows = write_table(con, "reference.councils", councils_frame(councils))
        columns = table_metadata(con, "reference.councils")
    return dg.MaterializeResult(metadata={"dagster/row_count": rows, **columns,
                                          "population_0_17": {c.la_code: c.population_0_17 for c in councils}})


@dg.asset(key=["reference", "hr_value_aliases"], group_name="reference", kinds={"duckdb", "csv"},
          description="The HR contract's accepted spellings of its codes (contract type, case holder), "
                      "from src/csc_scorecard/reference_data/hr_aliases.csv; staging maps HR values through it.")
def reference_hr_value_aliases(warehouse: DuckDBResource) -> dg.MaterializeResult:
    with warehouse.get_connection() as con:
        rows = write_table(con, "reference.hr_value_aliases", value_aliases_frame())
        columns = table_metadata(con, "reference.hr_value_aliases")
    return dg.MaterializeResult(metadata={"dagster/row_count": rows, **columns})


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["reference", "england_comparators"], group_name="reference", kinds={"duckdb", "csv"},
                     description="England figures for catalogue metrics (DfE releases, with year and source), "
                                 "from src/csc_scorecard/reference_data/england_comparators.csv."),
        dg.AssetSpec(["reference", "statistical_neighbours"], group_name="reference", kinds={"duckdb", "csv"},
                     description="The council's statistical neighbours' figures for catalogue metrics, as the "
                                 "council fills in assets/statistical_neighbours.csv."),
    ],
)
def comparators(warehouse: DuckDBResource):
    with warehouse.get_connection() as con:
        rows = write_comparators(con)
        columns = {table: table_metadata(con, table) for table in rows}
    for table, count in rows.items():
        yield dg.MaterializeResult(asset_key=table.split("."), metadata={"dagster/row_count": count, **columns[table]})


@dg.asset(key=["reference", "published_figures"], group_name="reference", kinds={"duckdb", "csv"},
          description="Every English council's published figures for catalogue metrics, from the DfE LAIT "
                      "tables the team saves as CSV in assets/published_figures/ (docs/published_figures.md): "
                      "the source of the statistical-neighbour average, the quartile band and the rank.")
def reference_published_figures(context: dg.AssetExecutionContext, warehouse: DuckDBResource) -> dg.MaterializeResult:
    published = read_published_figures(PUBLISHED_DIR)
    if published.indicators_left_out:
        context.log.info(f"{len(published.indicators_left_out)} LAIT indicators are not used by any metric "
                         "(no lait_indicator in a metric header names them)")
    with warehouse.get_connection() as con:
        rows = write_table(con, "reference.published_figures", published.frame)
        columns = table_metadata(con, "reference.published_figures")
        years = dict(con.sql("select metric_id, max(year) from reference.published_figures group by all "
                             "order by all").fetchall())
    return dg.MaterializeResult(metadata={"dagster/row_count": rows, **columns, "source": str(PUBLISHED_DIR),
                                          "files": published.files,
                                          "indicators_left_out": len(published.indicators_left_out),
                                          "latest_year": dg.MetadataValue.json(years)})


@dg.asset_check(asset=reference_published_figures, name="published_figures__cover_the_neighbours",
                blocking=False, additional_deps=[reference_councils],
                description="Every statistical neighbour configured in the settings file has published figures: "
                            "an average over fewer neighbours than configured is said on the page, but a "
                            "neighbour missing from every indicator usually means a wrong code or a missing file.")
def published_figures_cover_the_neighbours(warehouse: DuckDBResource) -> dg.AssetCheckResult:
    with warehouse.get_connection() as con:
        missing = con.sql("""
            with neighbours as (
                select la_code, unnest(statistical_neighbours) as neighbour from reference.councils
            )
            select la_code, neighbour from neighbours
            where (select count(*) from reference.published_figures) > 0
              and neighbour not in (select la_code from reference.published_figures where la_code is not null)
            order by all
        """).fetchall()
    return dg.AssetCheckResult(passed=not missing, severity=dg.AssetCheckSeverity.WARN,
                               metadata={"neighbours_without_figures": len(missing),
                                         "which": ", ".join(f"{n} (neighbour of {la})" for la, n in missing)})


@dg.asset(key=["reference", "targets"], group_name="reference", kinds={"duckdb", "csv"},
          description="The performance team's target and amber/red tolerances per metric, from "
                      "assets/targets.csv (checked against the catalogue: no unknown or neutral metric).")
def reference_targets(warehouse: DuckDBResource) -> dg.MaterializeResult:
    polarity = {m.metric_id: m.polarity for m in load_catalogue()}
    with warehouse.get_connection() as con:
        rows = write_table(con, "reference.targets", targets_frame(load_targets(TARGETS_PATH, catalogue=polarity)))
        columns = table_metadata(con, "reference.targets")
    return dg.MaterializeResult(metadata={"dagster/row_count": rows, **columns, "source": str(TARGETS_PATH)})


@dg.asset(key=["reference", "improvement_plan"], group_name="reference", kinds={"duckdb", "csv"},
          description="The improvement plan's actions (owner, due date, status), from "
                      "assets/improvement_plan.csv; none when the council keeps no plan file.")
def reference_improvement_plan(warehouse: DuckDBResource) -> dg.MaterializeResult:
    with warehouse.get_connection() as con:
        rows = write_table(con, "reference.improvement_plan", plan_frame(load_plan(PLAN_PATH)))
        columns = table_metadata(con, "reference.improvement_plan")
    return dg.MaterializeResult(metadata={"dagster/row_count": rows, **columns, "source": str(PLAN_PATH)})


@dg.asset(key=["reference", "commentary"], group_name="reference", kinds={"duckdb", "markdown"},
          description="The performance team's monthly commentary, one row per paragraph, from "
                      "assets/commentary/<la_code>/<YYYY-MM>.md (a `## <area>` heading starts an area's).")
def reference_commentary(context: dg.AssetExecutionContext, warehouse: DuckDBResource) -> dg.MaterializeResult:
    frame, ignored = commentary_frame(COMMENTARY_DIR)
    for line in ignored:
        context.log.warning(line)
    with warehouse.get_connection() as con:
        rows = write_table(con, "reference.commentary", frame)
        columns = table_metadata(con, "reference.commentary")
    return dg.MaterializeResult(metadata={"dagster/row_count": rows, **columns, "files_ignored": len(ignored),
                                          "source": str(COMMENTARY_DIR)})


reference_assets = [reference_calendar, reference_councils, reference_hr_value_aliases, comparators,
                    reference_published_figures,
                    reference_targets, reference_improvement_plan, reference_commentary]

reference_checks = [published_figures_cover_the_neighbours]
