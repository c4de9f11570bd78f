"""The XML form of the SSDA903 return lands in the same raw and staging tables as its CSVs."""

from datetime import date

from csc_scorecard.pseudonym import child_key, pseudonym_key
from tests.conftest import land
from tests.ingest.staging_helpers import accounted, build_staging, ingest_all

EXTRACT = date(2025, 3, 31)

RETURN = """<?xml version="1.0" encoding="utf-8"?>
<EXPSSDA903>
  <CHILD>
    <HEADER><CHILDID>1001</CHILDID><UPN>A123</UPN><SEX>2</SEX><DOB>01/02/2012</DOB><ETHNIC>WBRI</ETHNIC>
      <UASC>0</UASC></HEADER>
    <EPISODE><DECOM>01/04/2024</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U1</PL>
      <PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC>01/06/2024</DEC><REC>X1</REC></EPISODE>
    <EPISODE><DECOM>01/06/2024</DECOM><RNE>P</RNE><LS>C2</LS><CIN>N1</CIN><PL>U4</PL>
      <PLACE_PROVIDER>PR1</PLACE_PROVIDER></EPISODE>
    <REVIEW><REVIEW>15/05/2024</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></REVIEW>
  </CHILD>
  <CHILD>
    <HEADER><CHILDID>1002</CHILDID><SEX>M</SEX><DOB>03/03/2009</DOB><ETHNIC>AOTH</ETHNIC></HEADER>
    <EPISODES>
      <EPISODE><DECOM>2024-09-01</DECOM><RNE>S</RNE><LS>V2</LS><CIN>N2</CIN><PL>R1</PL></EPISODE>
    </EPISODES>
    <MISSING_EPISODE><MISSING>M</MISSING><MIS_START>02/10/2024</MIS_START></MISSING_EPISODE>
    <UASC_STATUS><DUC>03/03/2027</DUC></UASC_STATUS>
  </CHILD>
</EXPSSDA903>
"""


def test_each_group_lands_in_its_table_with_the_childs_id_from_the_header(con, landing):
    land(landing, EXTRACT, {"ssda903_2025.xml": RETURN})
    summary = ingest_all(con, landing)["ssda903"]
    assert not summary.files_failed
    counts = dict(con.sql("select raw_table, rows_loaded from raw.loaded_files where rows_loaded > 0").fetchall())
    assert counts == {"ssda903_header": 2, "ssda903_episodes": 3, "ssda903_reviews": 1, "ssda903_missing": 1,
                      "ssda903_uasc": 1}
    # PL is the XML's name for PLACE; DOB and SEX come from the child's HEADER.
    assert con.sql("select CHILD, PLACE, DEC from raw.ssda903_episodes order by _row_number").fetchall() == [
        ("1001", "U1", "01/06/2024"), ("1001", "U4", None), ("1002", "R1", None)]
    assert con.sql("select CHILD, SEX, DOB, DUC from raw.ssda903_uasc").fetchall() == [
        ("1002", "M", "03/03/2009", "03/03/2027")]
    build_staging(con, "ssda903_episodes", "ssda903_header")
    # The ISO-written DECOM is quarantined as the file's third EPISODE.
    assert accounted(con, "ssda903_episodes") == (2, 1)
    assert con.sql("select source_row, column_name from staging.quarantine").fetchall() == [(3, "DECOM")]
    assert con.sql("select child_key, sex from staging.ssda903_header order by source_row").fetchall() == [
        (child_key(pseudonym_key(), "999", "1001"), "F"), (child_key(pseudonym_key(), "999", "1002"), "M")]


def test_a_group_matching_no_table_fails_the_file_rather_than_losing_it(con, landing):
    text = RETURN.replace("<REVIEW><REVIEW>15/05/2024</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></REVIEW>",
                          "<NOTE><TEXT>call back</TEXT><WHO>AB</WHO></NOTE>")
    land(landing, EXTRACT, {"ssda903_2025.xml": text})
    failed = ingest_all(con, landing)["ssda903"].files_failed
    assert failed == {str(landing / "2025-03-31" / "ssda903_2025.xml"):
                      "SSDA903 XML groups NOTE match no 903 table"}
    assert con.sql("select count(*) from raw.ssda903_episodes").fetchone() == (0,)
