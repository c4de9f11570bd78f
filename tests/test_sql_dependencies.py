"""What a SQL model depends on: the tables its SQL reads, through the macros it calls."""

import dagster as dg
import pytest

from csc_scorecard.defs.keys import asset_keys_for_tables
from csc_scorecard.warehouse import SQL_DIR, UnresolvedTableError, parse_macros, referenced_tables

# A table macro reading a table it is given and one of its own, and a macro that calls it.
MACROS = parse_macros("""
    create or replace macro current_rows(staged_table) as table
        select * from query_table(staged_table) semi join raw.loaded_files using (la_code, extract_date);
    create or replace macro current_children(children_table) as table
        select * from current_rows(children_table);
""")


def test_a_mart_reading_a_staged_table_through_latest_extract_depends_on_it_and_the_load_log():
    sql = "select la_code, count(*) from latest_extract('staging.hr_staff') group by la_code"
    assert referenced_tables(sql) == ["raw.loaded_files", "staging.hr_staff"]


def test_a_macro_reading_a_table_makes_its_caller_depend_on_that_table():
    assert "raw.loaded_files" in referenced_tables("select * from current_rows('staging.cin_children')", MACROS)


def test_a_macros_query_table_argument_is_followed_through_macros_calling_macros():
    assert referenced_tables("select * from current_children('staging.cin_children')", MACROS) == [
        "staging.cin_children", "raw.loaded_files"]


def test_a_cte_name_is_not_a_dependency():
    sql = """
        with referrals as (select * from staging.cin_referrals),
        final as (select * from referrals join marts.reporting_periods using (la_code))
        select * from final
    """
    assert referenced_tables(sql) == ["staging.cin_referrals", "marts.reporting_periods"]


def test_the_table_a_model_creates_is_not_its_own_dependency():
    sql = "create or replace table marts.staff as select * from marts.staff_previous join staging.hr_staff using (la_code)"
    assert referenced_tables(sql) == ["marts.staff_previous", "staging.hr_staff"]


def test_a_commented_out_table_is_not_a_dependency():
    assert referenced_tables("select * from staging.cin_s47 -- was staging.cin_referrals") == ["staging.cin_s47"]


def test_a_table_a_macro_is_given_other_than_by_name_is_refused_not_dropped():
    with pytest.raises(UnresolvedTableError, match="string literal"):
        referenced_tables("select * from current_rows('staging.' || 'hr_staff')", MACROS)


def test_an_unqualified_table_is_refused_rather_than_read_as_no_dependency():
    with pytest.raises(UnresolvedTableError, match="schema.table"):
        referenced_tables("select * from hr_staff")


def test_every_sql_model_parses_and_names_its_tables():
    for path in sorted(SQL_DIR.glob("*/*.sql")):
        for table in referenced_tables(path.read_text()):
            assert table.split(".")[0] in ("raw", "reference", "staging", "marts", "metrics", "publications"), (path, table)


def test_the_load_log_is_a_dependency_on_the_return_the_model_reads_not_on_every_return():
    keys = asset_keys_for_tables(referenced_tables((SQL_DIR / "marts" / "staff.sql").read_text()))
    assert dg.AssetKey(["raw", "hr"]) in keys
    assert dg.AssetKey(["raw", "ssda903"]) not in keys
    assert dg.AssetKey(["raw", "loaded_files"]) not in keys


def test_reading_the_load_log_alone_depends_on_every_return():
    assert asset_keys_for_tables(["raw.loaded_files"]) == [
        dg.AssetKey(["raw", family]) for family in ("ssda903", "cin_census", "hr", "fostering", "csww", "annex_a")]
