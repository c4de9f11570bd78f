"""Plain CSVs of one table load together in one statement, to exactly the rows loading them one by one gives."""

from datetime import date, datetime

import duckdb
import pytest

from csc_scorecard.ingest.formats import HR, SSDA903
from csc_scorecard.ingest.load import CouncilLanding, create_raw_tables, load_plans, plan_families, plan_family
from csc_scorecard.ingest.landing import scan_file
from tests.conftest import SAMPLES, csv_text, land

NOW = datetime(2025, 4, 1, 6, 0)
MISSING = "CHILD,DOB,MISSING,MIS_START,MIS_END"
EPISODES_ROWS = 5050  # data rows of the sample episodes.csv


def _missing_rows(n: int, child: int = 0) -> list[str]:
    return [f"{child + i},01/01/2010,{'M' if i % 3 else 'A'},{1 + i % 28:02d}/02/2025," for i in range(n)]


def _load(con, landings: dict[str, object], family="ssda903", tables=SSDA903):
    """Every council's landing planned first, then loaded together, as the raw assets do."""
    create_raw_tables(con, tables)
    plans = plan_families(con, family, tables, [CouncilLanding(la, landing) for la, landing in landings.items()],
                          create_tables=False)
    return load_plans(con, plans, now=NOW)


def _raw(con, table):
    return con.sql(f"select * exclude (_loaded_at) from raw.{table} order by _la_code, _source_file, _row_number").fetchall()


def _loaded_files(con):
    return con.sql("select * exclude (loaded_at) from raw.loaded_files order by source_file, raw_table").fetchall()


def _councils(tmp_path, files_by_council: dict[str, dict[str, str | bytes]], extract=date(2025, 3, 31)):
    landings = {}
    for la, files in files_by_council.items():
        landings[la] = tmp_path / la
        land(landings[la], extract, files)
    return landings


def _one_by_one(tmp_path, files_by_council, **kwargs):
    """The same files loaded a council at a time, one file per council per table: never batched."""
    con = duckdb.connect(str(tmp_path / "one_by_one.duckdb"))
    for la, files in files_by_council.items():
        for name, text in files.items():
            _load(con, _councils(tmp_path / f"alone-{la}-{name}", {la: {name: text}}), **kwargs)
    return con


def _count_files_read_alone(monkeypatch) -> list:
    import csc_scorecard.ingest.load as load

    alone = []
    original = load.load_csv
    monkeypatch.setattr(load, "load_csv", lambda con, landed, **kw: alone.append(landed.path.name) or
                        original(con, landed, **kw))
    return alone


def test_several_councils_files_load_together_exactly_as_one_by_one(tmp_path, monkeypatch):
    # Big enough for several of DuckDB's 2,048-row vectors per file, and files of differing length.
    files = {
        "801": {"missing.csv": csv_text(MISSING, *_missing_rows(5000)), "episodes.csv":
                (SAMPLES / "ssda903" / "episodes.csv").read_text(encoding="utf-8-sig")},
        "802": {"missing.csv": csv_text(MISSING, *_missing_rows(3, child=900))},
        "803": {"m.csv": "\ufeff" + csv_text(MISSING, *_missing_rows(2100, child=5000))},
    }
    together = duckdb.connect(str(tmp_path / "together.duckdb"))
    read_alone = _count_files_read_alone(monkeypatch)
    summaries = _load(together, _councils(tmp_path / "together", files))
    assert [s.rows_loaded["ssda903_missing"] for s in summaries] == [5000, 3, 2100]
    assert read_alone == ["episodes.csv"]  # the three missing files (one with a BOM) in one statement

    alone = _one_by_one(tmp_path, files)
    for table in ("ssda903_missing", "ssda903_episodes"):
        expected = [row[:-3] + row[-2:] for row in _raw(alone, table)]  # source file differs: another folder
        assert [row[:-3] + row[-2:] for row in _raw(together, table)] == expected
    missing = together.sql("""
        select _la_code, count(*), min(_row_number), max(_row_number), count(distinct _row_number)
        from raw.ssda903_missing group by all order by 1
    """).fetchall()
    assert missing == [("801", 5000, 1, 5000, 5000), ("802", 3, 1, 3, 3), ("803", 2100, 1, 2100, 2100)]
    first_of_803 = together.sql("select CHILD from raw.ssda903_missing where _la_code = '803' and _row_number = 1")
    assert first_of_803.fetchone() == ("5000",)
    assert [(la, table, n) for la, _, _, _, table, n in _loaded_files(together)] == [
        ("801", "ssda903_episodes", EPISODES_ROWS), ("801", "ssda903_missing", 5000), ("802", "ssda903_missing", 3),
        ("803", "ssda903_missing", 2100)]


