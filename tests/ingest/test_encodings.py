"""Files are recognised by parsing them, in whatever encoding or namespace councils' tools write,
and load with the characters they hold; a file that is not text says where and how to fix it."""

import re
from datetime import date

import pytest

from csc_scorecard.ingest.formats import CIN_CENSUS, CSWW, HR, SSDA903
from csc_scorecard.ingest.encoding import Utf8Check
from csc_scorecard.ingest.landing import landed_files, scan_file
from csc_scorecard.ingest.load import plan_family
from tests.conftest import SAMPLES, cin_xml, csv_text, land
from tests.loading import ingest_family

EXTRACT = date(2025, 3, 31)
STAFF = ("worker_id,role,team,fte,contract_type,start_date,end_date,leaving_reason,case_holder,caseload,"
         "qualified_date")
# A free-text column as a UK analyst types it: the pound sign, accents, and Word's curly quotes and
# en dash (bytes 0x93, 0x94, 0x96 in Windows-1252, and nothing in Latin-1: the two are not the same).
REASON = "Left for agency work at £45/hr – “better pay” (Zoë’s team)"
TEAM = "Café Court Assessment"
STAFF_TEXT = csv_text(STAFF, f'W1,SW,{TEAM},1.0,permanent,01/04/2020,31/01/2025,"{REASON}",Y,0,01/07/2019',
                      "W2,SW,North,0.5,permanent,01/04/2021,,,Y,12,")


def _staff(con, landing, content: bytes, name="hr_staff.csv"):
    land(landing, EXTRACT, {name: content})
    summary = ingest_family(con, "hr", HR, landing=landing, la_code="999")
    rows = con.sql("select worker_id, team, leaving_reason from raw.hr_staff order by worker_id").fetchall() \
        if summary.files_loaded else []
    return summary, rows


EXPECTED_STAFF = [("W1", TEAM, REASON), ("W2", "North", None)]


def test_a_csv_excel_saved_on_a_uk_windows_pc_loads_its_pound_signs_accents_and_curly_quotes(con, landing):
    summary, rows = _staff(con, landing, STAFF_TEXT.encode("cp1252"))
    assert summary.files_failed == {}
    assert rows == EXPECTED_STAFF


def test_a_csv_utf8_with_excels_byte_order_mark_loads_the_same_characters(con, landing):
    summary, rows = _staff(con, landing, STAFF_TEXT.encode("utf-8-sig"))
    assert summary.files_failed == {}
    assert rows == EXPECTED_STAFF


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_a_utf16_csv_with_a_byte_order_mark_loads_the_same_characters(con, landing, codec):
    content = STAFF_TEXT.encode(codec)
    if codec == "utf-16-be":
        content = b"\xfe\xff" + content
    summary, rows = _staff(con, landing, content)
    assert summary.files_failed == {}
    assert rows == EXPECTED_STAFF


def test_a_csv_all_ascii_at_its_start_and_windows_1252_further_down_loads_as_windows_1252(con, landing):
    rows = [f"W{n},SW,North,1.0,permanent,01/04/2020,,,Y,10," for n in range(3, 4000)]
    text = csv_text(STAFF, *rows, f'W1,SW,{TEAM},1.0,permanent,01/04/2020,31/01/2025,"{REASON}",Y,0,')
    assert len(text) > 1 << 16  # beyond what classifying the file reads of it
    summary, loaded = _staff(con, landing, text.encode("cp1252"))
    assert summary.files_failed == {}
    assert ("W1", TEAM, REASON) in loaded and len(loaded) == 3998


def test_a_windows_1252_csv_is_read_alone_and_the_utf8_ones_beside_it_together(con, landing):
    land(landing, EXTRACT, {"staff_a.csv": STAFF_TEXT.replace("“", "").replace("”", "").replace('"', ""),
                            "staff_b.csv": csv_text(STAFF, "W9,SW,East,1.0,permanent,01/04/2020,,,Y,3,"),
                            "staff_c.csv": csv_text(STAFF, "W8,SW,West,1.0,permanent,01/04/2020,,,Y,4,").encode(
                                "utf-8"),
                            "staff_windows.csv": csv_text(STAFF, f"W7,SW,{TEAM},1.0,permanent,,,,Y,4,").encode(
                                "cp1252")})
    plan = plan_family(con, "hr", HR, landing=landing, la_code="999")
    plain = {path.name for path in plan.plain_csvs}
    assert "staff_windows.csv" not in plain and {"staff_b.csv", "staff_c.csv"} <= plain
    assert {landed.path.name: landed.encoding for landed, _ in plan.to_load}["staff_windows.csv"] == "cp1252"


def _failed(con, landing, content: bytes, name="hr_staff.csv") -> str:
    land(landing, EXTRACT, {name: content})
    summary = ingest_family(con, "hr", HR, landing=landing, la_code="999")
    assert con.sql("select count(*) from raw.hr_staff").fetchone() == (0,)  # nothing half-loaded
    return summary.files_failed[str(landing / EXTRACT.isoformat() / name)]


