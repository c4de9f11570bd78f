"""Read an Ofsted ILACS Annex A workbook (lists 1-11) into raw tables.

Councils build Annex A from the Ofsted template but rename sheets ("List 1",
"L1 Contacts", "list_1") and retype headers ("Date of referral", "Referral date ").
So a sheet is matched to a list by its name, else by its headers, and each header
to the template's column by its normalised words, else by a close spelling. Values
are kept as text as the cell holds them; `a) code: label` values are split in staging.
The workbook is read in openpyxl's read-only mode, one row at a time.
"""

from __future__ import annotations

import difflib
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl

from csc_scorecard.ingest.formats import RawTable
from csc_scorecard.ingest.rows import append_rows

CHILD = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
DISABILITY = "Does the Child have a Disability"
ALLOCATED = ["Allocated Team", "Allocated Worker"]

# The Ofsted template's headers, list by list (as in the public sample workbook).
TEMPLATE: dict[int, list[str]] = {
    # The decision on a contact and its date are not in the Ofsted template; many councils add them
    # to list 1 (the front door's one-working-day measure needs them), so they are read when present.
    1: [*CHILD, "Date of Contact", "Contact Source", "Date of Decision", "Contact Outcome"],
    2: [*CHILD, "Assessment start date", "Assessment completion date", "Organisation completing assessment"],
    3: [*CHILD, "Date of Referral", "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months",
        *ALLOCATED],
    4: [*CHILD, DISABILITY, "Continuous Assessment Start Date", "Child Seen During Continuous Assessment",
        "Continuous Assessment Date of Authorisation",
        "Was the child assessed as requiring LA children's social care support?", *ALLOCATED],
    5: [*CHILD, DISABILITY, "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Was an Initial Child Protection Conference deemed unnecessary?",
        "Date of Initial Child Protection Conference",
        "Did the Initial Child Protection Conference Result in a Child Protection Plan",
        "Number of Section 47 Enquiries in the last 12 months", "Number of ICPCs in the last 12 months",
        *ALLOCATED],
    6: [*CHILD, DISABILITY, "CIN Start Date", "Primary Need Code", "Date Child Was Last Seen", "CIN Closure Date",
        "Reason for Closure", "Case Status", *ALLOCATED],
    7: [*CHILD, DISABILITY, "Child Protection Plan Start Date", "Initial Category of Abuse",
        "Latest Category of Abuse", "Date of the Last Statutory Visit", "Was the Child Seen Alone?",
        "Date of latest review conference", "Child Protection Plan End Date",
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
        "Number of Previous Child Protection Plans", *ALLOCATED],
    8: [*CHILD, "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)", DISABILITY,
        "Date Started to be Looked After", "Child's Category of Need",
        "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
        "Start date of current legal status", "Child's Legal Status", "Date of Latest Statutory Review",
        "Date of Last Social Work Visit", "What is the permanence plan for this child?",
        "Date of Last IRO Visit / Contact to the Child", "Date of Last Health Assessment",
        "Date of Last Dental Check", "Number of Placements in the Last 12 months", "Date Ceased to be Looked After",
        "Reason Ceased to be Looked After", "Start Date of Most Recent Placement", "Placement Type",
        "Placement Provider", "Placement postcode", "URN of Placement", "Placement Location", "LA of Placement",
        "Number of Episodes the Child has been Missing from their Placement in the last 12 months",
        "Number of Episodes the Child has been Absent from their Placement in the last 12 months",
        "Was the child offered a Return Interview after their last missing episode (Y/N)?",
        "Did the child accept a Return Interview after their last missing episode (Y/N)?", *ALLOCATED],
    # The 2024 template adds UASC, the personal adviser, the pathway plan review and the latest
    # contact; a workbook on the older template simply leaves them blank.
    9: [*CHILD, DISABILITY, "UASC", *ALLOCATED, "Allocated Personal Advisor", "Eligibility Category",
        "LA in Touch", "Latest Pathway Plan Review Date", "Latest Date of Contact", "Type of Accommodation",
        "Suitability of Accommodation", "Activity Status"],
    10: ["Child Unique ID", "Family identifier", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
         DISABILITY, "Date the Child Entered Care", "Date of Decision that Child Should be Placed for Adoption",
         "Date of Placement Order", "Date of Matching Child and Prospective Adopters", "Date Placed for Adoption",
         "Date of Adoption Order", "Date of Decision that Child Should No Longer be Placed for Adoption",
         "Reason Why Child No Longer Placed for Adoption",
         "Date the child was placed for fostering in FFA or concurrent planning placement"],
    11: ["Individual adopter identifier", "Family identifier", "Gender", "Ethnicity", "Disability",
         "Is the (prospective) adopter fostering for adoption?", "Date enquiry received", "Date Stage 1 started",
         "Date Stage 1 ended", "Date Stage 2 started", "Date Stage 2 ended", "Date application submitted",
         "Date application approved", "Date adopter matched with child(ren)",
         "Date child/children placed with adopter(s)", "No. of children placed", "Date of Adoption Order",
         "Date of leaving adoption process", "Reason for leaving adoption process"],
}

