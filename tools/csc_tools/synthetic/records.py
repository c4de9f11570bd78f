"""What the simulation produces: each child's case history as plain records, dated in full.

Dates may lie beyond the last extract (a plan that will end next year); the writers cut every
record at the extract date, so an extract holds only what was known then.
"""

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Assessment:
    start: date
    authorised: date
    factors: tuple[str, ...]


@dataclass
class CINPlan:
    start: date
    end: date | None


@dataclass
class Section47:
    start: date
    icpc_target: date
    icpc: date | None  # the initial child protection conference, when one was held
    icpc_not_required: bool


@dataclass
class CPPlan:
    start: date
    end: date | None
    initial_category: str
    latest_category: str
    previous_plans: int
    reviews: tuple[date, ...]


@dataclass
class Referral:
    """One CINdetails: a referral and the episode of need it opened."""

    date: date
    source: str
    primary_need: str
    nfa: bool
    closure: date | None = None
    closure_reason: str | None = None
    assessment: Assessment | None = None
    cin_plan: CINPlan | None = None
    section47: Section47 | None = None
    cp_plan: CPPlan | None = None
    # The day it reached the case record, when that was after the referral (recorded late): no
    # extract dated before it holds the referral.
    recorded: date | None = None


@dataclass
class CareEpisode:
    """One SSDA903 episode: a period with one legal status and one placement."""

    start: date
    reason_new_episode: str
    legal_status: str
    placement: str
    provider: str
    urn: str
    end: date | None = None
    reason_ceased: str | None = None
    reason_place_change: str | None = None


@dataclass
class AdoptionDecision:
    """placed_for_adoption: the decision that the child should be placed for adoption."""

    decided: date
    reversed: date | None = None
    reason_reversed: str | None = None


@dataclass
class Adoption:
    """ad1: how an adopted child's adoption came about."""

    decided: date
    matched: date
    adopted: date
    by_foster_carers: bool
    adopters: int
    adopter_sexes: str
    adopter_legal_status: str


@dataclass
class MissingEpisode:
    kind: str  # M = missing, A = away without authorisation
    start: date
    end: date


@dataclass
class CareLeaver:
    in_touch: str
    activity: str
    accommodation: str


@dataclass
class Child:
    key: int  # creation order; ids are given once everyone exists, in order of first contact
    dob: date
    sex: str
    ethnicity: str
    upn: str
    disabilities: tuple[str, ...]
    child_id: str = ""
    referrals: list[Referral] = field(default_factory=list)
    episodes: list[CareEpisode] = field(default_factory=list)
    category_of_need: str = "N1"
    adoption_decision: AdoptionDecision | None = None
    adoption: Adoption | None = None
    missing: list[MissingEpisode] = field(default_factory=list)
    care_leaver: CareLeaver | None = None

    @property
    def first_contact(self) -> date:
        dates = [r.date for r in self.referrals] + [e.start for e in self.episodes]
        return min(dates)
