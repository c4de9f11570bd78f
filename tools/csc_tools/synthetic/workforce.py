"""The social work workforce: funded posts, the employees who fill them, agency cover.

Each funded team-and-role has employed posts, each held by a succession of workers: a worker
leaves at the profile's turnover rate (a constant hazard) and the next starts after a short gap.
Funded FTE is set above the employed FTE so the vacancy rate (agency cover counts as vacant,
as the DfE counts it) matches the profile; agency assignments run alongside at the agency rate.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from csc_tools.synthetic.people import pick
from csc_tools.synthetic.profile import CouncilProfile
from csc_tools.synthetic.timeline import Timeline

DAYS_PER_YEAR = 365.25
TEAMS = [("Front Door", 0.12), ("Assessment", 0.22), ("Child in Need", 0.17), ("Child Protection", 0.16),
         ("Children in Care", 0.18), ("Care Leavers", 0.07), ("Disabled Children", 0.08)]
ROLES = [("social worker", 0.72), ("senior practitioner", 0.18), ("team manager", 0.10)]
EMPLOYED_FTE = [(1.0, 75), (0.8, 12), (0.6, 8), (0.5, 5)]
AGENCY_FTE = [(1.0, 90), (0.8, 10)]
MEAN_GAP_BEFORE_REPLACEMENT = 30  # days a post stands empty between leaver and starter
MEAN_AGENCY_ASSIGNMENT = 240
LEAVING_REASONS = [("resigned", 45), ("moved to another council", 18), ("moved to agency work", 10),
                   ("retired", 12), ("career break", 5), ("dismissed", 3), ("other", 7)]


@dataclass
class Worker:
    worker_id: str
    role: str
    team: str
    fte: float
    contract_type: str  # permanent | fixed-term | agency
    start: date
    end: date | None
    leaving_reason: str | None
    qualified: date | None

    @property
    def is_case_holder(self) -> bool:
        return self.role != "team manager"

    def in_post(self, on: date) -> bool:
        return self.start <= on and (self.end is None or self.end >= on)


@dataclass(frozen=True)
class Post:
    team: str
    role: str
    funded_fte: float


@dataclass
class Workforce:
    posts: list[Post]
    workers: list[Worker]


def _largest_remainder(shares: dict[tuple[str, str], float], total: int) -> dict[tuple[str, str], int]:
    exact = {k: v * total for k, v in shares.items()}
    counts = {k: int(v) for k, v in exact.items()}
    for k in sorted(exact, key=lambda k: (counts[k] - exact[k], k))[: total - sum(counts.values())]:
        counts[k] += 1
    return counts


def simulate_workforce(profile: CouncilProfile, timeline: Timeline, seed: int) -> Workforce:
    rng = random.Random(f"{seed}:workforce")
    start, last = timeline.records_start, timeline.last_extract
    tenure = DAYS_PER_YEAR / profile.turnover
    occupancy = tenure / (tenure + MEAN_GAP_BEFORE_REPLACEMENT)
    employed_fte = (1 - profile.agency_rate) * profile.social_worker_fte
    agency_fte = profile.agency_rate * profile.social_worker_fte

    shares = {(team, role): ts * rs for team, ts in TEAMS for role, rs in ROLES}
    mean_employed_fte = sum(f * w for f, w in EMPLOYED_FTE) / sum(w for _, w in EMPLOYED_FTE)
    slots = _largest_remainder(shares, max(1, round(employed_fte / occupancy / mean_employed_fte)))

    workers: list[Worker] = []
    posts: list[Post] = []
    for (team, role), n in sorted(slots.items(), key=lambda kv: ([t for t, _ in TEAMS].index(kv[0][0]),
                                                                 [r for r, _ in ROLES].index(kv[0][1]))):
        slot_fte = [float(pick(rng, [(str(f), w) for f, w in EMPLOYED_FTE])) for _ in range(n)]
        for fte in slot_fte:
            workers += _post_holders(rng, team, role, fte, start, last, tenure)
        if n:
            posts.append(Post(team, role, round(occupancy * sum(slot_fte) / (1 - profile.vacancy_rate), 1)))

    assignment = MEAN_AGENCY_ASSIGNMENT + 14
    agency_occupancy = assignment / (assignment + 7)
    mean_agency_fte = sum(f * w for f, w in AGENCY_FTE) / sum(w for _, w in AGENCY_FTE)
    agency_shares = {(team, role): ts * rs for team, ts in TEAMS for role, rs in ROLES if role != "team manager"}
    total = sum(agency_shares.values())
    agency_slots = _largest_remainder({k: v / total for k, v in agency_shares.items()},
                                      round(agency_fte / agency_occupancy / mean_agency_fte))
    for (team, role), n in sorted(agency_slots.items()):
        for _ in range(n):
            fte = float(pick(rng, [(str(f), w) for f, w in AGENCY_FTE]))
            workers += _agency_assignments(rng, team, role, fte, start, last)

    _number(workers)
    return Workforce(posts=posts, workers=workers)


def _qualified(rng: random.Random, started: date, role: str) -> date:
    if role == "social worker" and rng.random() < 0.2:  # newly qualified (ASYE)
        return started - timedelta(days=rng.randint(20, 200))
    least = 5 if role == "team manager" else 2 if role == "senior practitioner" else 0
    return started - timedelta(days=int(rng.uniform(least, least + 15) * DAYS_PER_YEAR))


def _post_holders(rng, team, role, fte, first: date, last: date, tenure: float) -> list[Worker]:
    """The succession of employees in one post from the records start to the last extract."""
    holders = []
    started = first - timedelta(days=int(rng.expovariate(1 / tenure)))
    left = first + timedelta(days=int(rng.expovariate(1 / tenure)))
    while started <= last:
        contract = "fixed-term" if rng.random() < 0.08 else "permanent"
        reason = "end of fixed-term contract" if contract == "fixed-term" else pick(rng, LEAVING_REASONS)
        holders.append(Worker("", role, team, fte, contract, started, left, reason, _qualified(rng, started, role)))
        started = left + timedelta(days=1 + int(rng.expovariate(1 / MEAN_GAP_BEFORE_REPLACEMENT)))
        left = started + timedelta(days=int(rng.expovariate(1 / tenure)))
    return holders


def _agency_assignments(rng, team, role, fte, first: date, last: date) -> list[Worker]:
    held = []
    started = first - timedelta(days=int(rng.expovariate(1 / MEAN_AGENCY_ASSIGNMENT)))
    left = first + timedelta(days=14 + int(rng.expovariate(1 / MEAN_AGENCY_ASSIGNMENT)))
    while started <= last:
        held.append(Worker("", role, team, fte, "agency", started, left, "end of assignment",
                           _qualified(rng, started, role)))
        started = left + timedelta(days=1 + rng.randint(0, 12))
        left = started + timedelta(days=14 + int(rng.expovariate(1 / MEAN_AGENCY_ASSIGNMENT)))
    return held


def _number(workers: list[Worker]) -> None:
    """HR numbers employees in order of joining; the agency supplier numbers its own workers."""
    order = sorted(range(len(workers)), key=lambda i: (workers[i].start, i))
    employed = agency = 0
    for i in order:
        w = workers[i]
        if w.contract_type == "agency":
            agency += 1
            w.worker_id = f"AG{agency:05d}"
        else:
            employed += 1
            w.worker_id = f"E{employed:05d}"
