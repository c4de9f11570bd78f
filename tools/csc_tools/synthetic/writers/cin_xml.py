"""The CIN census XML: every child with a referral known at the extract date, dates YYYY-MM-DD."""

from datetime import date
from pathlib import Path

from csc_tools.synthetic.records import Child, Referral
from csc_tools.synthetic.writers import known


def _leaf(tag: str, value) -> str:
    # Values are codes, ids and dates: nothing needs escaping.
    return f"<{tag}>{value}</{tag}>" if value not in (None, "") else ""


def _details(r: Referral, as_at: date) -> str:
    closure = known(r.closure, as_at)
    s47 = r.section47 if r.section47 and r.section47.start <= as_at else None
    icpc = known(s47.icpc, as_at) if s47 else None
    parts = ["<CINdetails>", _leaf("CINreferralDate", r.date), _leaf("ReferralSource", r.source),
             _leaf("PrimaryNeedCode", r.primary_need), _leaf("CINclosureDate", closure),
             _leaf("ReasonForClosure", r.closure_reason if closure else None), _leaf("DateOfInitialCPC", icpc),
             _leaf("ReferralNFA", "1" if r.nfa else "0")]
    a = r.assessment
    if a and a.start <= as_at:
        authorised = known(a.authorised, as_at)
        factors = "".join(_leaf("AssessmentFactors", f) for f in a.factors) if authorised else ""
        parts += ["<Assessments>", _leaf("AssessmentActualStartDate", a.start),
                  _leaf("AssessmentAuthorisationDate", authorised),
                  f"<FactorsIdentifiedAtAssessment>{factors}</FactorsIdentifiedAtAssessment>", "</Assessments>"]
    plan = r.cin_plan
    if plan and plan.start <= as_at:
        parts += ["<CINPlanDates>", _leaf("CINPlanStartDate", plan.start),
                  _leaf("CINPlanEndDate", known(plan.end, as_at)), "</CINPlanDates>"]
    if s47:
        parts += ["<Section47>", _leaf("S47ActualStartDate", s47.start),
                  # No target once a conference is found not to be needed; a future target is not yet on file.
                  _leaf("InitialCPCtarget", None if s47.icpc_not_required else known(s47.icpc_target, as_at)),
                  _leaf("DateOfInitialCPC", icpc),
                  _leaf("ICPCnotRequired", "1" if s47.icpc_not_required else "0"), "</Section47>"]
    cp = r.cp_plan
    if cp and cp.start <= as_at:
        ended = known(cp.end, as_at)
        reviews = "".join(_leaf("CPPreviewDate", d) for d in cp.reviews if d <= as_at)
        parts += ["<ChildProtectionPlans>", _leaf("CPPstartDate", cp.start), _leaf("CPPendDate", ended),
                  _leaf("InitialCategoryOfAbuse", cp.initial_category),
                  _leaf("LatestCategoryOfAbuse", cp.latest_category),
                  _leaf("NumberOfPreviousCPP", cp.previous_plans), f"<Reviews>{reviews}</Reviews>",
                  "</ChildProtectionPlans>"]
    parts.append("</CINdetails>")
    return "".join(parts)


def _child(child: Child, referrals: list[Referral], as_at: date) -> str:
    disabilities = "".join(_leaf("Disability", d) for d in child.disabilities)
    return "".join([
        "<Child><ChildIdentifiers>", _leaf("LAchildID", child.child_id), _leaf("UPN", child.upn),
        _leaf("PersonBirthDate", child.dob), _leaf("Sex", child.sex), "</ChildIdentifiers>",
        "<ChildCharacteristics>", _leaf("Ethnicity", child.ethnicity),
        f"<Disabilities>{disabilities}</Disabilities></ChildCharacteristics>",
        *(_details(r, as_at) for r in referrals), "</Child>\n",
    ])


def write_cin_census(path: Path, children: list[Child], as_at: date, la_code: str) -> Path:
    # The census year is named by the 31 March it ends on.
    year = as_at.year + (as_at.month > 3)
    head = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Message><Header><CollectionDetails>'
        f"<Collection>CIN</Collection><Year>{year}</Year><ReferenceDate>{as_at}</ReferenceDate>"
        f"</CollectionDetails><Source><SourceLevel>L</SourceLevel><LEA>{la_code}</LEA>"
        "<SoftwareCode>csc-scorecard synthetic council</SoftwareCode><Release>1</Release>"
        f"<SerialNo>001</SerialNo><DateTime>{as_at}T00:00:00</DateTime></Source></Header>\n<Children>\n"
    )
    body = []
    for child in children:
        referrals = sorted((r for r in child.referrals if max(r.date, r.recorded or r.date) <= as_at),
                           key=lambda r: r.date)
        if referrals:
            body.append(_child(child, referrals, as_at))
    path.write_text(head + "".join(body) + "</Children></Message>\n", encoding="utf-8", newline="")
    return path
