"""The monthly HR staff list and establishment (docs/hr_contract.md), dates YYYY-MM-DD."""

import random
from datetime import date
from pathlib import Path

from csc_tools.synthetic.workforce import Workforce
from csc_tools.synthetic.writers import iso, known, write_csv

STAFF_HEADER = ("worker_id,role,team,fte,contract_type,start_date,end_date,leaving_reason,"
                "case_holder,caseload,qualified_date")
ESTABLISHMENT_HEADER = "team,role,funded_fte"


def write_hr(folder: Path, workforce: Workforce, as_at: date, caseload: float, seed: int) -> list[Path]:
    # Cases held move month to month; one stream per extract keeps each file reproducible on its own.
    rng = random.Random(f"{seed}:caseloads:{as_at.isoformat()}")
    rows = []
    for w in sorted(workforce.workers, key=lambda w: w.worker_id):
        if w.start > as_at:
            continue
        left = known(w.end, as_at)
        cases = max(0, round(rng.gauss(caseload * w.fte, 3.5))) if w.is_case_holder and w.in_post(as_at) else 0
        rows.append([w.worker_id, w.role, w.team, f"{w.fte:g}", w.contract_type, iso(w.start), iso(left),
                     w.leaving_reason if left else "", "Y" if w.is_case_holder else "N", str(cases),
                     iso(known(w.qualified, as_at))])
    staff = folder / "hr_staff.csv"
    write_csv(staff, STAFF_HEADER, rows)
    establishment = folder / "hr_establishment.csv"
    write_csv(establishment, ESTABLISHMENT_HEADER,
              [[p.team, p.role, f"{p.funded_fte:.1f}"] for p in workforce.posts])
    return [staff, establishment]
