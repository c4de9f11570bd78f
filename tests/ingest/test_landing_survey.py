"""Everything under a landing is accounted for: each file and folder has an outcome and a reason."""

from datetime import date

from csc_scorecard.ingest import landing as landing_module
from csc_scorecard.ingest.landing import survey
from tests.conftest import land

TODAY = date(2026, 12, 5)


def _outcomes(landing):
    return {e.relative: (e.landed.outcome if e.landed else e.outcome) for e in survey(landing, TODAY)}


def test_every_case_is_named_with_why(landing, tmp_path):
    folder = land(landing, date(2026, 11, 30), {".hidden.csv": "x\n", "empty.csv": "",
                                               "DoLo.csv": "CHILD,DOB,DOLO\n1,2020-01-01,2026-01-01\n"})
    for name in ("October 2026", "2026-02-31", "2099-01-31"):
        (landing / name).mkdir()
    (tmp_path / "outside.csv").write_text("CHILD\n")
    (folder / "link.csv").symlink_to(tmp_path / "outside.csv")
    assert _outcomes(landing) == {
        "2026-11-30": "", "2026-11-30/.hidden.csv": "hidden", "2026-11-30/DoLo.csv": "table not read",
        "2026-11-30/empty.csv": "empty", "2026-11-30/link.csv": "symlink (not followed)",
        "October 2026": "not a month folder", "2026-02-31": "not a real date", "2099-01-31": "dated in the future"}


def test_a_file_over_the_size_limit_is_reported_not_read(landing, monkeypatch):
    land(landing, date(2026, 11, 30), {"episodes.csv": "CHILD,DECOM\n1,2\n"})
    monkeypatch.setattr(landing_module, "MAX_FILE_BYTES", 5)
    entry = next(e for e in survey(landing, TODAY) if e.landed)
    assert entry.landed.outcome == "too large" and "MAX_FILE_BYTES" in entry.landed.reason


def test_a_return_landed_twice_in_one_folder_counts_once(con, landing):
    """`cin_census (1).xml` beside `cin_census.xml`, the same bytes: referrals are not doubled."""
    from csc_scorecard.ingest.families import FAMILIES
    from tests.conftest import cin_xml
    from tests.loading import ingest_family

    children = [{"id": f"C{n}", "referrals": [{"CINreferralDate": "2025-01-0%d" % (n + 1)}]} for n in range(3)]
    text = cin_xml(children)
    land(landing, date(2025, 3, 31), {"cin_census.xml": text, "cin_census (1).xml": text})
    tables, _ = FAMILIES["cin_census"]
    ingest_family(con, "cin_census", tables, landing=landing, la_code="999")
    assert con.sql("select count(*) from raw.cin_referrals").fetchone()[0] == 3
    files = con.sql("select count(*) from raw.loaded_files where raw_table = 'cin_referrals'").fetchone()[0]
    assert files == 1
