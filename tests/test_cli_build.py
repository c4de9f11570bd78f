"""`csc-scorecard build`: the asset graph in-process, with an exit code a cron job can act on."""

import re
import shutil
from datetime import date

import duckdb
from dagster._core.definitions.partitions.definition.multi import MultiPartitionsDefinition

from csc_scorecard.cli import EXIT_NOTHING_LANDED, EXIT_OK, EXIT_STEP_FAILED, main
from csc_scorecard.metrics.catalogue import load_catalogue
from tests.conftest import SAMPLE_CIN_COUNCILS, SAMPLES, land


def _build(tmp_path, landing):
    return main(["build", "--landing", str(landing), "--warehouse", str(tmp_path / "w.duckdb"),
                 "--exports", str(tmp_path / "exports")])


def test_build_on_the_sample_returns_reaches_the_metrics(tmp_path, landing, capsys, monkeypatch):
    # Each CIN sample loads only for the council it declares: built as an alliance of those councils,
    # the SSDA903 sample landed with the first.
    councils = sorted(set(SAMPLE_CIN_COUNCILS.values()))
    settings = [f'warehouse = "{tmp_path / "w.duckdb"}"', f'exports = "{tmp_path / "exports"}"']
    for code in councils:
        settings += ["[[councils]]", f'la_code = "{code}"', f'la_name = "Sample {code}"', "population_0_17 = 10000",
                     f'landing = "{landing / code}"']
        land(landing / code, date(2024, 3, 31), {})
    (tmp_path / "alliance.toml").write_text("\n".join(settings) + "\n")
    monkeypatch.setenv("CSC_SETTINGS_FILE", str(tmp_path / "alliance.toml"))
    for path in (SAMPLES / "cin_census").glob("*.xml"):
        shutil.copy(path, landing / SAMPLE_CIN_COUNCILS[path.name] / "2024-03-31" / path.name)
    for path in (SAMPLES / "ssda903").glob("*.csv"):
        shutil.copy(path, landing / councils[0] / "2024-03-31" / path.name)
    listed = MultiPartitionsDefinition._get_partition_keys.cache_info().misses
    assert main(["build"]) == EXIT_OK
    # Raw's partitions (council x month) are listed once for the run (and once to find the landed
    # ones), not again by every step downstream of raw: 0.3 s a step for England.
    assert MultiPartitionsDefinition._get_partition_keys.cache_info().misses - listed <= 2
    out, err = capsys.readouterr()
    assert f"warehouse: {tmp_path / 'w.duckdb'}" in out
    # stderr is not a terminal here (as under cron): no progress lines.
    assert not re.search(r"step \d+ of \d+", err)
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        computed = {r[0] for r in con.sql("select distinct metric_id from metrics.metric_values").fetchall()}
        # No HR extract (no establishment, staff list or caseloads to take a snapshot from), no
        # Annex A workbook (no contacts or their decisions, no children in care's list 8, no care
        # leavers' list 9) and no fostering households list among the returns copied here.
        assert computed == {m.metric_id for m in load_catalogue()} - {
            "vacancy_rate", "caseload_per_fte", "case_holders_over_20_cases_rate", "case_holders_over_25_cases_rate",
            "contacts", "contact_conversion_rate", "contact_decisions_within_1wd", "return_interviews_offered_rate",
            "return_interviews_accepted_rate", "care_leavers_with_personal_adviser",
            "care_leavers_17_18_with_personal_adviser", "care_leavers_19_21_with_personal_adviser",
            "fostering_households_approved", "fostering_approvals_12m", "fostering_deregistrations_12m",
            "fostering_enquiry_conversion_12m", "fostering_days_application_to_approval_12m"}
    with duckdb.connect(str(tmp_path / ".w.building.duckdb"), read_only=True) as con:  # raw: the working file
        assert con.sql("select count(*) from raw.cin_referrals").fetchone()[0] == 404


def test_an_unreadable_file_fails_the_build_naming_the_file(tmp_path, landing, capsys, monkeypatch):
    monkeypatch.setenv("CSC_LA_CODE", SAMPLE_CIN_COUNCILS["fake_CIN_data.xml"])  # the council it declares
    text = (SAMPLES / "cin_census" / "fake_CIN_data.xml").read_text()
    land(landing, date(2024, 3, 31), {"cin.xml": text[:5000]})
    assert _build(tmp_path, landing) == EXIT_STEP_FAILED
    err = capsys.readouterr().err
    assert "STEP FAILED  raw_cin_census" in err and "cin.xml" in err and "not well-formed XML" in err


