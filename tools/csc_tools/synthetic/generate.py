"""Write a synthetic council's monthly extracts into a landing folder."""

import random
from datetime import date, timedelta
from pathlib import Path

from csc_tools.synthetic.children import simulate_children
from csc_tools.synthetic.contacts import simulate_contacts
from csc_tools.synthetic.council_inputs import write_council_inputs
from csc_tools.synthetic.factors import assign_missing_and_exploitation
from csc_tools.synthetic.fostering import simulate_fostering
from csc_tools.synthetic.profile import CouncilProfile
from csc_tools.synthetic.records import Child
from csc_tools.synthetic.timeline import Timeline, last_month_end_before
from csc_tools.synthetic.workforce import simulate_workforce
from csc_tools.synthetic.writers.annex_a import window_start, write_annex_a
from csc_tools.synthetic.writers.cin_xml import write_cin_census
from csc_tools.synthetic.writers.fostering import write_fostering
from csc_tools.synthetic.writers.csww import census_dates, write_csww
from csc_tools.synthetic.writers.hr import write_hr
from csc_tools.synthetic.writers.ssda903 import write_ssda903


# Once a year the council finds referrals it had not recorded and its next return carries them: the
# month's figures the board was given change. The latest extract is one such, so the demo's newest
# pack shows how a revised figure reads; every referral is in the latest extract all the same.
CORRECTION_EVERY_MONTHS = 12
LATE_SHARE = 0.06  # of the previous month's referrals


def record_late(children: list[Child], timeline: Timeline, seed: int) -> None:
    """Mark a share of the referrals of the month before each correcting extract as recorded only
    in that extract's month. A generator of its own, so the rest of the simulation is unchanged."""
    rng = random.Random(f"{seed}-recorded-late")
    corrected = timeline.extracts[::-1][::CORRECTION_EVERY_MONTHS]
    months = {(e - timedelta(days=e.day)).replace(day=1): e.replace(day=1) for e in corrected}
    for child in children:
        for referral in child.referrals:
            recorded = months.get(referral.date.replace(day=1))
            if recorded is not None and rng.random() < LATE_SHARE:
                referral.recorded = recorded


def generate(landing_dir: Path, profile: CouncilProfile, months: int = 12, history_months: int = 36,
             last_extract: date | None = None, seed: int = 2026, lookback_months: int = 12,
             inputs_dir: Path | None = None) -> list[Path]:
    """Simulate the council and write `months` cumulative extracts, one folder per month-end
    (landing_dir/YYYY-MM-DD/), the last on `last_extract` (default: the last month-end before
    today). Each holds only what was known on its date, and cases closed more than `lookback_months`
    before the history starts are no longer exported (Timeline). With `inputs_dir`, the council's own
inputs (targets, plan, commentary, Ofsted visits, board log) are written there too, dated from the
same months. Returns the folders in date order."""
    timeline = Timeline.build(last_extract or last_month_end_before(date.today()), months, history_months,
                              lookback_months)
    children = simulate_children(profile, timeline, seed)
    record_late(children, timeline, seed)
    assign_missing_and_exploitation(children, profile, seed)
    workforce = simulate_workforce(profile, timeline, seed)
    front_door = simulate_contacts(children, profile, window_start(timeline.extracts[0]), seed)
    fostering = simulate_fostering(profile, timeline, seed)
    folders = []
    for as_at in timeline.extracts:
        folder = Path(landing_dir) / as_at.isoformat()
        folder.mkdir(parents=True, exist_ok=True)
        write_ssda903(folder, children, as_at)
        write_cin_census(folder / "cin_census.xml", children, as_at, profile.la_code)
        write_hr(folder, workforce, as_at, profile.caseload, seed)
        write_annex_a(folder / "annex_a.xlsx", children, front_door, as_at, seed, profile)
        write_fostering(folder, fostering, as_at)
        # Annual workforce censuses: the first extract carries the past returns (loaded for
        # history), each later one the return whose 30 September fell since the extract before.
        since = timeline.records_start if not folders else date.fromisoformat(folders[-1].name) + timedelta(days=1)
        for reference_date in census_dates(since, as_at):
            write_csww(folder / f"csww_{reference_date.year}.xml", workforce, reference_date,
                       profile.la_code, profile.caseload)
        folders.append(folder)
    if inputs_dir is not None:
        write_council_inputs(Path(inputs_dir), timeline.extracts, seed)
    return folders
