"""The council's fostering service: households from first enquiry to approval and deregistration.

The funnel runs at the profile's England-like rates: mainstream initial enquiries arrive through
the year, a share become applications, a share of those are approved after an assessment of about
eight months; kinship (family and friends) households are assessed for a child they already know,
without an enquiry. Approved households leave fostering at the deregistration rate. The service
already has its households when the history starts, approved over the years before it.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from csc_tools.synthetic.profile import CouncilProfile
from csc_tools.synthetic.timeline import Timeline

DEREGISTRATION_REASONS = ("resigned", "retired", "transferred to another agency", "special guardianship order",
                          "agency decision")


@dataclass
class FosterHousehold:
    household_id: str
    household_type: str  # mainstream | kinship
    enquiry: date | None
    application: date | None
    approval: date | None
    deregistration: date | None = None
    deregistration_reason: str = ""

    @property
    def first_known(self) -> date:
        return next(d for d in (self.enquiry, self.application, self.approval) if d is not None)


def simulate_fostering(profile: CouncilProfile, timeline: Timeline, seed: int) -> list[FosterHousehold]:
    """Every household the fostering list holds up to the last extract. A generator of its own, so
    adding the fostering service leaves the rest of the simulation unchanged."""
    rng = random.Random(f"{seed}-fostering")
    start, end = timeline.records_start, timeline.extracts[-1]
    households: list[FosterHousehold] = []

    def assessment() -> timedelta:
        return timedelta(days=max(90, min(450, round(rng.gauss(profile.fostering_assessment_days, 45)))))

    def new(kind: str, enquiry: date | None, application: date | None, approval: date | None) -> FosterHousehold:
        household = FosterHousehold(f"FH{len(households) + 1:05d}", kind, enquiry, application, approval)
        households.append(household)
        return household

    # The households approved before the history starts, at some point in the 15 years before it.
    for _ in range(round(profile.per_10k(profile.fostering_households_per_10k))):
        approval = start - timedelta(days=rng.randint(1, 15 * 365))
        if rng.random() < profile.fostering_kinship_share:
            new("kinship", None, approval - timedelta(days=rng.randint(60, 200)), approval)
        else:
            application = approval - assessment()
            new("mainstream", application - timedelta(days=rng.randint(14, 120)), application, approval)

    # Enquiries through the history; kinship assessments as often as keeps their share of approvals.
    enquiries_a_day = profile.per_10k(profile.fostering_enquiries_per_10k) / 365.25
    mainstream_approvals_a_day = (enquiries_a_day * profile.fostering_enquiry_to_application
                                  * profile.fostering_application_to_approval)
    kinship_a_day = mainstream_approvals_a_day * profile.fostering_kinship_share / (1 - profile.fostering_kinship_share)
    day = start
    while day <= end:
        for _ in range(_poisson(rng, enquiries_a_day)):
            application = approval = None
            if rng.random() < profile.fostering_enquiry_to_application:
                application = day + timedelta(days=rng.randint(14, 120))
                if rng.random() < profile.fostering_application_to_approval:
                    approval = application + assessment()
            new("mainstream", day, application, approval)
        for _ in range(_poisson(rng, kinship_a_day)):
            new("kinship", None, day, day + timedelta(days=rng.randint(60, 200)))
        day += timedelta(days=1)

    # Approved households leave at the deregistration rate, none before they were approved.
    leave_a_day = profile.fostering_deregistration_rate / 365.25
    for household in households:
        if household.approval is None:
            continue
        left = max(household.approval, start) + timedelta(days=round(rng.expovariate(leave_a_day)) + 1)
        if left <= end:
            household.deregistration = left
            household.deregistration_reason = rng.choice(DEREGISTRATION_REASONS)
    return households


def _poisson(rng: random.Random, mean: float) -> int:
    """How many events of a small daily rate happen in a day (Knuth's method)."""
    limit, count, product = pow(2.718281828459045, -mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count
