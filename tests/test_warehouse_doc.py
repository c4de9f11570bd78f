"""docs/warehouse.md lists what a build really creates, and what of it the analysts' copy holds."""

import duckdb

from csc_tools.warehouse_doc import WAREHOUSE_DOC, build_sample_warehouse, describe, table_descriptions


def test_the_warehouse_page_is_up_to_date_with_the_code(tmp_path):
    warehouse = build_sample_warehouse(tmp_path)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        expected = describe(con, table_descriptions())
        tables = con.sql("select table_schema || '.' || table_name from information_schema.tables").fetchall()
    assert WAREHOUSE_DOC.read_text() == expected, "docs/warehouse.md is out of date: run `python -m csc_tools.warehouse_doc`"
    # Every table is on the page, with a line saying what it is.
    page = WAREHOUSE_DOC.read_text()
    for (qualified,) in tables:
        heading = next(line for line in page.splitlines() if line.startswith(f"### `{qualified}`"))
        after = page.split(heading, 1)[1].lstrip("\n")
        assert not after.startswith("|"), f"{qualified} has no description"


def test_the_page_shows_a_new_column_and_table():
    with duckdb.connect() as con:
        con.execute("create schema marts; create table marts.placements (child_id varchar, placed_on date)")
        con.execute("create view marts.current_placements as select * from marts.placements")
        page = describe(con, {"marts.placements": "One row per placement."})
    assert "### `marts.placements` (table)\n\nOne row per placement.\n\n| column | type | in the analysts' copy |" in page
    assert "| `placed_on` | DATE |  |" in page
    assert "### `marts.current_placements` (view)" in page
