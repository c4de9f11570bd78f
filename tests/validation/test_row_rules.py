"""A row that breaks one rule is reported by GX and set aside by staging, for every row rule of every contract.

Each raw table's rules are declared once, in its contract (src/csc_scorecard/contracts/<table>.toml),
and generated from there into its GX suite and into `checked.<table>`, the view staging reads. They
used to be written twice, and drifted: an episode with legal status `ZZ` was reported by GX and still
counted as looked after. Each test here takes one valid row of a table, breaks one rule of its contract
and nothing else, and checks that (a) GX reports that rule and no other, (b) the row is in
staging.quarantine with its file, row, column, value and a plain-English reason, and (c) it is not in
the staging table, so in no mart. The valid row goes in beside it and must stay staged: a staging
model that set aside everything would otherwise pass.

The tests are generated from the contracts: a new rule is tested as soon as it is declared, its
breaking values derived from what it declares (a date's format, a code list, a date it may not
precede), or, for a rule with its own SQL, given in BREAKS. The valid row is derived the same way,
unless VALID gives one written as a return would write it.

The HR contract keeps every row (docs/hr_contract.md: "nothing is dropped"): for hr_* tables the
value is dropped instead (NULL in staging, so it reaches no mart) and listed in staging.hr_rejected.
A rule may say the same of itself with `on_failure = "value_dropped"` in its contract, where setting
the row aside would lose a fact that is right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import duckdb
import pytest

from csc_scorecard.contracts import Contract, Rule, load_contracts
from csc_scorecard.ingest.families import RAW_TABLES
from csc_scorecard.ingest.load import create_raw_tables
from csc_scorecard.models.reference import value_aliases_frame, write_table
from csc_scorecard.validation.outcomes import check_names
from csc_scorecard.validation.suites import load_suites
from csc_scorecard.warehouse import SQL_DIR
from tests.ingest.staging_helpers import build_staging

EXTRACT = date(2024, 3, 31)
SOURCE_FILE = "extract.csv"
SUITES = {s.table: s for s in load_suites()}
CONTRACTS = load_contracts()

# Rows written as a return writes them, for the tables whose rows the contract alone would make
# implausible; every other table's valid row is made from its contract (valid_row).
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

# Rules with their own SQL (`[[rules]]` in a contract), which no declared type can break: the values that do.
BREAKS = {
    "ssda903_episodes__REC__only_with_DEC": [{"DEC": None, "REC": "E11"}, {"DEC": None, "REC": "X1"}],
    "hr_staff__fte__between_0_and_1": [{"fte": "1.5"}, {"fte": "0"}],
    # A start after the extract, with no end: an end would come before it, and a REC without DEC is stray.
    "ssda903_episodes__DECOM__not_after_extract": [{"DECOM": "01/04/2024", "DEC": None, "REC": None}],
    "hr_staff__fte__number": [{"fte": "ZZ"}, {"fte": "1,5"}],  # -1 would break fte__between_0_and_1 too
    "hr_staff__leaving_reason__only_for_leavers": [{"end_date": None}],
}
CRITICAL = "critical: a failure stops the build before staging, so no row of the table is staged at all"


# Values that are wrong for any code list here, and the spellings of yes and no that some lists
# accept and others do not (a ReferralNFA of `Y`): each is tried wherever its list refuses it.
WRONG_CODES = ["ZZ", "Y", "N", "yes", "2", "1.0", "-1"]
WRONG = {
    "uk_date": ["2023-04-01", "31.03.2023", "1st April", "31/02/2023", "1/4/23"],
    "iso_date": ["01/04/2023", "20230401", "1st April", "2023-02-31", "2023-4-1"],
    "date": ["31.03.2023", "20230401", "1st April", "2023-02-31"],
    "whole_number": ["ZZ", "1.5", "one"],
    "number": ["ZZ", "1,5"],
    "decimal": ["ZZ", "1,5", "-1", "1e3"],
    "yes_no": ["ZZ", "maybe"],
    "annex_yes_no": ["a) Perhaps", "ZZ"],
    "sex": ["X", "3", "male"],
}
WRITTEN = {"uk_date": "%d/%m/%Y", "iso_date": "%Y-%m-%d", "date": "%Y-%m-%d"}
VALID_AS_TYPED = {"sex": "F", "whole_number": "1", "number": "1", "decimal": "1", "yes_no": "1", "annex_yes_no": "a) Yes"}

HR_TABLES = {"hr_staff", "hr_establishment"}  # the HR contract keeps every row

# Each row its own child (worker, post), so no uniqueness rule sees the broken rows as duplicates.
# (Ids and the columns that make a row unique; not dates, which would no longer read as dates.)
KEYS = {c.name for contract in CONTRACTS.values() for c in contract.columns
        if c.identifier == "direct" or (not c.type and any(c.name in u.columns for u in contract.unique))}


def _written(column, day: date) -> str:
    return day.strftime(WRITTEN[column.type])


def _read(column, text: str) -> date:
    return datetime.strptime(text.strip(), WRITTEN[column.type] if "/" not in text else "%d/%m/%Y").date()


def _day(contract: Contract, column) -> date:
    """A valid date for `column`: ten days after the date it may not precede, and so on up its chain."""
    steps, other = 0, column.not_before
    while other:
        steps, other = steps + 1, contract.column(other).not_before
    return date(2023, 5, 1) + timedelta(days=10 * steps)


def valid_row(contract: Contract) -> dict:
    """A row every rule of the contract accepts: each column as it declares it should be written."""
    if contract.table in VALID:
        return VALID[contract.table]
    row = {}
    for column in contract.columns:
        if column.name.startswith("_"):
            row[column.name] = 1
        elif column.type in WRITTEN:
            row[column.name] = _written(column, _day(contract, column))
        elif column.codes:
            row[column.name] = column.codes[0]
        elif column.type:
            row[column.name] = VALID_AS_TYPED[column.type]
        elif column.required or column.identifier == "direct":
            row[column.name] = "V1"
    return row


def _later_than(contract: Contract, name: str) -> set[str]:
    """The columns whose dates may not precede `name`'s, directly or up a chain."""
    later = {c.name for c in contract.columns if c.not_before == name}
    return later | {x for c in later for x in _later_than(contract, c)}


