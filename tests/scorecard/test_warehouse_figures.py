"""The scorecards read every council's figures in one pass; each council's page gets only its own."""

from datetime import date

import duckdb

from csc_scorecard.scorecard.pack import WarehouseFigures
from csc_scorecard.scorecard.render import QuarantineItem


def _warehouse(quarantine: bool) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for schema in ("raw", "staging", "metrics"):
        con.execute(f"create schema {schema}")
    con.execute("create table raw.loaded_files as select * from (values "
                "('801', date '2025-02-28'), ('801', date '2025-03-31'), ('801', date '2025-03-31'), "
                "('802', date '2025-03-15')) as t(la_code, extract_date)")
    con.execute("create table metrics.metric_values as select * from (values "
                "('801', 'cla', 10), ('802', 'cla', 20), ('802', 'referrals', 5)) as t(la_code, metric_id, value)")
    con.execute("create table metrics.metric_status as select * from (values "
                "('801', 'cla', 'green'), ('802', 'cla', 'red')) as t(la_code, metric_id, status)")
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
    return con


def test_each_council_gets_its_own_months_values_and_quarantine():
    figures = WarehouseFigures.read(_warehouse(quarantine=True))
    assert figures.periods == {"801": [date(2025, 2, 28), date(2025, 3, 31)], "802": [date(2025, 3, 31)]}
    values, status = figures.council("802")
    assert sorted(values["metric_id"]) == ["cla", "referrals"] and set(values["la_code"]) == {"802"}
    assert status.rows() == [("802", "cla", "red")]
    # Most rows first, by table and reason; a month-end collects the extracts of its month.
    assert figures.quarantined("801", date(2025, 3, 31)) == [
        QuarantineItem("raw.cin_referrals", "bad date", 2), QuarantineItem("raw.cin_children", "blank id", 1)]
    assert figures.quarantined("801", date(2025, 2, 28)) == [QuarantineItem("raw.cin_children", "blank id", 1)]
    assert figures.quarantined("802", date(2025, 3, 31)) == [QuarantineItem("raw.ssda903_episodes", "bad date", 1)]
    assert figures.quarantined("803", date(2025, 3, 31)) == []  # a council with nothing quarantined


def test_without_a_quarantine_table_there_is_nothing_to_say():
    figures = WarehouseFigures.read(_warehouse(quarantine=False))
    assert figures.quarantined("801", date(2025, 3, 31)) is None
    assert figures.council("803")[0].is_empty()
