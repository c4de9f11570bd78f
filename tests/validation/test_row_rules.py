"""A row that breaks one rule is reported by GX and set aside by staging, for every row rule of every suite.

The rules are written twice, as GX warnings on raw (expectations/raw.*.json) and as staging's
quarantine rules (sql/staging/*.sql), and the two drifted: an episode with legal status `ZZ` was
reported by `ssda903_episodes__LS__code` and still counted as looked after. Each test here takes
one valid row of a table, breaks one rule of its suite and nothing else, and checks that
(a) GX reports that rule and no other, (b) the row is in staging.quarantine with its file, row,
column, value and a plain-English reason, and (c) it is not in the staging table, so in no mart.
The valid row goes in beside it and must stay staged: a staging model that set aside everything
would otherwise pass.

The tests are generated from the suites: a new row rule is tested as soon as it is written, and
fails until the rule's breaking row can be built (derived from its type, or declared in BREAKS)
or it is listed in TABLE_LEVEL with the reason it judges more than one row.

The HR contract keeps every row (docs/hr_contract.md: "nothing is dropped"): for hr_* tables the
value is dropped instead (NULL in staging, so it reaches no mart) and listed in staging.hr_rejected.
A rule may say the same of itself with `"on_failure": "value_dropped"` in its meta, where setting
the row aside would lose a fact that is right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import pytest

from csc_scorecard.ingest.formats import ALL_TABLES
from csc_scorecard.ingest.load import create_raw_tables
from csc_scorecard.models.reference import value_aliases_frame, write_table
from csc_scorecard.validation.outcomes import check_name_for, check_names
from csc_scorecard.validation.suites import load_suites
from csc_scorecard.warehouse import SQL_DIR
from tests.ingest.staging_helpers import build_staging

EXTRACT = date(2024, 3, 31)
SOURCE_FILE = "extract.csv"
SUITES = load_suites()

# One row per table that every rule of its suite accepts, and that staging stages.
VALID = {
    "ssda903_header": {"CHILD": "C1", "SEX": "1", "DOB": "14/02/2012", "ETHNIC": "WBRI", "MOTHER": "0"},
    "ssda903_episodes": {"CHILD": "C1", "DECOM": "01/04/2023", "RNE": "S", "LS": "C2", "CIN": "N1",
                         "PLACE": "U1", "PLACE_PROVIDER": "PR1", "DEC": "01/09/2023", "REC": "E11",
                         "REASON_PLACE_CHANGE": None},
    "ssda903_placed_for_adoption": {"CHILD": "C1", "DOB": "14/02/2021", "DATE_PLACED": "01/06/2023"},
    "ssda903_ad1": {"CHILD": "C1", "DOB": "14/02/2021", "DATE_INT": "01/06/2023", "DATE_MATCH": "01/09/2023",
                    "FOSTER_CARE": "0", "NB_ADOPTR": "2", "SEX_ADOPTR": "MF", "LS_ADOPTR": "L0"},
    "ssda903_missing": {"CHILD": "C1", "DOB": "14/02/2010", "MISSING": "M", "MIS_START": "01/10/2023",
                        "MIS_END": "03/10/2023"},
    "ssda903_oc3": {"CHILD": "C1", "DOB": "14/02/2004", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "S1"},
    "cin_children": {"_child_seq": 1, "LAchildID": "C1", "PersonBirthDate": "2012-02-14", "Sex": "M"},
    "cin_referrals": {"_child_seq": 1, "_referral_seq": 1, "LAchildID": "C1", "CINreferralDate": "2023-05-01",
                      "ReferralSource": "1A", "PrimaryNeedCode": "N1", "CINclosureDate": "2023-11-01",
                      "ReasonForClosure": "RC8", "DateOfInitialCPC": "2023-06-01", "ReferralNFA": "0"},
    "cin_assessments": {"_child_seq": 1, "_referral_seq": 1, "LAchildID": "C1",
                        "AssessmentActualStartDate": "2023-05-02", "AssessmentAuthorisationDate": "2023-06-01"},
    "csww_workers": {"_worker_seq": 1, "ReferenceDate": "2023-09-30", "LEA": "999", "AgencyWorker": "0",
                     "SWENo": "SW1", "FTE": "1", "OrgRole": "5", "RoleStartDate": "2020-01-06"},
    "hr_staff": {"worker_id": "W1", "role": "social worker", "team": "Assessment", "fte": "1.0",
                 "contract_type": "permanent", "start_date": "2020-01-06", "end_date": "29/02/2024",
                 "leaving_reason": "resigned", "case_holder": "Y", "caseload": "15", "qualified_date": "2019-07-01"},
    "hr_establishment": {"team": "Assessment", "role": "social worker", "funded_fte": "4.5"},
    "fostering_households": {"household_id": "H1", "household_type": "mainstream", "enquiry_date": "2023-01-10",
                             "application_date": "2023-02-01", "approval_date": "2023-10-01",
                             "deregistration_date": "2024-02-29", "deregistration_reason": "retired"},
}

# Rules that judge a set of rows, or that no staged row can break: not tested here.
TABLE_LEVEL = {
    "ssda903_header__CHILD__unique_per_extract": "a duplicate is two rows: which one is wrong is not one row's fault",
    "ssda903_episodes__episode__unique_per_extract": "a duplicate episode is two rows, not one bad row",
    "cin_children__LAchildID__unique_per_return": "a duplicate child is two rows, not one bad row",
    "hr_establishment__team_role__unique_per_extract": "a duplicate post is two rows, not one bad row",
    "fostering_households__household_id__unique_per_extract": "a duplicate household is two rows, not one bad row",
    "hr_staff__worker_id__post_unique_per_extract": "a duplicate post is two rows, not one bad row",
    "hr_staff__worker_id__one_active_row_per_post": "two open rows for one post are two rows, not one bad row",
}
CRITICAL = "critical: a failure stops the build before staging, so no row of the table is staged at all"
GENERATED = "generated per file from its warning (suites.per_file_twin): tested with it"

# Rules over two columns, which cannot be broken from their type alone: the values that break them.
BREAKS = {
    "ssda903_episodes__DEC__not_before_DECOM": [{"DEC": "31/03/2023"}],
    "ssda903_episodes__REC__only_with_DEC": [{"DEC": None, "REC": "E11"}, {"DEC": None, "REC": "X1"}],
    "ssda903_ad1__DATE_MATCH__not_before_DATE_INT": [{"DATE_MATCH": "31/05/2023"}],
    "ssda903_missing__MIS_END__not_before_MIS_START": [{"MIS_END": "30/09/2023"}],
    "ssda903_placed_for_adoption__DATE_PLACED_CEASED__not_before_DATE_PLACED": [{"DATE_PLACED_CEASED": "31/05/2023"}],
    "cin_referrals__CINclosureDate__not_before_referral": [{"CINclosureDate": "2023-04-30"}],
    "cin_assessments__AssessmentAuthorisationDate__not_before_start": [{"AssessmentAuthorisationDate": "2023-05-01"}],
    "csww_workers__RoleEndDate__not_before_RoleStartDate": [{"RoleEndDate": "2019-12-31"}],
    "hr_staff__fte__between_0_and_1": [{"fte": "1.5"}, {"fte": "0"}],
    "hr_staff__fte__number": [{"fte": "ZZ"}, {"fte": "1,5"}],  # -1 would break fte__between_0_and_1 too
    # A start after the extract, with no end: an end would also be before its start.
    "ssda903_episodes__DECOM__not_after_extract": [{"DECOM": "01/04/2024", "DEC": None, "REC": None}],
    "ssda903_ad1__DATE_INT__not_after_extract": [{"DATE_INT": "01/04/2024", "DATE_MATCH": None}],
    "ssda903_missing__MIS_START__not_after_extract": [{"MIS_START": "01/04/2024", "MIS_END": None}],
    "cin_referrals__CINreferralDate__not_after_extract": [{"CINreferralDate": "2024-04-01", "CINclosureDate": None,
                                                          "ReasonForClosure": None}],
    "cin_assessments__AssessmentActualStartDate__not_after_extract": [
        {"AssessmentActualStartDate": "2024-04-01", "AssessmentAuthorisationDate": None}],
    "hr_staff__end_date__not_before_start_date": [{"end_date": "2019-12-31"}],
    "fostering_households__application_date__not_before_enquiry_date": [{"application_date": "2023-01-09"}],
    "fostering_households__approval_date__not_before_application_date": [{"approval_date": "2023-01-31"}],
    "fostering_households__deregistration_date__not_before_approval_date": [{"deregistration_date": "2023-09-30"}],
    # A date after the extract, with the later steps blank: they would otherwise come before it.
    "fostering_households__enquiry_date__not_after_extract": [
        {"enquiry_date": "2024-04-01", "application_date": None, "approval_date": None, "deregistration_date": None},
        {"enquiry_date": "2099-01-01", "application_date": None, "approval_date": None, "deregistration_date": None}],
    "fostering_households__application_date__not_after_extract": [
        {"application_date": "2024-04-01", "approval_date": None, "deregistration_date": None},
        {"application_date": "2099-01-01", "approval_date": None, "deregistration_date": None}],
    "fostering_households__approval_date__not_after_extract": [
        {"approval_date": "2024-04-01", "deregistration_date": None},
        {"approval_date": "2099-01-01", "deregistration_date": None}],
    "hr_staff__leaving_reason__only_for_leavers": [{"end_date": None}],
}

# Values that are wrong for any code list here, and the spellings of yes and no that some lists
# accept and others do not (a ReferralNFA of `Y`): each is tried wherever its list refuses it.
WRONG_CODES = ["ZZ", "Y", "N", "yes", "2", "1.0", "-1"]
WRONG_DATES = {"DD/MM/YYYY": ["2023-04-01", "31.03.2023", "1st April"],
               "YYYY-MM-DD": ["01/04/2023", "20230401", "1st April"],
               "YYYY-MM-DD or DD/MM/YYYY": ["31.03.2023", "20230401", "1st April"]}
WRONG_NUMBERS = ["ZZ", "1,5", "-1"]

HR_TABLES = {"hr_staff", "hr_establishment"}  # the HR contract keeps every row

# Each row its own child (worker, post), so no uniqueness rule sees the broken rows as duplicates.
KEYS = {"LAchildID", "CHILD", "worker_id", "SWENo", "team", "household_id"}


@dataclass(frozen=True)
class RowRule:
    table: str
    name: str  # the check name within its suite
    column: str
    breaks: tuple[dict, ...]
    twin: str | None  # its generated per-file check, which a one-file table also fails
    on_failure: str  # set_aside | value_dropped

    @property
    def check(self) -> str:
        return f"{self.table}__{self.name}"


def _date_in(fmt: str, day: date) -> str:
    return day.strftime("%d/%m/%Y" if fmt == "DD/MM/YYYY" else "%Y-%m-%d")


def _breaks(suite, expectation: dict, check: str) -> list[dict]:
    kwargs, meta = expectation["kwargs"], expectation.get("meta") or {}
    column = kwargs.get("column") or meta.get("column")
    if check in BREAKS:
        return BREAKS[check]
    if expectation["type"] == "expect_column_values_to_not_be_null":
        return [{column: None}]
    if expectation["type"] == "expect_column_values_to_match_regex":
        pattern = re.compile(kwargs["regex"])
        pool = (WRONG_DATES[meta["format"]] if "format" in meta
                else WRONG_CODES if "allowed" in meta else WRONG_NUMBERS)
        return [{column: v} for v in pool if not pattern.search(v)]
    if check.endswith("__not_after_extract"):
        fmt = next(e["meta"]["format"] for e in suite.expectations
                   if e["kwargs"].get("column") == column and "format" in (e.get("meta") or {}))
        return [{column: _date_in(fmt, EXTRACT + timedelta(days=1))}, {column: _date_in(fmt, date(2099, 1, 1))}]
    return []


def _skipped(expectation: dict, check: str) -> str | None:
    """Why a check is not tested here, or None for a row rule."""
    meta = expectation.get("meta") or {}
    if meta.get("rule"):
        return GENERATED
    if meta.get("severity") == "critical":
        return CRITICAL
    return TABLE_LEVEL.get(check)


def _rules() -> list:
    """Every check of every suite: its row rule, or a skip that says why it is not one."""
    params = []
    for suite in SUITES:
        names = check_names(suite.expectations)  # as GX's outcomes name them
        for expectation, name in zip(suite.expectations, names):
            meta = expectation.get("meta") or {}
            check = f"{suite.table}__{name}"
            column = expectation["kwargs"].get("column") or meta.get("column")
            twin = f"{name}__mostly" if f"{name}__mostly" in names else None
            on_failure = "value_dropped" if suite.table in HR_TABLES else meta.get("on_failure", "set_aside")
            skipped = _skipped(expectation, check)
            breaks = () if skipped else tuple(_breaks(suite, expectation, check))
            params.append(pytest.param(RowRule(suite.table, name, column, breaks, twin, on_failure), id=check,
                                       marks=[pytest.mark.skip(reason=skipped)] if skipped else []))
    return params


ROW_RULES = _rules()


def test_every_rule_listed_as_table_level_or_given_breaking_values_is_a_check_of_its_suite():
    # A stale name here would leave a renamed rule untested, or skipped, without anyone seeing it.
    checks = {p.values[0].check for p in ROW_RULES}
    assert set(TABLE_LEVEL) <= checks
    assert set(BREAKS) <= checks - set(TABLE_LEVEL)


@pytest.fixture(scope="module")
def gx():
    from csc_scorecard.validation.gx_duckdb import GxSession

    return GxSession()


def _load(con, table: str, rows: list[dict]) -> None:
    create_raw_tables(con, ALL_TABLES)
    raw = ALL_TABLES[table]
    for number, row in enumerate(rows, start=1):
        values = {c: row.get(c) for c in raw.columns}
        values |= {c: f"{v}-{number}" for c, v in values.items() if c in KEYS and v and number > 1}
        values |= {"_la_code": "999", "_extract_date": EXTRACT, "_source_file": SOURCE_FILE, "_file_hash": "h",
                   "_row_number": number}
        if "_child_seq" in values:  # one child per row, each referral its own
            values["_child_seq"] = number
        columns = ", ".join(f'"{c}"' for c in values)
        con.execute(f"insert into raw.{table} ({columns}) values ({', '.join('?' * len(values))})",
                    list(values.values()))
    if table in HR_TABLES:
        write_table(con, "reference.hr_value_aliases", value_aliases_frame())


@pytest.mark.parametrize("rule", ROW_RULES)
def test_a_row_breaking_one_rule_is_reported_and_kept_out_of_the_figures(rule: RowRule, gx):
    assert rule.breaks, (f"{rule.check}: no row can be built that breaks it; declare one in BREAKS, "
                         f"or list it in TABLE_LEVEL if it judges more than one row")
    valid = VALID[rule.table]
    rows = [valid, *({**valid, **b} for b in rule.breaks)]
    broken = range(2, len(rows) + 1)  # row numbers as the file would give them
    con = duckdb.connect()
    try:
        _load(con, rule.table, rows)
        suite = next(s for s in SUITES if s.table == rule.table)
        outcomes = {o.check_name: o for o in gx.run_suite(con, suite.document, suite.qualified)}
        assert all(o.error is None for o in outcomes.values()), {n: o.error for n, o in outcomes.items() if o.error}

        # (a) GX reports this rule, for each broken row, and no other rule (the row breaks only this one)
        failed = {n for n, o in outcomes.items() if not o.success}
        assert failed == {rule.name} | ({rule.twin} if rule.twin else set())
        assert outcomes[rule.name].unexpected_count == len(rule.breaks)

        build_staging(con, "hr_rejected" if rule.table in HR_TABLES else rule.table)
        staged = {r[0] for r in con.sql(f"select source_row from staging.{rule.table}").fetchall()}
        if rule.on_failure == "set_aside":
            set_aside = con.execute(
                "select source_row, source_file, column_name, value, reason from staging.quarantine "
                "where raw_table = ? order by source_row", [f"raw.{rule.table}"]).fetchall()
            # (c) the valid row is staged and no broken row is
            assert staged == {1}
        else:
            if rule.table in HR_TABLES:
                set_aside = con.execute(
                    "select source_row, source_file, column_name, value, reason from staging.hr_rejected "
                    "where raw_table = ? order by source_row", [rule.table]).fetchall()
            else:  # the rule's own `why` says so; the broken rows are reported by GX only
                set_aside = []
                assert con.sql("select count(*) from staging.quarantine").fetchone() == (0,)
            # (c) every row is staged, but without the value that breaks the rule
            assert staged == {1, *broken}
            column = _staged_column(con, rule)
            values = dict(con.sql(f"select source_row, {column} from staging.{rule.table}").fetchall())
            assert values[1] is not None and all(values[n] is None for n in broken), values
        if rule.on_failure == "set_aside" or rule.table in HR_TABLES:
            # (b) each broken row is listed where the person who fixes the file looks, once, with its own value
            assert [(r[0], r[1], r[2]) for r in set_aside] == [(n, SOURCE_FILE, rule.column) for n in broken]
            for (number, _, column, value, reason), row in zip(set_aside, rows[1:]):
                assert value == (f"{row[column]}-{number}" if column in KEYS and row.get(column) else row.get(column))
                assert reason and not re.search(r"\b(select|null|regexp|try_|_extract_date)\b", reason), reason
                assert rule.table in HR_TABLES or reason.startswith(column), reason  # HR's reasons follow the column
    finally:
        con.close()


# Staging columns read from a raw column through a join, not on the line that names it.
STAGED_AS = {("hr_staff", "contract_type"): "contract_type", ("hr_staff", "case_holder"): "is_case_holder"}


def _staged_column(con, rule: RowRule) -> str:
    """The staging column typed from the rule's raw column (the `... as name` of the line that reads it)."""
    if (rule.table, rule.column) in STAGED_AS:
        return STAGED_AS[rule.table, rule.column]
    sql = (SQL_DIR / "staging" / f"{rule.table}.sql").read_text()
    found = re.search(rf"^[^-\n]*\b{re.escape(rule.column)}\b.*\bas (\w+),?\s*$", sql, re.MULTILINE)
    assert found, f"{rule.table}: no staging column is read from {rule.column}"
    return found.group(1)


