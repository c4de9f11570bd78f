"""Shared fixtures: a temp warehouse, and small landed extracts written by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import os

import duckdb
import pytest

# A fixed, public test key: child_key values in tests are stable, and no key file is written.
os.environ.setdefault("CSC_PSEUDONYM_KEY", "test-pseudonym-key-not-a-secret")

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
# The LA code each shared CIN census sample declares in its header (<LEA>): it loads only for that council.
SAMPLE_CIN_COUNCILS = {"fake_CIN_data.xml": "975", "CIN_Census_2024.xml": "201"}


@pytest.fixture
def con(tmp_path):
    connection = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    yield connection
    connection.close()


@pytest.fixture
def landing(tmp_path) -> Path:
    path = tmp_path / "landing"
    path.mkdir()
    return path


def land(landing: Path, extract_date: date, files: dict[str, str | bytes]) -> Path:
    """Write files into landing/<extract_date>/ as a council's monthly export would."""
    folder = landing / extract_date.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        target = folder / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, newline="")
    return folder


def csv_text(header: str, *rows: str) -> str:
    return "\r\n".join([header, *rows]) + "\r\n"


def cin_xml(children: list[dict], la_code: str = "999", reference_date: str = "2025-03-31") -> str:
    """A CIN census message; each child is {"id": ..., "referrals": [{tag: value, ...}, ...]}."""
    parts = [
        "<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2025</Year>",
        f"<ReferenceDate>{reference_date}</ReferenceDate></CollectionDetails>",
        f"<Source><SourceLevel>L</SourceLevel><LEA>{la_code}</LEA></Source></Header><Children>",
    ]
    for child in children:
        parts.append(f"<Child><ChildIdentifiers><LAchildID>{child['id']}</LAchildID>"
                     "<PersonBirthDate>2015-01-01</PersonBirthDate><Sex>1</Sex></ChildIdentifiers>"
                     "<ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>")
        for referral in child["referrals"]:
            modules = referral.get("modules", "")
            leaves = "".join(f"<{k}>{v}</{k}>" for k, v in referral.items() if k != "modules")
            parts.append(f"<CINdetails>{leaves}{modules}</CINdetails>")
        parts.append("</Child>")
    parts.append("</Children></Message>")
    return "".join(parts)


# Metrics a generated council has no source for, by design (not a zero): none since the generator
# writes an Ofsted Annex A workbook (issue 24); kept so a metric from a new return says so here.
METRICS_WITHOUT_SYNTHETIC_SOURCE: set[str] = set()


def built_metric_values(warehouse: Path, landing: Path, council) -> dict:
    """Load every landed file for `council`, build the models and metrics outside Dagster, and
    return {(metric_id, period_end): (value, numerator, denominator)}."""
    from csc_scorecard.ingest.families import FAMILIES
    from tests.loading import ingest_family
    from csc_scorecard.metrics.catalogue import load_catalogue, write_metric_values
    from csc_scorecard.models.build import build_all_models

    con = duckdb.connect(str(warehouse))
    try:
        for family, (tables, _) in FAMILIES.items():
            summary = ingest_family(con, family, tables, landing=landing, la_code=council.la_code)
            assert summary.files_failed == {}, family
        build_all_models(con, councils=[council])
        write_metric_values(con, load_catalogue())
        rows = con.sql("select metric_id, period_end, value, numerator, denominator "
                       "from metrics.metric_values").fetchall()
    finally:
        con.close()
    return {(m, p): (v, n, d) for m, p, v, n, d in rows}


def synthetic_targets():
    """The synthetic council's targets (the latest of each), as a performance team sets them."""
    from csc_scorecard.metrics.targets import Target
    from csc_tools.synthetic.council_inputs import TARGETS

    return {m: Target(m, t, a, r, basis) for m, t, a, r, basis in TARGETS}


def metric_status_of(values, catalogue=None, targets=None, england=None):
    """metrics.metric_status built by its SQL in an in-memory warehouse from hand-made rows.

    values: a polars frame of metric_values (numerator and denominator optional); catalogue:
    metrics.catalogue (the real one unless given); targets: {metric_id: Target} for every council in
    `values` (the synthetic council's targets unless given); england: a frame like reference.england_comparators (the
    shipped figures unless given)."""
    import polars as pl

    from csc_scorecard.metrics.catalogue import catalogue_frame, load_catalogue
    from csc_scorecard.metrics.comparators import read_england_comparators
    from csc_scorecard.metrics.status import write_metric_status
    from csc_scorecard.metrics.targets import targets_frame
    from csc_scorecard.warehouse import ensure_schemas

    for column in ("numerator", "denominator"):
        if column not in values.columns:
            values = values.with_columns(pl.lit(None, dtype=pl.Float64).alias(column))
    tables = {
        "metrics.metric_values": values.select("la_code", "metric_id", "period_end", "value", "numerator",
                                               "denominator"),
        "metrics.catalogue": catalogue if catalogue is not None else catalogue_frame(load_catalogue()),
        "reference.targets": targets_frame(synthetic_targets() if targets is None else targets,
                                           values["la_code"].unique().to_list()),
        "reference.england_comparators": read_england_comparators() if england is None else england,
    }
    with duckdb.connect() as con:
        ensure_schemas(con)
        for name, frame in tables.items():
            con.register("_frame", frame.to_arrow())
            con.execute(f"create table {name} as select * from _frame")
            con.unregister("_frame")
        write_metric_status(con)
        return con.sql("select * from metrics.metric_status").pl()
