from csc_scorecard.ingest.cin_census import UnreadableFile, read_cin_census
from tests.conftest import SAMPLES

import pytest


def _rows(path):
    out = {}
    for batch in read_cin_census(path):
        for table in batch.rows:
            out.setdefault(table, []).extend(batch.records(table))
    return out


def test_2024_sample_flattens_every_module_with_keys_that_tie_back():
    rows = _rows(SAMPLES / "cin_census" / "CIN_Census_2024.xml")
    assert len(rows["cin_children"]) == 2
    assert len(rows["cin_referrals"]) == 2
    assessment = rows["cin_assessments"][0]
    assert assessment["_child_seq"] == 1 and assessment["_referral_seq"] == 1
    assert assessment["LAchildID"] == "DfEX0000001"
    assert assessment["AssessmentFactors"] == "1C,RB,6B"
    assert rows["cin_children"][0]["Disabilities"] == "HAND,HEAR"
    assert rows["cin_children"][0]["Sex"] == "1"
    cp_plan = rows["cin_cp_plans"][0]
    assert cp_plan["CPPstartDate"] and cp_plan["_child_seq"] == 1


def test_2022_sample_uses_gender_current_and_true_false_nfa():
    rows = _rows(SAMPLES / "cin_census" / "fake_CIN_data.xml")
    first = rows["cin_children"][0]
    assert first["GenderCurrent"] == "1" and first.get("Sex") is None
    assert {r["ReferralNFA"] for r in rows["cin_referrals"]} >= {"true"}
    # A child with two CINdetails has two referral rows, numbered within the child.
    second_child = [r for r in rows["cin_referrals"] if r["_child_seq"] == 2]
    assert [r["_referral_seq"] for r in second_child] == [1, 2]


def test_namespaced_elements_are_read_the_same(tmp_path):
    path = tmp_path / "ns.xml"
    path.write_text('<Message xmlns="http://www.dfe.gov.uk/CIN"><Header><CollectionDetails><Collection>CIN'
                    '</Collection></CollectionDetails></Header><Children><Child><ChildIdentifiers>'
                    '<LAchildID>A1</LAchildID></ChildIdentifiers><CINdetails><CINreferralDate>2024-05-01'
                    '</CINreferralDate></CINdetails></Child></Children></Message>')
    rows = _rows(path)
    assert rows["cin_referrals"][0]["CINreferralDate"] == "2024-05-01"
    assert rows["cin_referrals"][0]["LAchildID"] == "A1"


def test_truncated_xml_names_the_file_and_the_fault(tmp_path):
    path = tmp_path / "cut.xml"
    text = (SAMPLES / "cin_census" / "fake_CIN_data.xml").read_text()
    path.write_text(text[: len(text) // 2])
    with pytest.raises(UnreadableFile) as err:
        _rows(path)
    assert "cut.xml" in str(err.value) and "truncated" in str(err.value)


def _return(children: str, root: str = "<Message>") -> str:
    return (f"{root}<Header><CollectionDetails><Collection>CIN</Collection></CollectionDetails></Header>"
            f"<Children>{children}</Children></Message>")


def _child(n: int, referral: str = "2024-05-01", extra: str = "") -> str:
    return (f"<Child><ChildIdentifiers><LAchildID>C{n}</LAchildID></ChildIdentifiers><CINdetails>"
            f"<CINreferralDate>{referral}</CINreferralDate>{extra}<Assessments><AssessmentActualStartDate>"
            f"2024-05-0{n % 9 + 1}</AssessmentActualStartDate></Assessments><Assessments>"
            f"<AssessmentActualStartDate>2024-06-0{n % 9 + 1}</AssessmentActualStartDate></Assessments>"
            "</CINdetails></Child>")


def test_a_repeated_leaf_keeps_both_values_so_its_format_check_sees_it(tmp_path):
    path = tmp_path / "repeated.xml"
    path.write_text(_return(_child(1, extra="<CINreferralDate>2024-05-09</CINreferralDate>")))
    assert _rows(path)["cin_referrals"][0]["CINreferralDate"] == "2024-05-01,2024-05-09"


def test_tabs_and_line_breaks_inside_values_are_kept_in_their_row(tmp_path):
    path = tmp_path / "breaks.xml"
    path.write_text(_return(_child(1, referral="2024-05-01\t") + _child(2, extra="<ReferralSource>1\nA</ReferralSource>")))
    rows = _rows(path)
    assert [r["LAchildID"] for r in rows["cin_referrals"]] == ["C1", "C2"]
    assert rows["cin_referrals"][0]["CINreferralDate"].strip() == "2024-05-01"  # the load trims it
    assert rows["cin_referrals"][1]["ReferralSource"] == "1\nA"
    assert len(rows["cin_assessments"]) == 4


def test_a_namespace_declared_partway_through_is_read_the_same(tmp_path):
    later = _child(2).replace("<Child>", '<Child xmlns="http://www.dfe.gov.uk/CIN">')
    path = tmp_path / "later.xml"
    path.write_text(_return(_child(1) + later,
                            root='<Message xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'))
    rows = _rows(path)
    assert [r["LAchildID"] for r in rows["cin_referrals"]] == ["C1", "C2"]
    assert len(rows["cin_assessments"]) == 4


def test_a_return_with_no_children_loads_nothing(tmp_path):
    path = tmp_path / "empty.xml"
    path.write_text(_return(""))
    assert all(rows == [] for rows in _rows(path).values())


def test_a_module_cannot_overwrite_the_child_id_its_rows_are_keyed_by(tmp_path):
    path = tmp_path / "stray_id.xml"
    path.write_text(_return(_child(1, extra="<LAchildID>SOMEONE-ELSE</LAchildID>")))
    rows = _rows(path)
    assert {r["LAchildID"] for r in rows["cin_referrals"] + rows["cin_assessments"]} == {"C1"}
