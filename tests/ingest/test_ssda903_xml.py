"""The XML form of the SSDA903 return lands in the same raw and staging tables as its CSVs."""

import csv
from datetime import date
from xml.sax.saxutils import escape

import pytest
from lxml import etree

from csc_scorecard.ingest.formats import SSDA903
from csc_scorecard.pseudonym import child_key, pseudonym_key
from tests.conftest import SAMPLES, land
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


def test_a_group_matching_no_table_loads_the_rest_and_is_told(con, landing):
    text = RETURN.replace("<REVIEW><REVIEW>15/05/2024</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></REVIEW>",
                          "<NOTE><TEXT>call back</TEXT><WHO>AB</WHO></NOTE>")
    land(landing, EXTRACT, {"ssda903_2025.xml": text})
    summary = ingest_all(con, landing)["ssda903"]
    assert not summary.files_failed
    assert summary.notes[str(landing / "2025-03-31" / "ssda903_2025.xml")] == [
        "SSDA903 XML group NOTE (1 record) matches no 903 table: not loaded",
        "HEADER element UASC (1 value) is no 903 column: not loaded"]
    assert con.sql("select count(*) from raw.ssda903_episodes").fetchone() == (3,)


# The DfE's layout (as in data-to-insight/csc-validator-be-903's fake_903.xml): most groups sit
# inside the HEADER, UASC, OC3 and AD1 are plain HEADER elements, episodes are the CHILD's own.
GROUPS_IN_HEADER = {
    "AREVIEW": "<REVIEW>15/05/2024</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE>",
    "OC2": "<SDQ_SCORE>12</SDQ_SCORE><CONVICTED>0</CONVICTED><HEALTH_CHECK>1</HEALTH_CHECK>",
    "AMISSING": "<MISSING>M</MISSING><MIS_START>02/10/2024</MIS_START><MIS_END>03/10/2024</MIS_END>",
    "PERMANENCE": "<PREV_PERM>Z1</PREV_PERM>",
    "AD_PLACED": "<DATE_PLACED>03/05/2024</DATE_PLACED><REASON_PLACED_CEASED>XXX</REASON_PLACED_CEASED>",
}
FIELDS_IN_HEADER = {  # table: its elements written straight into the HEADER
    "ssda903_uasc": "<UASC>1</UASC><DUC>15/12/2027</DUC>",
    "ssda903_oc3": "<IN_TOUCH>YES</IN_TOUCH><ACTIV>F2</ACTIV><ACCOM>S</ACCOM>",
    "ssda903_ad1": "<DATE_INT>03/05/2024</DATE_INT><DATE_MATCH>03/06/2024</DATE_MATCH><FOSTER_CARE>0</FOSTER_CARE>",
}
GROUPS_IN_CHILD = {
    "EPISODE": "<DECOM>01/04/2024</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U1</PL>",
    "SW_EPISODE": "<SW_ID>SW1</SW_ID><SW_DECOM>01/04/2024</SW_DECOM>",
}
TABLE_OF_GROUP = {"AREVIEW": "ssda903_reviews", "OC2": "ssda903_oc2", "AMISSING": "ssda903_missing",
                  "PERMANENCE": "ssda903_previous_permanence", "AD_PLACED": "ssda903_placed_for_adoption",
                  "EPISODE": "ssda903_episodes", "SW_EPISODE": "ssda903_sw_episodes"}


def _dfe_return(children: int) -> str:
    """A return in which child n has n records of each group and, every other child, the HEADER fields."""
    parts = ["<?xml version='1.0' encoding='us-ascii'?><EXPSSDA903>"]
    for n in range(1, children + 1):
        parts.append(f"<CHILD><HEADER><CHILDID>{n}</CHILDID><SEX>1</SEX><DOB>01/02/2012</DOB><ETHNIC>WBRI</ETHNIC>")
        if n % 2:
            parts += FIELDS_IN_HEADER.values()
        parts += [f"<{g}>{leaves}</{g}>" * n for g, leaves in GROUPS_IN_HEADER.items()]
        parts.append("<MOTHER /></HEADER>")
        parts += [f"<{g}>{leaves}</{g}>" * n for g, leaves in GROUPS_IN_CHILD.items()]
        parts.append("</CHILD>")
    return "".join(parts + ["</EXPSSDA903>"])


def _records_in(path) -> dict[str, int]:
    """Counted from the file itself: each group element, and each HEADER holding a table's fields."""
    tree = etree.parse(str(path))
    counts = {"ssda903_header": len(tree.findall(".//HEADER"))}
    for group, table in TABLE_OF_GROUP.items():
        counts[table] = counts.get(table, 0) + len(tree.findall(f".//{group}"))
    own = {table: set(SSDA903[table].columns) - {"CHILD", "SEX", "DOB"} for table in FIELDS_IN_HEADER}
    for table, names in own.items():
        counts[table] = sum(1 for h in tree.iter("HEADER")
                            if any((e.text or "").strip() for e in h if e.tag in names))
    return counts