def test_a_csv_that_is_text_in_no_encoding_names_the_line_and_how_to_save_it(con, landing):
    content = (csv_text(STAFF, "W1,SW,North,1.0,permanent,01/04/2020,,,Y,0,") .encode()
               + b"W2,SW,So\x81th,1.0,permanent,01/04/2020,,,Y,0,\r\n")
    reason = _failed(con, landing, content)
    assert "line 3" in reason and "0x81" in reason and "CSV UTF-8" in reason
    assert "unicode" not in reason.lower() and "duckdb" not in reason.lower()  # not DuckDB's words


def test_a_csv_with_excels_utf8_mark_but_a_windows_1252_line_says_which_line(con, landing):
    content = ("\ufeff" + csv_text(STAFF, "W1,SW,North,1.0,permanent,01/04/2020,,,Y,0,")).encode() + (
        csv_text(STAFF, f"W2,SW,{TEAM},1.0,permanent,01/04/2020,,,Y,0,").split("\r\n", 1)[1].encode("cp1252"))
    reason = _failed(con, landing, content)
    assert reason.startswith("starts with the mark of a UTF-8 file, but line 3 ")
    assert "0xE9" in reason and "CSV UTF-8" in reason


def test_a_csv_mixing_utf8_and_windows_1252_rows_is_refused_naming_a_line_of_each(con, landing):
    content = (csv_text(STAFF, f"W1,SW,{TEAM},1.0,permanent,01/04/2020,,,Y,0,").encode("utf-8")
               + "W2,SW,Zoë Team,1.0,permanent,01/04/2020,,,Y,0,\r\n".encode("cp1252"))
    reason = _failed(con, landing, content)
    assert "mixes two encodings" in reason and "line 2" in reason and "line 3" in reason


def test_a_truncated_utf16_csv_says_it_was_cut_short(con, landing):
    reason = _failed(con, landing, STAFF_TEXT.encode("utf-16")[:-1])
    assert "cut short" in reason and "line 3" in reason


def test_a_binary_file_with_a_csv_name_is_not_loaded_as_text(con, landing):
    # Windows-1252 as far as bytes go (0xE9), but with the NUL bytes of a binary format.
    content = csv_text(STAFF).encode() + b"W1,SW,Caf\xe9,1.0\r\nW2,\x00\x00\x01\x02\x03,1.0\r\n"
    reason = _failed(con, landing, content)
    assert "line 3 holds a control character (0x00)" in reason and "CSV UTF-8" in reason


def test_an_excel_workbook_saved_with_a_csv_name_is_told_to_be_saved_as_csv(landing):
    land(landing, EXTRACT, {"hr_staff.csv": (SAMPLES / "annex_a" / "Annex_A.xlsx").read_bytes()})
    [landed] = landed_files(landing)
    assert landed.kind == "unrecognised" and "Excel workbook" in landed.reason and "CSV UTF-8" in landed.reason


# XML: the same returns under a namespace prefix, a default namespace, and in UTF-16.

def _prefixed(text: str, prefix: str = "cin", namespace: str = "http://www.dfe.gov.uk/CIN") -> str:
    """Every element of a return under a namespace prefix, as some suppliers' tools write them."""
    text = re.sub(r"<(/?)([A-Za-z])", rf"<\1{prefix}:\2", text)
    return text.replace(f"<{prefix}:Message>", f'<{prefix}:Message xmlns:{prefix}="{namespace}">', 1)


CHILDREN = [{"id": "Zoë-1", "referrals": [{"CINreferralDate": "2024-05-01", "ReferralSource": "1A"}]},
            {"id": "B2", "referrals": [{"CINreferralDate": "2024-06-01"}]}]


def _cin_rows(con, landing, content: bytes):
    land(landing, EXTRACT, {"return.xml": content})
    [landed] = landed_files(landing)
    assert landed.kind == "cin_census", landed.reason
    summary = ingest_family(con, "cin_census", CIN_CENSUS, landing=landing, la_code="999")
    assert summary.files_failed == {}
    return con.sql("select LAchildID, CINreferralDate from raw.cin_referrals order by _row_number").fetchall()


EXPECTED_REFERRALS = [("Zoë-1", "2024-05-01"), ("B2", "2024-06-01")]


def test_a_cin_return_with_a_namespace_prefix_is_recognised_and_loaded(con, landing):
    assert _cin_rows(con, landing, _prefixed(cin_xml(CHILDREN)).encode()) == EXPECTED_REFERRALS


def test_a_cin_return_with_a_default_namespace_is_recognised_and_loaded(con, landing):
    text = cin_xml(CHILDREN).replace("<Message>", '<Message xmlns="http://www.dfe.gov.uk/CIN">', 1)
    assert _cin_rows(con, landing, text.encode()) == EXPECTED_REFERRALS


def test_a_utf16_cin_return_with_a_byte_order_mark_is_recognised_and_loaded(con, landing):
    text = '<?xml version="1.0" encoding="UTF-16"?>\r\n' + cin_xml(CHILDREN)
    assert _cin_rows(con, landing, text.encode("utf-16")) == EXPECTED_REFERRALS