# The staging rule macros, and the name of the GX check each must have on the same column.
STAGING_RULES = {
    "required": "{col}__not_null",
    "must_be_uk_date": "{col}__date_dd_mm_yyyy",
    "must_be_iso_date": "{col}__date_yyyy_mm_dd",
    "must_not_be_after_extract": "{col}__not_after_extract",
    "must_be_code": "{col}__code",
    "must_be_yes_no": "{col}__code",
    "must_be_sex": "{col}__code",
    "must_be_whole_number": "{col}__whole_number",
    "must_be_number": "{col}__number",
    "must_be_decimal": "{col}__number",
    "must_not_be_before": "{col}__not_before_",
    "must_be_blank_without": "{col}__only_with_",
}
_RULE_CALL = re.compile(r"\b(" + "|".join(STAGING_RULES) + r")\('(\w+)'")


def _staging_rules() -> list:
    rules = []
    for suite in SUITES:
        path = SQL_DIR / "staging" / f"{suite.table}.sql"
        if suite.table in HR_TABLES or not path.exists():
            continue  # HR's rules are staging.hr_rejected's, tested above from the suite
        for macro, column in _RULE_CALL.findall(path.read_text()):
            rules.append(pytest.param(suite, macro, column, id=f"{suite.table}__{column}__{macro}"))
    return rules