def test_reloading_a_batch_changes_nothing(tmp_path):
    landings = _councils(tmp_path, {la: {"missing.csv": csv_text(MISSING, *_missing_rows(4))} for la in ("801", "802")})
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    _load(con, landings)
    again = _load(con, landings)
    assert [s.files_loaded for s in again] == [[], []]
    assert [len(s.files_already_loaded) for s in again] == [1, 1]
    assert con.sql("select count(*) from raw.ssda903_missing").fetchone() == (8,)


def test_the_same_bytes_from_another_council_are_that_councils_file(tmp_path):
    """Councils are planned together (their files hashed at once); a file is already loaded only
    for the council that loaded it, and each council's plan is what planning it alone gives."""
    same = csv_text(MISSING, *_missing_rows(4))
    landings = _councils(tmp_path, {la: {"missing.csv": same} for la in ("801", "802", "803")})
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    _load(con, {"802": landings["802"]})
    plans = plan_families(con, "ssda903", SSDA903, [CouncilLanding(la, landing) for la, landing in landings.items()])
    assert [len(p.to_load) for p in plans] == [1, 0, 1]
    assert [p.summary.files_already_loaded for p in plans] == [[], [str(landings["802"] / "2025-03-31" / "missing.csv")], []]
    alone = [plan_family(con, "ssda903", SSDA903, landing=landing, la_code=la) for la, landing in landings.items()]
    assert [(p.la_code, p.to_load, p.plain_csvs) for p in plans] == [(p.la_code, p.to_load, p.plain_csvs) for p in alone]


def test_a_file_that_fails_a_batch_fails_alone_naming_itself_and_the_others_load(tmp_path, monkeypatch):
    files = {la: {"missing.csv": csv_text(MISSING, *_missing_rows(n))} for la, n in (("801", 10), ("802", 4), ("803", 7))}
    landings = _councils(tmp_path, files)
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    create_raw_tables(con, SSDA903)
    plans = plan_families(con, "ssda903", SSDA903, [CouncilLanding(la, landing) for la, landing in landings.items()],
                          create_tables=False)
    # Overwritten between planning and loading (a council re-sending its extract, from Excel).
    gone = landings["802"] / "2025-03-31" / "missing.csv"
    gone.write_bytes(csv_text(MISSING, *_missing_rows(3)).encode() + b"9,01/01/2010,M,caf\xe9,\r\n")
    read_alone = _count_files_read_alone(monkeypatch)
    summaries = load_plans(con, plans, now=NOW)
    assert len(read_alone) == 3  # the batch failed as a whole, then each file was read alone

    assert list(summaries[1].files_failed) == [str(gone)]
    # Nothing of the bad file is in raw; the files beside it loaded in full and are remembered.
    assert con.sql("select _la_code, count(*) from raw.ssda903_missing group by 1 order by 1").fetchall() == [
        ("801", 10), ("803", 7)]
    assert [(la, n) for la, _, _, _, _, n in _loaded_files(con)] == [("801", 10), ("803", 7)]


def test_a_file_that_is_not_text_is_kept_out_of_the_batch_and_fails_alone_naming_the_line(tmp_path, monkeypatch):
    # 0x81 is a byte neither UTF-8 nor Windows-1252 has.
    bad = csv_text(MISSING, "1,01/01/2010,M,01/02/2025,").encode() + b"2,01/01/2010,M,ca\x81,\r\n"
    files = {"801": {"missing.csv": csv_text(MISSING, *_missing_rows(10))},
             "802": {"missing.csv": bad},
             "803": {"missing.csv": csv_text(MISSING, *_missing_rows(7))}}
    landings = _councils(tmp_path, files)
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    read_alone = _count_files_read_alone(monkeypatch)
    summaries = _load(con, landings)
    assert read_alone == ["missing.csv"]  # the other two in one statement

    bad_path = str(landings["802"] / "2025-03-31" / "missing.csv")
    assert list(summaries[1].files_failed) == [bad_path]
    # The same message as loading that file on its own gives.
    alone = _load(duckdb.connect(str(tmp_path / "alone.duckdb")), {"802": landings["802"]})
    assert summaries[1].files_failed == alone[0].files_failed
    assert "line 3" in summaries[1].files_failed[bad_path] and "0x81" in summaries[1].files_failed[bad_path]
    assert con.sql("select _la_code, count(*) from raw.ssda903_missing group by 1 order by 1").fetchall() == [
        ("801", 10), ("803", 7)]


def test_files_that_are_not_plain_load_alone_as_before(tmp_path):
    quoted = csv_text(MISSING, '1,01/01/2010,M,"01/02/2025",', *_missing_rows(3, child=10))
    ragged = csv_text(MISSING, *_missing_rows(30), "99,01/01/2010", *_missing_rows(30, child=100))
    files = {"801": {"missing.csv": quoted}, "802": {"missing.csv": ragged},
             "803": {"missing.csv": csv_text(MISSING, *_missing_rows(2))},
             "804": {"missing.csv": csv_text(MISSING, *_missing_rows(2))}}
    together = duckdb.connect(str(tmp_path / "together.duckdb"))
    _load(together, _councils(tmp_path / "together", files))
    alone = _one_by_one(tmp_path, files)
    assert [row[:-3] + row[-2:] for row in _raw(together, "ssda903_missing")] == [
        row[:-3] + row[-2:] for row in _raw(alone, "ssda903_missing")]
    assert together.sql("select MIS_START from raw.ssda903_missing where _la_code = '801' and _row_number = 1"
                        ).fetchone() == ("01/02/2025",)


