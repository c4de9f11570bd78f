"""The annual CSWW social work workforce census (XML, reference date 30 September), from the
same simulated workforce as the monthly HR extracts, so the two paths can be compared."""

from datetime import date, timedelta
from pathlib import Path

from lxml import etree

from csc_tools.synthetic.workforce import Workforce

# CSWW OrgRole: 3 first line manager, 4 senior practitioner, 5 case holder.
ORG_ROLES = {"team manager": "3", "senior practitioner": "4", "social worker": "5"}
REASONS_LEAVING = {"resigned": "3", "moved to another council": "3", "moved to agency work": "3",
                   "retired": "5", "career break": "7", "dismissed": "4", "end of fixed-term contract": "2",
                   "end of assignment": "10", "other": "10"}


def census_dates(first: date, last: date) -> list[date]:
    """Every 30 September from `first` to `last`."""
    return [date(y, 9, 30) for y in range(first.year, last.year + 1) if first <= date(y, 9, 30) <= last]


def write_csww(path: Path, workforce: Workforce, reference_date: date, la_code: str, caseload: float) -> Path:
    """Workers in post on the reference date or who left in the year to it, and LA-level figures."""
    year_start = reference_date.replace(year=reference_date.year - 1) + timedelta(days=1)
    root = etree.Element("Message")
    header = etree.SubElement(root, "Header")
    details = etree.SubElement(header, "CollectionDetails")
    _leaves(details, Collection="CSWW", Year=str(reference_date.year), ReferenceDate=reference_date.isoformat())
    _leaves(etree.SubElement(header, "Source"), SourceLevel="L", LEA=la_code)

    in_post = [w for w in workforce.workers if w.in_post(reference_date)]
    agency = [w for w in in_post if w.contract_type == "agency"]
    funded = sum(p.funded_fte for p in workforce.posts)
    employed_fte = sum(w.fte for w in in_post if w.contract_type != "agency")
    _leaves(etree.SubElement(root, "LALevelVacancies"),
            NumberOfVacancies=f"{max(funded - employed_fte, 0):.2f}",
            NoAgencyFTE=f"{sum(w.fte for w in agency):.2f}", NoAgencyHeadcount=str(len(agency)))

    for w in sorted(workforce.workers, key=lambda w: w.worker_id):
        left_in_year = w.end is not None and year_start <= w.end <= reference_date
        if not (w.in_post(reference_date) or left_in_year) or w.start > reference_date:
            continue
        record = etree.SubElement(root, "CSWWWorker")
        fields = {"AgencyWorker": "1" if w.contract_type == "agency" else "0", "SWENo": w.worker_id,
                  "FTE": f"{w.fte:g}", "OrgRole": ORG_ROLES.get(w.role, "6"), "RoleStartDate": w.start.isoformat()}
        if left_in_year:
            fields |= {"RoleEndDate": w.end.isoformat(), "ReasonLeave": REASONS_LEAVING.get(w.leaving_reason, "10")}
        else:
            fields |= {"FTE30": f"{w.fte:g}",
                       "Cases30": str(round(caseload * w.fte)) if w.is_case_holder else "0"}
        _leaves(record, **fields)
    etree.ElementTree(root).write(str(path), xml_declaration=True, encoding="utf-8", pretty_print=True)
    return path


def _leaves(parent, **values: str) -> None:
    for name, value in values.items():
        etree.SubElement(parent, name).text = value
