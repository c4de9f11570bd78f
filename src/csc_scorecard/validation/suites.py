"""The GX expectation suites, one per raw table, generated from its contract (csc_scorecard.contracts).

Each row rule is a column map expectation whose condition is the rule's own expression, the one
staging's `checked.<table>` view uses to set the row aside: GX and staging cannot disagree on a row
(gx_compat.contract_rule_expectation; GX counts all of a table's rules in one query). A warning reports the failing rows; a rule whose column declares `blocks_above_per_file`
also gets a critical twin (check name `<rule>__mostly`) that fails when more than that share of the
rows of any one file break the rule. It is judged per file, not over the table, because raw keeps
every extract ever loaded: over 19 clean months one whole file in the wrong date format is about 5%
of the table and would only warn, while every row of it was set aside and its month's figures read 0.
A table's uniqueness rules are warnings: a duplicate is two rows, neither of them at fault alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from csc_scorecard.contracts import Contract, Rule, Unique, load_contracts
from csc_scorecard.validation.outcomes import check_names

FILE_COLUMNS = ("_la_code", "_extract_date", "_source_file")  # one file as loaded: whose, which month, which file
SEVERITY_NOTE = ("Severity 'critical' = blocking Dagster check (ERROR): the metrics would be wrong. 'warning' = "
                 "reported, non-blocking (WARN). Values are raw text as the file wrote them.")


@dataclass(frozen=True)
class Suite:
    name: str  # "raw.<table>", the table it validates
    contract: Contract
    document: dict  # GX ExpectationSuite JSON: name, expectations [{type, kwargs, meta}], meta

    @property
    def table(self) -> str:
        return self.name.split(".", 1)[1]

    @property
    def qualified(self) -> str:
        return self.name

    @property
    def check_names(self) -> list[str]:
        """Dagster check names, one per expectation: the table's name first, since one return's
        asset carries the checks of all its tables."""
        return [f"{self.table}__{name}" for name in check_names(self.expectations)]

    @property
    def expectations(self) -> list[dict]:
        return self.document["expectations"]


def _as_text(sql: str) -> str:
    """SQL as GX passes it to SQLAlchemy's text(), which would read `:name` as a bind parameter."""
    if ":" in sql.replace("::", ""):
        raise ValueError(f"a rule's SQL cannot carry ':' for GX: {sql}")
    return sql


def _in_query(sql: str) -> str:
    """SQL inside an unexpected_rows query, which GX str.formats (for {batch}) before text()."""
    return _as_text(sql).replace("{", "{{").replace("}", "}}")


RULE_EXPECTATION = "expect_column_values_to_keep_contract_rule"  # gx_compat.contract_rule_expectation


def rule_expectation(rule: Rule) -> dict:
    """The warning (or, for a column every row needs, the blocking check) that counts the rows breaking `rule`."""
    return {
        "type": RULE_EXPECTATION,
        "kwargs": {"column": rule.column, "rule_sql": _as_text(rule.breaks),
                   "description": f"Rows that break {rule.name}."},
        "meta": {"severity": rule.severity, "why": rule.why, "check_name": rule.name, "column": rule.column,
                 "on_failure": rule.on_failure},
    }


def per_file_twin(rule: Rule) -> dict:
    """An unexpected_rows_expectation listing the files in which more than the column's share of rows break `rule`.

    Its rows are (file, checked_rows, failing_rows, failing_percent), worst first, so the check's
    examples name the files to send again. Rows a rule does not judge (a blank value, for a format
    rule) are not counted in checked_rows.
    """
    share = rule.blocks_above_per_file
    files = ", ".join(FILE_COLUMNS)
    query = (f"select {files}, count(*) filter (where {_in_query(rule.judged)}) as checked_rows, "
             f"count(*) filter (where {_in_query(rule.breaks)}) as failing_rows, "
             f"round(100.0 * failing_rows / checked_rows, 2) as failing_percent "
             f"from {{batch}} group by {files} having failing_rows > {share!r} * checked_rows "
             f"order by failing_percent desc, _extract_date, _source_file")
    percent = f"{100 * share:g}%"
    why = (f"More than {percent} of the rows of one file break the rule {rule.name}: that file is probably in another "
           f"layout or export format (a date format, a column order), and the figures for its month built from "
           f"what is left would be wrong. Judged file by file, so one bad file is not hidden by the clean extracts "
           f"before it. Fix the export and send the file again. {rule.about}").strip()
    return {
        "type": "unexpected_rows_expectation",
        "kwargs": {"unexpected_rows_query": query,
                   "description": f"Files in which more than {percent} of rows break {rule.name}."},
        "meta": {"severity": "critical", "why": why, "check_name": f"{rule.name}__mostly", "column": rule.column,
                 "per_file_share": share, "rule": rule.name},
    }


def unique_expectation(unique: Unique) -> dict:
    return {
        "type": "unexpected_rows_expectation",
        "kwargs": {"unexpected_rows_query": unique.query,
                   "description": f"Rows sharing {', '.join(unique.columns)} within one {unique.per}."},
        "meta": {"severity": "warning", "why": unique.why, "check_name": unique.check_name,
                 "column": unique.columns[0]},
    }


def suite_document(contract: Contract) -> dict:
    expectations = []
    for rule in contract.row_rules:
        expectations.append(rule_expectation(rule))
        if rule.blocks_above_per_file is not None:
            expectations.append(per_file_twin(rule))
    expectations += [unique_expectation(u) for u in contract.unique]
    return {"name": contract.qualified, "expectations": expectations,
            "meta": {"table": contract.qualified, "contract": f"contracts/{contract.table}.toml",
                     "notes": SEVERITY_NOTE}}


def load_suites() -> list[Suite]:
    """The suite of every raw table whose contract has a rule."""
    return [Suite(name=c.qualified, contract=c, document=suite_document(c))
            for c in load_contracts().values() if c.row_rules or c.unique]


def suite_for(table: str) -> Suite:
    return next(s for s in load_suites() if s.table == table.removeprefix("raw."))