def breaking_rows(contract: Contract, rule: Rule, valid: dict) -> list[dict]:
    """Changes to the valid row that break `rule` and no other rule."""
    check = f"{contract.table}__{rule.name}"
    if check in BREAKS:
        return BREAKS[check]
    column = contract.column(rule.column)
    kind = rule.name.split("__", 1)[1]
    if kind == "not_null":
        return [{column.name: None}, {column.name: "   "}]
    if kind == "code" and column.codes:
        accepted = {c.strip().lower() for c in column.codes}
        return [{column.name: v} for v in WRONG_CODES if v.strip().lower() not in accepted]
    blank_later = {c: None for c in _later_than(contract, column.name)}  # so they do not come before it
    if kind == "not_after_extract":
        return [{column.name: _written(column, EXTRACT + timedelta(days=1)), **blank_later},
                {column.name: _written(column, date(2099, 1, 1)), **blank_later}]
    if kind.startswith("not_before_"):
        other = contract.column(column.not_before)
        return [{column.name: _written(column, _read(other, valid[other.name]) - timedelta(days=1)), **blank_later}]
    return [{column.name: v} for v in WRONG[column.type]]


@dataclass(frozen=True)
class RowRule:
    table: str
    name: str  # the check name within its suite
    column: str
    breaks: tuple[dict, ...]
    twin: str | None  # its generated per-file check, which a one-file table also fails
    on_failure: str  # quarantine | value_dropped

    @property
    def check(self) -> str:
        return f"{self.table}__{self.name}"


def _rules() -> list:
    """Every row rule of every contract."""
    params = []
    for contract in CONTRACTS.values():
        for rule in contract.row_rules:
            check = f"{contract.table}__{rule.name}"
            twin = f"{rule.name}__mostly" if rule.blocks_above_per_file is not None else None
            on_failure = "value_dropped" if contract.table in HR_TABLES else rule.on_failure
            marks = [pytest.mark.skip(reason=CRITICAL)] if rule.severity == "critical" else []
            params.append(pytest.param(
                RowRule(contract.table, rule.name, rule.column, tuple(breaking_rows(contract, rule, valid_row(contract))), twin, on_failure),
                id=check, marks=marks))
    return params


ROW_RULES = _rules()


def test_every_rule_given_breaking_values_is_a_rule_of_its_contract():
    # A stale name here would leave a renamed rule untested without anyone seeing it.
    assert set(BREAKS) <= {p.values[0].check for p in ROW_RULES}


@pytest.fixture(scope="module")
def gx():
    from csc_scorecard.validation.gx_duckdb import GxSession

    return GxSession()


