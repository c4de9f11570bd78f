"""The benchmark's bare SQL pass counts the same unexpected rows as GX, in one query per table."""

import pytest

from csc_tools.bench.bare_sql import UnknownExpectation, bare_counts, suite_sql
from csc_scorecard.ingest.families import RAW_TABLES as ALL_TABLES
from csc_scorecard.ingest.load import create_raw_tables
from csc_scorecard.validation.gx_duckdb import run_suite
from csc_scorecard.validation.suites import load_suites


def _expect(etype, **kwargs):
    return {"type": etype, "kwargs": kwargs, "meta": {"severity": "warning", "why": "a test of the yardstick"}}


# One expectation of every type a suite holds (and the other column checks GX offers that
# the yardstick translates), on a table of eight people with their faults written beside them.
SUITE = {"name": "raw.people", "meta": {}, "expectations": [
    _expect("expect_column_values_to_not_be_null", column="id"),
    _expect("expect_column_values_to_not_be_null", column="id", mostly=0.5),
    _expect("expect_column_values_to_match_regex", column="born", regex=r"^\s*(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}\s*$"),
    _expect("expect_column_values_to_match_regex", column="code", regex=r"(?i)^\s*(a1|b2)\s*$"),
    _expect("expect_column_values_to_be_in_set", column="code", value_set=["A1", "B2"]),
    _expect("expect_column_values_to_be_between", column="fte", min_value=0, max_value=1, strict_min=True),
    _expect("expect_column_values_to_be_unique", column="id"),
    _expect("expect_compound_columns_to_be_unique", column_list=["id", "code"]),
    _expect("unexpected_rows_expectation",
            unexpected_rows_query="select * from {batch} where try_strptime(trim(born), '%Y-%m-%d') > date '2025-01-01'"),
    _expect("unexpected_rows_expectation",
            unexpected_rows_query="select * from {batch} where id in (select id from {batch} group by id having count(*) > 2)"),
    _expect("unexpected_rows_expectation",
            unexpected_rows_query="select * from {batch} where code is not null qualify count(*) over (partition by code) = 1"),
]}
ROWS = [
    # id,  born,          code,  fte
    ("1", "2010-01-01", "A1", 1.0),
    ("1", "2010-01-01", "a1", 0.5),    # id repeated; code a1 matches the regex but is not in the set
    ("1", "01/02/2010", "A1", 0.0),    # id three times; born not ISO; (1, A1) twice; fte 0 (strict)
    (None, "2030-05-05", "B2", 1.5),   # no id; born in the future; fte above 1
    (None, None, None, None),          # nothing at all: nulls are not format, set or range faults
    ("2", " 2011-02-02 ", "C3", 1.0),  # code neither in the set nor matching; only C3 in its partition
    ("3", "2012-03-03", "B2", None),
    ("4", "2013-04-04", "B2", 1.0),
    ("5", "2014-05-05", None, 1.0),    # id 5 twice: not unique; but (5, null) is no compound duplicate
    ("5", "2014-05-05", None, 1.0),    # for GX, which matches groups by equality (null = null is not true)
]
GX_COUNTS = [2, 2, 1, 1, 2, 2, 5, 2, 1, 3, 2]  # what GX says, as checked by hand above


@pytest.fixture
def people(con):
    con.execute("create schema raw; create table raw.people (id varchar, born varchar, code varchar, fte double)")
    con.executemany("insert into raw.people values (?, ?, ?, ?)", ROWS)
    return con


def test_the_bare_pass_counts_what_gx_counts(people):
    outcomes = run_suite(people, SUITE, "raw.people")
    assert all(o.error is None for o in outcomes), [o.error for o in outcomes]
    assert [o.unexpected_count for o in outcomes] == GX_COUNTS
    assert bare_counts(people, SUITE, "raw.people") == (len(ROWS), GX_COUNTS)


def test_it_is_one_statement_scanning_the_table_once_for_row_wise_checks():
    sql = suite_sql(SUITE, "raw.people")
    assert sql.count(";") == 0
    # Grouped checks (uniqueness, qualify) need their own subquery; the others are filters of one scan.
    assert sql.count("count(*) filter") == 8
    assert "where id in (select id from \"raw\".\"people\"" in sql


@pytest.mark.parametrize("suite", load_suites(), ids=lambda s: s.name)
def test_every_suite_in_expectations_translates_and_runs(con, suite):
    create_raw_tables(con, {suite.table: ALL_TABLES[suite.table]})
    rows, counts = bare_counts(con, suite.document, suite.qualified)
    assert (rows, counts) == (0, [0] * len(suite.expectations))


@pytest.mark.parametrize("expectation", [
    _expect("expect_column_mean_to_be_between", column="fte", min_value=0, max_value=1),
    _expect("expect_column_values_to_match_regex", column="code", regex="^A", row_condition='code != "B2"'),
])
def test_an_expectation_it_cannot_translate_stops_the_benchmark(expectation):
    with pytest.raises(UnknownExpectation):
        suite_sql({"expectations": [expectation]}, "raw.people")


def test_the_benchmark_compares_gx_with_the_bare_pass_on_a_warehouse(tmp_path):
    import duckdb

    from csc_tools.bench.validation_speed import side_by_side

    warehouse = tmp_path / "w.duckdb"
    con = duckdb.connect(str(warehouse))
    create_raw_tables(con, {t: ALL_TABLES[t] for t in ("hr_staff", "hr_establishment")})
    con.execute("""insert into raw.hr_staff (worker_id, role, team, fte, contract_type, start_date, end_date,
                       leaving_reason, _extract_date)
                   values ('w1', 'sw', 'A', '1.5', 'permanent', '2020-01-01', null, 'resigned', date '2025-03-31'),
                          ('w1', 'sw', 'A', '1.0', 'casual', '2020-01-01', null, null, date '2025-03-31'),
                          (null, 'sw', 'A', 'one', 'permanent', '31/12/2020', '2020-01-01', null, date '2025-03-31')""")
    con.close()
    figures = side_by_side(warehouse, repeat=1)
    assert list(figures["tables"]) == ["raw.hr_staff"]  # an empty table is not validated, as in a build
    staff = figures["tables"]["raw.hr_staff"]
    assert staff["rows"] == 3 and staff["failed"] > 3 and "counts_disagree" not in staff
    assert {"gx_import_seconds", "gx_first_use_seconds", "ratio", "read_every_column_seconds"} <= set(figures)
