"""Running without a developer: a monthly schedule, and a sensor for newly landed extracts.

Both request raw partitions (council x extract month, src/csc_scorecard/defs/partitions.py); each run
rebuilds everything downstream of raw. Runs queue one at a time (.dagster_home/dagster.yaml):
DuckDB allows one writer.
"""

import hashlib
import json
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import dagster as dg

from csc_scorecard.ingest.landing import EMPTY, survey
from csc_scorecard.defs.partitions import council_and_month, partition_key
from csc_scorecard.settings import Deployment

MONTHLY_BUILD = "monthly_build"
# Councils' monthly extracts are due in the first working days of the month.
MONTHLY_CRON = "0 7 5 * *"
# A file still changing this recently may be half-copied: wait for it to settle.
SETTLE_SECONDS = 120

monthly_build_job = dg.define_asset_job(
    MONTHLY_BUILD,
    selection=dg.AssetSelection.all(),
    description="Load one council's extract month into raw, validate, rebuild the models and metrics "
                "from all of raw, write the scorecards and publish the analysts' warehouse.",
)

LOAD_EXTRACT_MONTH = "load_extract_month"
# Raw loads alone, without the checks: for backfilling many months, then one monthly_build
# (any partition) validates all of raw and rebuilds everything downstream once.
load_extract_month_job = dg.define_asset_job(
    LOAD_EXTRACT_MONTH,
    selection=dg.AssetSelection.groups("raw").without_checks(),
    description="Load one council's extract month into the raw tables only (for backfills).",
)


def previous_month(day: date) -> date:
    return (day.replace(day=1) - timedelta(days=1)).replace(day=1)


def build_monthly_schedule(la_codes: list[str]) -> dg.ScheduleDefinition:
    @dg.schedule(
        name="monthly_after_extracts_due",
        job=monthly_build_job,
        cron_schedule=MONTHLY_CRON,
        execution_timezone="Europe/London",
        default_status=dg.DefaultScheduleStatus.STOPPED,  # the performance team turns it on
        description="07:00 on the 5th of each month, after the month's extracts are due: one run per "
                    "council for the month just ended.",
    )
    def monthly_after_extracts_due(context: dg.ScheduleEvaluationContext):
        month = previous_month(context.scheduled_execution_time.date())
        for la_code in la_codes:
            key = partition_key(la_code, month)
            # One run per council and month: a retried tick does not start a second one.
            yield dg.RunRequest(run_key=f"scheduled-{key}", partition_key=key)

    return monthly_after_extracts_due


@dataclass(frozen=True)
class LandingState:
    """Settled files in the landing folder, as (relative path, size, mtime_ns)."""

    files: tuple[tuple[str, int, int], ...]
    still_changing: tuple[str, ...]

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps(self.files).encode()).hexdigest()[:16]


def landing_state(landing: Path, now: float | None = None, settle_seconds: float = SETTLE_SECONDS) -> LandingState:
    """The files a build would read (the landing survey's, as the landing report lists them), settled or not.

    A file is in flight while it changes: a copy under its own name is read once it settles; one under
    a hidden or partial-download name (.part, ~) is not a file a build reads, and neither is its
    rename's source. An empty file is waited for too: it is how a copy looks at its first instant.
    """
    now = time.time() if now is None else now
    settled, changing = [], []
    for entry in survey(landing):
        landed = entry.landed
        if landed is None or (landed.kind == "unrecognised" and landed.outcome != EMPTY):
            continue
        stat = landed.path.stat()
        if now - stat.st_mtime < settle_seconds:
            changing.append(entry.relative)
        elif landed.kind != "unrecognised":
            settled.append((entry.relative, stat.st_size, stat.st_mtime_ns))
    return LandingState(files=tuple(settled), still_changing=tuple(changing))


def partition_states(deployment: Deployment, now: float | None = None,
                     settle_seconds: float = SETTLE_SECONDS) -> dict[str, LandingState]:
    """The landing state of every (council, extract month) partition with files."""
    states: dict[str, LandingState] = {}
    for council in deployment.councils:
        state = landing_state(council.landing, now=now, settle_seconds=settle_seconds)
        by_month: dict[str, tuple[list, list]] = {}
        for entry in state.files:
            by_month.setdefault(_month_of(entry[0]), ([], []))[0].append(entry)
        for name in state.still_changing:
            by_month.setdefault(_month_of(name), ([], []))[1].append(name)
        for month, (files, changing) in by_month.items():
            key = str(partition_key(council.la_code, date.fromisoformat(month)))
            states[key] = LandingState(files=tuple(files), still_changing=tuple(changing))
    return states


def _month_of(relative_name: str) -> str:
    return relative_name.split("/", 1)[0][:8] + "01"  # "2025-03-31/episodes.csv" -> "2025-03-01"


def build_landing_sensor(deployment: Deployment, settle_seconds: float = SETTLE_SECONDS) -> dg.SensorDefinition:
    landings = ", ".join(str(c.landing) for c in deployment.councils)

    @dg.sensor(
        name="new_extracts_landed",
        job=monthly_build_job,
        minimum_interval_seconds=60,
        default_status=dg.DefaultSensorStatus.STOPPED,
        description=f"Starts a build of a council's extract month when its files in {landings} are new or "
                    f"changed and have not changed for {settle_seconds:.0f} s; only files a build reads count "
                    "(those quality.landing_files lists as loaded or to load).",
    )
    def new_extracts_landed(context: dg.SensorEvaluationContext):
        seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
        states = partition_states(deployment, settle_seconds=settle_seconds)
        requests, waiting = [], []
        for key, state in sorted(states.items(), key=lambda kv: council_and_month(kv[0])[::-1]):
            if state.still_changing:
                # A month with a file still being copied waits; other months go ahead.
                waiting.append(state.still_changing[0])
            elif state.files and seen.get(key) != state.fingerprint:
                seen[key] = state.fingerprint
                # The run key makes a repeated evaluation of the same files start one run only.
                requests.append(dg.RunRequest(run_key=f"landing-{key}-{state.fingerprint}", partition_key=key,
                                              tags={"csc/landed_files": str(len(state.files))}))
        context.update_cursor(json.dumps(seen, sort_keys=True))
        if requests:
            return requests
        if waiting:
            return dg.SkipReason(f"waiting for {len(waiting)} file(s) still being written, e.g. {waiting[0]}")
        return dg.SkipReason(f"no new or changed extracts in {landings}" if states else f"no extracts in {landings}")

    return new_extracts_landed
