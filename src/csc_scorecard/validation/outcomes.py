"""GX's validation results as our check outcomes: `ExpectationOutcome` rows and their check names.

Nothing here imports great_expectations: it reads GX's result objects as they come back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from csc_scorecard.warehouse import ensure_schemas

SEVERITIES = ("critical", "warning")
EXAMPLES = 5  # unexpected values kept per expectation


@dataclass(frozen=True)
class ExpectationOutcome:
    """One expectation's result, in terms a Dagster check or a test can use."""

    check_name: str
    expectation_type: str
    column: str | None
    success: bool
    severity: str  # critical | warning
    why: str
    element_count: int | None = None
    unexpected_count: int | None = None
    unexpected_percent: float | None = None
    examples: tuple[Any, ...] = ()
    error: str | None = None  # GX could not evaluate the expectation
    kwargs: dict[str, Any] = field(default_factory=dict)
    # A per-file twin (suites.per_file_twin): counts are of files, and examples name the worst ones.
    per_file_share: float | None = None

    @property
    def blocking(self) -> bool:
        return self.severity == "critical"

    def summary(self) -> str:
        if self.error:
            return f"could not be evaluated: {self.error}"
        if self.unexpected_count is None:
            return "passed" if self.success else "failed"
        if self.per_file_share is not None:
            share = f"{100 * self.per_file_share:g}%"
            if not self.unexpected_count:
                return f"no file has more than {share} of its rows breaking the rule"
            files = "file has" if self.unexpected_count == 1 else "files have"
            counted = f"{self.unexpected_count} {files} more than {share} of rows breaking the rule"
            if self.element_count is not None:
                counted += f" ({self.element_count} files checked)"
            return counted + (f"; worst: {'; '.join(self.examples)}" if self.examples else "")
        counted = f"{self.unexpected_count} of {self.element_count} rows unexpected"
        if self.unexpected_percent is not None and self.unexpected_count:
            counted += f" ({self.unexpected_percent:.2f}%)"
        if self.examples:
            counted += f"; e.g. {', '.join(repr(v) for v in self.examples)}"
        return counted


_NAME_OK = re.compile(r"[^A-Za-z0-9_]+")

_SHORT_TYPES = {
    "expect_column_values_to_not_be_null": "not_null",
    "expect_column_values_to_match_regex": "format",
    "expect_column_values_to_be_in_set": "in_set",
    "expect_column_values_to_be_unique": "unique",
    "expect_compound_columns_to_be_unique": "unique",
    "expect_column_values_to_be_between": "between",
    "unexpected_rows_expectation": "rows",
}


def check_name_for(expectation: dict) -> str:
    """A stable, readable Dagster check name for an expectation in a suite JSON."""
    meta = expectation.get("meta") or {}
    if meta.get("check_name"):
        return _NAME_OK.sub("_", meta["check_name"]).strip("_")
    kwargs = expectation.get("kwargs") or {}
    column = kwargs.get("column") or meta.get("column") or "_".join(kwargs.get("column_list", [])) or "table"
    etype = expectation["type"]
    short = _SHORT_TYPES.get(etype, etype.removeprefix("expect_").removeprefix("column_values_to_"))
    return _NAME_OK.sub("_", f"{column}__{short}").strip("_")


def check_names(expectations: list[dict]) -> list[str]:
    """Check names for a suite's expectations, in order, made unique within the suite."""
    names, seen = [], {}
    for expectation in expectations:
        name = check_name_for(expectation)
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return names


# The GX type each of our expectation types runs as (see gx_compat.counted_rows_expectation).
GX_TYPE = {"unexpected_rows_expectation": "unexpected_rows_count_expectation"}