def test_a_landing_without_an_extract_folder_says_nothing_could_be_loaded_and_reports_why(tmp_path, landing,
                                                                                         capsys):
    (landing / "October 2026").mkdir()  # not a YYYY-MM-DD extract folder
    (landing / "October 2026" / "episodes.csv").write_text("CHILD,DECOM\n")
    (landing / "2026-02-31").mkdir()
    (landing / "stray.csv").write_text("CHILD\n")
    assert _build(tmp_path, landing) == EXIT_NOTHING_LANDED
    out, err = capsys.readouterr()
    assert "NOTHING LOADED  nothing could be loaded: no extract folder named by its extract date" in err
    assert "2026-02-31 (not a real date), October 2026 (not a month folder), stray.csv (not in an extract folder)" in err
    assert "landing: 0 files loaded, 4 files or folders not read" in out
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        report = dict(con.sql("select path, outcome from quality.landing_files").fetchall())
    assert report == {"2026-02-31": "not a real date", "October 2026": "not a month folder",
                      "October 2026/episodes.csv": "not a month folder", "stray.csv": "not in an extract folder"}


def test_a_stray_file_is_warned_about_once_and_counted_once(tmp_path, landing, capsys):
    folder = land(landing, date(2024, 3, 31), {"notes.txt": "ring Sam about the March extract"})
    shutil.copy(SAMPLES / "ssda903" / "episodes.csv", folder / "episodes.csv")
    assert _build(tmp_path, landing) == EXIT_OK
    out, err = capsys.readouterr()
    # Five returns load, each from the same landing: the stray file is still one thing to fix.
    assert err.count("notes.txt") == 1
    warnings = int(re.search(r"data checks: \d+ passed, (\d+) warnings", out)[1])
    assert warnings == out.count("\n  warning  ") + 1
    assert "   1  unrecognised" in out


def test_a_build_counts_each_asset_once_and_runs_as_the_monthly_build_job(tmp_path, landing, capsys,
                                                                          monkeypatch):
    import dagster as dg

    from csc_scorecard.definitions import build_definitions
    from csc_scorecard.settings import load_deployment

    (tmp_path / "dagster_home").mkdir()
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))  # a kept run history to read
    # Two extract months: each raw asset materialises once per month, and is still one asset.
    for month_end in (date(2024, 2, 29), date(2024, 3, 31)):
        folder = land(landing, month_end, {})
        for path in (SAMPLES / "ssda903").glob("*.csv"):
            shutil.copy(path, folder / path.name)
    assert _build(tmp_path, landing) == EXIT_OK
    deployment = load_deployment().with_paths(landing=landing)
    assets = {key for a in build_definitions(deployment).assets for key in a.keys}
    assert f"built {len(assets)} assets;" in capsys.readouterr().out
    runs = dg.DagsterInstance.from_config(str(tmp_path / "dagster_home")).get_runs(limit=1)
    assert runs and runs[0].job_name == "monthly_build"


def test_the_version_is_the_installed_package_s(capsys):
    from importlib.metadata import version

    import pytest

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"csc-scorecard {version('csc-scorecard')}"


def test_a_build_at_a_terminal_says_which_step_of_how_many_and_for_how_long(tmp_path, landing, monkeypatch,
                                                                           capsys):
    import io
    import sys

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    folder = land(landing, date(2024, 3, 31), {})
    shutil.copy(SAMPLES / "ssda903" / "episodes.csv", folder / "episodes.csv")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert _build(tmp_path, landing) == EXIT_OK
    # Dagster's warnings (a failed warning-level check) share stderr with the progress lines.
    lines = [line for line in terminal.getvalue().splitlines() if " step " in line and "WARNING" not in line]
    steps = [re.fullmatch(r"\[(\d+):(\d\d)\] step (\d+) of (\d+): (\S+)", line) for line in lines]
    assert all(steps), [line for line, m in zip(lines, steps) if not m]
    total = int(steps[0][4])
    assert [int(m[3]) for m in steps] == list(range(1, total + 1))  # every step ran, each counted once
    assert {int(m[4]) for m in steps} == {total}
    assert lines[2].startswith("[0:") and " step 3 of " in lines[2]
    names = {m[5] for m in steps}
    assert {"raw_ssda903", "metrics__metric_values", "exports__scorecard"} <= names
    assert "step" not in capsys.readouterr().out  # progress is on stderr, the summary on stdout
