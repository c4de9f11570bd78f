"""The critical twin of a row rule judges each file on its own: raw keeps every extract ever
loaded, and one month sent in the wrong format must block however many clean months came before."""

from datetime import date, timedelta

import dagster as dg
import pytest

from csc_scorecard.defs.raw.checks import check_result, check_specs
from csc_scorecard.ingest.formats import ALL_TABLES
from csc_scorecard.ingest.load import create_raw_tables
from csc_scorecard.validation.gx_duckdb import run_suite
from csc_scorecard.validation.suites import load_suites

SUITE = next(s for s in load_suites() if s.name == "raw.ssda903_episodes")
ROWS_PER_FILE = 40
MONTHS = 20


def month_end(n: int) -> date:
    """The last day of the n-th month from January 2025."""
    year, month = 2025 + (n + 1) // 12, (n + 1) % 12 + 1
    return date(year, month, 1) - timedelta(days=1)


def load_episodes(con, bad_rows) -> None:
    """MONTHS extracts of ROWS_PER_FILE episodes; bad_rows(month, row) says which DECOM is in ISO format."""
    create_raw_tables(con, {"ssda903_episodes": ALL_TABLES["ssda903_episodes"]})
    rows = []
    for month in range(MONTHS):
        extract = month_end(month)
        for row in range(ROWS_PER_FILE):
            decom = "2024-05-01" if bad_rows(month, row) else "01/05/2024"
            rows.append((f"C{row}", decom, "S", "C2", "U1", "201", extract, f"episodes_{extract:%Y_%m}.csv", row + 1))
    con.executemany("insert into raw.ssda903_episodes (CHILD, DECOM, RNE, LS, PLACE, _la_code, _extract_date, "
                    "_source_file, _row_number) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def outcomes(con):
    return {o.check_name: o for o in run_suite(con, SUITE.document, SUITE.qualified)}


def test_one_whole_file_in_the_wrong_date_format_blocks_and_is_named(con):
    load_episodes(con, lambda month, row: month == MONTHS - 1)
    found = outcomes(con)
    rule, twin = found["DECOM__date_dd_mm_yyyy"], found["DECOM__date_dd_mm_yyyy__mostly"]
    # Over the whole table it is exactly 5%: the old table-wide `mostly` let it through.
    assert (rule.success, rule.unexpected_count, rule.element_count) == (False, ROWS_PER_FILE, MONTHS * ROWS_PER_FILE)
    assert (twin.success, twin.blocking, twin.unexpected_count, twin.element_count) == (False, True, 1, MONTHS)
    assert twin.examples == ("episodes_2026_08.csv (council 201, extract 2026-08-31): 40 of 40 rows (100.00%)",)

    result = check_result(twin, dg.AssetKey(["raw", "ssda903"]), "ssda903_episodes__DECOM__date_dd_mm_yyyy__mostly")
    assert not result.passed and result.severity == dg.AssetCheckSeverity.ERROR
    assert "episodes_2026_08.csv" in result.description and "100.00%" in result.description
    assert result.metadata["files_over_threshold"].value == 1
    assert "episodes_2026_08.csv" in result.metadata["worst_files"].value


def test_bad_rows_spread_thinly_over_the_files_only_warn(con):
    # 2 of 40 (5%) in every file: as many bad rows as above and more, none of the files over 5%.
    load_episodes(con, lambda month, row: row < 2)
    found = outcomes(con)
    rule, twin = found["DECOM__date_dd_mm_yyyy"], found["DECOM__date_dd_mm_yyyy__mostly"]
    assert (rule.success, rule.blocking, rule.unexpected_count) == (False, False, 2 * MONTHS)
    assert (twin.success, twin.unexpected_count) == (True, 0), twin.summary()


@pytest.mark.parametrize("bad_in_last_file, blocks", [(2, False), (3, True)])
def test_the_threshold_is_more_than_5_percent_of_one_file(con, bad_in_last_file, blocks):
    load_episodes(con, lambda month, row: month == MONTHS - 1 and row < bad_in_last_file)
    assert outcomes(con)["DECOM__date_dd_mm_yyyy__mostly"].success is not blocks


def test_blank_values_are_not_judged_by_a_format_rule(con):
    # An open episode has no DEC: a file of mostly open episodes with one bad end date is 1 of 1 judged.
    load_episodes(con, lambda month, row: False)
    con.execute("update raw.ssda903_episodes set DEC = 'soon' where _row_number = 1 and _extract_date = ?",
                [month_end(0)])
    twin = outcomes(con)["DEC__date_dd_mm_yyyy__mostly"]
    assert not twin.success
    assert twin.examples == ("episodes_2025_01.csv (council 201, extract 2025-01-31): 1 of 1 rows (100.00%)",)


def test_every_twin_is_a_blocking_check_that_says_it_is_judged_per_file():
    for suite in load_suites():
        for spec, expectation in zip(check_specs(suite), suite.expectations):
            if spec.name.endswith("__mostly") and expectation["type"] == "unexpected_rows_expectation":
                assert spec.blocking and spec.metadata["per_file_share"] == 0.05
                assert "one file" in spec.description and "send the file again" in spec.description
                assert "set aside" not in spec.description, spec.description