def test_every_group_the_product_declares_is_loaded_wherever_the_return_nests_it(con, landing):
    folder = land(landing, EXTRACT, {"ssda903_2025.xml": _dfe_return(children=5)})
    summary = ingest_all(con, landing)["ssda903"]
    assert not summary.files_failed
    rows_in = _records_in(folder / "ssda903_2025.xml")
    assert set(rows_in) == set(SSDA903)  # the return exercises every 903 table
    rows_loaded = {t: con.sql(f"select count(*) from raw.{t}").fetchone()[0] for t in SSDA903}
    assert rows_loaded == rows_in
    assert rows_in["ssda903_reviews"] == 15 and rows_in["ssda903_uasc"] == 3
    # A nested record carries its child's id, as an episode does.
    assert con.sql("select distinct CHILD, DOB from raw.ssda903_reviews where CHILD = '2'").fetchall() == [
        ("2", "01/02/2012")]
    assert con.sql("select CHILD, SEX, DUC from raw.ssda903_uasc order by _row_number").fetchall() == [
        ("1", "1", "15/12/2027"), ("3", "1", "15/12/2027"), ("5", "1", "15/12/2027")]


def test_a_group_nested_in_an_episode_is_loaded_too(con, landing):
    text = RETURN.replace("<REC>X1</REC></EPISODE>",
                          "<REC>X1</REC><AMISSING><MISSING>A</MISSING><MIS_START>02/05/2024</MIS_START></AMISSING>"
                          "</EPISODE>")
    land(landing, EXTRACT, {"ssda903_2025.xml": text})
    ingest_all(con, landing)
    assert con.sql("select CHILD, MISSING from raw.ssda903_missing order by _row_number").fetchall() == [
        ("1001", "A"), ("1002", "M")]


SAMPLE_XMLS = sorted((SAMPLES / "ssda903").glob("*.xml"))


@pytest.mark.skipif(not (SAMPLES / "ssda903").is_dir(), reason="the shared samples are not on this machine")
def test_the_sample_csvs_written_as_one_dfe_xml_load_every_record(con, landing):
    """The public sample tables, nested as the DfE nests them, lose no record on the way in."""
    tables = {stem: _csv_records(SAMPLES / "ssda903" / f"{stem}.csv") for stem in
              ("header", "episodes", "reviews", "oc2", "missing", "previous_permanence", "placed_for_adoption",
               "uasc", "oc3", "ad1")}
    folder = land(landing, EXTRACT, {"ssda903_samples.xml": _nested_like_the_dfe(tables)})
    summary = ingest_all(con, landing)["ssda903"]
    assert not summary.files_failed
    rows_in = _records_in(folder / "ssda903_samples.xml")
    for table, n in rows_in.items():
        assert con.sql(f"select count(*) from raw.{table}").fetchone()[0] == n, table
    assert rows_in["ssda903_reviews"] > 0 and rows_in["ssda903_oc2"] > 0


@pytest.mark.parametrize("path", SAMPLE_XMLS, ids=lambda p: p.name)
def test_every_group_of_a_sample_xml_is_loaded(con, landing, path):
    land(landing, EXTRACT, {path.name: path.read_bytes()})
    summary = ingest_all(con, landing)["ssda903"]
    assert not summary.files_failed
    for table, n in _records_in(landing / EXTRACT.isoformat() / path.name).items():
        assert con.sql(f"select count(*) from raw.{table}").fetchone()[0] == n, table


def _csv_records(path) -> list[dict]:
    with path.open(newline="", encoding="utf-8-sig") as f:
        return [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(f)]


def _nested_like_the_dfe(tables: dict[str, list[dict]]) -> str:
    """One XML of the sample tables: each child's records under its HEADER or CHILD, as the DfE writes them.
    A record of a child without a header row gets a HEADER of its own (only CHILDID), as a faulty
    return might have."""
    group = {"reviews": "AREVIEW", "oc2": "OC2", "missing": "AMISSING", "previous_permanence": "PERMANENCE",
             "placed_for_adoption": "AD_PLACED"}
    children: dict[str, dict] = {}
    for stem, rows in tables.items():
        for row in rows:
            child = children.setdefault(row.get("CHILD", ""), {"header": {}, "fields": [], "in_header": [],
                                                                "episodes": []})
            if stem == "header":
                child["header"] = row
            elif stem == "episodes":
                child["episodes"].append(row)
            elif stem in group:
                child["in_header"].append((group[stem], row))
            else:  # uasc, oc3, ad1: plain HEADER elements, one record per child
                child["fields"].append(row)

    def leaves(row, skip=("CHILD", "SEX", "DOB")):
        return "".join(f"<{'PL' if k == 'PLACE' else k}>{escape(v)}</{'PL' if k == 'PLACE' else k}>"
                       for k, v in row.items() if v and k not in skip)

    parts = ["<?xml version='1.0' encoding='utf-8'?><EXPSSDA903>"]
    for child_id, child in children.items():
        header = {"CHILD": child_id, **child["header"]}
        for row in child["fields"]:
            header = {**row, **header}
        parts.append(f"<CHILD><HEADER><CHILDID>{escape(child_id)}</CHILDID>{leaves(header, skip=('CHILD',))}")
        parts += [f"<{g}>{leaves(row)}</{g}>" for g, row in child["in_header"]]
        parts.append("</HEADER>")
        parts += [f"<EPISODE>{leaves(row)}</EPISODE>" for row in child["episodes"]]
        parts.append("</CHILD>")
    return "".join(parts + ["</EXPSSDA903>"])