TITLES = {1: "contacts", 2: "early help", 3: "referrals", 4: "assessments", 5: "S47 enquiries and ICPCs",
          6: "children in need", 7: "child protection", 8: "children in care", 9: "care leavers",
          10: "adoption", 11: "adopters"}

# Other spellings seen for the same column, by the column's raw name.
ALIASES: dict[str, list[str]] = {
    "child_unique_id": ["Child ID", "Child Unique Identifier", "Unique Child ID", "CHILD"],
    "gender": ["Sex"],
    "age_of_child_years": ["Age", "Age of Child"],
    "date_of_referral": ["Referral Date"],
    "date_of_contact": ["Contact Date"],
    "date_of_decision": ["Decision Date", "Contact Decision Date", "Date of Contact Decision", "Date of Contact Outcome",
                         "Contact Outcome Date", "Outcome Date", "Date Decision Made"],
    "contact_outcome": ["Outcome of Contact", "Contact Decision", "Decision", "Outcome"],
    "strategy_discussion_initiating_section_47_enquiry_start_date": [
        "Strategy Discussion Date", "Date of Strategy Discussion", "Strategy Discussion Start Date",
        "S47 Start Date", "Section 47 Enquiry Start Date"],
    "was_an_initial_child_protection_conference_deemed_unnecessary": ["ICPC Not Required", "ICPC Unnecessary"],
    "date_of_initial_child_protection_conference": ["Date of ICPC", "ICPC Date", "Initial Child Protection Conference Date"],
    "did_the_initial_child_protection_conference_result_in_a_child_protection_plan": [
        "ICPC Resulted in CP Plan", "ICPC Outcome CP Plan", "Did the ICPC Result in a CP Plan"],
    "number_of_section_47_enquiries_in_the_last_12_months": ["Number of S47s in Last 12 Months",
                                                             "S47 Enquiries in Last 12 Months"],
    "number_of_icpcs_in_the_last_12_months": ["Number of ICPCs in Last 12 Months", "ICPCs in Last 12 Months"],
    "unaccompanied_asylum_seeking_child_uasc_within_the_last_12_months_y_n": ["UASC", "UASC in Last 12 Months",
                                                                              "Unaccompanied Asylum Seeking Child"],
    "date_started_to_be_looked_after": ["Date Became Looked After", "Date Started Looked After", "CLA Start Date"],
    "childs_category_of_need": ["Category of Need", "CIN Category of Need"],
    "childs_legal_status": ["Legal Status", "Current Legal Status"],
    "start_date_of_most_recent_placement": ["Placement Start Date", "Current Placement Start Date"],
    "date_ceased_to_be_looked_after": ["Date Ceased Looked After", "CLA End Date"],
    "number_of_episodes_the_child_has_been_missing_from_their_placement_in_the_last_12_months": [
        "Missing Episodes in Last 12 Months", "Number of Missing Episodes in Last 12 Months", "Missing Episodes"],
    "number_of_episodes_the_child_has_been_absent_from_their_placement_in_the_last_12_months": [
        "Absences in Last 12 Months", "Number of Absences in Last 12 Months", "Absent Episodes"],
    "was_the_child_offered_a_return_interview_after_their_last_missing_episode_y_n": [
        "Return Interview Offered", "Return Home Interview Offered", "RHI Offered"],
    "did_the_child_accept_a_return_interview_after_their_last_missing_episode_y_n": [
        "Return Interview Accepted", "Return Home Interview Accepted", "RHI Accepted"],
    "uasc": ["Unaccompanied Asylum Seeking Child", "Unaccompanied Asylum Seeking Child (UASC)", "Is UASC"],
    "allocated_personal_advisor": ["Allocated Personal Adviser", "Personal Advisor", "Personal Adviser", "PA",
                                   "Allocated PA"],
    "latest_pathway_plan_review_date": ["Pathway Plan Review Date", "Date of Latest Pathway Plan Review"],
    "latest_date_of_contact": ["Date of Latest Contact", "Last Contact Date", "Date of Last Contact"],
}


def column_name(header: str) -> str:
    """The raw column name for a template header: its words, lower case, joined by _."""
    return "_".join(_words(header))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", str(text).lower().replace("’", "").replace("'", ""))


