"""The HR contract's accepted variants: other names for its columns and other spellings of its codes.

Councils' HR systems and agency suppliers export "Employee ID" where the contract says worker_id,
"Perm" or "FTC" where it says permanent or fixed-term. The map lives in one data file,
src/csc_scorecard/reference_data/hr_aliases.csv, because two layers read it: recognition (Python, header names, before a
table is chosen) and staging (SQL, code values, via reference.hr_value_aliases), and a council's
analyst can add a spelling there without touching code. docs/hr_contract.md lists it for people.
"""

from __future__ import annotations

import csv
import re
from functools import cache

import polars as pl

from csc_scorecard import PACKAGE_DIR

ALIASES_FILE = PACKAGE_DIR / "reference_data" / "hr_aliases.csv"
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise_name(name: str) -> str:
    """A header or code as it is compared: lower case, runs of spaces, '_' and punctuation as one space.

    Hyphens and slashes are kept inside codes ("fixed-term", "agency/locum") by the value
    comparison, which only lower-cases and collapses spaces (see clean_label in src/csc_scorecard/sql/macros.sql).
    """
    return _NOT_ALNUM.sub(" ", name.replace("\ufeff", "").lower()).strip()


def normalise_value(value: str) -> str:
    return " ".join(value.lower().split())


@cache
def _rows() -> tuple[tuple[str, str, str, str], ...]:
    with ALIASES_FILE.open(newline="", encoding="utf-8") as f:
        return tuple((r["kind"], r["column"], r["alias"], r["canonical"]) for r in csv.DictReader(f))


@cache
def header_aliases() -> dict[str, str]:
    """Normalised header -> contract column; every contract column also answers to its own name."""
    out = {normalise_name(column): column for kind, column, _, _ in _rows()}
    out |= {normalise_name(alias): canonical for kind, _, alias, canonical in _rows() if kind == "header"}
    return out


def canonical_column(header: str) -> str | None:
    return header_aliases().get(normalise_name(header))


@cache
def value_aliases() -> dict[str, dict[str, str]]:
    """Contract column -> {normalised spelling: contract code}."""
    out: dict[str, dict[str, str]] = {}
    for kind, column, alias, canonical in _rows():
        if kind == "value":
            out.setdefault(column, {})[normalise_value(alias)] = canonical
    return out


def value_aliases_frame() -> pl.DataFrame:
    rows = [(column, alias, canonical) for column, spellings in value_aliases().items()
            for alias, canonical in spellings.items()]
    return pl.DataFrame(rows, schema={"column_name": pl.String, "alias": pl.String, "canonical": pl.String},
                        orient="row")
