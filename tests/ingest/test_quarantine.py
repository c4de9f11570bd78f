"""A staging model that checks its rows: clean rows to staging, the rest to quarantine, at once."""

import duckdb
import pytest

from csc_scorecard.models.build import MACROS
from csc_scorecard.models.quarantine import build_checked_model

# Rows 3, 6 and 9 have a blank value: quarantined, the rest staged.
MODEL = """
    select 'E1' as la_code, date '2025-03-31' as extract_date, 'f.csv' as source_file, 'h' as file_hash,
           i as source_row, value,
           problems([required('value', value)]) as _problems
    from (select i, case when i % 3 = 0 then '' else 'v' || i end as value from range(1, 10) r(i))
"""


@pytest.fixture
def model_con(con):
    con.execute("create schema staging")
    con.execute(MACROS.read_text())
    return con


def test_clean_rows_are_staged_and_the_others_quarantined_with_their_reason(model_con):
    assert build_checked_model(model_con, "t", MODEL) == 6
    columns = [c[0] for c in model_con.sql("describe staging.t").fetchall()]
    assert "_problems" not in columns
    assert model_con.sql("select source_row from staging.t order by 1").fetchall() == [(r,) for r in (1, 2, 4, 5, 7, 8)]
    assert model_con.sql("select raw_table, source_row, column_name, value from staging.quarantine").fetchall() == [
        ("raw.t", r, "value", "") for r in (3, 6, 9)]
    # A rebuild replaces the model's quarantine rows rather than adding to them.
    build_checked_model(model_con, "t", MODEL)
    assert model_con.sql("select count(*) from staging.quarantine").fetchone()[0] == 3


def test_a_model_that_fails_leaves_staging_and_quarantine_as_they_were(model_con):
    build_checked_model(model_con, "t", MODEL)
    failing = MODEL.replace("problems([required('value', value)])",
                            "case when i = 8 then error('boom') else problems([required('value', value)]) end")
    with pytest.raises(duckdb.Error, match="boom"):
        build_checked_model(model_con, "t", failing)
    assert model_con.sql("select count(*) from staging.t").fetchone()[0] == 6
    assert model_con.sql("select count(*) from staging.quarantine").fetchone()[0] == 3
