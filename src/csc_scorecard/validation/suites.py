"""The GX expectation suites in expectations/, one per raw table: raw.<table>.json.

A row-level warning rule can also block, file by file: `"critical_above_per_file": 0.05` in its
meta adds a critical twin (check name `<rule>__mostly`) that fails when more than 5% of the rows
of any one file break the rule. The twin is generated here from the warning, so each rule is
written once. It is judged per file, not over the table, because raw keeps every extract ever
loaded: over 19 clean months one whole file in the wrong date format is about 5% of the table
and would only warn, while every row of it was set aside and its month's figures read 0.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from csc_scorecard import PACKAGE_DIR
from csc_scorecard.validation.outcomes import check_names

EXPECTATIONS_DIR = PACKAGE_DIR / "expectations"


@dataclass(frozen=True)
class Suite:
    name: str  # "raw.<table>", the table it validates
    path: Path
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


PER_FILE = "critical_above_per_file"
FILE_COLUMNS = ("_la_code", "_extract_date", "_source_file")  # one file as loaded: whose, which month, which file

# Sentences of a warning's `why` that say the rows are set aside and the build goes on: true of
# the warning, not of its blocking twin.
_SET_ASIDE = re.compile(r"\s*Each (failing row|such value) [^.]*(set aside|listed)[^.]*\.")


def with_per_file_twins(document: dict) -> dict:
    """The suite with each `critical_above_per_file` rule followed by its critical per-file twin."""
    expectations = []
    for expectation in document["expectations"]:
        expectations.append(expectation)
        share = (expectation.get("meta") or {}).get(PER_FILE)
        if share is not None:
            expectations.append(per_file_twin(expectation, float(share)))
    return {**document, "expectations": expectations}


def per_file_twin(expectation: dict, share: float) -> dict:
    """An unexpected_rows_expectation listing the files in which more than `share` of rows break the rule.

    Its rows are (file, checked_rows, failing_rows, failing_percent), worst first, so the check's
    examples name the files to send again. Rows a rule does not judge (a blank value, for a format
    rule: GX's own `mostly` leaves nulls out the same way) are not counted in checked_rows.
    """
    kwargs, meta = expectation["kwargs"], dict(expectation.get("meta") or {})
    column = kwargs["column"]
    quoted = '"' + column.replace('"', '""') + '"'
    if expectation["type"] == "expect_column_values_to_not_be_null":
        judged, failing = "true", f"{quoted} is null"
    elif expectation["type"] == "expect_column_values_to_match_regex":
        regex = kwargs["regex"]
        if ":" in regex:  # SQLAlchemy's text() would read `:name` as a bind parameter
            raise ValueError(f"{column}: a per-file threshold cannot carry ':' in its regex {regex!r}")
        literal = "'" + regex.replace("'", "''").replace("{", "{{").replace("}", "}}") + "'"  # GX str.formats the query
        judged, failing = f"{quoted} is not null", f"{quoted} is not null and not regexp_full_match({quoted}, {literal})"
    else:
        raise ValueError(f"{expectation['type']}: no per-file threshold for this expectation type")
    files = ", ".join(FILE_COLUMNS)
    query = (f"select {files}, count(*) filter (where {judged}) as checked_rows, "
             f"count(*) filter (where {failing}) as failing_rows, "
             f"round(100.0 * failing_rows / checked_rows, 2) as failing_percent "
             f"from {{batch}} group by {files} having failing_rows > {share!r} * checked_rows "
             f"order by failing_percent desc, _extract_date, _source_file")
    from csc_scorecard.validation.outcomes import check_name_for

    rule = check_name_for(expectation)
    percent = f"{100 * share:g}%"
    base = _SET_ASIDE.sub("", meta.get("why", "")).strip()
    why = (f"More than {percent} of the rows of one file break the rule {rule}: that file is probably in another "
           f"layout or export format (a date format, a column order), and the figures for its month built from "
           f"what is left would be wrong. Judged file by file, so one bad file is not hidden by the clean extracts "
           f"before it. Fix the export and send the file again. {base}").strip()
    meta.pop(PER_FILE)
    return {
        "type": "unexpected_rows_expectation",
        "kwargs": {"unexpected_rows_query": query,
                   "description": f"Files in which more than {percent} of rows break {rule}."},
        "meta": {**meta, "severity": "critical", "why": why, "check_name": f"{rule}__mostly", "column": column,
                 "per_file_share": share, "rule": rule},
    }


def load_suite(path: Path) -> Suite:
    document = with_per_file_twins(json.loads(path.read_text()))
    name = document.get("name") or path.stem
    if name != path.stem:
        raise ValueError(f"{path}: suite name {name!r} does not match the file name")
    if not name.startswith("raw."):
        raise ValueError(f"{path}: suite names are raw.<table>")
    return Suite(name=name, path=path, document=document)


def load_suites(directory: Path = EXPECTATIONS_DIR) -> list[Suite]:
    return [load_suite(p) for p in sorted(directory.glob("raw.*.json"))]
