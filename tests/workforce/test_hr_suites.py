"""The HR staff suite on a staff list with one fault of each kind, counted by hand."""

from datetime import date

import pytest

from csc_scorecard.ingest.hr_aliases import value_aliases
from csc_scorecard.validation.gx_duckdb import run_suite
from csc_scorecard.validation.suites import load_suites
from tests.conftest import csv_text, land

EXTRACT = date(2025, 3, 31)
SUITE = next(s for s in load_suites() if s.name == "raw.hr_staff")

STAFF = csv_text(
    "worker_id,role,team,fte,contract_type,start_date,end_date,leaving_reason,case_holder,caseload,qualified_date",
    "w1,social worker,Assessment,1.0,permanent,2020-01-01,,,Y,15,",
    "w1,social worker,Assessment,1.0,permanent,2020-01-01,,,Y,15,",    # second open row for the same post
    "w1,senior practitioner,Assessment,0.2,permanent,2024-01-01,,,Y,2,",  # another post: fine
    "w2,social worker,Assessment,1.5,permanent,2021-01-01,,,Y,10,",    # FTE above 1
    "w3,social worker,Assessment,0,permanent,2021-01-01,,,Y,10,",      # FTE of 0
    "w4,social worker,Assessment,1.0,casual,2021-01-01,,,Y,10,",       # unknown contract type
    "w5,social worker,Assessment,1.0,permanent,2024-05-01,01/04/2024,resigned,Y,0,",  # ends before it starts
    "w6,Social Worker,Assessment,0.5,Fixed  Term,01/05/2024,,,Yes,4,15/07/2023",      # variants: fine
)


@pytest.fixture
def outcomes(con, landing, build_hr):
    land(landing, EXTRACT, {"staff.csv": STAFF})
    build_hr()
    return {o.check_name: o for o in run_suite(con, SUITE.document, "raw.hr_staff")}


@pytest.mark.parametrize("check_name, unexpected", [
    ("fte__between_0_and_1", 2),
    ("contract_type__code", 1),
    ("end_date__not_before_start_date", 1),
    ("worker_id__one_active_row_per_post", 2),
    ("start_date__date", 0),
    ("end_date__date", 0),
    ("qualified_date__date", 0),
    ("case_holder__code", 0),
])
def test_each_fault_is_counted_once(outcomes, check_name, unexpected):
    outcome = outcomes[check_name]
    assert outcome.error is None, outcome.error
    assert outcome.unexpected_count == unexpected, outcome.summary()
    assert outcome.success == (unexpected == 0)


def test_the_contract_type_check_accepts_exactly_the_listed_spellings():
    assert SUITE.contract.column("contract_type").codes == tuple(sorted(value_aliases()["contract_type"]))


@pytest.mark.parametrize("casual, blocks", [(1, False), (2, True)])
def test_a_few_unreadable_values_warn_and_many_block(con, landing, build_hr, casual, blocks):
    # 20 posts, `casual` of them with a contract type nobody listed: 1 in 20 is the 5% a
    # month's typos can reach; 2 in 20 means the extract is not what the contract says.
    rows = [f"w{n},social worker,Assessment,1.0,{'casual' if n <= casual else 'permanent'},2021-01-01,,,Y,10,"
            for n in range(1, 21)]
    land(landing, EXTRACT, {"staff.csv": csv_text(STAFF.splitlines()[0], *rows)})
    build_hr("staging.hr_staff", "staging.hr_establishment", "staging.hr_rejected")
    outcomes = {o.check_name: o for o in run_suite(con, SUITE.document, "raw.hr_staff")}
    every_value, bulk = outcomes["contract_type__code"], outcomes["contract_type__code__mostly"]
    assert (every_value.success, every_value.blocking, every_value.unexpected_count) == (False, False, casual)
    assert bulk.blocking and bulk.success is not blocks
    assert con.sql("select count(*) from staging.hr_rejected where column_name = 'contract_type'").fetchone() == (casual,)
