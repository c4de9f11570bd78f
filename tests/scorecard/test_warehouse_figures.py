"""The scorecards read every council's figures from the warehouse in one pass; each council's
page gets only its own. The months and the quarantine come from their marts, built here by their SQL."""

from datetime import date, datetime

import duckdb
import polars as pl

from csc_scorecard.models.build import build_model
from csc_scorecard import council_inputs
from csc_scorecard.council_inputs import read_council_inputs
from csc_scorecard.scorecard.pack import WarehouseFigures
from csc_scorecard.scorecard.render import QuarantineItem
from csc_scorecard.validation.outcomes import ExpectationOutcome, write_check_outcomes
from csc_scorecard.warehouse import SQL_DIR, ensure_schemas


def _warehouse(quarantine: bool) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    ensure_schemas(con)
    # 801 sent February and March (March twice: one month), 802 sent mid-March.
    con.execute("create table raw.loaded_files as select * from (values "
                "('801', date '2025-02-28', 'cin_referrals'), ('801', date '2025-03-31', 'cin_referrals'), "
                "('801', date '2025-03-31', 'cin_children'), ('801', date '2025-03-07', 'cin_children'), "
                "('802', date '2025-03-15', 'ssda903_episodes')) as t(la_code, extract_date, raw_table)")
    con.execute("create table metrics.metric_status as select * from (values "
                "('801', 'cla', 'green'), ('802', 'cla', 'red')) as t(la_code, metric_id, rag)")
    con.execute("create table metrics.catalogue as select 'cla' as metric_id")
    if quarantine:
        # 801's March extract: two rows with a bad date (one of them twice: counted once), one blank id;
        # its February extract and 802 have one row each.
        con.execute("create table staging.quarantine as select * from (values "
                    "('801', date '2025-03-31', 'raw.cin_referrals', 'h1', 1, 'bad date'), "
                    "('801', date '2025-03-31', 'raw.cin_referrals', 'h1', 1, 'bad date'), "
                    "('801', date '2025-03-31', 'raw.cin_referrals', 'h1', 2, 'bad date'), "
                    "('801', date '2025-03-31', 'raw.cin_children', 'h1', 3, 'blank id'), "
                    "('801', date '2025-02-28', 'raw.cin_children', 'h0', 9, 'blank id'), "
                    "('802', date '2025-03-15', 'raw.ssda903_episodes', 'h2', 4, 'bad date')) "
                    "as t(la_code, extract_date, raw_table, file_hash, source_row, reason)")
        build_model(con, "marts", SQL_DIR / "marts" / "quarantine_by_month.sql")
    build_model(con, "marts", SQL_DIR / "marts" / "extract_months.sql")
    return con


def test_each_council_gets_its_own_months_statuses_and_quarantine():
    figures = WarehouseFigures.read(_warehouse(quarantine=True))
    assert figures.periods == {"801": [date(2025, 2, 28), date(2025, 3, 31)], "802": [date(2025, 3, 31)]}
    assert figures.council("802").rows() == [("802", "cla", "red")]
    # Most rows first, by table and reason; a month-end collects the extracts of its month.
    assert figures.quarantined("801", date(2025, 3, 31)) == [
        QuarantineItem("raw.cin_referrals", "bad date", 2), QuarantineItem("raw.cin_children", "blank id", 1)]
    assert figures.quarantined("801", date(2025, 2, 28)) == [QuarantineItem("raw.cin_children", "blank id", 1)]
    assert figures.quarantined("802", date(2025, 3, 31)) == [QuarantineItem("raw.ssda903_episodes", "bad date", 1)]
    assert figures.quarantined("803", date(2025, 3, 31)) == []  # a council with nothing quarantined


def test_without_a_quarantine_table_or_checks_there_is_nothing_to_say():
    figures = WarehouseFigures.read(_warehouse(quarantine=False))
    assert figures.quarantined("801", date(2025, 3, 31)) is None
    assert figures.council("803").is_empty()
    assert figures.failed_checks is None  # "no data-check results", not "all passed"
    assert figures.actions is None and figures.commentary_for("801", date(2025, 3, 31)).by_area == {}


def _outcome(name: str, success: bool, severity: str = "warning", count: int = 0) -> ExpectationOutcome:
    return ExpectationOutcome(check_name=name, expectation_type="expect_column_values_to_not_be_null",
                              column="LAchildID", success=success, severity=severity, why=f"why {name}",
                              element_count=10, unexpected_count=count, examples=("CHILD-ID-1",))


def test_the_checks_the_plan_and_the_commentary_are_read_from_the_warehouse(tmp_path):
    con = _warehouse(quarantine=True)
    run = dict(checked_at=datetime(2025, 4, 2, 7, 0), run_id="r1")
    write_check_outcomes(con, "raw.cin_children", [_outcome("a", True), _outcome("b", False, "critical", 3)], **run)
    write_check_outcomes(con, "raw.hr_staff", [_outcome("c", False, count=1)], **run)
    # A suite run again replaces its own rows only.
    write_check_outcomes(con, "raw.hr_staff", [_outcome("c", False, count=2)], **run)
    (tmp_path / "801").mkdir()
    (tmp_path / "801" / "commentary.csv").write_text("month,area,text\n2025-03,,Overall.\n2025-03,Front door,Busy month.\n")
    (tmp_path / "801" / "improvement_plan.csv").write_text(
        "action_id,title,owner,due_date,status\nIP-1,Audit,Head of QA,2025-03-31,at risk\n")
    reads = read_council_inputs("801", tmp_path / "801", {"cla": "neutral"})
    plan = council_inputs.plan_frame(reads)
    for name, rows in {"reference.commentary": council_inputs.commentary_frame(reads),
                       "reference.improvement_plan": plan}.items():
        con.register("_f", rows.to_arrow())
        con.execute(f"create table {name} as select * from _f")
        con.unregister("_f")

    figures = WarehouseFigures.read(con)
    assert sorted((c["raw_table"], c["check_name"], c["unexpected_count"]) for c in figures.failed_checks) == [
        ("raw.cin_children", "b", 3), ("raw.hr_staff", "c", 2)]
    # No example values: they can be child ids.
    assert "CHILD-ID-1" not in str(con.sql("select * from quality.check_outcomes").fetchall())
    assert [(a.action_id, a.status) for a in figures.plan_of("801")] == [("IP-1", "at risk")]
    assert figures.plan_of("802") is None  # never another council's plan
    march = figures.commentary_for("801", date(2025, 3, 31))
    assert march.paragraphs("") == ["Overall."] and march.paragraphs("Front door") == ["Busy month."]
    assert figures.commentary_for("802", date(2025, 3, 31)).by_area == {}
