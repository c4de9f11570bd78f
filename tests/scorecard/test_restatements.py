"""As first reported, and restated: a late-recorded referral changes a month the board was already given.

A council sends January to March 2025 and the packs are published. April's return then carries a
February referral nobody had recorded in time. February's referral count the board was told (6)
is now 7: the record keeps the 6 as published, the packs mark February as revised, and nothing
that did not change is marked.
"""

import re
from datetime import date, datetime

import duckdb
import pytest

from csc_scorecard.cli import EXIT_OK, main
from csc_scorecard.publications import PublicationError, record_publication
from tests.conftest import cin_xml, land, metric_status_of

JANUARY, FEBRUARY, MARCH, APRIL = date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31), date(2025, 4, 30)

# Referrals by month (each a new child, no NFA, no re-referral): 5 in January, 6 in February,
# 5 in March, 5 in April; and one more February referral recorded only in April.
REFERRED = {JANUARY: 5, FEBRUARY: 6, MARCH: 5, APRIL: 5}
LATE = {"id": "late", "referrals": [{"CINreferralDate": "2025-02-20", "ReferralNFA": "0"}]}


def _children(up_to: date) -> list[dict]:
    return [{"id": f"{month:%b}{n}", "referrals": [{"CINreferralDate": f"{month:%Y-%m}-{10 + n:02d}",
                                                    "ReferralNFA": "0"}]}
            for month, count in REFERRED.items() if month <= up_to for n in range(count)]


def _land_month(landing, month: date, *extra: dict) -> None:
    land(landing, month, {"cin_census.xml": cin_xml(_children(month) + list(extra), reference_date=str(month))})


def _build(tmp_path, landing) -> None:
    assert main(["build", "--landing", str(landing), "--warehouse", str(tmp_path / "w.duckdb"),
                 "--exports", str(tmp_path / "exports")]) == EXIT_OK


def _query(tmp_path, sql: str) -> list[tuple]:
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        return con.sql(sql).fetchall()


def _shown(tmp_path) -> dict[tuple[str, date], float | None]:
    """Every figure of the analysts' copy as the packs show it now."""
    return {(m, p): v for m, p, v in _query(tmp_path, "select metric_id, period_end, shown_value from metrics.metric_status")}


@pytest.fixture
def built_twice(tmp_path, landing):
    """January to March built and published; then April lands, with the late February referral."""
    for month in (JANUARY, FEBRUARY, MARCH):
        _land_month(landing, month)
    _build(tmp_path, landing)
    first = {"record": _query(tmp_path, "select * from publications.published_figures order by all"),
             "shown": _shown(tmp_path)}
    _land_month(landing, APRIL, LATE)
    _build(tmp_path, landing)
    return first


def test_the_february_figure_is_marked_as_restated_with_what_was_first_reported(tmp_path, built_twice):
    restated = _query(tmp_path, """
        select metric_id, period_end, first_publication, first_shown_value, first_pack_month,
               now_publication, now_shown_value, change
        from publications.restatements""")
    assert restated == [("referrals", FEBRUARY, "ok", 6.0, MARCH, "ok", 7.0, 1.0)]


def test_nothing_that_did_not_change_is_marked(tmp_path, built_twice):
    before, now = built_twice["shown"], _shown(tmp_path)
    changed = {key for key, value in before.items() if key in now and now[key] != value}
    assert changed == {("referrals", FEBRUARY)}  # the rates over 12 months stay at 0.0% re-referred


def test_the_published_record_of_february_is_kept_as_it_was(tmp_path, built_twice):
    first_publication = built_twice["record"]
    published_at = first_publication[0][0]
    assert _query(tmp_path, f"select * from publications.published_figures where published_at = '{published_at}' "
                            "order by all") == first_publication
    assert _query(tmp_path, """select shown_value from publications.published_figures
                               where metric_id = 'referrals' and period_end = '2025-02-28' order by published_at"""
                  ) == [(6.0,), (7.0,)]


def test_the_pack_says_what_was_first_reported(tmp_path, built_twice):
    april = (tmp_path / "exports" / "999" / "scorecard_999_2025-04.html").read_text()
    listed = re.search(r'<table class="dq revisions".*?<tbody>(.*?)</tbody>', april, re.S).group(1)
    assert re.findall(r"<tr>(.*?)</tr>", listed) == [
        '<th scope="row">Referrals</th><td>February 2025</td><td class="num">6</td><td>March 2025</td>'
        '<td class="num">7</td><td class="num">+1</td>']
    # The Change column of March's pack (re-rendered) says February was revised.
    march = (tmp_path / "exports" / "999" / "scorecard_999_2025-03.html").read_text()
    assert 'title="Revised: February 2025 first reported as 6 in the March 2025 pack; now 7"' in march
    january = (tmp_path / "exports" / "999" / "scorecard_999_2025-01.html").read_text()
    assert "No figure on this page differs from what was first reported." in january


