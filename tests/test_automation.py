"""The schedule and the landing sensor."""

import os
import time
from datetime import date

import dagster as dg

from pipelines.automation import build_landing_sensor, landing_state
from pipelines.definitions import build_definitions
from pipelines.settings import load_settings
from tests.conftest import land


def _age(path, seconds):
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_settled_files_are_seen_and_half_written_ones_are_not(landing):
    folder = land(landing, date(2025, 3, 31), {"episodes.csv": "CHILD\n", "cin.xml.part": "<Mess"})
    _age(folder / "episodes.csv", 600)
    (folder / ".hr_staff.csv").write_text("worker_id\n")  # being copied under a hidden name
    (folder / "staff.csv").write_text("worker_id\n")  # just written
    state = landing_state(landing, settle_seconds=120)
    assert [f[0] for f in state.files] == ["2025-03-31/episodes.csv"]
    assert state.still_changing == ("2025-03-31/staff.csv",)


def _evaluate(sensor, instance, cursor=None):
    context = dg.build_sensor_context(instance=instance, cursor=cursor)
    return sensor(context), context.cursor


def test_the_sensor_runs_once_per_new_set_of_files(landing):
    instance = dg.DagsterInstance.ephemeral()
    sensor = build_landing_sensor(landing, settle_seconds=120)
    result, cursor = _evaluate(sensor, instance)
    assert isinstance(result, dg.SkipReason)

    folder = land(landing, date(2025, 3, 31), {"episodes.csv": "CHILD\n"})
    result, _ = _evaluate(sensor, instance, cursor)
    assert isinstance(result, dg.SkipReason) and "still being written" in result.skip_message

    _age(folder / "episodes.csv", 600)
    first, cursor = _evaluate(sensor, instance, cursor)
    assert isinstance(first, dg.RunRequest)
    again, cursor = _evaluate(sensor, instance, cursor)
    assert isinstance(again, dg.SkipReason)

    land(landing, date(2025, 4, 30), {"episodes.csv": "CHILD\n"})
    _age(landing / "2025-04-30" / "episodes.csv", 600)
    second, _ = _evaluate(sensor, instance, cursor)
    assert isinstance(second, dg.RunRequest) and second.run_key != first.run_key


def test_definitions_carry_the_schedule_and_sensor():
    defs = build_definitions(load_settings())
    assert defs.get_schedule_def("monthly_after_extracts_due").cron_schedule == "0 7 5 * *"
    assert defs.get_sensor_def("new_extracts_landed").job_name == "monthly_build"
