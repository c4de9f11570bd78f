"""The Ofsted Annex A workbook: lists 1 (contacts), 3 (referrals), 5 (section 47 enquiries), 8 (children
in care) and 9 (care leavers), as at the extract; lists 5 and 8, and list 1's decisions, are
writers/annex_a_lists.py's.

Lists 1 to 9 cover the six months before the workbook's date (REFERENCE.md); here the six whole
calendar months up to the extract's month-end, so the loader sees six full months of front door.
Councils fill the template in by hand and rename its headings, so alternate months use the 2024
template's headings and spellings the loader knows as aliases (ALIASES in ingest/annex_a.py).
"""

import io
import random
import re
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl

from csc_tools.synthetic.contacts import FrontDoorLog
from csc_tools.synthetic.profile import CouncilProfile
from csc_tools.synthetic.writers import annex_a_lists
from csc_tools.synthetic.records import Child
from csc_tools.synthetic.timeline import birthday

WINDOW_MONTHS = 6

# (sheet name, headings) per list; each heading's position is the value's in the rows below.
TEMPLATE = {
    1: ("List 1", ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
                   "Date of Contact", "Contact Source", *annex_a_lists.CONTACT_DECISION]),
    3: ("List 3", ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
                   "Date of Referral", "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months",
                   "Allocated Team", "Allocated Worker"]),
    9: ("List 9", ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
                   "Does the Child have a Disability", "UASC", "Allocated Team", "Allocated Worker",
                   "Allocated Personal Advisor", "Eligibility Category", "LA in Touch",
                   "Latest Pathway Plan Review Date", "Latest Date of Contact", "Type of Accommodation",
                   "Suitability of Accommodation", "Activity Status"]),
}
VARIANT = {
    1: ("L1 Contacts", ["Child ID", "Sex", "Ethnicity", "Date of Birth", "Age", "Contact Date", "Contact Source",
                        *annex_a_lists.CONTACT_DECISION_VARIANT]),
    3: ("L3 Referrals", ["Child ID", "Sex", "Ethnicity", "Date of Birth", "Age", "Referral Date",
                         "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months",
                         "Allocated Team", "Allocated Worker"]),
    9: ("L9 Care leavers", ["Child ID", "Sex", "Ethnicity", "Date of Birth", "Age",
                            "Does the Child have a Disability", "Unaccompanied Asylum Seeking Child",
                            "Allocated Team", "Allocated Worker", "Allocated Personal Adviser",
                            "Eligibility Category", "LA in Touch", "Pathway Plan Review Date",
                            "Date of Latest Contact", "Type of Accommodation", "Suitability of Accommodation",
                            "Activity Status"]),
}

GENDER = {"1": "a) Male", "2": "b) Female"}
IN_TOUCH = {"YES": "a) Yes", "NO": "b) No", "REFU": "c) Refused", "NREQ": "d) Not required",
            "RHOM": "e) Returned home"}


