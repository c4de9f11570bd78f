"""The suites generated from the contracts: GX loads them, and every expectation says how severe and why."""

import re

import pytest

from csc_scorecard.ingest.families import RAW_TABLES as ALL_TABLES
from csc_scorecard.ingest.formats import METADATA_COLUMNS
from csc_scorecard.validation.outcomes import SEVERITIES, check_names
from csc_scorecard.validation.suites import load_suites

SUITES = load_suites()


def test_every_raw_table_whose_rows_staging_sets_aside_has_a_suite():
    # A table staging quarantines from without a GX check would lose rows with no check saying why.
    from csc_scorecard.contracts import load_contracts

    judged = {c.qualified for c in load_contracts().values() if c.row_rules}
    assert judged == {s.name for s in SUITES}
    assert len(judged) >= 30


def test_gx_loads_every_suite():
    import great_expectations as gx

    for suite in SUITES:
        loaded = gx.ExpectationSuite(**suite.document)
        assert loaded.name == suite.name
        assert [e.expectation_type for e in loaded.expectations] == [e["type"] for e in suite.expectations]


@pytest.mark.parametrize("suite", SUITES, ids=lambda s: s.name)
def test_every_expectation_has_a_severity_a_reason_and_a_real_column(suite):
    table = ALL_TABLES[suite.table]
    known = set(table.columns) | set(METADATA_COLUMNS)
    for expectation in suite.expectations:
        meta, kwargs = expectation["meta"], expectation["kwargs"]
        assert meta["severity"] in SEVERITIES, expectation
        assert len(meta["why"]) > 20, expectation
        columns = [c for c in [kwargs.get("column"), meta.get("column"), *kwargs.get("column_list", [])] if c]
        assert columns, f"{suite.name}: {expectation['type']} names no column"
        assert set(columns) <= known, f"{suite.name}: unknown column in {columns}"
        if "regex" in kwargs:
            # DuckDB's ~ is a full match, PostgreSQL's a partial one: anchored patterns mean the same in both.
            assert re.search(r"^(\(\?i\))?\^", kwargs["regex"]) and kwargs["regex"].endswith("$"), kwargs["regex"]
            re.compile(kwargs["regex"])
        if expectation["type"] == "unexpected_rows_expectation":
            assert "{batch}" in kwargs["unexpected_rows_query"]


@pytest.mark.parametrize("suite", SUITES, ids=lambda s: s.name)
def test_check_names_are_unique_and_readable(suite):
    names = check_names(suite.expectations)
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[A-Za-z0-9_]+", n) for n in names)
    assert all(n.split("__")[0] for n in names)


def test_hr_staff_blocks_on_a_missing_worker_id():
    suite = next(s for s in SUITES if s.name == "raw.hr_staff")
    by_name = dict(zip(check_names(suite.expectations), suite.expectations))
    assert by_name["worker_id__not_null"]["meta"]["severity"] == "critical"


def test_two_councils_may_use_the_same_child_id_in_the_same_month(con):
    # An alliance's warehouse holds every council's extracts: CHILD ids are each council's own,
    # so uniqueness is per council and extract (one council listing a child twice is still caught).
    from csc_scorecard.ingest.load import create_raw_tables
    from csc_scorecard.validation.gx_duckdb import run_suite

    suite = next(s for s in SUITES if s.name == "raw.ssda903_header")
    create_raw_tables(con, {"ssda903_header": ALL_TABLES["ssda903_header"]})
    con.execute("""insert into raw.ssda903_header (CHILD, SEX, DOB, _la_code, _extract_date)
                   values ('101', '1', '01/01/2015', '201', date '2025-03-31'),
                          ('101', '2', '02/02/2016', '202', date '2025-03-31'),
                          ('102', '1', '03/03/2017', '202', date '2025-03-31'),
                          ('102', '1', '03/03/2017', '202', date '2025-03-31')""")
    unique = {o.check_name: o for o in run_suite(con, suite.document, suite.qualified)}["CHILD__unique_per_extract"]
    assert (unique.success, unique.unexpected_count) == (False, 2)
    # The example names the file and row, never the child's id.
    assert unique.examples == ("CHILD=(not shown: identifies a person), _source_file=None, _la_code=202, "
                               "_extract_date=2025-03-31, _row_number=None",) * 2


def test_a_cin_return_re_sent_unchanged_next_month_lists_each_child_once(con):
    # The same bytes landed in two months' folders are two returns: each lists its children once.
    # One return listing a child twice is still caught, and only that return's rows are named.
    from csc_scorecard.ingest.load import create_raw_tables
    from csc_scorecard.validation.gx_duckdb import run_suite

    suite = next(s for s in SUITES if s.name == "raw.cin_children")
    create_raw_tables(con, {"cin_children": ALL_TABLES["cin_children"]})
    con.execute("""insert into raw.cin_children (LAchildID, _la_code, _extract_date, _source_file, _file_hash)
                   values ('C1', '201', date '2025-03-31', '2025-03-31/cin.xml', 'same'),
                          ('C2', '201', date '2025-03-31', '2025-03-31/cin.xml', 'same'),
                          ('C1', '201', date '2025-04-30', '2025-04-30/cin.xml', 'same'),
                          ('C2', '201', date '2025-04-30', '2025-04-30/cin.xml', 'same'),
                          ('C1', '202', date '2025-04-30', '2025-04-30/cin.xml', 'other'),
                          ('C1', '202', date '2025-04-30', '2025-04-30/cin.xml', 'other')""")
    unique = {o.check_name: o for o in run_suite(con, suite.document, suite.qualified)}["LAchildID__unique_per_return"]
    assert (unique.success, unique.unexpected_count) == (False, 2)