@pytest.mark.parametrize(("suite", "macro", "column"), _staging_rules())
def test_every_row_staging_sets_aside_is_reported_by_a_gx_warning(suite, macro, column):
    expected = STAGING_RULES[macro].format(col=column)
    names = [check_name_for(e) for e in suite.expectations if (e.get("meta") or {}).get("severity") == "warning"]
    assert any(n == expected or (expected.endswith("_") and n.startswith(expected)) for n in names), (
        f"staging.{suite.table} sets rows aside with {macro}({column!r}, ...) but {suite.name} has no warning "
        f"{expected}*: a council would see rows missing from its figures with no check saying why")


def _code_rules() -> list:
    return [pytest.param(suite.table, e["kwargs"]["column"], e["meta"]["allowed"], e["kwargs"]["regex"],
                         id=f"{suite.table}__{check_name_for(e)}")
            for suite in SUITES for e in suite.expectations
            if "allowed" in (e.get("meta") or {}) and e["meta"]["severity"] == "warning"]


@pytest.mark.parametrize(("table", "column", "allowed", "regex"), _code_rules())
def test_every_code_a_rule_allows_is_staged_as_written_or_in_another_case(table, column, allowed, regex):
    # The other half of agreeing: a code GX accepts must not be set aside by staging's copy of the list.
    written = [*allowed, *(f" {code.lower()} " for code in allowed)]
    assert all(re.search(regex, code) for code in written), "the rule's regex and its `allowed` list differ"
    rows = [{**VALID[table], column: code} for code in written]
    con = duckdb.connect()
    try:
        _load(con, table, rows)
        build_staging(con, "hr_rejected" if table in HR_TABLES else table)
        if table in HR_TABLES:
            rejected = con.execute("select source_row, value, reason from staging.hr_rejected "
                                   "where raw_table = ? and column_name = ?", [table, column]).fetchall()
        else:
            rejected = con.execute("select source_row, value, reason from staging.quarantine where raw_table = ?",
                                   [f"raw.{table}"]).fetchall()
        assert rejected == []
        assert con.sql(f"select count(*) from staging.{table}").fetchone()[0] == len(rows)
    finally:
        con.close()
