"""The monthly HR extract as councils really send it: variant headers and spellings, and values
that cannot be read, which are listed for correction and never dropped."""

from datetime import date

from csc_scorecard.ingest.hr_aliases import canonical_column, value_aliases
from csc_scorecard.ingest.landing import classify
from tests.conftest import csv_text, land

EXTRACT = date(2025, 3, 31)
STAGING = ("staging.hr_staff", "staging.hr_establishment", "staging.hr_rejected")

VARIANT_STAFF = csv_text(
    "Employee ID,Job Title,Team Name,FTE,Employment Type,Start Date,Leaving Date,Reason for leaving,"
    "Holds cases,Cases held,Date qualified",
    "e1,Social  Worker,Assessment,1,Perm,01/04/2024,,,Yes,12,2023-07-01",
    "e2,social worker,Assessment,0.5,FTC,2024-05-01,28/02/2025,resigned,No,0,",
    "e3,social worker,Assessment,1.0,Agency/Locum,2024-06-01,,,1,15.0,",
    "e4,senior practitioner,Assessment,0.8,Fixed Term,2023-01-01,,,TRUE,9,2010-07-01",
)

# An agency supplier's list: its own header names, no leaving reason or qualification date.
AGENCY_LIST = csv_text(
    "Staff Number,Role,Team,Full Time Equivalent,Contract,Start Date,End Date,Case holder,Caseload",
    "A-17,social worker,Front Door,1,Locum,2025-01-06,,Y,18",
)

BAD_STAFF = csv_text(
    "worker_id,role,team,fte,contract_type,start_date,end_date,leaving_reason,case_holder,caseload,qualified_date",
    "b1,social worker,Assessment,1.0,permanent,2024-01-01,,,Y,10,",
    "b2,social worker,Assessment,full,permanent,2024-01-01,,,Y,10,",            # fte
    "b3,social worker,Assessment,1.0,casual,2024-01-01,,,Y,10,",                # contract_type
    "b4,social worker,Assessment,1.0,permanent,31/02/2024,soon,,Y,10,",         # start_date, end_date
    "b5,social worker,Assessment,1.0,permanent,2024-01-01,,,maybe,12.5,",       # case_holder, caseload
    ",social worker,Assessment,1.0,permanent,2024-01-01,,,Y,10,",               # worker_id blank
)

BAD_ESTABLISHMENT = csv_text(
    "Team,Role,Establishment FTE",
    "Assessment,social worker,3",
    "Assessment,senior practitioner,three",
)


def test_variant_headers_land_in_the_contract_table(landing):
    folder = land(landing, EXTRACT, {"staff.csv": VARIANT_STAFF, "agency.csv": AGENCY_LIST,
                                     "posts.csv": BAD_ESTABLISHMENT})
    assert classify(folder / "staff.csv", EXTRACT).table.name == "hr_staff"
    assert classify(folder / "agency.csv", EXTRACT).table.name == "hr_staff"
    assert classify(folder / "posts.csv", EXTRACT).table.name == "hr_establishment"


def test_a_header_that_is_no_variant_is_not_guessed(landing):
    folder = land(landing, EXTRACT, {"staff.csv": csv_text("Employee,Title,Team,Hours", "e1,sw,A,37")})
    landed = classify(folder / "staff.csv", EXTRACT)
    assert landed.kind == "unrecognised" and "matches no known table" in landed.reason


def test_variant_values_are_read_as_the_contract_codes(con, landing, build_hr):
    land(landing, EXTRACT, {"staff.csv": VARIANT_STAFF, "agency.csv": AGENCY_LIST})
    build_hr(*STAGING)
    staged = con.sql("""
        select worker_id, role, contract_type, is_case_holder, caseload, start_date, end_date, qualified_date
        from staging.hr_staff order by worker_id
    """).fetchall()
    assert staged == [
        ("A-17", "social worker", "agency", True, 18, date(2025, 1, 6), None, None),
        ("e1", "social worker", "permanent", True, 12, date(2024, 4, 1), None, date(2023, 7, 1)),
        ("e2", "social worker", "fixed-term", False, 0, date(2024, 5, 1), date(2025, 2, 28), None),
        ("e3", "social worker", "agency", True, 15, date(2024, 6, 1), None, None),
        ("e4", "senior practitioner", "fixed-term", True, 9, date(2023, 1, 1), None, date(2010, 7, 1)),
    ]
    # Raw keeps the file's own spelling under the contract's column name.
    assert con.sql("select contract_type from raw.hr_staff where worker_id = 'e1'").fetchone() == ("Perm",)
    assert con.sql("select count(*) from staging.hr_rejected").fetchone() == (0,)


def test_values_that_cannot_be_read_are_listed_and_their_rows_kept(con, landing, build_hr):
    land(landing, EXTRACT, {"staff.csv": BAD_STAFF, "posts.csv": BAD_ESTABLISHMENT})
    build_hr(*STAGING)
    assert con.sql("select count(*) from staging.hr_staff").fetchone() == (6,)
    assert con.sql("select count(*) from staging.hr_establishment").fetchone() == (2,)
    rejected = con.sql("""
        select raw_table, source_row, column_name, value, reason
        from staging.hr_rejected order by raw_table, source_row, column_name
    """).fetchall()
    date_rule = "not a date (YYYY-MM-DD or DD/MM/YYYY)"
    assert rejected == [
        ("hr_establishment", 2, "funded_fte", "three", "not a number (funded FTE is written like 3 or 2.5)"),
        ("hr_staff", 2, "fte", "full", "not a number (FTE is written like 0.5 or 1)"),
        ("hr_staff", 3, "contract_type", "casual",
         "not a known contract type (permanent, fixed-term or agency, or a listed variant)"),
        ("hr_staff", 4, "end_date", "soon", date_rule),
        ("hr_staff", 4, "start_date", "31/02/2024", date_rule),
        ("hr_staff", 5, "case_holder", "maybe", "not a yes/no value (Y/N, Yes/No, 1/0, true/false)"),
        ("hr_staff", 5, "caseload", "12.5", "not a whole number of cases"),
        ("hr_staff", 6, "worker_id", None, "blank, but the contract requires a value"),
    ]
    files = con.sql("select distinct source_file from staging.hr_rejected where raw_table = 'hr_staff'").fetchall()
    assert files == [(str(landing / "2025-03-31" / "staff.csv"),)]


def test_the_alias_map_reads_both_ways():
    assert canonical_column("Employee ID") == "worker_id"
    assert canonical_column("employee_id") == "worker_id"
    assert canonical_column("WORKER_ID") == "worker_id"
    assert value_aliases()["contract_type"]["agency/locum"] == "agency"
    assert set(value_aliases()["contract_type"].values()) == {"permanent", "fixed-term", "agency"}
