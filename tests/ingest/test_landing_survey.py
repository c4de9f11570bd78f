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


EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
EPISODE = "C{n},01/0{n}/2025,S,C2,N1,U1,PR1,,,,,,\n"


def _build(con, landing, months=None, now=None):
    """Load every return of the landing (or of these months) and write the report, as a build's raw
    assets do, one after another; returns what the build said was not read."""
    from datetime import datetime

    from csc_scorecard.ingest.families import FAMILIES
    from csc_scorecard.ingest.landing_report import write_landing_report
    from csc_scorecard.ingest.load import load_planned, plan_family

    now, said = now or datetime.now(), []
    for family, (tables, _) in FAMILIES.items():
        plan = plan_family(con, family, tables, landing=landing, la_code="999", extract_month=months)
        load_planned(con, plan, now=now)
        said += write_landing_report(con, {"999": landing}, family=family, plans=[plan],
                                     months={"999": set(months) if months else None}, now=now).first_said
    return said


def _report(con):
    return {path: (outcome, rows, reason) for path, outcome, rows, reason in con.execute(
        "select path, outcome, rows_loaded, reason from quality.landing_files").fetchall()}


def test_a_stray_file_is_said_once_a_build_however_many_returns_load(con, landing):
    folder = land(landing, date(2025, 3, 31), {"episodes.csv": EPISODES + EPISODE.format(n=1), "notes.txt": "hi"})
    (landing / "March").mkdir()
    (landing / "March" / "episodes.csv").write_text(EPISODES)
    first = _build(con, landing)
    assert sorted(path for path, _ in first) == [str(folder / "notes.txt"), str(landing / "March")]
    assert dict(first)[str(landing / "March")].endswith("what it holds is not read either (1 in quality.landing_files)")
    # The next build says it again: each build's output stands alone (a cron job mails each one).
    assert sorted(path for path, _ in _build(con, landing)) == sorted(path for path, _ in first)
    assert _report(con)["2025-03-31/notes.txt"][0] == "unrecognised"


def test_a_file_removed_from_the_landing_is_reported_as_loaded_before_its_rows_still_in_raw(con, landing):
    february = land(landing, date(2025, 2, 28), {"episodes.csv": EPISODES + EPISODE.format(n=1)})
    land(landing, date(2025, 3, 31), {"episodes.csv": EPISODES + EPISODE.format(n=2)})
    _build(con, landing)
    (february / "episodes.csv").unlink()
    _build(con, landing, months=[date(2025, 3, 1)])  # as the sensor builds the month that changed
    outcome, rows, reason = _report(con)["2025-02-28/episodes.csv"]
    assert (outcome, rows) == ("no longer in the landing", 1) and "stay in the warehouse" in reason
    assert _report(con)["2025-03-31/episodes.csv"][:2] == ("loaded", 1)


def test_a_file_replaced_in_a_month_not_built_is_not_said_to_be_loaded_until_it_is(con, landing):
    import os
    import time

    february = land(landing, date(2025, 2, 28), {"episodes.csv": EPISODES + EPISODE.format(n=1)})
    land(landing, date(2025, 3, 31), {"episodes.csv": EPISODES + EPISODE.format(n=2)})
    _build(con, landing)
    (february / "episodes.csv").write_text(EPISODES + EPISODE.format(n=1) + EPISODE.format(n=3))
    later = time.time() + 60
    os.utime(february / "episodes.csv", (later, later))
    _build(con, landing, months=[date(2025, 3, 1)])
    outcome, _, reason = _report(con)["2025-02-28/episodes.csv"]
    assert outcome == "not loaded yet" and "changed since it was loaded" in reason
    _build(con, landing, months=[date(2025, 2, 1)])
    # The report speaks of the version in the landing, not of both versions raw keeps.
    assert _report(con)["2025-02-28/episodes.csv"][:2] == ("loaded", 2)
