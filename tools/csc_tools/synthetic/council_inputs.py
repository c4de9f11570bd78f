"""The synthetic council's own inputs, as its performance team would keep them: one workbook,
council_inputs.xlsx, with a sheet per input (docs/council_inputs.md), dated from its own months.

A plan of 40 actions begun six months before the first extract, most complete, some overdue or at
risk by the last; commentary in most months; two monitoring visits; a board log; and a target for
every measure that can be rated (the rest are context by their definition).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from csc_scorecard.council_inputs import INPUTS, WORKBOOK
from csc_scorecard.scorecard.months import add_months, month_end, month_name, month_of

# metric_id, target, amber_tolerance, red_tolerance, basis: the board's targets for the fictional
# council, mostly England's latest figure or the improvement plan's ambition.
TARGETS = (
    ("rereferral_rate_12m", 20.0, 0.0, 2.6, "Improvement plan: below England (22.6%, 2025); red once worse than England"),
    ("referral_nfa_rate_12m", 6.5, 0.0, 3.0, "England 2025 (6.5%); red at 9.5% or more"),
    ("assessments_within_45wd_12m", 90.0, 0.0, 4.3, "Improvement plan: 90%; red once below England (85.7%, 2025)"),
    ("icpc_within_15wd_12m", 80.0, 0.0, 5.0, "Improvement plan: 80% (England about 78%); red below 75%"),
    ("cp_plans_second_or_subsequent_12m", 20.0, 0.0, 3.0, "Below England (about 23%); red above 23%"),
    ("cp_plans_ended_2y_plus_12m", 4.4, 0.0, 1.6, "England 2025 (4.4%); red above 6%"),
    ("cla_3plus_placements_12m", 10.0, 0.0, 2.0, "England (about 10%); red above 12%"),
    ("cla_long_term_stability", 50.0, 5.0, 10.0, "Sufficiency strategy, first year: 50% (England 68%); red below 40%"),
    ("missing_children_month", 20, 0, 5, "Missing-from-care protocol: no more than 20 children a month; red above 25"),
    ("missing_episodes_month", 25, 0, 10, "Missing-from-care protocol: no more than 25 episodes a month; red above 35"),
    ("children_waiting_adoption", 10, 0, 5, "Regional adoption agency plan: no more than 10 children waiting; red above 15"),
    ("children_waiting_placement_order_or_decision", 10, 0, 5, "The regional adoption agency plan's ceiling; red above 15"),
    ("adoption_a10_3y", 480, 0, 60, "Regional adoption agency plan: 480 days; red above 540"),
    ("adoption_a1_3y", 426, 0, 60, "DfE threshold 426 days; red above 486"),
    ("adoption_a2_3y", 121, 0, 60, "DfE threshold 121 days; red above 181"),
    ("care_leavers_in_touch", 90.0, 0.0, 5.0, "Care leavers' offer: in touch with 90%; red below 85%"),
    ("care_leavers_suitable_accommodation", 88.0, 0.0, 5.0, "England (about 88%); red below 83%"),
    ("care_leavers_eet", 45.0, 0.0, 8.0, "Care leavers' offer, first year: 45% (England about 55%); red below 37%"),
    ("care_leavers_with_personal_adviser", 100.0, 0.0, 5.0, "Statutory: every care leaver up to 21 has a personal adviser; red below 95%"),
    ("agency_worker_rate", 15.0, 0.0, 2.8, "Workforce strategy: 15%; red once worse than England (17.8%, 2023)"),
    ("vacancy_rate", 15.0, 0.0, 3.9, "Workforce strategy: 15%; red once worse than England (18.9%, 2023)"),
    ("turnover_rate_12m", 14.0, 0.0, 1.9, "Workforce strategy: 14%; red once worse than England (15.9%, 2023)"),
    ("caseload_per_fte", 16.0, 1.0, 3.0, "England 2023 (16.0); green up to 17, red above 19"),
    ("leavers", 3, 0, 2, "Workforce strategy: no more than 3 social workers leaving a month; red above 5"),
    ("case_holders_over_20_cases_rate", 10.0, 0.0, 10.0, "No more than 1 case holder in 10 above 20 cases; red above 1 in 5"),
    ("case_holders_over_25_cases_rate", 0.0, 0.0, 5.0, "No case holder above 25 cases; red above 5%"),
    ("contact_decisions_within_1wd", 95.0, 0.0, 5.0, "Front door plan: 95% of contacts decided within a working day; red below 90%"),
    ("return_interviews_offered_rate", 90.0, 0.0, 10.0, "Missing protocol: a return interview offered after 9 in 10 episodes; red below 80%"),
    ("return_interviews_accepted_rate", 60.0, 0.0, 10.0, "Missing protocol: 60% of those offered accepted; red below 50%"),
    ("fostering_enquiry_conversion_12m", 15.0, 0.0, 3.0, "Sufficiency strategy: 15% of enquiries to application (Ofsted England 12%); red below 12%"),
    ("fostering_days_application_to_approval_12m", 240, 0, 30, "Fostering regulations: approval within 8 months of application; red beyond 9"),
    ("care_leavers_17_18_in_touch", 90.0, 0.0, 5.0, "Care leavers' offer: in touch with 9 in 10; red below 85%"),
    ("care_leavers_17_18_suitable_accommodation", 90.0, 0.0, 5.0, "Care leavers' offer: 9 in 10 suitably housed; red below 85%"),
    ("care_leavers_17_18_eet", 60.0, 0.0, 10.0, "Care leavers' offer: 6 in 10 in education, employment or training; red below 50%"),
    ("care_leavers_17_18_with_personal_adviser", 100.0, 5.0, 10.0, "Leaving care duty: a personal adviser for every eligible young person; red below 90%"),
    ("care_leavers_19_21_with_personal_adviser", 100.0, 5.0, 10.0, "Leaving care duty: a personal adviser for every care leaver; red below 90%"),
)
# Measures the board reads as context although a direction is better: a year's target cannot rate
# a year-to-date count month by month.
CONTEXT = (("adoptions_ytd", "Context: the regional plan's 12 a year is reviewed at the year end, not monthly"),
           ("fostering_households_approved", "Context: the sufficiency strategy's household numbers are reviewed yearly"),
           ("fostering_approvals_12m", "Context: read beside enquiries and deregistrations, not rated alone"),
           ("fostering_deregistrations_12m", "Context: a household retiring is not a failure the board can rate"))
# A target the board raised part-way through: the months before keep the old one.
RAISED = ("assessments_within_45wd_12m", 85.0, "Improvement plan, first year: 85%")

# area, action, owner, linked measures
ACTIONS = (
    ("Front door", "Single front door: MASH screening decisions within one working day", "Head of Front Door", "referral_nfa_rate_12m"),
    ("Front door", "Threshold guidance relaunched with partner agencies", "Head of Front Door", "referral_nfa_rate_12m;contact_conversion_rate"),
    ("Front door", "Audit of re-referrals within 12 months fed into step-down", "Head of Quality Assurance", "rereferral_rate_12m"),
    ("Front door", "Early help step-down panel meets weekly", "Head of Early Help", "rereferral_rate_12m"),
    ("Front door", "Triage of police notifications within 24 hours", "MASH Team Manager", "contact_conversion_rate"),
    ("Front door", "Consultation line for professionals staffed by a social worker", "Head of Front Door", "referral_nfa_rate_12m"),
    ("Assessment", "Assessment tracker reviewed weekly by team managers", "Head of Assessment", "assessments_within_45wd_12m"),
    ("Assessment", "Practice standard for assessments agreed and trained", "Principal Social Worker", "assessments_within_45wd_12m"),
    ("Assessment", "Monthly audit of assessment quality, 20 cases", "Head of Quality Assurance", ""),
    ("Assessment", "Single assessment template shortened with practitioners", "Head of Assessment", "assessments_within_45wd_12m"),
    ("Child protection", "Strategy discussions held with police and health within one working day", "Head of Safeguarding", "icpc_within_15wd_12m"),
    ("Child protection", "Initial conferences booked at the strategy discussion", "Conference Service Manager", "icpc_within_15wd_12m"),
    ("Child protection", "Plans over 18 months reviewed by the independent chair", "Head of Safeguarding", "cp_plans_ended_2y_plus_12m"),
    ("Child protection", "Repeat plans: learning review of every second plan", "Head of Quality Assurance", "cp_plans_second_or_subsequent_12m"),
    ("Child protection", "Response to abuse concerns: section 47 practice guidance", "Principal Social Worker", "icpc_within_15wd_12m"),
    ("Child protection", "Neglect toolkit used in every plan", "Head of Safeguarding", "cp_plans_second_or_subsequent_12m"),
    ("Children in care", "Placement stability meetings after a second move", "Head of Children in Care", "cla_3plus_placements_12m"),
    ("Children in care", "Long-term matching panel for children in care over 2.5 years", "Head of Children in Care", "cla_long_term_stability"),
    ("Children in care", "Return home interviews within 72 hours of a missing episode", "Head of Children in Care", "missing_children_month;missing_episodes_month"),
    ("Children in care", "Missing children strategy meeting with police monthly", "Head of Safeguarding", "missing_episodes_month"),
    ("Children in care", "Reunification framework for children in care", "Head of Children in Care", ""),
    ("Children in care", "Children in care council consulted on care plans", "Participation Lead", ""),
    ("Adoption and fostering", "Sufficiency strategy: 20 more in-house foster carers", "Head of Fostering", "cla_3plus_placements_12m"),
    ("Adoption and fostering", "Early permanence: foster to adopt placements", "Regional Adoption Agency Lead", "adoption_a1_3y;adoption_a10_3y"),
    ("Adoption and fostering", "Adoption tracker reviewed monthly with the regional agency", "Regional Adoption Agency Lead", "children_waiting_adoption;adoption_a2_3y"),
    ("Adoption and fostering", "Placement order applications tracked from the decision", "Head of Legal Services", "children_waiting_placement_order_or_decision"),
    ("Adoption and fostering", "Foster carer recruitment campaign", "Head of Fostering", ""),
    ("Adoption and fostering", "Special guardianship support offer refreshed", "Head of Permanence", ""),
    ("Care leavers", "Care leavers' local offer refreshed with young people", "Head of Leaving Care", "care_leavers_in_touch"),
    ("Care leavers", "Personal adviser allocated by 16 years 3 months", "Head of Leaving Care", "care_leavers_with_personal_adviser"),
    ("Care leavers", "Staying close and staying put places doubled", "Head of Leaving Care", "care_leavers_suitable_accommodation"),
    ("Care leavers", "Apprenticeships ring-fenced for care leavers", "Head of Leaving Care", "care_leavers_eet"),
    ("Care leavers", "Pathway plans reviewed every six months", "Head of Leaving Care", "care_leavers_in_touch"),
    ("Workforce", "Recruit 12 permanent social workers and reduce agency use", "Director of Children's Services", "agency_worker_rate;vacancy_rate"),
    ("Workforce", "Caseload dashboard shared with every team manager monthly", "Head of Performance", "caseload_per_fte"),
    ("Workforce", "Retention payment for experienced social workers", "Head of HR", "turnover_rate_12m;leavers"),
    ("Workforce", "Caseload cap of 20 in assessment teams", "Head of Assessment", "case_holders_over_20_cases_rate;case_holders_over_25_cases_rate"),
    ("Workforce", "ASYE academy for newly qualified social workers", "Principal Social Worker", ""),
    ("Workforce", "Exit interviews for every leaver reported to the board", "Head of HR", "leavers"),
    ("Workforce", "Supervision within 4 weeks for every case holder", "Principal Social Worker", ""),
)

# Two monitoring visits: area, linked measures, first visit's finding, second visit's finding
# (None: not looked at again), open or closed after the second.
VISIT_AREAS = (
    ("Referrals resulting in no further action and repeat referrals", "referral_nfa_rate_12m;rereferral_rate_12m",
     "More work to do: too many referrals end in no further action, and children come back.",
     "Some progress; repeat referrals are still above the council's ambition.", "open"),
    ("Triaging at the front door", "contact_conversion_rate",
     "More work is needed: contacts wait too long for a decision.",
     "More work is needed: decisions are quicker but not consistently recorded.", "open"),
    ("Response to abuse concerns", "icpc_within_15wd_12m;cp_plans_second_or_subsequent_12m",
     "Strategy discussions are too often late and without health.",
     "Pleased with the improvement: strategy discussions are timely and multi-agency.", "closed"),
    ("Assessment timeliness and quality", "assessments_within_45wd_12m",
     "Assessments are too often late; quality varies between teams.", None, "open"),
)

COMMENTARY_AREAS = ("Front door", "Assessment", "Child protection", "Children in care", "Workforce")


def _d(day: date) -> date:
    return day  # a date cell, as Excel keeps one


def input_rows(extracts: tuple[date, ...], seed: int) -> dict[str, list[list]]:
    """Each input's rows (header first), dated from the council's own extract months."""
    rng = random.Random(f"{seed}-council-inputs")
    first, last = month_of(extracts[0]), month_of(extracts[-1])
    header = {spec.name: [c.name for c in spec.columns] for spec in INPUTS}

    raised_from = month_end(add_months(first, len(extracts) // 2))
    targets = [header["targets"], [RAISED[0], RAISED[1], 0.0, 4.3, "", "", RAISED[2]]]
    targets += [[m, t, a, r, _d(raised_from) if m == RAISED[0] else "", "", basis] for m, t, a, r, basis in TARGETS]
    targets += [[m, "", "", "", "", "yes", basis] for m, basis in CONTEXT]

    # Due dates run from six months before the first extract to six months after the last; by the
    # last extract most of those due are complete, a handful are overdue and some are at risk.
    start, span = add_months(first, -6), len(extracts) + 12
    plan = [header["improvement_plan"]]
    as_at = extracts[-1]
    for n, (area, title, owner, measures) in enumerate(ACTIONS, start=1):
        due = month_end(add_months(start, (n * 7) % span))
        roll = rng.random()
        completed = ""
        if due <= as_at:
            if roll < 0.82:
                status = "complete"
                completed = _d(min(due - timedelta(days=rng.randint(0, 40)) if roll < 0.7
                                   else due + timedelta(days=rng.randint(5, 30)), as_at))
            else:
                status = ("on track", "at risk", "off track", "not started")[n % 4]
        else:
            status = ("at risk", "not started", "on track", "on track", "complete" if roll > 0.9 else "on track")[n % 5]
            completed = _d(as_at - timedelta(days=rng.randint(1, 20))) if status == "complete" else ""
        plan.append([f"IP-{n:02d}", title, owner, area, _d(due), status, completed, measures])

    commentary = [header["commentary"]]
    for i, extract in enumerate(extracts):
        month = month_of(extract)
        if i % 5 == 3:
            continue  # a month the team wrote nothing: the pack shows none rather than last month's
        label = f"{month[0]:04d}-{month[1]:02d}"
        commentary.append([label, "", f"{month_name(month)}: the improvement plan's actions are being reviewed at "
                                      "each board meeting; the figures below are as the systems recorded them."])
        for area in rng.sample(COMMENTARY_AREAS, 2):
            commentary.append([label, area, f"The {area.lower()} service reviewed its figures for "
                                            f"{month_name(month)} with team managers; the actions in the plan "
                                            "for this area are discussed at the next board."])

    # Dated back from the last extract, so a short run still has its visits behind it.
    first_visit = date(*add_months(last, -10), 14)
    second_visit = date(*add_months(last, -4), 9)
    next_visit = date(*add_months(last, 3), 10)
    visits = [header["ofsted_visits"]]
    for area, measures, finding, later, closed in VISIT_AREAS:
        visits.append([_d(first_visit), "monitoring visit", area, finding, "open", _d(second_visit), measures])
        if later is not None and second_visit <= as_at:
            visits.append([_d(second_visit), "monitoring visit", area, later, closed, _d(next_visit), measures])

    board = [header["board_actions"]]
    for k, months_in in enumerate(range(0, len(extracts), 3)):
        meeting = date(*month_of(extracts[months_in]), 20)
        if meeting > as_at:
            continue
        board.append([_d(meeting), "decision", f"Board accepted the performance report for "
                      f"{month_name(month_of(extracts[months_in]))}", "Chair", "", "", ""])
        due = month_end(add_months(month_of(meeting), 2))
        done = due + timedelta(days=-5) <= as_at and k % 3 != 1
        board.append([_d(meeting), "action", f"Report back on the {COMMENTARY_AREAS[k % len(COMMENTARY_AREAS)].lower()} "
                      "actions at risk", "Director of Children's Services", _d(due),
                      "complete" if done else "open", _d(due - timedelta(days=5)) if done else ""])
    return {"targets": targets, "improvement_plan": plan, "commentary": commentary, "ofsted_visits": visits,
            "board_actions": board}


def write_council_inputs(folder: Path, extracts: tuple[date, ...], seed: int = 2026) -> Path:
    """Write council_inputs.xlsx into `folder` (made if need be); returns its path."""
    import openpyxl

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in input_rows(extracts, seed).items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    path = folder / WORKBOOK
    book.save(path)
    return path
