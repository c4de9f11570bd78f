"""Several CIN census returns parsed in worker processes load exactly as one parsed in turn."""

from datetime import date, datetime

import duckdb

from csc_scorecard.ingest.cin_census import load_cin_census
from csc_scorecard.ingest.cin_parallel import ParallelCinParser
from csc_scorecard.ingest.formats import CIN_CENSUS
from csc_scorecard.ingest.load import create_raw_tables, load_planned, plan_family
from tests.conftest import SAMPLES, cin_xml, land

LOADED_AT = datetime(2025, 4, 1, 9, 0)


def _rows(con, table):
    return sorted(con.sql(f"select * exclude (_loaded_at) from raw.{table}").fetchall(), key=repr)


def test_returns_parsed_ahead_load_the_same_rows_in_landing_order(tmp_path):
    returns = sorted((SAMPLES / "cin_census").glob("*.xml"))
    assert len(returns) >= 2
    one_by_one = duckdb.connect(str(tmp_path / "one.duckdb"))
    parallel = duckdb.connect(str(tmp_path / "parallel.duckdb"))
    for con in (one_by_one, parallel):
        create_raw_tables(con, CIN_CENSUS)
    for n, path in enumerate(returns):
        load_cin_census(one_by_one, path, la_code="999", extract_date=date(2025, 3, 31), file_hash=f"h{n}",
                        loaded_at=LOADED_AT)
    with ParallelCinParser(returns, workers=2, ahead=1) as parser:
        for n, path in enumerate(returns):
            parser.load(parallel, path, la_code="999", extract_date=date(2025, 3, 31), file_hash=f"h{n}",
                        loaded_at=LOADED_AT)
    for table in CIN_CENSUS:
        assert _rows(parallel, table) == _rows(one_by_one, table), table
    assert _rows(parallel, "cin_referrals")  # the samples do have referrals


def test_a_truncated_return_fails_alone_and_names_itself(tmp_path, landing):
    whole = cin_xml([{"id": "A", "referrals": [{"CINreferralDate": "2025-01-06", "ReferralNFA": "0"}]}])
    land(landing, date(2025, 2, 28), {"cin.xml": whole[: len(whole) // 2]})
    land(landing, date(2025, 3, 31), {"cin.xml": whole})
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    plan = plan_family(con, "cin_census", CIN_CENSUS, landing=landing, la_code="999")
    with ParallelCinParser(plan.cin_census_files, workers=2) as parser:
        summary = load_planned(con, plan, cin_parser=parser)
    truncated = str(landing / "2025-02-28" / "cin.xml")
    assert list(summary.files_failed) == [truncated]
    assert "not well-formed XML" in summary.files_failed[truncated]
    assert summary.files_loaded == [str(landing / "2025-03-31" / "cin.xml")]
    assert con.sql("select count(*), min(_extract_date) from raw.cin_referrals").fetchone() == (1, date(2025, 3, 31))
