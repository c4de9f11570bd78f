"""The checks after raw: each mart keeps to its declared grain, staging accounts for every raw row,
and no metric is a figure that cannot be; each is an asset check on its own asset."""

from datetime import date

import duckdb
import pytest

from csc_scorecard.definitions import build_definitions
from csc_scorecard.models.build import model_paths
from csc_scorecard.models.checks import (
    METRIC_RULES, every_source_row_accounted_for, grain_is_unique, metric_sanity, model_grain,
)
from csc_scorecard.models.quarantine import QUARANTINE_SQL, checked_models
from csc_scorecard.settings import load_settings

MARTS = model_paths("marts")
FEB, MAR = date(2025, 2, 28), date(2025, 3, 31)


@pytest.mark.parametrize("path", MARTS, ids=[p.stem for p in MARTS])
def test_every_mart_declares_its_grain_in_its_header(path):
    grain = model_grain(path.read_text())
    assert grain and grain[0] == "la_code", f"{path.name}: no `-- grain:` line beginning with la_code"


def test_every_mart_and_every_quarantining_staging_model_carries_its_check():
    defs = build_definitions(load_settings())
    checks = {(key.asset_key.to_user_string(), key.name) for key in defs.resolve_asset_graph().asset_check_keys}
    assert {(f"marts/{p.stem}", "grain_is_unique") for p in MARTS} <= checks
    assert {(f"staging/{name}", "every_source_row_accounted_for")
            for name in checked_models(model_paths("staging"))} <= checks
    assert {("metrics/metric_values", name) for name, _, _ in METRIC_RULES} <= checks


def test_a_referral_recorded_twice_breaks_the_grain_and_the_outcome_names_the_council_not_the_child():
    with duckdb.connect() as con:
        con.execute("create schema marts")
        con.execute("""create table marts.referrals as select * from (values
            ('900', 'child-a', date '2025-05-01'), ('900', 'child-a', date '2025-05-01'),
            ('900', 'child-a', date '2025-06-01'), ('901', 'child-b', date '2025-05-01'))
            as t(la_code, child_key, referral_date)""")
        outcome = grain_is_unique(con, "marts.referrals", ("la_code", "child_key", "referral_date"))
        con.execute("delete from marts.referrals where referral_date = date '2025-05-01' and la_code = '900'")
        after = grain_is_unique(con, "marts.referrals", ("la_code", "child_key", "referral_date"))
    assert not outcome.passed
    assert "council 900: 1 values of (la_code, child_key, referral_date) on 2 rows" in outcome.description
    assert "child-a" not in outcome.description and "901" not in outcome.description
    assert after.passed


def _staging(con, raw_rows, staged_rows, quarantined):
    con.execute("create schema if not exists raw; create schema if not exists staging")
    con.execute(QUARANTINE_SQL)
    con.execute("create or replace table raw.ssda903_episodes (_la_code varchar, _extract_date date, "
                "_source_file varchar, _file_hash varchar, _row_number bigint)")
    con.executemany("insert into raw.ssda903_episodes values ('900', ?, 'episodes.csv', 'h1', ?)",
                    [[extract, n] for extract, n in raw_rows])
    con.execute("create or replace table staging.ssda903_episodes (la_code varchar, extract_date date, "
                "source_file varchar, file_hash varchar, source_row bigint)")
    con.executemany("insert into staging.ssda903_episodes values ('900', ?, 'episodes.csv', 'h1', ?)",
                    [[extract, n] for extract, n in staged_rows])
    con.executemany("insert into staging.quarantine (la_code, extract_date, raw_table, source_file, file_hash, "
                    "source_row, column_name, reason) values ('900', ?, 'raw.ssda903_episodes', 'episodes.csv', "
                    "'h1', ?, ?, 'bad')", [[extract, n, column] for extract, n, column in quarantined])


def test_a_row_neither_staged_nor_quarantined_is_named_by_council_extract_and_file():
    with duckdb.connect() as con:
        # The same file in two extracts. In March, row 2 has two problems (one row set aside) and
        # row 3 went nowhere; February's three rows are staged.
        _staging(con, [(FEB, 1), (FEB, 2), (FEB, 3), (MAR, 1), (MAR, 2), (MAR, 3)],
                 [(FEB, 1), (FEB, 2), (FEB, 3), (MAR, 1)], [(MAR, 2, "DECOM"), (MAR, 2, "LS")])
        lost = every_source_row_accounted_for(con, "ssda903_episodes")
        con.execute("insert into staging.ssda903_episodes values ('900', ?, 'episodes.csv', 'h1', 3)", [MAR])
        found = every_source_row_accounted_for(con, "ssda903_episodes")
    assert not lost.passed
    assert lost.description.endswith("council 900, extract 2025-03-31, episodes.csv: 3 rows, 1 staged, 1 quarantined")
    assert found.passed


def _metric_values(con, rows):
    con.execute("create schema if not exists metrics")
    con.execute("create or replace table metrics.catalogue as select * from (values "
                "('rereferral_rate_12m', 'percent'), ('cla', 'count')) as t(metric_id, unit)")
    con.execute("create or replace table metrics.metric_values (la_code varchar, metric_id varchar, "
                "period_end date, value double, numerator double, denominator double)")
    con.executemany("insert into metrics.metric_values values ('900', ?, ?, ?, ?, ?)", rows)


def test_figures_that_cannot_be_fail_their_rule_and_only_theirs():
    with duckdb.connect() as con:
        _metric_values(con, [("rereferral_rate_12m", date(2025, 3, 31), 104.0, 26.0, 25.0),
                             ("cla", date(2025, 3, 31), 40.0, 40.0, None)])
        over_100 = {o.name: o for o in metric_sanity(con)}
        _metric_values(con, [("rereferral_rate_12m", date(2025, 3, 31), 20.0, 5.0, 25.0),
                             ("cla", date(2025, 3, 31), -1.0, -1.0, None)])
        negative = {o.name: o for o in metric_sanity(con)}
        _metric_values(con, [("rereferral_rate_12m", date(2025, 3, 31), 100.0, 25.0, 25.0),
                             ("cla", date(2025, 3, 31), 0.0, 0.0, None)])
        sound = metric_sanity(con)
    assert [n for n, o in over_100.items() if not o.passed] == ["percentages_within_0_and_100",
                                                                 "numerator_not_above_denominator"]
    assert "rereferral_rate_12m: 1 months from 2025-03-31 to 2025-03-31 (councils 900)" in \
        over_100["percentages_within_0_and_100"].description
    assert [n for n, o in negative.items() if not o.passed] == ["no_negative_figures"]
    assert all(o.passed for o in sound)