def outcome(expectation: dict, validation, name: str) -> ExpectationOutcome:
    meta = expectation.get("meta") or {}
    kwargs = expectation.get("kwargs") or {}
    config_type = validation.expectation_config.type
    assert config_type == GX_TYPE.get(expectation["type"], expectation["type"]), (config_type, expectation["type"])

    res = dict(validation.result or {})
    error = errors(validation)

    element_count = res.get("element_count")
    unexpected_count = res.get("unexpected_count")
    unexpected_percent = res.get("unexpected_percent")
    examples = tuple(res.get("partial_unexpected_list") or ())
    if expectation["type"] == "unexpected_rows_expectation":
        observed = res.get("observed_value")
        unexpected_count = observed if isinstance(observed, int) else unexpected_count
        examples = ()  # filled in by _with_row_examples
    if examples and isinstance(examples[0], dict):  # compound uniqueness lists dicts
        examples = tuple(tuple(e.values()) for e in examples)

    return ExpectationOutcome(
        check_name=name,
        expectation_type=expectation["type"],
        column=kwargs.get("column") or meta.get("column"),
        success=bool(validation.success) and error is None,
        severity=meta.get("severity", "warning"),
        why=meta.get("why", ""),
        element_count=element_count,
        unexpected_count=unexpected_count,
        unexpected_percent=float(unexpected_percent) if unexpected_percent is not None else None,
        examples=tuple(_plain(e) for e in examples[:EXAMPLES]),
        error=error,
        kwargs=dict(kwargs),
        per_file_share=meta.get("per_file_share"),
    )


def errors(validation) -> str | None:
    """GX's exception messages for one expectation's result, if it could not be evaluated."""
    if not validation.exception_info:
        return None
    infos = validation.exception_info
    # either {"raised_exception":..., "exception_message":...} or {metric_id: {...}}
    if "raised_exception" in infos:
        infos = {"_": infos}
    messages = [i.get("exception_message") for i in infos.values() if i.get("raised_exception")]
    return "; ".join(sorted({str(m) for m in messages})) if messages else None


# Where a raw row is: what an example names in place of a value that can identify a person.
ROW_PLACE = ("_source_file", "_row_number")


def row_example(row, column: str | None, hidden: frozenset[str] = frozenset()):
    """One failing row as an example: the checked column's value (every file value, when the check
    names none) and where the row is. A `hidden` column's value is never shown; the row's file is."""
    mapping = row
    if column and column in mapping:
        keep = {column: mapping[column]}
    else:
        keep = {k: v for k, v in mapping.items() if not k.startswith("_")}
    shown = {k: v for k, v in keep.items() if k not in hidden}
    if len(shown) < len(keep):
        shown[", ".join(k for k in keep if k in hidden)] = "(not shown: identifies a person)"
        if "_source_file" in mapping:
            shown["_source_file"] = mapping["_source_file"]
    shown.update({k: mapping[k] for k in ("_la_code", "_extract_date", "_row_number") if k in mapping})
    return ", ".join(f"{k}={_plain(v)}" for k, v in shown.items())


def _plain(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return str(value)


CHECK_OUTCOMES_SQL = """
create table if not exists quality.check_outcomes (
    raw_table varchar, check_name varchar, expectation_type varchar, column_name varchar,
    severity varchar, passed boolean, element_count bigint, unexpected_count bigint,
    unexpected_percent double, why varchar, error varchar, checked_at timestamp, run_id varchar
)
"""


def write_check_outcomes(con, raw_table: str, outcomes: list[ExpectationOutcome], *, checked_at,
                         run_id: str) -> int:
    """Replace raw_table's rows of quality.check_outcomes with this run's outcomes of its suite.

    The table holds the latest outcome of every check, so the board pack (or an analyst) reads what
    the data checks found without the run that found it. No example values: they can be child ids.
    """
    ensure_schemas(con)
    con.execute(CHECK_OUTCOMES_SQL)
    rows = [(raw_table, o.check_name, o.expectation_type, o.column, o.severity, o.success, o.element_count,
             o.unexpected_count, o.unexpected_percent, o.why, o.error, checked_at, run_id) for o in outcomes]
    con.begin()
    try:
        con.execute("delete from quality.check_outcomes where raw_table = ?", [raw_table])
        if rows:
            con.executemany("insert into quality.check_outcomes values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            rows)
        con.commit()
    except Exception:
        con.rollback()
        raise
    return len(rows)


def nothing_to_check(suite_expectations: list[dict], names: list[str], note: str) -> list[ExpectationOutcome]:
    """Passing outcomes for a suite whose table has no rows: an optional table a council did not send."""
    return [ExpectationOutcome(
        check_name=name, expectation_type=e["type"],
        column=(e.get("kwargs") or {}).get("column") or (e.get("meta") or {}).get("column"),
        success=True, severity=(e.get("meta") or {}).get("severity", "warning"),
        why=(e.get("meta") or {}).get("why", ""), element_count=0, unexpected_count=0, error=None,
        kwargs={"note": note}) for e, name in zip(suite_expectations, names)]