def test_a_cin_return_declared_windows_1252_loads_its_characters(con, landing):
    text = '<?xml version="1.0" encoding="windows-1252"?>' + cin_xml(CHILDREN)
    assert _cin_rows(con, landing, text.encode("cp1252")) == EXPECTED_REFERRALS


def test_a_collection_name_on_a_line_of_its_own_is_still_recognised(con, landing):
    text = cin_xml(CHILDREN).replace("<Collection>CIN</Collection>", "<Collection>\n    CIN\n  </Collection>")
    assert _cin_rows(con, landing, text.encode()) == EXPECTED_REFERRALS


def test_a_cin_return_saved_as_windows_1252_without_saying_so_is_named_with_the_line_and_the_fix(con, landing):
    text = cin_xml(CHILDREN).replace("<Children>", "<Children>\n", 1)
    land(landing, EXTRACT, {"return.xml": text.encode("cp1252")})
    summary = ingest_family(con, "cin_census", CIN_CENSUS, landing=landing, la_code="999")
    reason = summary.files_failed[str(landing / EXTRACT.isoformat() / "return.xml")]
    assert "line 2" in reason and 'encoding="windows-1252"' in reason and "UTF-8" in reason
    assert con.sql("select count(*) from raw.cin_children").fetchone() == (0,)


@pytest.mark.parametrize("write", [
    lambda text: _prefixed(text, "csww", "http://www.dfe.gov.uk/CSWW").encode(),
    lambda text: ('<?xml version="1.0" encoding="UTF-16"?>' + text).encode("utf-16"),
], ids=["namespace prefix", "UTF-16"])
def test_a_csww_return_in_either_form_loads_every_worker(con, landing, write):
    sample = (SAMPLES / "workforce" / "social_work_workforce_2022.xml").read_text(encoding="utf-8")
    body = sample.split("?>", 1)[1] if sample.startswith("<?xml") else sample
    land(landing, EXTRACT, {"csww.xml": write(body)})
    [landed] = landed_files(landing)
    assert landed.kind == "csww", landed.reason
    summary = ingest_family(con, "csww", CSWW, landing=landing, la_code="301")  # the LEA the sample declares
    assert summary.files_failed == {}
    workers = con.sql("select count(*), count(distinct SWENo) from raw.csww_workers").fetchone()
    assert workers[0] == body.count("<CSWWWorker>") > 0 and workers[1] > 0


SSDA903_RETURN = """<EXPSSDA903><CHILD><HEADER><CHILDID>C1</CHILDID><SEX>1</SEX><DOB>01/01/2015</DOB>
<ETHNIC>WBRI</ETHNIC></HEADER><EPISODE><DECOM>01/04/2024</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN>
<PL>U1</PL><PLACE_PROVIDER>PR1</PLACE_PROVIDER><HOME_POST>AB1</HOME_POST><PL_POST>AB2</PL_POST>
</EPISODE></CHILD></EXPSSDA903>"""


def test_a_utf16_ssda903_xml_return_is_recognised_and_loaded(con, landing):
    land(landing, EXTRACT, {"903.xml": ('<?xml version="1.0" encoding="utf-16"?>' + SSDA903_RETURN).encode("utf-16")})
    [landed] = landed_files(landing)
    assert landed.kind == "ssda903_xml", landed.reason
    ingest_family(con, "ssda903", SSDA903, landing=landing, la_code="999")
    assert con.sql("select CHILD, PLACE from raw.ssda903_episodes").fetchall() == [("C1", "U1")]


def test_a_dfe_return_of_another_collection_is_named_by_its_collection(landing):
    land(landing, EXTRACT, {"sen2.xml": cin_xml([]).replace(">CIN<", ">SEN2<")})
    [landed] = landed_files(landing)
    assert landed.kind == "unrecognised" and "SEN2 collection" in landed.reason


def test_a_file_named_xml_that_is_not_xml_says_so(landing):
    land(landing, EXTRACT, {"return.xml": "CHILD,DOB\r\n1,01/01/2015\r\n"})
    [landed] = landed_files(landing)
    assert landed.kind == "unrecognised" and landed.reason.startswith("not XML")


def test_the_word_cin_in_a_comment_does_not_make_a_file_a_cin_return(landing):
    land(landing, EXTRACT, {"notes.xml": "<Notes><!-- <Message><Collection>CIN</Collection> --><Note>x</Note></Notes>"})
    [landed] = landed_files(landing)
    assert landed.kind == "unrecognised"


@pytest.mark.parametrize("character, codec, utf8", [("é", "utf-8", True), ("€", "utf-8", True),
                                                   ("é", "cp1252", False)])
def test_a_csv_is_checked_for_utf8_as_it_is_hashed_even_with_a_character_across_two_read_blocks(
        tmp_path, character, codec, utf8):
    encoded = character.encode(codec)
    path = tmp_path / "x.csv"
    # The character's first byte is the first 1 MB block's last.
    path.write_bytes(b"A,B\n" + b"x" * ((1 << 20) - 5) + encoded + b",1\n" + b"y,2\n" * 10)
    check = Utf8Check()
    digest, plain_rows = scan_file(path, utf8=check)
    assert (check.close(), plain_rows) == (utf8, 11)
    assert digest == scan_file(path, csv=False)[0]