# Who a column's values can identify (formats.RawTable): the child's, family's, adopter's and
# worker's (and personal adviser's) ids and names, and the child's date of birth and placement postcode.
DIRECT_COLUMNS = ("child_unique_id", "family_identifier", "individual_adopter_identifier", "allocated_worker",
                  "allocated_personal_advisor")
QUASI_COLUMNS = ("date_of_birth", "placement_postcode")


def _list_table(n: int, headers: list[str]) -> RawTable:
    columns = tuple(dict.fromkeys(column_name(h) for h in headers))
    return RawTable(name=f"annex_a_list_{n}", family="annex_a", columns=columns,
                    direct=tuple(c for c in DIRECT_COLUMNS if c in columns),
                    quasi=tuple(c for c in QUASI_COLUMNS if c in columns))


ANNEX_A: dict[str, RawTable] = {f"annex_a_list_{n}": _list_table(n, headers) for n, headers in TEMPLATE.items()}


class UnreadableWorkbook(ValueError):
    """The file is not a workbook openpyxl can open; the message names the file."""


def sniff_xlsx(path: Path) -> bool:
    return zipfile.is_zipfile(path) and "xl/workbook.xml" in zipfile.ZipFile(path).namelist()


def _list_from_sheet_name(title: str) -> int | None:
    name = title.strip().lower()
    match = re.search(r"\blist\s*[_\-.]?\s*(\d{1,2})\b", name) or re.match(r"l\s*[_\-.]?\s*(\d{1,2})\b", name)
    if match and 1 <= int(match.group(1)) <= 11:
        return int(match.group(1))
    return None


def match_header(header: str, table: RawTable) -> str | None:
    """The raw column a header is, or None: exact words, a known alias, else a close spelling."""
    name = column_name(header)
    if not name:
        return None
    if name in table.columns:
        return name
    for column, aliases in ALIASES.items():
        if column in table.columns and name in {column_name(a) for a in aliases}:
            return column
    close = difflib.get_close_matches(name, table.columns, n=1, cutoff=0.85)
    return close[0] if close else None


def _list_from_headers(header: list) -> int | None:
    scores = {n: sum(match_header(h, ANNEX_A[f"annex_a_list_{n}"]) is not None for h in header if h)
              for n in TEMPLATE}
    best = max(scores, key=lambda n: (scores[n], -n))
    # Enough columns beyond the five every list shares to tell the list apart.
    return best if scores[best] >= 6 else None


def cell_text(value) -> str | None:
    """A cell as the text a person reads in it: dates DD/MM/YYYY, Excel's 12345.0 as 12345."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if text.strip() else None


@dataclass
class SheetRows:
    table: RawTable
    sheet: str
    rows: list[dict]  # raw column -> text, plus _row_number (the Excel row)
    unmatched_headers: list[str]


def read_annex_a(path: Path, notes: list[str] | None = None) -> Iterator[SheetRows]:
    """Each sheet that is an Annex A list; what was left out is added to `notes`."""
    notes = [] if notes is None else notes
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError or its own errors for broken files
        raise UnreadableWorkbook(f"{path}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None
    try:
        for sheet in workbook.worksheets:
            rows = sheet.iter_rows(values_only=True)
            header = next(rows, None)
            if not header:
                continue
            number = _list_from_sheet_name(sheet.title) or _list_from_headers(list(header))
            if number is None:
                notes.append(f"sheet {sheet.title!r} is not an Annex A list (by name or columns): not loaded")
                continue
            table = ANNEX_A[f"annex_a_list_{number}"]
            columns = [match_header(h, table) if h is not None else None for h in header]
            out = []
            for row_number, values in enumerate(rows, start=2):
                record = {c: cell_text(v) for c, v in zip(columns, values) if c is not None}
                if not any(cell_text(v) for v in values):
                    continue  # blank rows pad most exported sheets
                out.append({**record, "_row_number": row_number})
            unmatched = [str(h) for h, c in zip(header, columns) if h is not None and c is None]
            if unmatched:
                notes.append(f"sheet {sheet.title!r} (list {number}): columns {', '.join(unmatched)} "
                             "match no list column: not loaded")
            yield SheetRows(table, sheet.title, out, unmatched)
    finally:
        workbook.close()


def load_annex_a(con, path: Path, *, la_code: str, extract_date, file_hash: str,
                 loaded_at: datetime, notes: list[str] | None = None) -> dict[str, int]:
    """Append every list of one workbook to its raw table; returns rows loaded per raw table."""
    loaded = {name: 0 for name in ANNEX_A}
    for sheet in read_annex_a(path, notes):
        loaded[sheet.table.name] += append_rows(con, sheet.table, sheet.rows, la_code=la_code,
                                                extract_date=extract_date, source_file=path,
                                                file_hash=file_hash, loaded_at=loaded_at,
                                                place=f"sheet {sheet.sheet!r}")
    return loaded