def test_hr_headers_in_other_spellings_batch_by_header(tmp_path):
    contract = "worker_id,role,team,fte,contract_type,start_date,end_date,leaving_reason,case_holder,caseload,qualified_date"
    files = {la: {"hr_staff.csv": csv_text(contract, f"W{la}1,Social Worker,T1,1,permanent,01/01/2020,,,Y,15,01/01/2019")}
             for la in ("801", "802")}
    files["803"] = {"staff.csv": csv_text(contract.upper(), "W8031,Social Worker,T1,1,agency,01/01/2020,,,Y,12,")}
    together = duckdb.connect(str(tmp_path / "together.duckdb"))
    _load(together, _councils(tmp_path / "together", files), family="hr", tables=HR)
    alone = _one_by_one(tmp_path, files, family="hr", tables=HR)
    assert [row[:-3] + row[-2:] for row in _raw(together, "hr_staff")] == [
        row[:-3] + row[-2:] for row in _raw(alone, "hr_staff")]
    assert together.sql("select worker_id, contract_type from raw.hr_staff order by 1").fetchall() == [
        ("W8011", "permanent"), ("W8021", "permanent"), ("W8031", "agency")]


@pytest.mark.parametrize("content, rows", [
    (b"A,B,C\r\n1,2,3\r\n4,5,6\r\n", 2),
    (b"A,B,C\n1,2,3\n4,5,6", 2),  # no newline after the last row
    (b"\xef\xbb\xbfA,B,C\n", 0),  # BOM, header only
    (b'A,B,C\n1,"2",3\n', None),  # a quote: the sniffer decides how to read it
    (b"A,B,C\n1,2\n", None),  # a short row
    (b"A,B,C\n1,2,3,4\n", None),  # a long row
    (b"A,B,C\n1,2,3\n\n4,5,6\n", None),  # a blank line
    (b"A,B,C\r1,2,3\r4,5,6\r", None),  # old Mac line ends
])
def test_a_plain_csv_is_counted_as_it_is_hashed(tmp_path, content, rows):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    digest, plain_rows = scan_file(path)
    assert plain_rows == rows
    assert digest == scan_file(path, csv=False)[0] and scan_file(path, csv=False)[1] is None


def test_a_plain_csv_is_counted_across_read_blocks(tmp_path):
    # Rows of 33 bytes, the first padded so that a \r\n straddles the first 1 MB block's end.
    rows = [f"{i:06d},01/01/2010,M,01/02/2025," for i in range(60_000)]
    rows[0] = "X" * 31 + rows[0]
    path = tmp_path / "big.csv"
    path.write_text(csv_text(MISSING, *rows), newline="")
    assert path.read_bytes()[(1 << 20) - 1:(1 << 20) + 1] == b"\r\n"
    assert scan_file(path)[1] == 60_000


def test_many_files_split_into_several_batches_load_the_same(tmp_path, monkeypatch):
    import csc_scorecard.ingest.load as load

    monkeypatch.setattr(load, "BATCH_FILES", 2)
    files = {str(800 + n): {"missing.csv": csv_text(MISSING, *_missing_rows(n + 1, child=100 * n))} for n in range(5)}
    together = duckdb.connect(str(tmp_path / "together.duckdb"))
    read_alone = _count_files_read_alone(monkeypatch)
    _load(together, _councils(tmp_path / "together", files))
    assert read_alone == ["missing.csv"]  # batches of 2, 2 and 1: the last read alone
    alone = _one_by_one(tmp_path, files)
    assert [row[:-3] + row[-2:] for row in _raw(together, "ssda903_missing")] == [
        row[:-3] + row[-2:] for row in _raw(alone, "ssda903_missing")]


def test_councils_sharing_a_folder_each_load_its_files(tmp_path):
    """A file listed by two councils is batched for the first and read alone for the second:
    each council gets its own rows, none is told its file loaded when it did not."""
    landings = _councils(tmp_path, {"801": {"missing.csv": csv_text(MISSING, *_missing_rows(4))},
                                    "803": {"missing.csv": csv_text(MISSING, *_missing_rows(6))}})
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    summaries = _load(con, {"801": landings["801"], "802": landings["801"], "803": landings["803"]})
    assert [s.rows_loaded["ssda903_missing"] for s in summaries] == [4, 4, 6]
    assert con.sql("select _la_code, count(*) from raw.ssda903_missing group by 1 order by 1").fetchall() == [
        ("801", 4), ("802", 4), ("803", 6)]
