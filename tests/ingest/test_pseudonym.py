"""The child key: HMAC-SHA256 of (la_code, child id) under a configured key."""

from datetime import date

import duckdb
import pytest

from pipelines.pseudonym import child_key, define_child_key, pseudonym_key
from pipelines.settings import SettingsError
from tests.conftest import csv_text, land
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
