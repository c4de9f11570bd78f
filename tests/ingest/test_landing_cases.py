"""Every landing case, built whole: each record landed is loaded or in a file named as not read, and
the build's exit code says whether the board can trust the month (csc_tools.landing_cases)."""

import pytest

from csc_tools.landing_cases import CASES, run


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_every_landed_record_is_loaded_or_in_a_file_named_as_not_read(case, tmp_path, monkeypatch):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    accounting = run(case, tmp_path / "case")
    assert accounting.rows_in > 0
    assert accounting.rows_loaded + accounting.rows_not_read == accounting.rows_in
    assert accounting.not_read == case.not_read
    assert accounting.rows_quarantined >= case.set_aside
    assert accounting.exit_code == case.exit_code
