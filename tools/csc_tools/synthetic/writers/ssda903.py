"""The SSDA903 (children looked after) tables as CSVs, dates DD/MM/YYYY."""

from datetime import date
from pathlib import Path

from csc_tools.synthetic.records import Child
from csc_tools.synthetic.timeline import birthday
from csc_tools.synthetic.writers import known, uk, write_csv

HEADERS = {
    "header": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
    "episodes": "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN",
    "placed_for_adoption": "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
    "ad1": "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR",
    "missing": "CHILD,DOB,MISSING,MIS_START,MIS_END",
    "oc3": "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM",
}


def write_ssda903(folder: Path, children: list[Child], as_at: date) -> list[Path]:
    tables: dict[str, list[list[str]]] = {name: [] for name in HEADERS}
    for child in children:
        episodes = [e for e in child.episodes if e.start <= as_at]
        if not episodes:
            continue
        cid, dob = child.child_id, uk(child.dob)
        mother = "0" if child.sex == "2" and as_at >= birthday(child.dob, 12) else ""
        tables["header"].append([cid, child.sex, dob, child.ethnicity, child.upn, mother, ""])
        for e in sorted(episodes, key=lambda e: e.start):
            ended = known(e.end, as_at)
            tables["episodes"].append([
                cid, uk(e.start), e.reason_new_episode, e.legal_status, child.category_of_need, e.placement,
                e.provider, uk(ended), e.reason_ceased if ended else "",
                (e.reason_place_change or "") if ended else "", "", "", e.urn,
            ])
        decision = child.adoption_decision
        if decision and decision.decided <= as_at:
            reversed_on = known(decision.reversed, as_at)
            tables["placed_for_adoption"].append([cid, dob, uk(decision.decided), uk(reversed_on),
                                                  decision.reason_reversed if reversed_on else ""])
        adoption = child.adoption
        if adoption and adoption.adopted <= as_at:
            tables["ad1"].append([cid, dob, uk(adoption.decided), uk(adoption.matched),
                                  "1" if adoption.by_foster_carers else "0", str(adoption.adopters),
                                  adoption.adopter_sexes, adoption.adopter_legal_status])
        for m in child.missing:
            if m.start <= as_at:
                tables["missing"].append([cid, dob, m.kind, uk(m.start), uk(known(m.end, as_at))])
        # Care leavers aged 17 to 21 (their 17th birthday passed, their 22nd not yet) who have left
        # care: the 903 has collected 17- and 18-year-olds as well as 19 to 21 since 2016-17.
        leaver = child.care_leaver
        if (leaver and birthday(child.dob, 17) <= as_at < birthday(child.dob, 22)
                and all(e.end is not None and e.end <= as_at for e in child.episodes)):
            tables["oc3"].append([cid, dob, leaver.in_touch, leaver.activity, leaver.accommodation])

    paths = []
    for name, header in HEADERS.items():
        path = folder / f"{name}.csv"
        write_csv(path, header, tables[name])
        paths.append(path)
    return paths
