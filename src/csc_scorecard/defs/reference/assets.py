"""Reference tables the SQL reads: the working-day calendar, the councils reported on, the HR
contract's code spellings, the comparators, and each council's own inputs (targets, the
improvement plan, monthly commentary, Ofsted visits, the board's log) from its inputs folder. They
come from the code, the settings file and the councils' folders, not from extracts; the board pack
reads them from the warehouse like everything else."""

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from csc_scorecard import council_inputs
from csc_scorecard.defs.conventions import table_metadata
from csc_scorecard.defs.resources import DeploymentResource
from csc_scorecard.ingest.hr_aliases import value_aliases_frame
from csc_scorecard.metrics.catalogue import load_catalogue
from csc_scorecard.metrics.comparators import write_england_comparators
from csc_scorecard.metrics.published import PUBLISHED_DIR, read_published_figures
from csc_scorecard.models.reference import calendar_frame, councils_frame, write_table
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


@dg.asset(key=["reference", "england_comparators"], group_name="reference", kinds={"duckdb", "csv"},
          description="England figures for catalogue metrics (DfE releases, with year and source), "
                      "from src/csc_scorecard/reference_data/england_comparators.csv.")
def reference_england_comparators(warehouse: DuckDBResource) -> dg.MaterializeResult:
    with warehouse.get_connection() as con:
        rows = write_england_comparators(con)
        columns = table_metadata(con, "reference.england_comparators")
    return dg.MaterializeResult(metadata={"dagster/row_count": rows, **columns})


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


INPUT_TABLES = {spec.name: f"reference.{spec.name}" for spec in council_inputs.INPUTS}
MEASURE_ACTIONS, INPUT_STATES, INPUT_PROBLEMS = \
    "reference.measure_actions", "reference.council_inputs", "reference.council_input_problems"


@dg.multi_asset(
    specs=[
        dg.AssetSpec(INPUT_TABLES["targets"].split("."), group_name="reference", kinds={"duckdb", "xlsx"},
                     description="Each council's targets and amber/red tolerances per metric, with the month-end "
                                 "each applies from, and the measures it declares context (no RAG)."),
        dg.AssetSpec(INPUT_TABLES["improvement_plan"].split("."), group_name="reference", kinds={"duckdb", "xlsx"},
                     description="Each council's improvement plan: action, owner, area, due date, the owner's "
                                 "status, completed date and the measures it aims to move."),
        dg.AssetSpec(MEASURE_ACTIONS.split("."), group_name="reference", kinds={"duckdb"},
                     description="(la_code, metric_id) -> the improvement-plan actions linked to the measure, "
                                 "one row each, for pages that show a measure's actions."),
        dg.AssetSpec(INPUT_TABLES["commentary"].split("."), group_name="reference", kinds={"duckdb", "xlsx"},
                     description="Each council's monthly commentary, one row per paragraph, by area "
                                 "('' is the front page's)."),
        dg.AssetSpec(INPUT_TABLES["ofsted_visits"].split("."), group_name="reference", kinds={"duckdb", "xlsx"},
                     description="Each council's Ofsted visits: one row per area looked at, its finding, "
                                 "open or closed, and the measures linked to it."),
        dg.AssetSpec(INPUT_TABLES["board_actions"].split("."), group_name="reference", kinds={"duckdb", "xlsx"},
                     description="Each council's log of Improvement Board decisions and actions."),
        dg.AssetSpec(INPUT_STATES.split("."), group_name="reference", kinds={"duckdb"},
                     description="Per council and input: loaded, missing or not usable, from which file, "
                                 "with how many rows and problems."),
        dg.AssetSpec(INPUT_PROBLEMS.split("."), group_name="reference", kinds={"duckdb"},
                     description="Every line of a council's inputs that could not be used: file, sheet, row, "
                                 "column, value, problem and fix."),
    ],
    check_specs=[dg.AssetCheckSpec("every_line_usable", asset=INPUT_TABLES[spec.name].split("."),
                                   description=f"Every line of each council's {spec.title.lower()} input can be "
                                               "read (an input with a bad line is not used; its pack says so).")
                 for spec in council_inputs.INPUTS],
)
def council_input_tables(context: dg.AssetExecutionContext, deployment: DeploymentResource,
                         warehouse: DuckDBResource):
    """The councils' own files (docs/council_inputs.md), each council's from its own folder."""
    polarity = {m.metric_id: m.polarity for m in load_catalogue()}
    reads = [read for c in deployment.councils
             for read in council_inputs.read_council_inputs(c.la_code, Path(c.inputs), polarity)]
    for read in reads:
        for problem in read.problems:
            context.log.warning(f"council input not used, LA {read.la_code} {read.spec.name}: {problem.message}")
    plan = council_inputs.plan_frame(reads)
    frames = {INPUT_TABLES["targets"]: council_inputs.targets_frame(reads), INPUT_TABLES["improvement_plan"]: plan,
              MEASURE_ACTIONS: council_inputs.measure_actions_frame(plan),
              INPUT_TABLES["commentary"]: council_inputs.commentary_frame(reads),
              INPUT_TABLES["ofsted_visits"]: council_inputs.ofsted_frame(reads),
              INPUT_TABLES["board_actions"]: council_inputs.board_frame(reads),
              INPUT_STATES: council_inputs.state_frame(reads), INPUT_PROBLEMS: council_inputs.problems_frame(reads)}
    with warehouse.get_connection() as con:
        for table, frame in frames.items():
            rows = write_table(con, table, frame)
            yield dg.MaterializeResult(asset_key=table.split("."),
                                       metadata={"dagster/row_count": rows, **table_metadata(con, table)})
    for spec in council_inputs.INPUTS:
        bad = [r for r in reads if r.spec is spec and r.problems]
        yield dg.AssetCheckResult(
            asset_key=INPUT_TABLES[spec.name].split("."), check_name="every_line_usable", passed=not bad,
            severity=dg.AssetCheckSeverity.WARN,
            description="; ".join(f"LA {r.la_code}: {r.problems[0].message}"
                                  + (f" (and {len(r.problems) - 1} more)" if len(r.problems) > 1 else "")
                                  for r in bad) or None,
            metadata={"councils_not_usable": [r.la_code for r in bad],
                      "councils_missing": [r.la_code for r in reads if r.spec is spec and r.state == council_inputs.MISSING]})


reference_assets = [reference_calendar, reference_councils, reference_hr_value_aliases, reference_england_comparators,
                    reference_published_figures,
                    council_input_tables]

reference_checks = [published_figures_cover_the_neighbours]
