import shutil
from datetime import date

from csc_scorecard.ingest.families import FAMILIES
from tests.loading import ingest_family
from tests.conftest import SAMPLE_CIN_COUNCILS, SAMPLES, csv_text, land

EXTRACT = date(2024, 3, 31)


def _ingest_all(con, landing, la_code="999"):
    return {family: ingest_family(con, family, tables, landing=landing, la_code=la_code)
            for family, (tables, _) in FAMILIES.items()}


def _data_rows(path):
    return sum(1 for line in path.read_text(encoding="utf-8-sig").splitlines()[1:] if line.strip())


def test_every_sample_row_reaches_raw_with_its_lineage(con, landing):
    folder = land(landing, EXTRACT, {})
    for path in (SAMPLES / "ssda903").glob("*.csv"):
        shutil.copy(path, folder / path.name)
    _ingest_all(con, landing)
    for path in (SAMPLES / "ssda903").glob("*.csv"):
        table = f"raw.ssda903_{path.stem}"
        assert con.sql(f"select count(*) from {table}").fetchone()[0] == _data_rows(path), table
    lineage = con.sql("""
        select count(*) filter (where _source_file is null or _file_hash is null or _loaded_at is null
                                or _row_number is null or _extract_date <> date '2024-03-31')
        from raw.ssda903_episodes
    """).fetchone()[0]
    assert lineage == 0
    # Row numbers run 1..n in file order, so a bad value can be found in the source file.
    first = con.sql("select CHILD, DECOM from raw.ssda903_episodes where _row_number = 1").fetchone()
    assert first == ("566910", "15/02/2016")


def test_loading_the_same_files_twice_changes_nothing(con, landing):
    land(landing, EXTRACT, {"missing.csv": (SAMPLES / "ssda903" / "missing.csv").read_text()})
    _ingest_all(con, landing)
    second = _ingest_all(con, landing)["ssda903"]
    assert second.files_loaded == [] and len(second.files_already_loaded) == 1
    assert con.sql("select count(*) from raw.ssda903_missing").fetchone()[0] == 43


def test_a_newer_extract_is_kept_beside_the_older_one(con, landing):
    header = "CHILD,DOB,MISSING,MIS_START,MIS_END"
    land(landing, date(2025, 1, 31), {"missing.csv": csv_text(header, "1,01/01/2010,M,01/01/2025,02/01/2025")})
    land(landing, date(2025, 2, 28), {"missing.csv": csv_text(header, "1,01/01/2010,M,01/01/2025,02/01/2025",
                                                                  "2,01/01/2011,A,03/02/2025,")})
    _ingest_all(con, landing)
    by_extract = con.sql("select _extract_date, count(*) from raw.ssda903_missing group by 1 order by 1").fetchall()
    assert by_extract == [(date(2025, 1, 31), 1), (date(2025, 2, 28), 2)]


def test_values_are_kept_exactly_as_written(con, landing):
    land(landing, EXTRACT, {"m.csv": "\ufeffCHILD,DOB,MISSING,MIS_START,MIS_END\r\n12345.0 ,01/01/2010,M ,bad date,\r\n"})
    _ingest_all(con, landing)
    assert con.sql("select CHILD, MISSING, MIS_START, MIS_END from raw.ssda903_missing").fetchone() == (
        "12345.0 ", "M ", "bad date", None)


def test_an_unreadable_file_fails_alone(con, landing):
    text = (SAMPLES / "cin_census" / "fake_CIN_data.xml").read_text()
    land(landing, EXTRACT, {"cin.xml": text[: len(text) // 2],
                            "missing.csv": (SAMPLES / "ssda903" / "missing.csv").read_text()})
    summaries = _ingest_all(con, landing, la_code=SAMPLE_CIN_COUNCILS["fake_CIN_data.xml"])
    failed = summaries["cin_census"].files_failed
    assert list(failed) == [str(landing / "2024-03-31" / "cin.xml")]
    assert "not well-formed XML" in failed[str(landing / "2024-03-31" / "cin.xml")]
    # Nothing of the broken file is half-loaded; the CSV beside it loaded in full.
    assert con.sql("select count(*) from raw.cin_referrals").fetchone()[0] == 0
    assert con.sql("select count(*) from raw.ssda903_missing").fetchone()[0] == 43


def test_a_reason_quoting_the_file_never_puts_raw_bytes_on_the_terminal():
    from csc_scorecard.ingest.formats import printable
    assert printable("bad \x1b[2J\x00 value") == "bad \\x1b[2J\\x00 value"
    assert printable("x" * 100, limit=10) == "xxxxxxxxxx... (100 characters)"
