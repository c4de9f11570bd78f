"""The schedule and the landing sensor."""

import os
import time
from datetime import date, datetime

import dagster as dg

from csc_scorecard.defs.automation import build_landing_sensor, landing_state
from csc_scorecard.definitions import build_definitions
from csc_scorecard.settings import CouncilSettings, Deployment, load_settings
from tests.conftest import land

# Files a build reads, as the sensor must see them: an extract's own header rows.
EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
ESTABLISHMENT = "team,role,funded_fte\n"


def _age(path, seconds):
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_settled_files_are_seen_and_half_written_ones_are_not(landing):
    folder = land(landing, date(2025, 3, 31), {"episodes.csv": EPISODES, "cin.xml.part": "<Mess"})
    _age(folder / "episodes.csv", 600)
    (folder / ".hr_staff.csv").write_text(ESTABLISHMENT)  # being copied under a hidden name
    (folder / "staff.csv").write_text(ESTABLISHMENT)  # just written
    state = landing_state(landing, settle_seconds=120)
    assert [f[0] for f in state.files] == ["2025-03-31/episodes.csv"]
    assert state.still_changing == ("2025-03-31/staff.csv",)


def _evaluate(sensor, instance, cursor=None):
    context = dg.build_sensor_context(instance=instance, cursor=cursor)
    return sensor(context), context.cursor


def _alliance(tmp_path) -> Deployment:
    def council(code):
        return CouncilSettings(la_code=code, la_name=f"Council {code}", population_0_17=1000,
                               landing=tmp_path / code, warehouse=tmp_path / "w.duckdb", exports=tmp_path / "x")
    return Deployment((council("998"), council("999")), tmp_path / "w.duckdb", tmp_path / "x")


def _partitions(result) -> list[str]:
    return [r.partition_key for r in (result if isinstance(result, list) else [result])]


def test_the_sensor_requests_each_new_council_month_once(tmp_path):
    instance = dg.DagsterInstance.ephemeral()
    deployment = _alliance(tmp_path)
    sensor = build_landing_sensor(deployment, settle_seconds=120)
    result, cursor = _evaluate(sensor, instance)
    assert isinstance(result, dg.SkipReason) and "no extracts" in result.skip_message

    folder = land(tmp_path / "999", date(2025, 3, 31), {"episodes.csv": EPISODES})
    result, cursor = _evaluate(sensor, instance, cursor)
    assert isinstance(result, dg.SkipReason) and "still being written" in result.skip_message

    _age(folder / "episodes.csv", 600)
    first, cursor = _evaluate(sensor, instance, cursor)
    assert _partitions(first) == ["999|2025-03-01"]
    again, cursor = _evaluate(sensor, instance, cursor)
    assert isinstance(again, dg.SkipReason)

    # Next month for 999 and a first extract for 998 land together; 998's second file is mid-copy.
    for code in ("998", "999"):
        land(tmp_path / code, date(2025, 4, 30), {"episodes.csv": EPISODES})
        _age(tmp_path / code / "2025-04-30" / "episodes.csv", 600)
    (tmp_path / "998" / "2025-04-30" / "staff.csv").write_text(ESTABLISHMENT)
    second, cursor = _evaluate(sensor, instance, cursor)
    assert _partitions(second) == ["999|2025-04-01"]
    assert second[0].run_key != first[0].run_key

    _age(tmp_path / "998" / "2025-04-30" / "staff.csv", 600)
    third, cursor = _evaluate(sensor, instance, cursor)
    assert _partitions(third) == ["998|2025-04-01"]

    # A folder dated in a future month is no extract month: no run, and no broken tick.
    land(tmp_path / "999", date(2099, 1, 31), {"episodes.csv": EPISODES})
    _age(tmp_path / "999" / "2099-01-31" / "episodes.csv", 600)
    future, cursor = _evaluate(sensor, instance, cursor)
    assert isinstance(future, dg.SkipReason)

    # A re-sent (changed) file asks for its month again.
    (folder / "episodes.csv").write_text(EPISODES + "C1,01/03/2025,S,C2,N1,U1,PR1,,,,,,\n")
    _age(folder / "episodes.csv", 600)
    resent, _ = _evaluate(sensor, instance, cursor)
    assert _partitions(resent) == ["999|2025-03-01"] and resent[0].run_key != first[0].run_key


def test_a_file_no_build_reads_starts_no_build(tmp_path):
    """What the sensor calls new is what the landing report lists as loaded or to load, no more."""
    instance = dg.DagsterInstance.ephemeral()
    deployment = _alliance(tmp_path)
    sensor = build_landing_sensor(deployment, settle_seconds=120)
    folder = land(tmp_path / "999", date(2025, 3, 31), {"episodes.csv": EPISODES})
    _age(folder / "episodes.csv", 600)
    first, cursor = _evaluate(sensor, instance)
    assert _partitions(first) == ["999|2025-03-01"]

    (tmp_path / "outside.csv").write_text(ESTABLISHMENT)
    (folder / "establishment.csv").symlink_to(tmp_path / "outside.csv")  # links are never followed
    for name, text in {"notes.txt": "ring Sam", "empty.csv": "", "DoLo.csv": "CHILD,DOB,DOLO\n"}.items():
        (folder / name).write_text(text)
        _age(folder / name, 600)
    (folder / "old").mkdir()
    (folder / "old" / "staff.csv").write_text(ESTABLISHMENT)  # a folder in an extract folder is not read
    _age(folder / "old" / "staff.csv", 600)
    again, _ = _evaluate(sensor, instance, cursor)
    assert isinstance(again, dg.SkipReason) and "no new or changed extracts" in again.skip_message


def test_the_schedule_asks_for_every_council_for_the_month_just_ended(tmp_path):
    defs = build_definitions(_alliance(tmp_path))
    schedule = defs.get_schedule_def("monthly_after_extracts_due")
    assert schedule.cron_schedule == "0 7 5 * *"
    context = dg.build_schedule_context(scheduled_execution_time=datetime(2025, 1, 5, 7, 0),
                                        repository_def=defs.get_repository_def())
    requests = list(schedule.evaluate_tick(context).run_requests)
    assert [r.partition_key for r in requests] == ["998|2024-12-01", "999|2024-12-01"]
    partitions = defs.resolve_implicit_global_asset_job_def().partitions_def
    assert all(r.partition_key in partitions.get_partition_keys() for r in requests)


def test_definitions_carry_the_schedule_sensor_and_the_backfill_job():
    defs = build_definitions(load_settings())
    assert defs.get_schedule_def("monthly_after_extracts_due").job_name == "monthly_build"
    assert defs.get_sensor_def("new_extracts_landed").job_name == "monthly_build"
    assert defs.resolve_job_def("load_extract_month").partitions_def is not None
