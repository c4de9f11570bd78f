from datetime import date

import pytest

from csc_scorecard.ingest.formats import SSDA903
from csc_scorecard.ingest.landing import classify, extract_folders, landed_files
from tests.conftest import SAMPLES, land


@pytest.mark.parametrize("path", sorted((SAMPLES / "ssda903").glob("*.csv")), ids=lambda p: p.name)
def test_every_sample_903_file_is_recognised_by_its_header(path):
    landed = classify(path, date(2024, 3, 31))
    assert landed.kind == "csv"
    assert landed.table.name == f"ssda903_{path.stem}"


def test_header_and_uasc_share_columns_but_are_told_apart():
    header_cols = ",".join(SSDA903["ssda903_header"].columns)
    uasc_cols = ",".join(SSDA903["ssda903_uasc"].columns)
    assert classify_text(header_cols).table.name == "ssda903_header"
    assert classify_text(uasc_cols).table.name == "ssda903_uasc"


def classify_text(header, tmp=None):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "x.csv"
        p.write_text(header + "\n")
        return classify(p, date(2025, 1, 31))


def test_bom_and_windows_line_endings_still_recognised():
    landed = classify_text("\ufeffCHILD,DOB,MISSING,MIS_START,MIS_END\r")
    assert landed.table.name == "ssda903_missing"


def test_unrecognised_files_say_why(landing):
    land(landing, date(2025, 1, 31), {"notes.txt": "hello", "empty.csv": "", "odd.csv": "A,B\n1,2\n"})
    reasons = {f.path.name: f.reason for f in landed_files(landing)}
    assert reasons["notes.txt"] == "unknown file type .txt"
    assert reasons["empty.csv"] == "empty file (no header row)"
    assert "matches no known table" in reasons["odd.csv"]


def test_extract_folders_are_date_named_and_in_date_order(landing):
    for name in ("2025-02-28", "2025-01-31", "incoming", "2025-13-01"):
        (landing / name).mkdir()
    assert [d for d, _ in extract_folders(landing)] == [date(2025, 1, 31), date(2025, 2, 28)]


def test_cin_census_xml_recognised_by_content():
    landed = classify(SAMPLES / "cin_census" / "fake_CIN_data.xml", date(2022, 3, 31))
    assert landed.kind == "cin_census"
