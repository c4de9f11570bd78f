"""The monthly fostering households list (docs/fostering.md), dates YYYY-MM-DD."""

from datetime import date
from pathlib import Path

from csc_tools.synthetic.fostering import FosterHousehold
from csc_tools.synthetic.writers import iso, known, write_csv

HEADER = ("household_id,household_type,enquiry_date,application_date,approval_date,deregistration_date,"
          "deregistration_reason")


def write_fostering(folder: Path, households: list[FosterHousehold], as_at: date) -> Path:
    rows = []
    for h in households:
        if h.first_known > as_at:
            continue
        left = known(h.deregistration, as_at)
        rows.append([h.household_id, h.household_type, iso(known(h.enquiry, as_at)), iso(known(h.application, as_at)),
                     iso(known(h.approval, as_at)), iso(left), h.deregistration_reason if left else ""])
    path = folder / "fostering_households.csv"
    write_csv(path, HEADER, rows)
    return path
