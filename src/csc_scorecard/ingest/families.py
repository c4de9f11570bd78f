"""The returns a council lands, each a family of raw tables loaded together from its files."""

from __future__ import annotations

from csc_scorecard.contracts import load_contracts
from csc_scorecard.ingest.annex_a import ANNEX_A
from csc_scorecard.ingest.formats import CIN_CENSUS, CSWW, FOSTERING, HR, SSDA903, RawTable

FAMILIES: dict[str, tuple[dict[str, RawTable], str]] = {
    "ssda903": (SSDA903, "SSDA903 children looked after return (CSV tables)"),
    "cin_census": (CIN_CENSUS, "CIN census return (XML), flattened"),
    "hr": (HR, "Monthly HR staff list and establishment (CSV)"),
    "fostering": (FOSTERING, "Monthly fostering households list (CSV)"),
    "csww": (CSWW, "Annual CSWW social work workforce census (XML), for history"),
    "annex_a": (ANNEX_A, "Ofsted ILACS Annex A workbook (xlsx), one table per list"),
}

# raw table name -> the family (return) it belongs to
RAW_FAMILY = {name: family for family, (tables, _) in FAMILIES.items() for name in tables}
RAW_TABLES: dict[str, RawTable] = {name: t for tables, _ in FAMILIES.values() for name, t in tables.items()}


def identifying_columns(qualified: str) -> frozenset[str]:
    """The columns of a raw table ('raw.x') whose values can identify a person (RawTable.direct, .quasi)."""
    table = RAW_TABLES.get(qualified.removeprefix("raw."))
    return frozenset(table.direct + table.quasi) if table else frozenset()

ROW_LINEAGE = "every value as text, with source file, file hash, row number and load time on each row."


def raw_table_description(table: RawTable) -> str:
    contract = load_contracts()[table.name]
    about = f"{contract.description.rstrip('.')}. " if contract.description else ""
    return (f"{FAMILIES[table.family][1]}: `{table.qualified}`, {ROW_LINEAGE} {about}Declared by its contract, "
            f"`src/csc_scorecard/contracts/{table.name}.toml`.")
