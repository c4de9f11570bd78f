"""The child key: HMAC-SHA256 of (la_code, child id) under a configured key."""

from datetime import date

import duckdb
import pytest

from csc_scorecard.pseudonym import child_key, define_child_key, pseudonym_key
from csc_scorecard.settings import SettingsError
from tests.conftest import cin_xml, csv_text, land
from tests.ingest.staging_helpers import build_staging, ingest_all

KEY = "a-test-key-of-enough-length"


def test_the_sql_macro_is_hmac_sha256():
    con = duckdb.connect()
    define_child_key(con, {"CSC_PSEUDONYM_KEY": KEY})
    for la_code, child in [("999", "12345"), ("201", "DfEX0000001"), ("999", "x" * 200)]:
        assert con.execute("select child_key(?, ?)", [la_code, child]).fetchone()[0] == \
            child_key(KEY.encode(), la_code, child)
    # A key longer than SHA-256's block is hashed first (RFC 2104), as Python's hmac does.
    long_key = "k" * 100
    define_child_key(con, {"CSC_PSEUDONYM_KEY": long_key})
    assert con.execute("select child_key('999', '1')").fetchone()[0] == child_key(long_key.encode(), "999", "1")


def test_the_key_depends_on_the_secret_and_the_council():
    assert child_key(b"key-one-0123456789", "999", "1") != child_key(b"key-two-0123456789", "999", "1")
    assert child_key(KEY.encode(), "999", "1") != child_key(KEY.encode(), "998", "1")


def test_a_key_file_is_created_once_and_then_reused(tmp_path):
    path = tmp_path / "secrets" / "pseudonym.key"
    first = pseudonym_key({"CSC_PSEUDONYM_KEY_FILE": str(path)})
    assert path.exists() and oct(path.stat().st_mode & 0o777) == "0o600"
    assert pseudonym_key({"CSC_PSEUDONYM_KEY_FILE": str(path)}) == first


def test_a_short_key_is_refused():
    with pytest.raises(SettingsError, match="at least 16"):
        pseudonym_key({"CSC_PSEUDONYM_KEY": "short"})


def test_staging_shows_the_child_key_not_the_councils_id(con, landing):
    land(landing, date(2025, 3, 31), {"missing.csv": csv_text("CHILD,DOB,MISSING,MIS_START,MIS_END",
                                                              "12345.0 ,01/01/2010,M,01/01/2025,")})
    ingest_all(con, landing)
    build_staging(con, "ssda903_missing")
    staged = con.sql("select * from staging.ssda903_missing").fetchone()
    columns = [c[0] for c in con.sql("describe staging.ssda903_missing").fetchall()]
    assert "CHILD" not in columns and "child_id" not in columns
    # Excel's 12345.0 and a trailing space give the same child as 12345.
    assert staged[columns.index("child_key")] == child_key(pseudonym_key(), "999", "12345")
    assert not any(v == "12345" or v == "12345.0 " for v in staged)


def _child_keys_in(con, table: str) -> list:
    return con.sql(f"select la_code, child_key from staging.{table} order by la_code, child_seq").fetchall()


def test_cin_modules_carry_their_childs_key_even_when_the_child_is_quarantined(con, landing):
    assessment = "<Assessments><AssessmentActualStartDate>2025-01-06</AssessmentActualStartDate></Assessments>"
    xml = cin_xml([{"id": "C1", "referrals": [{"CINreferralDate": "2025-01-05", "modules": assessment}]},
                   {"id": "C2", "referrals": [{"CINreferralDate": "2025-02-05", "modules": assessment}]}])
    # C2's birth date is not YYYY-MM-DD: the child row is quarantined, its referral is not.
    xml = xml.replace("<LAchildID>C2</LAchildID><PersonBirthDate>2015-01-01",
                      "<LAchildID>C2</LAchildID><PersonBirthDate>01/01/2015")
    land(landing, date(2025, 3, 31), {"cin.xml": xml})
    ingest_all(con, landing)
    build_staging(con, "cin_children", "cin_referrals", "cin_assessments")
    key = pseudonym_key()
    assert con.sql("select child_key from staging.cin_children").fetchall() == [(child_key(key, "999", "C1"),)]
    expected = [("999", child_key(key, "999", "C1")), ("999", child_key(key, "999", "C2"))]
    assert _child_keys_in(con, "cin_referrals") == expected
    assert _child_keys_in(con, "cin_assessments") == expected


def test_councils_sharing_a_return_each_get_their_own_childs_key(con, landing):
    # A return that declares no LA loads for each council it is landed for (one declaring one, only for that).
    xml = cin_xml([{"id": "C1", "referrals": [{"CINreferralDate": "2025-01-05"}]}]).replace("<LEA>999</LEA>", "")
    assert "<LEA>" not in xml
    land(landing, date(2025, 3, 31), {"cin.xml": xml})
    ingest_all(con, landing, la_code="201")
    ingest_all(con, landing, la_code="202")
    build_staging(con, "cin_children", "cin_referrals")
    key = pseudonym_key()
    # One referral per council (not one per council per child row of the same file), each its council's key.
    assert _child_keys_in(con, "cin_referrals") == [("201", child_key(key, "201", "C1")),
                                                    ("202", child_key(key, "202", "C1"))]


def test_a_return_sent_again_with_changes_keeps_one_key_per_referral(con, landing):
    # The same file name with new content in the same extract loads again beside the first version:
    # each referral takes its key from its own version's child row, and is not repeated per version.
    first = cin_xml([{"id": "C1", "referrals": [{"CINreferralDate": "2025-01-05"}]}])
    again = cin_xml([{"id": "C1", "referrals": [{"CINreferralDate": "2025-01-05"}, {"CINreferralDate": "2025-02-05"}]}])
    for xml in (first, again):
        land(landing, date(2025, 3, 31), {"cin.xml": xml})
        ingest_all(con, landing)
    assert con.sql("select count(distinct _file_hash), count(*) from raw.cin_referrals").fetchone() == (2, 3)
    build_staging(con, "cin_children", "cin_referrals")
    assert _child_keys_in(con, "cin_referrals") == [("999", child_key(pseudonym_key(), "999", "C1"))] * 3
