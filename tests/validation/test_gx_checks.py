"""The suites as Dagster asset checks: a failed critical expectation stops what is built from the table."""

from datetime import date

import dagster as dg
import pytest

from csc_scorecard.cli import EXIT_BLOCKING_CHECK
from csc_scorecard.defs.runner import summarise
from csc_scorecard.defs.raw.assets import raw_assets
from csc_scorecard.defs.models.assets import model_assets
from csc_scorecard.defs.reference.assets import reference_assets
from csc_scorecard.defs.resources import build_resources
from csc_scorecard.settings import load_settings
from csc_scorecard.defs.raw.checks import build_gx_checks
from tests.conftest import csv_text, land

EXTRACT = date(2025, 3, 31)
STAFF_HEADER = ("worker_id,role,team,fte,contract_type,start_date,end_date,leaving_reason,case_holder,caseload,"
                "qualified_date")
GOOD_STAFF = [
    "W1,social worker,Assessment,1.0,permanent,2020-01-01,,,Y,15,2019-07-01",
    "A7 ,Social Worker,Assessment,0.5,Agency,2024-06-01,,,1,9,",  # messy but readable: not blocking
]


def _run(tmp_path, staff_rows):
    landing = tmp_path / "landing"
    land(landing, EXTRACT, {"staff.csv": csv_text(STAFF_HEADER, *staff_rows)})
    settings = load_settings().with_paths(landing=landing, warehouse=tmp_path / "w.duckdb", exports=tmp_path / "x")
    raw_hr = next(a for a in raw_assets if dg.AssetKey(["raw", "hr"]) in a.keys)
    staging = next(a for a in model_assets if a.key == dg.AssetKey(["staging", "hr_staff"]))
    # Staging reads contract codes through the alias table.
    aliases = next(a for a in reference_assets if a.key == dg.AssetKey(["reference", "hr_value_aliases"]))
    checks = [c for c in build_gx_checks() if any(k.asset_key in raw_hr.keys for k in c.check_keys)]
    assert checks
    return dg.materialize([raw_hr, aliases, staging, *checks], resources=build_resources(settings),
                          instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)


def _evaluations(result):
    return {(e.asset_key.to_user_string(), e.check_name): e for e in result.get_asset_check_evaluations()}


def _materialised(result):
    return {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}


def test_a_blank_worker_id_fails_a_blocking_check_and_stops_staging(tmp_path):
    result = _run(tmp_path, [GOOD_STAFF[0], ",social worker,Assessment,1.0,permanent,2020-01-01,,,Y,15,"])
    assert not result.success
    worker_id = _evaluations(result)[("raw/hr", "hr_staff__worker_id__not_null")]
    assert not worker_id.passed and worker_id.severity == dg.AssetCheckSeverity.ERROR
    assert worker_id.metadata["unexpected_count"].value == 1 and worker_id.metadata["element_count"].value == 2
    assert "raw/hr" in _materialised(result)
    assert "staging/hr_staff" not in _materialised(result)

    outcome = summarise(result)
    assert outcome.exit_code == EXIT_BLOCKING_CHECK
    assert any(line.startswith("raw/hr: hr_staff__worker_id__not_null — 1 of 2 rows unexpected")
               for line in outcome.failed_checks)


def test_a_warning_is_reported_but_does_not_stop_the_build(tmp_path):
    result = _run(tmp_path, [*GOOD_STAFF, "W9,social worker,Assessment,1.5,permanent,2021-01-01,,,N,,"])
    assert result.success
    fte = _evaluations(result)[("raw/hr", "hr_staff__fte__between_0_and_1")]
    assert not fte.passed and fte.severity == dg.AssetCheckSeverity.WARN
    assert "e.g. '1.5'" in fte.description
    assert "staging/hr_staff" in _materialised(result)
    assert summarise(result).exit_code == 0


def test_good_data_passes_every_check_and_an_absent_table_passes_with_a_note(tmp_path):
    result = _run(tmp_path, GOOD_STAFF)
    assert result.success
    evaluations = _evaluations(result)
    assert evaluations and all(e.passed for e in evaluations.values())
    # No establishment file landed: its checks pass, saying there was nothing to validate.
    establishment = evaluations[("raw/hr", "hr_establishment__team__not_null")]
    assert "nothing to validate" in establishment.description
    assert "staging/hr_staff" in _materialised(result)


def test_every_suite_is_a_check_on_its_raw_asset():
    checks = build_gx_checks()
    keys = {k for c in checks for k in c.check_keys}
    assert dg.AssetCheckKey(dg.AssetKey(["raw", "hr"]), "hr_staff__worker_id__not_null") in keys
    assert {k.asset_key.path[0] for k in keys} == {"raw"}
    specs = {s.key: s for c in checks for s in c.check_specs}
    assert specs[dg.AssetCheckKey(dg.AssetKey(["raw", "hr"]), "hr_staff__worker_id__not_null")].blocking
    assert not specs[dg.AssetCheckKey(dg.AssetKey(["raw", "hr"]), "hr_staff__fte__between_0_and_1")].blocking


@pytest.mark.parametrize("module", ["csc_scorecard.defs.raw.checks"])
def test_gx_is_not_imported_to_load_the_definitions(module):
    import subprocess
    import sys

    code = (f"import sys, {module}; {module}.build_gx_checks(); "
            "sys.exit(1 if 'great_expectations' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
