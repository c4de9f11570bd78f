"""Contacts to the front door (Ofsted Annex A list 1), and who each care leaver's personal adviser is.

Every referral was first a contact, logged the day the referral was made. The other contacts (the
profile's contacts a referral, less the one that became the referral) are about children the council
never went on to refer, so they are children of their own, with ids after every CIN and SSDA903
child's. Drawn from a generator of their own, so every other simulated record, and every file the
other writers produce, stays exactly as it was.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from csc_tools.synthetic.people import ETHNICITIES, pick
from csc_tools.synthetic.profile import CouncilProfile
from csc_tools.synthetic.records import Child, Referral
from csc_tools.synthetic.referrals import REFERRAL_SOURCES

# Some children not referred are the subject of a second contact within months (a worried school
# calling again); their second contact comes out of the same budget of contacts.
REPEAT_CONTACT_SHARE = 0.15
# Extra contacts fall within the two months after the referrals they stand beside, so they follow
# the front door's volume without landing in the same month in lockstep with it. After, not before:
# a contact's referrals are then all simulated, up to the last extract; a repeat contact comes later still.
SPREAD_DAYS = 60
REPEAT_AFTER_DAYS = (14, 180)
# How long before the first contact wanted the referrals that bring contacts must start.
LEAD_DAYS = SPREAD_DAYS + REPEAT_AFTER_DAYS[1]
UASC_SHARE = 0.12


@dataclass
class Contact:
    date: date
    source: str
    child: Child
    referral: Referral | None = None  # the referral it became, if it became one


@dataclass
class FrontDoorLog:
    contacts: list[Contact]
    personal_advisers: dict[int, str]  # Child.key -> adviser, for care leavers who have one
    uasc: set[int]  # Child.key of care leavers who came to England unaccompanied


def simulate_contacts(children: list[Child], profile: CouncilProfile, since: date, seed: int) -> FrontDoorLog:
    """The contacts from `since` on (some after the last extract: the writer cuts them), and each
    care leaver's personal adviser and UASC status."""
    rng = random.Random(f"{seed}-annex-a")
    contacts: list[Contact] = []
    first_referral = since - timedelta(days=LEAD_DAYS)
    referrals = sorted(((r, c) for c in children for r in c.referrals if r.date >= first_referral),
                       key=lambda rc: (rc[0].date, rc[1].key))
    # Contacts not referred, a referral: each such child brings 1 + REPEAT_CONTACT_SHARE contacts.
    new_children_per_referral = (profile.contacts_per_referral - 1) / (1 + REPEAT_CONTACT_SHARE)
    next_id = 1 + max((int(c.child_id) for c in children if c.child_id), default=100_000)
    for referral, child in referrals:
        contacts.append(Contact(referral.date, referral.source, child, referral))
        extra = int(new_children_per_referral) + (rng.random() < new_children_per_referral % 1)
        for _ in range(extra):
            on = referral.date + timedelta(days=rng.randint(0, SPREAD_DAYS))
            unreferred = Child(key=-next_id, dob=on - timedelta(days=rng.randint(0, 18 * 365 - 1)),
                               sex=rng.choice("12"), ethnicity=pick(rng, ETHNICITIES), upn="",
                               disabilities=("NONE",), child_id=str(next_id))
            next_id += 1
            contacts.append(Contact(on, pick(rng, REFERRAL_SOURCES), unreferred))
            if rng.random() < REPEAT_CONTACT_SHARE:
                contacts.append(Contact(on + timedelta(days=rng.randint(*REPEAT_AFTER_DAYS)),
                                        pick(rng, REFERRAL_SOURCES), unreferred))
    contacts.sort(key=lambda c: (c.date, c.child.child_id))

    leavers = [c for c in children if c.care_leaver is not None]
    advisers = max(1, round(len(leavers) / 20))  # an adviser supports about 20 care leavers
    personal_advisers = {c.key: f"PA{rng.randrange(advisers) + 1:04d}" for c in leavers
                         if rng.random() < profile.personal_adviser_share}
    # An assumed share (REFERENCE.md has no figure); no other extract records UASC status to contradict it.
    uasc = {c.key for c in leavers if rng.random() < UASC_SHARE}
    return FrontDoorLog(contacts, personal_advisers, uasc)