def test_a_build_with_nothing_new_adds_nothing_to_the_record(tmp_path, landing, built_twice):
    rows = _query(tmp_path, "select count(*) from publications.published_figures")
    _build(tmp_path, landing)
    assert _query(tmp_path, "select count(*) from publications.published_figures") == rows
    assert _query(tmp_path, "select recorded from publications.publication_log order by published_at")[-1] == (0,)
    assert len(_query(tmp_path, "select * from publications.restatements")) == 1


# --- the record's rules, on metric_status rows written by hand --------------------------------

def _status(rows: list[tuple[str, date, float | None, float | None]]):
    import polars as pl
    return metric_status_of(pl.DataFrame(rows, schema=["metric_id", "period_end", "value", "numerator"],
                                         orient="row").with_columns(la_code=pl.lit("999")))


def _published(con, status, at: datetime):
    con.execute("create schema if not exists metrics; create schema if not exists marts")
    con.register("_status", status.to_arrow())
    con.execute("create or replace table metrics.metric_status as select * from _status")
    con.execute("create or replace table marts.extract_months as "
                "select distinct la_code, period_end from metrics.metric_status")
    from csc_scorecard.metrics.catalogue import catalogue_frame, load_catalogue
    con.register("_catalogue", catalogue_frame(load_catalogue()).to_arrow())
    con.execute("create or replace table metrics.catalogue as select * from _catalogue")
    return record_publication(con, at)


def test_a_small_number_a_neighbouring_month_now_shows_is_not_a_restatement():
    # Adoptions this year to date, April and May: May's step of 2 is suppressed. A late record
    # takes April from 10 to 7, so May's 12 is now 5 on: shown. April was restated; May was not.
    with duckdb.connect() as con:
        _published(con, _status([("adoptions_ytd", date(2025, 4, 30), 10, 10),
                                 ("adoptions_ytd", date(2025, 5, 31), 12, 12)]), datetime(2025, 6, 5))
        _published(con, _status([("adoptions_ytd", date(2025, 4, 30), 7, 7),
                                 ("adoptions_ytd", date(2025, 5, 31), 12, 12)]), datetime(2025, 7, 5))
        assert con.sql("select month(period_end), publication from publications.published_figures "
                       "order by published_at, period_end").fetchall() == [
            (4, "ok"), (5, "suppressed"), (4, "ok"), (5, "ok")]
        assert con.sql("select month(period_end), first_shown_value, now_shown_value from publications.restatements"
                       ).fetchall() == [(4, 10.0, 7.0)]


def test_a_month_that_ages_out_of_the_history_is_not_withdrawn():
    with duckdb.connect() as con:
        _published(con, _status([("referrals", date(2025, 4, 30), 10, None),
                                 ("referrals", date(2025, 5, 31), 12, None)]), datetime(2025, 6, 5))
        _published(con, _status([("referrals", date(2025, 5, 31), 12, None),
                                 ("referrals", date(2025, 6, 30), 9, None)]), datetime(2025, 7, 5))
        assert con.sql("select count(*) from publications.restatements").fetchone() == (0,)


def test_a_figure_the_packs_no_longer_carry_is_recorded_as_missing_and_restated():
    with duckdb.connect() as con:
        _published(con, _status([("referrals", date(2025, 4, 30), 10, None),
                                 ("referrals", date(2025, 5, 31), 12, None),
                                 ("cla", date(2025, 5, 31), 40, None)]), datetime(2025, 6, 5))
        _published(con, _status([("referrals", date(2025, 4, 30), 10, None),
                                 ("referrals", date(2025, 5, 31), 12, None)]), datetime(2025, 6, 6))
        assert con.sql("select metric_id, first_shown_value, now_publication, change from publications.restatements"
                       ).fetchall() == [("cla", 40.0, "missing", None)]


def test_a_publication_dated_before_the_last_one_is_refused():
    with duckdb.connect() as con:
        status = _status([("referrals", date(2025, 5, 31), 12, None)])
        _published(con, status, datetime(2025, 6, 5))
        with pytest.raises(PublicationError, match="not after the last one recorded"):
            _published(con, status, datetime(2025, 6, 4))
