"""Referrals and what follows them: assessment, section 47, child protection and CIN plans.

Repeat referrals come in chains: after each referral the same child is referred again within
12 months with probability `continue_chain`, so that share of all referrals are re-referrals.
A referral followed by another must have closed first, so it ends quickly (NFA, assessed as
not in need, or a short CIN plan); longer work comes from referrals that end a chain.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from csc_tools.synthetic.people import pick
from csc_tools.synthetic.records import Assessment, CINPlan, CPPlan, Referral, Section47
from csc_tools.synthetic.timeline import WorkingDays

# CIN census codes, weighted roughly as England's referrals.
REFERRAL_SOURCES = [("1A", 3), ("1B", 3), ("1C", 1), ("1D", 1), ("2A", 18), ("2B", 2), ("3A", 3),
                    ("3B", 3), ("3C", 4), ("3D", 1), ("3E", 2), ("3F", 1), ("4", 3), ("5A", 5),
                    ("5B", 3), ("5C", 2), ("5D", 3), ("6", 29), ("7", 2), ("8", 5), ("9", 1), ("10", 1)]
PRIMARY_NEEDS = [("N1", 57), ("N2", 3), ("N3", 3), ("N4", 14), ("N5", 4), ("N6", 1), ("N7", 0.5),
                 ("N8", 2), ("N9", 10), ("N0", 5)]
ASSESSMENT_FACTORS = ["1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C", "5A",
                      "5B", "5C", "6A", "6B", "6C", "7A", "8B", "9A", "10A", "11A", "12A", "13A",
                      "14A", "15A", "16A", "17A", "18B", "19B", "20", "21", "22A", "23A", "24A"]
CATEGORIES_OF_ABUSE = [("NEG", 50), ("EMO", 36), ("PHY", 7), ("SAB", 4), ("MUL", 3)]

# Child protection plan length: most end within a year; 4.4% of ending plans last 2 years or more.
LONG_CP_SHARE = 0.044
CP_GAMMA_SHAPE, CP_GAMMA_SCALE = 2.5, 110.0
CP_MEAN_DAYS = (1 - LONG_CP_SHARE) * CP_GAMMA_SHAPE * CP_GAMMA_SCALE + LONG_CP_SHARE * (730 + 1000) / 2


@dataclass(frozen=True)
class FrontDoorRates:
    chain_starts_per_day: float
    continue_chain: float
    nfa: float
    cp_plan: float  # of referrals ending a chain and not NFA
    cin_plan: float


def front_door_rates(referrals_per_day: float, other_first_referrals_per_day: float, rereferral_rate: float,
                     nfa_rate: float, cp_plans_open: float) -> FrontDoorRates:
    """Chain rates giving the profile's referral, re-referral, NFA and open-CP figures.

    Children entering care or starting short breaks bring a first referral each, outside the
    chains, so the chains make up the rest."""
    chain_referrals = max(referrals_per_day - other_first_referrals_per_day, referrals_per_day * 0.5)
    continue_chain = min(rereferral_rate * referrals_per_day / chain_referrals, 0.9)
    nfa = min(nfa_rate * referrals_per_day / chain_referrals, 0.9)
    chain_ends = chain_referrals * (1 - continue_chain) * (1 - nfa)
    cp_starts_per_day = cp_plans_open / CP_MEAN_DAYS
    return FrontDoorRates(chain_starts_per_day=chain_referrals * (1 - continue_chain),
                          continue_chain=continue_chain, nfa=nfa,
                          cp_plan=min(cp_starts_per_day / chain_ends, 0.8), cin_plan=0.35)


class FrontDoor:
    def __init__(self, rng: random.Random, working_days: WorkingDays, within_45wd: float, icpc_within_15wd: float):
        self.rng = rng
        self.wd = working_days
        self.within_45wd = within_45wd
        self.icpc_within_15wd = icpc_within_15wd

    # --- building blocks -------------------------------------------------------------------
    def referral(self, on: date, nfa: bool = False, primary_need: str | None = None) -> Referral:
        rng = self.rng
        need = primary_need or (pick(rng, [("N9", 50), ("N0", 30), ("N1", 20)]) if nfa else pick(rng, PRIMARY_NEEDS))
        return Referral(date=on, source=pick(rng, REFERRAL_SOURCES), primary_need=need, nfa=nfa)

    def assessment_days(self) -> int:
        """Working days from start to authorisation; England's median is about 33."""
        rng = self.rng
        if rng.random() < self.within_45wd:
            return int(rng.triangular(3, 45.999, 38))
        return 46 + int(rng.expovariate(1 / 18))

    def assess(self, referral: Referral) -> Assessment:
        rng = self.rng
        start = self.wd.add(referral.date, rng.choice((0, 0, 0, 1, 1, 2, 3)))
        factors = tuple(sorted(rng.sample(ASSESSMENT_FACTORS, rng.randint(1, 4))))
        referral.assessment = Assessment(start=start, authorised=self.wd.add(start, self.assessment_days()),
                                         factors=factors)
        return referral.assessment

    def section47(self, referral: Referral, conference: bool) -> Section47:
        rng = self.rng
        start = self.wd.add(referral.assessment.start, rng.randint(0, 8))
        target = self.wd.add(start, 15)
        icpc = None
        if conference:
            late = rng.random() >= self.icpc_within_15wd
            icpc = self.wd.add(start, 16 + int(rng.expovariate(1 / 8)) if late else rng.randint(5, 15))
        referral.section47 = Section47(start=start, icpc_target=target, icpc=icpc, icpc_not_required=not conference)
        return referral.section47

    def cp_plan_days(self) -> int:
        rng = self.rng
        if rng.random() < LONG_CP_SHARE:
            return rng.randint(730, 1000)
        return max(14, int(rng.gammavariate(CP_GAMMA_SHAPE, CP_GAMMA_SCALE)))

    def cp_plan(self, start: date) -> CPPlan:
        rng = self.rng
        end = start + timedelta(days=self.cp_plan_days())
        reviews, review = [], start + timedelta(days=90)
        while review < end:  # first review within 3 months, then every 6 months
            reviews.append(review)
            review += timedelta(days=182)
        initial = pick(rng, CATEGORIES_OF_ABUSE)
        latest = initial if rng.random() < 0.9 else pick(rng, CATEGORIES_OF_ABUSE)
        previous = rng.choices((0, 1, 2, 3), (77, 16, 5, 2))[0]
        return CPPlan(start=start, end=end, initial_category=initial, latest_category=latest,
                      previous_plans=previous, reviews=tuple(reviews))

    # --- outcomes --------------------------------------------------------------------------
    def close_quickly(self, referral: Referral, latest_closure: date) -> None:
        """An episode that closes in time for the child's next referral."""
        rng = self.rng
        if referral.nfa:
            referral.closure = referral.date + timedelta(days=rng.randint(0, 3))
            referral.closure_reason = "RC8"
            return
        assessment = self.assess(referral)
        if rng.random() < 0.3:
            plan_start = assessment.authorised + timedelta(days=rng.randint(0, 10))
            plan_end = plan_start + timedelta(days=rng.randint(40, 200))
            if plan_end <= latest_closure:
                referral.cin_plan = CINPlan(plan_start, plan_end)
                referral.closure, referral.closure_reason = plan_end, "RC7"
                return
        referral.closure = assessment.authorised
        referral.closure_reason = rng.choice(("RC8", "RC8", "RC9"))
        if rng.random() < 0.12:
            self.section47(referral, conference=False)

    def full_outcome(self, referral: Referral, rates: FrontDoorRates) -> None:
        """The outcome of a referral that ends its chain: anything from NFA to a CP plan."""
        rng = self.rng
        if referral.nfa:
            self.close_quickly(referral, referral.date + timedelta(days=30))
            return
        assessment = self.assess(referral)
        u = rng.random()
        if u < rates.cp_plan:
            s47 = self.section47(referral, conference=True)
            plan = referral.cp_plan = self.cp_plan(s47.icpc)
            if rng.random() < 0.5:  # stepped down to a CIN plan
                step_down_end = plan.end + timedelta(days=rng.randint(60, 300))
                referral.cin_plan = CINPlan(plan.end, step_down_end)
                referral.closure = step_down_end
            else:
                referral.closure = plan.end
            referral.closure_reason = "RC7"
        elif u < rates.cp_plan + (1 - rates.cp_plan) * rates.cin_plan:
            plan_start = assessment.authorised + timedelta(days=rng.randint(0, 14))
            plan_end = plan_start + timedelta(days=rng.randint(90, 540))
            referral.cin_plan = CINPlan(plan_start, plan_end)
            referral.closure, referral.closure_reason = plan_end, "RC7"
            if rng.random() < 0.2:
                self.section47(referral, conference=rng.random() < 0.3)
        else:
            referral.closure = assessment.authorised
            referral.closure_reason = rng.choice(("RC8", "RC8", "RC9"))
            if rng.random() < 0.15:
                self.section47(referral, conference=False)
