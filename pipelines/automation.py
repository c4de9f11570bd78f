"""Running without a developer: a monthly schedule, and a sensor for newly landed extracts."""

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from pipelines.ingest.landing import extract_folders

MONTHLY_BUILD = "monthly_build"
# Councils' monthly extracts are due in the first working days of the month.
MONTHLY_CRON = "0 7 5 * *"
# A file still changing this recently may be half-copied: wait for it to settle.
SETTLE_SECONDS = 120
# Partial-download names that copy tools use before renaming into place.
PARTIAL_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".filepart", "~")

monthly_build_job = dg.define_asset_job(
    MONTHLY_BUILD,
    selection=dg.AssetSelection.all(),
    description="Ingest every landed extract, validate, rebuild the models and metrics, "
                "write the scorecards and publish the analysts' warehouse.",
)

monthly_schedule = dg.ScheduleDefinition(
    name="monthly_after_extracts_due",
    job=monthly_build_job,
    cron_schedule=MONTHLY_CRON,
    execution_timezone="Europe/London",
    default_status=dg.DefaultScheduleStatus.STOPPED,  # the performance team turns it on
    description="07:00 on the 5th of each month, after the month's extracts are due.",
)


@dataclass(frozen=True)
class LandingState:
    """Settled files in the landing folder, as (relative path, size, mtime_ns)."""

    files: tuple[tuple[str, int, int], ...]
    still_changing: tuple[str, ...]

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps(self.files).encode()).hexdigest()[:16]


def landing_state(landing: Path, now: float | None = None, settle_seconds: float = SETTLE_SECONDS) -> LandingState:
    now = time.time() if now is None else now
    settled, changing = [], []
    for _, folder in extract_folders(landing):
        for path in sorted(folder.iterdir()):
            if not path.is_file() or path.name.startswith(".") or path.name.lower().endswith(PARTIAL_SUFFIXES):
                continue
            stat = path.stat()
            name = str(path.relative_to(landing))
            if now - stat.st_mtime < settle_seconds:
                changing.append(name)
            else:
                settled.append((name, stat.st_size, stat.st_mtime_ns))
    return LandingState(files=tuple(settled), still_changing=tuple(changing))


def build_landing_sensor(landing: Path, settle_seconds: float = SETTLE_SECONDS) -> dg.SensorDefinition:
    @dg.sensor(
        name="new_extracts_landed",
        job=monthly_build_job,
        minimum_interval_seconds=60,
        default_status=dg.DefaultSensorStatus.STOPPED,
        description=f"Starts a build when files in {landing} are new or changed and have not changed "
                    f"for {settle_seconds:.0f} s; hidden and partial-download files are ignored.",
    )
    def new_extracts_landed(context: dg.SensorEvaluationContext):
        state = landing_state(landing, settle_seconds=settle_seconds)
        if state.still_changing:
            return dg.SkipReason(f"waiting for {len(state.still_changing)} file(s) still being written, "
                                 f"e.g. {state.still_changing[0]}")
        if not state.files:
            return dg.SkipReason(f"no extracts in {landing}")
        if state.fingerprint == context.cursor:
            return dg.SkipReason("no new or changed files since the last run")
        context.update_cursor(state.fingerprint)
        # The run key makes a repeated evaluation of the same files start one run only.
        return dg.RunRequest(run_key=f"landing-{state.fingerprint}",
                             tags={"csc/landed_files": str(len(state.files))})

    return new_extracts_landed