def window_start(as_at: date) -> date:
    """The first day of the sixth calendar month back, counting the extract's own month."""
    months = as_at.year * 12 + as_at.month - 1 - (WINDOW_MONTHS - 1)
    return date(months // 12, months % 12 + 1, 1)


def _age(dob: date, on: date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def _child_columns(child: Child, as_at: date) -> list:
    return [child.child_id, GENDER[child.sex], child.ethnicity, child.dob, _age(child.dob, as_at)]


def _contacts(log: FrontDoorLog, as_at: date, profile: CouncilProfile, seed: int) -> list[list]:
    start = window_start(as_at)
    return [[*_child_columns(c.child, as_at), c.date, c.source,
             *annex_a_lists.contact_decision(c, as_at, profile, seed)]
            for c in log.contacts if start <= c.date <= as_at]


def _referrals(children: list[Child], as_at: date) -> list[list]:
    start, year_ago = window_start(as_at), as_at - timedelta(days=365)
    rows = []
    for child in children:
        known = [r for r in child.referrals if max(r.date, r.recorded or r.date) <= as_at]
        in_year = sum(r.date > year_ago for r in known)
        for r in sorted(known, key=lambda r: r.date):
            if r.date >= start:
                rows.append([*_child_columns(child, as_at), r.date, r.source, "a) Yes" if r.nfa else "b) No",
                             in_year, "Front door", None])
    return sorted(rows, key=lambda row: (row[5], row[0]))


def _care_leavers(children: list[Child], log: FrontDoorLog, as_at: date, rng: random.Random) -> list[list]:
    """Care leavers aged 16 to 21 who have left care by the extract date (those in care are list 8)."""
    rows = []
    for child in children:
        leaver = child.care_leaver
        if leaver is None or leaver.in_touch == "DIED" or not child.episodes:
            continue
        ends = [e.end for e in child.episodes]
        if any(end is None or end > as_at for end in ends):
            continue
        left = max(ends)
        if not birthday(child.dob, 16) <= as_at < birthday(child.dob, 22):
            continue
        # Pathway plans are reviewed at least every six months; a few are overdue.
        review = max(left, as_at - timedelta(days=rng.randint(0, 150 if rng.random() < 0.9 else 300)))
        if leaver.in_touch == "YES":
            last_contact = max(left, as_at - timedelta(days=rng.randint(0, 56)))
        elif leaver.in_touch in ("NO", "REFU"):
            last_contact = max(left, as_at - timedelta(days=rng.randint(90, 400)))
        else:
            last_contact = None
        disabled = "b) No" if child.disabilities == ("NONE",) else "a) Yes"
        rows.append([*_child_columns(child, as_at), disabled, "a) Yes" if child.key in log.uasc else "b) No",
                     "Leaving care", None, log.personal_advisers.get(child.key, "Unallocated"),
                     "Relevant" if as_at < birthday(child.dob, 18) else "Former relevant",
                     IN_TOUCH[leaver.in_touch], review, last_contact, leaver.accommodation[0],
                     "Suitable" if leaver.accommodation.endswith("1") else "Not suitable", leaver.activity])
    return sorted(rows, key=lambda row: row[0])


def write_annex_a(path: Path, children: list[Child], log: FrontDoorLog, as_at: date, seed: int,
                  profile: CouncilProfile | None = None) -> Path:
    profile = profile or CouncilProfile()
    # Review and contact dates move month to month; one stream per extract keeps each file reproducible.
    rng = random.Random(f"{seed}-annex-a:{as_at.isoformat()}")
    odd_month = as_at.month % 2
    headings = {**(TEMPLATE if odd_month else VARIANT),
                **(annex_a_lists.TEMPLATE if odd_month else annex_a_lists.VARIANT)}
    start = window_start(as_at)
    lists = {1: _contacts(log, as_at, profile, seed), 3: _referrals(children, as_at),
             5: annex_a_lists.section47_rows(children, _child_columns, start, as_at),
             8: annex_a_lists.children_in_care_rows(children, _child_columns, start, as_at, profile, seed),
             9: _care_leavers(children, log, as_at, rng)}
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for number, rows in lists.items():
        title, header = headings[number]
        sheet = workbook.create_sheet(title)
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        # Dates as Excel dates, shown the way an English council's Excel shows them.
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, date):
                    cell.number_format = "DD/MM/YYYY"
    stamp = datetime(as_at.year, as_at.month, as_at.day)
    workbook.properties.created = workbook.properties.modified = stamp
    buffer = io.BytesIO()
    workbook.save(buffer)
    _write_with_fixed_times(buffer.getvalue(), path, stamp)
    return path


def _write_with_fixed_times(xlsx: bytes, path: Path, stamp: datetime) -> None:
    """openpyxl stamps each zip entry, and the workbook's modified time, with the time of saving; the
    extract's date instead keeps the same arguments giving the same bytes, as every other writer does."""
    modified = rb"\g<1>" + stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>"
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", modified, content)
            info = zipfile.ZipInfo(entry.filename, date_time=stamp.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, content)
