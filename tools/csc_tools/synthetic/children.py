"""Simulate every child the council worked with: referral chains, care careers, short breaks.

Three streams of new children, each a Poisson process in time:
- referral chains (children referred, assessed, perhaps on a CIN or child protection plan),
- children starting to be looked after (each with the referral that brought them in),
- disabled children starting a series of short breaks.
Care careers are long, so children already in care when the records start are simulated from
up to 18 years before; rates are set so the open caseloads sit at the profile's figures.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from csc_tools.synthetic.care import ENTRY_AGES, CarePlanner, CareCareers
from csc_tools.synthetic.people import People
from csc_tools.synthetic.profile import CouncilProfile
from csc_tools.synthetic.records import Child, CINPlan
from csc_tools.synthetic.referrals import FrontDoor, FrontDoorRates, front_door_rates
from csc_tools.synthetic.timeline import Timeline, WorkingDays, birthday

DAYS_PER_YEAR = 365.25
# Age (years) at a child's first referral: babies and teenagers are referred most.
FIRST_REFERRAL_AGES = [10, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 7, 7, 7, 6, 4]
SHORT_BREAK_MEAN_DAYS = 3.0 * DAYS_PER_YEAR
CIN_CLOSURE_ON_LEAVING_CARE = {"E11": "RC1", "E12": "RC1", "E2": "RC2", "E41": "RC3", "E45": "RC4",
                               "E46": "RC4", "E47": "RC4", "E48": "RC4", "E5": "RC6"}


@dataclass(frozen=True)
class CareCalibration:
    entries_per_day: float
    adoption_share: float
    mean_days_in_care: float


@lru_cache(maxsize=16)
def calibrate_care(profile: CouncilProfile, samples: int = 3000) -> CareCalibration:
    """Entry rate and under-5 adoption share giving the profile's CLA rate and adoptions.

    Monte Carlo over care careers (own seed, so every council seed shares one calibration):
    mean days in care for under-5s on and off the adoption pathway and for older children,
    then solve adoptions a year = adoption_rate x children looked after for the share."""
    rng = random.Random("csc-scorecard:care-calibration")
    on_date = date(2020, 1, 1)

    def mean_career(adoption_share: float, under_five: bool) -> tuple[float, float]:
        careers = CareCareers(rng, CarePlanner(adoption_share))
        days = adopted = n = 0
        while n < samples:
            age = careers.entry_age_days()
            if (age < 5 * DAYS_PER_YEAR) != under_five:
                continue
            child = Child(key=0, dob=on_date - timedelta(days=age), sex="1", ethnicity="WBRI", upn="", disabilities=())
            days += (careers.career(child, on_date) - on_date).days
            adopted += child.adoption is not None
            n += 1
        return days / samples, adopted / samples

    share_under_five = sum(w for (low, _), w in ENTRY_AGES if low < 5) / sum(w for _, w in ENTRY_AGES)
    adoption_days, adopted_share = mean_career(1.0, True)
    under_five_days, _ = mean_career(0.0, True)
    older_days, _ = mean_career(0.0, False)
    a, p5 = profile.adoption_rate, share_under_five
    share = a * (p5 * under_five_days + (1 - p5) * older_days) / (
        p5 * (DAYS_PER_YEAR * adopted_share - a * (adoption_days - under_five_days)))
    share = min(max(share, 0.0), 0.95)
    mean_days = p5 * (share * adoption_days + (1 - share) * under_five_days) + (1 - p5) * older_days
    return CareCalibration(entries_per_day=profile.per_10k(profile.cla_per_10k) / mean_days,
                           adoption_share=share, mean_days_in_care=mean_days)


def _poisson_times(rng: random.Random, per_day: float, first: date, last: date):
    """Event dates of a Poisson process from first to last inclusive."""
    if per_day <= 0:
        return
    t = 0.0
    span = (last - first).days
    while True:
        t += rng.expovariate(per_day)
        if t > span + 0.999:
            return
        yield first + timedelta(days=int(t))


class ChildrenSimulation:
    def __init__(self, profile: CouncilProfile, timeline: Timeline, seed: int):
        self.profile = profile
        self.timeline = timeline
        self.rng = random.Random(f"{seed}:children")
        self.people = People(self.rng, profile.la_code)
        self.working_days = WorkingDays(date(timeline.warm_up_start.year - 20, 1, 1),
                                        date(timeline.last_extract.year + 4, 12, 31))
        self.front_door = FrontDoor(self.rng, self.working_days, profile.assessments_within_45wd,
                                    profile.icpc_within_15wd)
        self.calibration = calibrate_care(profile)
        self.careers = CareCareers(self.rng, CarePlanner(self.calibration.adoption_share))
        self.short_breaks_per_day = (profile.short_break_share * profile.per_10k(profile.cla_per_10k)
                                     / SHORT_BREAK_MEAN_DAYS)
        self.rates: FrontDoorRates = front_door_rates(
            referrals_per_day=profile.per_10k(profile.referrals_per_10k) / DAYS_PER_YEAR,
            other_first_referrals_per_day=self.calibration.entries_per_day + self.short_breaks_per_day,
            rereferral_rate=profile.rereferral_rate, nfa_rate=profile.referral_nfa_rate,
            cp_plans_open=profile.per_10k(profile.cp_per_10k))

    def run(self) -> list[Child]:
        tl = self.timeline
        for entry in _poisson_times(self.rng, self.calibration.entries_per_day,
                                    date(tl.warm_up_start.year - 18, tl.warm_up_start.month, 1), tl.last_extract):
            self._child_looked_after(entry)
        for first in _poisson_times(self.rng, self.short_breaks_per_day,
                                    date(tl.warm_up_start.year - 6, tl.warm_up_start.month, 1), tl.last_extract):
            self._child_on_short_breaks(first)
        for first in _poisson_times(self.rng, self.rates.chain_starts_per_day, tl.warm_up_start, tl.last_extract):
            self._referral_chain(first)
        children = [c for c in self.people.children if self._keep_records(c)]
        self.people.assign_ids()
        return sorted(children, key=lambda c: int(c.child_id))

    # --- the three streams -------------------------------------------------------------------
    def _referral_chain(self, first: date) -> None:
        rng, front, rates = self.rng, self.front_door, self.rates
        age_years = rng.choices(range(len(FIRST_REFERRAL_AGES)), FIRST_REFERRAL_AGES)[0]
        child = self.people.new_child(first - timedelta(days=int((age_years + rng.random()) * DAYS_PER_YEAR)))
        eighteenth = birthday(child.dob, 18)
        on = first
        while True:
            referral = front.referral(on, nfa=rng.random() < rates.nfa)
            child.referrals.append(referral)
            if rng.random() >= rates.continue_chain:
                front.full_outcome(referral, rates)
                return
            front.close_quickly(referral, on + timedelta(days=300))
            earliest = (referral.closure - on).days + 1
            if earliest > 365:
                return
            # Re-referrals come soonest after closure, tailing off towards the anniversary.
            on = on + timedelta(days=earliest + int((365 - earliest) * rng.random() ** 1.4))
            if on > self.timeline.last_extract or on >= eighteenth:
                return

    def _child_looked_after(self, entry: date) -> None:
        rng, front = self.rng, self.front_door
        child = self.people.new_child(entry - timedelta(days=self.careers.entry_age_days()))
        left_care = self.careers.career(child, entry)
        referral = front.referral(max(child.dob, entry - timedelta(days=rng.randint(0, 45))),
                                  primary_need=child.category_of_need)
        front.assess(referral)
        if rng.random() < 0.35:
            front.section47(referral, conference=rng.random() < 0.5)
        referral.closure = left_care
        referral.closure_reason = CIN_CLOSURE_ON_LEAVING_CARE.get(child.episodes[-1].reason_ceased, "RC7")
        child.referrals.append(referral)

    def _child_on_short_breaks(self, first: date) -> None:
        rng, front = self.rng, self.front_door
        child = self.people.new_child(first - timedelta(days=int(rng.uniform(4, 14) * DAYS_PER_YEAR)),
                                      disabled_share=1.0)
        last = min(first + timedelta(days=int(rng.uniform(1, 5) * DAYS_PER_YEAR)), birthday(child.dob, 18))
        child.category_of_need = "N2"
        self.careers.short_breaks(child, first, last)
        referral = front.referral(first - timedelta(days=rng.randint(30, 200)), primary_need="N2")
        assessment = front.assess(referral)
        referral.cin_plan = CINPlan(assessment.authorised + timedelta(days=rng.randint(0, 14)), last)
        referral.closure, referral.closure_reason = last, "RC7"
        child.referrals.append(referral)

    # --- what the council's systems still export ------------------------------------------------
    def _keep_records(self, child: Child) -> bool:
        """Drop what closed before the records start; a child with nothing left is not exported."""
        start = self.timeline.records_start
        child.referrals = [r for r in child.referrals if r.date >= start or r.closure is None or r.closure >= start]
        # Care leavers stay on the books until 21 (oc3), so their care history is still exported.
        leaver_on_books = child.care_leaver is not None and birthday(child.dob, 22) > start
        if child.episodes and max(e.end or date.max for e in child.episodes) < start and not leaver_on_books:
            child.episodes, child.missing = [], []
            child.adoption_decision = child.adoption = child.care_leaver = None
        # Old short breaks and missing episodes are not kept on file once the records start.
        child.episodes = [e for e in child.episodes if e.end is None or e.end >= start
                          or not e.legal_status.startswith("V")]
        child.missing = [m for m in child.missing if m.end >= start]
        return bool(child.referrals or child.episodes)


def simulate_children(profile: CouncilProfile, timeline: Timeline, seed: int) -> list[Child]:
    return ChildrenSimulation(profile, timeline, seed).run()
