"""Helpers for tests that go landing -> raw -> staging."""

from __future__ import annotations

import csv
from pathlib import Path

from lxml import etree

from csc_scorecard.ingest.families import FAMILIES
from tests.loading import ingest_family
from csc_scorecard.models.build import build_model
from csc_scorecard.warehouse import SQL_DIR, referenced_tables

# The CIN census element each flattened table has one row per.
CIN_ELEMENTS = {
    "cin_children": "Child", "cin_referrals": "CINdetails", "cin_assessments": "Assessments",
    "cin_plans": "CINPlanDates", "cin_s47": "Section47", "cin_cp_plans": "ChildProtectionPlans",
    "cin_pre_proceedings": "PreProceedingsandFGDM",
}


def ingest_all(con, landing, la_code="999"):
    return {family: ingest_family(con, family, tables, landing=landing, la_code=la_code)
            for family, (tables, _) in FAMILIES.items()}


def build_staging(con, *names: str) -> None:
    """Build these staging models, each after the staging models it reads (CIN modules read
    staging.cin_children for the child's key)."""
    built: set[str] = set()

    def build(name: str) -> None:
        path = SQL_DIR / "staging" / f"{name}.sql"
        for ref in referenced_tables(path.read_text()):
            schema, table = ref.split(".")
            upstream = schema == "staging" and table not in (name, *built)
            if upstream and (SQL_DIR / "staging" / f"{table}.sql").exists():
                build(table)
        build_model(con, "staging", path)
        built.add(name)

    for name in names:
        build(name)


def csv_data_rows(path: Path) -> int:
    """Data rows as Python's csv module reads the file (blank lines are not rows)."""
    with path.open(newline="", encoding="utf-8-sig") as f:
        return sum(1 for row in list(csv.reader(f))[1:] if any(cell.strip() for cell in row))


def xml_elements(path: Path, tag: str) -> int:
    return sum(1 for e in etree.parse(str(path)).iter() if isinstance(e.tag, str)
               and etree.QName(e).localname == tag)


def accounted(con, name: str) -> tuple[int, int]:
    """(rows in staging, source rows in quarantine) for one table."""
    staged = con.sql(f"select count(*) from staging.{name}").fetchone()[0]
    quarantined = con.execute(
        "select count(distinct (file_hash, source_row)) from staging.quarantine where raw_table = ?",
        [f"raw.{name}"]).fetchone()[0]
    return staged, quarantined