def _load(con, table: str, rows: list[dict]) -> None:
    create_raw_tables(con, RAW_TABLES)
    raw = RAW_TABLES[table]
    for number, row in enumerate(rows, start=1):
        values = {c: row.get(c) for c in raw.columns}
        values |= {c: f"{v}-{number}" for c, v in values.items() if c in KEYS and v and v.strip() and number > 1}
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
    valid = valid_row(CONTRACTS[rule.table])
    rows = [valid, *({**valid, **b} for b in rule.breaks)]
    broken = range(2, len(rows) + 1)  # row numbers as the file would give them
    con = duckdb.connect()
    try:
        _load(con, rule.table, rows)
        suite = SUITES[rule.table]
        outcomes = {o.check_name: o for o in gx.run_suite(con, suite.document, suite.qualified)}
        assert all(o.error is None for o in outcomes.values()), {n: o.error for n, o in outcomes.items() if o.error}

        # (a) GX reports this rule, for each broken row, and no other rule (the row breaks only this one)
        failed = {n for n, o in outcomes.items() if not o.success}
        assert failed == {rule.name} | ({rule.twin} if rule.twin else set())
        assert outcomes[rule.name].unexpected_count == len(rule.breaks)

        build_staging(con, "hr_rejected" if rule.table in HR_TABLES else rule.table)
        staged = {r[0] for r in con.sql(f"select source_row from staging.{rule.table}").fetchall()}
        if rule.on_failure == "quarantine":
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
        if rule.on_failure == "quarantine" or rule.table in HR_TABLES:
            # (b) each broken row is listed where the person who fixes the file looks, once, with its own value
            assert [(r[0], r[1], r[2]) for r in set_aside] == [(n, SOURCE_FILE, rule.column) for n in broken]
            for (number, _, column, value, reason), row in zip(set_aside, rows[1:]):
                assert value == (f"{row[column]}-{number}" if column in KEYS and (row.get(column) or "").strip()
                                 else row.get(column))
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


# What a staging model may not do: judge a row by a rule of its own, beside its contract's.
_RULE_MACRO = re.compile(r"\b(required|must_be_\w+|must_not_be_\w+|problem)\(")


@pytest.mark.parametrize("model", sorted(p.stem for p in (SQL_DIR / "staging").glob("*.sql")))
def test_no_staging_model_writes_a_rule_of_its_own(model):
    sql = (SQL_DIR / "staging" / f"{model}.sql").read_text()
    assert not _RULE_MACRO.findall(sql), (
        f"staging.{model} judges rows itself; declare the rule in contracts/{model}.toml, from which GX and "
        "staging both take it")
    contract = CONTRACTS.get(model)
    if contract is not None and contract.checked_view:
        assert f"checked.{model}" in sql and "_problems" in sql, (
            f"staging.{model} must read checked.{model} and keep its _problems, or its contract's rules set nothing aside")


def test_every_declared_rule_is_one_gx_check_and_one_staging_rule():
    # The issue's acceptance: count of declared rules = generated GX expectations = staging rules.
    for contract in CONTRACTS.values():
        rules = [r.name for r in contract.row_rules]
        suite = SUITES.get(contract.table)
        generated = [n for n, e in zip(check_names(suite.expectations), suite.expectations)
                     if not (e["meta"].get("rule") or e["meta"]["check_name"] in {u.check_name for u in contract.unique})
                     ] if suite else []
        assert generated == rules, contract.table
        if contract.on_failure == "quarantine":
            view = contract.checked_view or ""
            assert view.count("problems([") <= 1
            staged = [r for r in contract.row_rules if r.problem in view and r.on_failure == "quarantine"]
            dropped = [r for r in contract.row_rules if r.on_failure == "value_dropped" and r.breaks in view]
            assert len(staged) + len(dropped) == len(rules), contract.table


def _code_rules() -> list:
    return [pytest.param(contract.table, column.name, column.codes, id=f"{contract.table}__{column.name}__code")
            for contract in CONTRACTS.values() for column in contract.columns if column.codes]


@pytest.mark.parametrize(("table", "column", "allowed"), _code_rules())
def test_every_code_a_rule_allows_is_staged_as_written_or_in_another_case(table, column, allowed):
    # The other half of agreeing: a code the contract accepts must be staged, however it is cased or padded.
    written = [*allowed, *(f" {code.lower()} " for code in allowed)]
    rows = [{**valid_row(CONTRACTS[table]), column: code} for code in written]
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
