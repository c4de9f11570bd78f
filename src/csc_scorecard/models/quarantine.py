"""Staging models that check their rows: clean rows to staging.<model>, the rest to quarantine.

A staging model reads `checked.<table>`, the view its raw table's contract generates
(csc_scorecard.contracts): the raw rows, each with `_problems`, a list of {column_name, value,
reason} from the contract's rules. Selecting `_problems` through, the model is split here: rows with
no problem become `staging.<model>`; every problem of every other row becomes a
row of `staging.quarantine`, with the raw table, file, row number, column, value
and reason. A source row is therefore in exactly one of the two places.
"""

from __future__ import annotations

from csc_scorecard.contracts import load_contracts

QUARANTINE = "staging.quarantine"
QUARANTINE_SQL = """
create table if not exists staging.quarantine (
    la_code varchar, extract_date date, raw_table varchar, source_file varchar, file_hash varchar,
    source_row bigint, column_name varchar, value varchar, reason varchar
)
"""


def build_checked_model(con, name: str, sql: str) -> int:
    """(Re)build staging.<name> from a model's SQL; returns the rows kept in staging.

    The model is written once, straight to staging.<name>; in the same transaction its rows with
    problems move to quarantine and the `_problems` column is dropped, so no reader sees either.
    (Writing it to a temporary table first, then copying the clean rows, cost a second more on a
    national table of two million rows.)
    """
    con.execute(QUARANTINE_SQL)
    contract = load_contracts().get(name)
    if contract is not None and contract.checked_view:
        con.execute(contract.checked_view)
    con.begin()
    try:
        con.execute(f"create or replace table staging.{name} as {sql}")
        columns = {row[0] for row in con.sql(f"describe staging.{name}").fetchall()}
        if "_problems" in columns:
            con.execute("delete from staging.quarantine where raw_table = ?", [f"raw.{name}"])
            con.execute(f"""
                insert into staging.quarantine
                select la_code, extract_date, 'raw.{name}', source_file, file_hash, source_row,
                       problem.column_name, problem.value, problem.reason
                from (select *, unnest(_problems) as problem from staging.{name} where len(_problems) > 0)
                order by extract_date, source_file, source_row, problem.column_name
            """)
            con.execute(f"delete from staging.{name} where len(_problems) > 0")
            con.execute(f"alter table staging.{name} drop column _problems")
        con.commit()
    except Exception:
        con.rollback()
        raise
    return con.sql(f"select count(*) from staging.{name}").fetchone()[0]


def quarantined_rows(con, name: str) -> int:
    """Source rows of raw.<name> in quarantine (a row with several problems counts once)."""
    return con.execute(
        "select count(distinct (file_hash, source_row)) from staging.quarantine where raw_table = ?",
        [f"raw.{name}"],
    ).fetchone()[0]


def checked_models(paths) -> list[str]:
    """Names of the staging models that quarantine rows (they select `_problems`)."""
    return [p.stem for p in paths if "_problems" in p.read_text()]


def quarantine_summary(con) -> dict[str, int]:
    """Source rows in quarantine per raw table (counts only: the values are child-level)."""
    con.execute(QUARANTINE_SQL)
    return dict(con.sql("""
        select raw_table, count(distinct (file_hash, source_row))::bigint
        from staging.quarantine group by raw_table order by raw_table
    """).fetchall())
