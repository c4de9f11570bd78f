"""Annex A beyond contacts, referrals and care leavers: each contact's decision (list 1), section 47
enquiries and conferences (list 5) and children in care with their missing episodes and return
interviews (list 8), as at the extract.

A contact's decision, and a missing child's return interview, are drawn from a generator seeded by
the record itself, so every extract that lists the record says the same of it and no other record
moves. Headings follow writers/annex_a.py: the Ofsted template in odd months, spellings councils use
(known to the loader as aliases, ingest/annex_a.py) in even ones.
"""

import random
from datetime import date, timedelta

from csc_scorecard.calendar import is_working_day
from csc_tools.synthetic.contacts import Contact
from csc_tools.synthetic.profile import CouncilProfile
from csc_tools.synthetic.records import Child

CHILD = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
CHILD_VARIANT = ["Child ID", "Sex", "Ethnicity", "Date of Birth", "Age"]
DISABILITY = "Does the Child have a Disability"

CONTACT_DECISION = ["Date of Decision", "Contact Outcome"]
CONTACT_DECISION_VARIANT = ["Decision Date", "Outcome of Contact"]

TEMPLATE = {
    5: ("List 5", [*CHILD, DISABILITY, "Strategy discussion initiating Section 47 Enquiry Start Date",
                   "Was an Initial Child Protection Conference deemed unnecessary?",
                   "Date of Initial Child Protection Conference",
                   "Did the Initial Child Protection Conference Result in a Child Protection Plan",
                   "Number of Section 47 Enquiries in the last 12 months", "Number of ICPCs in the last 12 months",
                   "Allocated Team", "Allocated Worker"]),
    8: ("List 8", [*CHILD, "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)", DISABILITY,
                   "Date Started to be Looked After", "Child's Category of Need", "Child's Legal Status",
                   "Start Date of Most Recent Placement", "Placement Type", "Date Ceased to be Looked After",
                   "Number of Episodes the Child has been Missing from their Placement in the last 12 months",
                   "Number of Episodes the Child has been Absent from their Placement in the last 12 months",
                   "Was the child offered a Return Interview after their last missing episode (Y/N)?",
                   "Did the child accept a Return Interview after their last missing episode (Y/N)?",
                   "Allocated Team", "Allocated Worker"]),
}
VARIANT = {
    5: ("L5 S47 and ICPC", [*CHILD_VARIANT, DISABILITY, "Strategy Discussion Date", "ICPC Not Required",
                            "Date of ICPC", "ICPC Resulted in CP Plan", "Number of S47s in Last 12 Months",
                            "Number of ICPCs in Last 12 Months", "Allocated Team", "Allocated Worker"]),
    8: ("L8 Children in care", [*CHILD_VARIANT, "UASC", DISABILITY, "Date Became Looked After", "Category of Need",
                                "Legal Status", "Placement Start Date", "Placement Type", "Date Ceased Looked After",
                                "Missing Episodes in Last 12 Months", "Absences in Last 12 Months",
                                "Return Interview Offered", "Return Interview Accepted", "Allocated Team",
                                "Allocated Worker"]),
}

YES, NO = "a) Yes", "b) No"
# What a contact not referred leads to, weighted as councils' front doors roughly report (assumed).
OTHER_OUTCOMES = [("b) Early help", 35), ("c) Information and advice", 30), ("d) No further action", 25),
                  ("e) Signposted to another agency", 10)]
SHORT_BREAKS = ("V3", "V4")


def _add_working_days(day: date, working_days: int) -> date:
    while working_days > 0:
        day += timedelta(days=1)
        working_days -= is_working_day(day)
    return day


def contact_decision(contact: Contact, as_at: date, profile: CouncilProfile, seed: int) -> list:
    """The decision's date (blank while it is after the extract) and what the contact led to."""
    rng = random.Random(f"{seed}-contact-decision:{contact.child.child_id}:{contact.date.isoformat()}")
    if rng.random() < profile.contact_decided_within_1wd:
        days = 0 if rng.random() < 0.6 else 1
    else:
        days = rng.randint(2, 6)
    decided = _add_working_days(contact.date, days)
    if contact.referral is not None:
        outcome = "a) Referral to children's social care"
    else:
        outcome = rng.choices([o for o, _ in OTHER_OUTCOMES], [w for _, w in OTHER_OUTCOMES])[0]
    return [decided, outcome] if decided <= as_at else [None, None]


def _disabled(child: Child) -> str:
    return NO if child.disabilities == ("NONE",) else YES


def section47_rows(children: list[Child], child_columns, start: date, as_at: date) -> list[list]:
    """List 5: each section 47 enquiry whose strategy discussion fell in the window."""
    year_ago = as_at - timedelta(days=365)
    rows = []
    for child in children:
        enquiries = [r for r in child.referrals if r.section47 is not None and r.section47.start <= as_at]
        in_year = sum(r.section47.start > year_ago for r in enquiries)
        icpcs_in_year = sum(r.section47.icpc is not None and year_ago < r.section47.icpc <= as_at for r in enquiries)
        for referral in enquiries:
            s47 = referral.section47
            if s47.start < start:
                continue
            icpc = s47.icpc if s47.icpc is not None and s47.icpc <= as_at else None
            plan = referral.cp_plan
            led_to_plan = None if icpc is None else (YES if plan is not None and plan.start == icpc else NO)
            rows.append([*child_columns(child, as_at), _disabled(child), s47.start,
                         YES if s47.icpc_not_required else NO, icpc, led_to_plan, in_year, icpcs_in_year,
                         "Assessment and intervention", None])
    return sorted(rows, key=lambda row: (row[6], row[0]))


def children_in_care_rows(children: list[Child], child_columns, start: date, as_at: date,
                          profile: CouncilProfile, seed: int) -> list[list]:
    """List 8: each child looked after at some time in the window (not on short breaks), with the
    missing and absent episodes of the 12 months to the extract and, after the last missing one,
    whether a return interview was offered and accepted."""
    year_ago = as_at - timedelta(days=365)
    rows = []
    for child in children:
        episodes = [e for e in child.episodes if e.start <= as_at and (e.end is None or e.end >= start)
                    and e.legal_status not in SHORT_BREAKS]
        if not episodes:
            continue
        current = max(episodes, key=lambda e: e.start)
        began = max((e.start for e in child.episodes if e.reason_new_episode == "S" and e.start <= current.start),
                    default=current.start)
        ceased = current.end if current.end is not None and current.end <= as_at and current.reason_ceased != "X1" \
            else None
        missing = [m for m in child.missing if year_ago < m.start <= as_at]
        went_missing = [m for m in missing if m.kind == "M"]
        offered = accepted = None
        if went_missing:
            last = max(m.start for m in went_missing)
            rng = random.Random(f"{seed}-return-interview:{child.child_id}:{last.isoformat()}")
            is_offered = rng.random() < profile.return_interview_offered_share
            offered = YES if is_offered else NO
            accepted = (YES if rng.random() < profile.return_interview_accepted_share else NO) if is_offered else None
        rows.append([*child_columns(child, as_at), NO, _disabled(child), began, child.category_of_need,
                     current.legal_status, current.start, current.placement, ceased, len(went_missing),
                     len(missing) - len(went_missing), offered, accepted, "Children in care", None])
    return sorted(rows, key=lambda row: row[0])
