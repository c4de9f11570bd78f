"""docs/warehouse.md: every schema, table and view of the warehouse, with its columns, and what of
each the analysts' copy holds (csc_scorecard.privacy).

    python -m csc_tools.warehouse_doc            # rewrite docs/warehouse.md
    python -m csc_tools.warehouse_doc --check    # exit 1 if it is out of date with the code

The page is generated from a warehouse the pipeline itself builds (a small synthetic
council in a temp folder), so it lists what a build really creates, not what someone
remembered to write down. A table's line is its Dagster asset description.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

import duckdb

from csc_scorecard import publications
from csc_scorecard.ingest.families import RAW_TABLES
from csc_scorecard.models.build import sql_description
from csc_scorecard.privacy import COPIED_FROM_RAW, copy_plan
from csc_scorecard.settings import Deployment, load_settings
from csc_tools import REPO_ROOT

WAREHOUSE_DOC = REPO_ROOT / "docs" / "warehouse.md"

SCHEMAS = {
    "raw": "Every landed file's rows exactly as written (all text), plus lineage columns: which council, "
           "extract, file, file hash, row and load time. Child-level.",
    "checked": "One view per raw table whose contract has rules (src/csc_scorecard/contracts/): the raw rows, each "
               "with `_problems`, the rules of its contract it breaks (column, value, reason), and any value a rule "
               "drops already blank. Staging reads these, never a rule of its own. Working warehouse only.",
    "reference": "Tables from the code and the settings file, not from extracts.",
    "staging": "Raw renamed and typed, nothing else (src/csc_scorecard/sql/staging/). Child-level.",
    "marts": "The current picture: the latest extract of each return, and entity-level logic (src/csc_scorecard/sql/marts/).",
    "metrics": "The scorecard measures: one row per council, metric and month, and the catalogue "
               "(src/csc_scorecard/sql/metrics/).",
    "quality": "What the data checks found: counts and rules, never the values checked.",
    "publications": "What each publication of the packs told the board, kept as published (append-only), "
                    "and views comparing it with the figures as now (src/csc_scorecard/sql/publications/).",
}
# Tables a step writes besides its asset's own table.
OTHER_TABLES = {
    "raw.loaded_files": "Every file loaded: council, extract date, path, content hash, raw table, rows, "
                        "load time. A file whose hash is here is not loaded again.",
    "quality.landing_files": "Every file and folder under each council's landing as the last build found it: "
                             "loaded as which table with rows read and loaded, or not read and why (not a "
                             "month folder, hidden, empty, duplicate of another file, unknown table, symlink, "
                             "too large); and each file loaded before and no longer in the landing, its rows "
                             "still in raw.",
    "quality.check_outcomes": "The latest outcome of every data check (GX expectation) on a raw table: "
                              "passed or not, rows checked and rows unexpected, severity and what it checks; "
                              "written by the checks themselves, read by the board pack.",
    "publications.publication_log": "One row per council each time the packs are published: when, the newest "
                                    "month its packs covered, the figures on them and how many of those were "
                                    "new or read differently (added to publications.published_figures).",
}


def _repository_council() -> Deployment:
    # The repository's council.toml, whatever this shell's CSC_* variables say: the page
    # must come out the same on every machine.
    return Deployment.of(load_settings(REPO_ROOT / "council.toml", environ={}))


def table_descriptions() -> dict[str, str]:
    """'schema.table' -> the first sentence of its asset's description."""
    from csc_scorecard.definitions import build_definitions

    from csc_scorecard.ingest.families import FAMILIES, raw_table_description

    graph = build_definitions(_repository_council()).resolve_asset_graph()
    descriptions = dict(OTHER_TABLES)
    # The record's views are made with its tables; each file's header is its entry.
    descriptions |= {f"{publications.SCHEMA}.{view}": sql_description((publications.SQL / f"{view}.sql").read_text())
                     for view in publications.VIEWS}
    # A return's asset loads several raw tables; each is described on its own.
    descriptions |= {t.qualified: raw_table_description(t) for tables, _ in FAMILIES.values() for t in tables.values()}
    for key in graph.get_all_asset_keys():
        if len(key.path) == 2 and key.path[0] in SCHEMAS and key.path[0] != "raw":
            text = " ".join((graph.get(key).description or "").split())
            descriptions[".".join(key.path)] = text
    return descriptions


def describe(con: duckdb.DuckDBPyConnection, descriptions: dict[str, str]) -> str:
    tables = con.sql("""
        select table_schema, table_name, case table_type when 'VIEW' then 'view' else 'table' end
        from information_schema.tables where table_schema in ({})
        order by table_schema, table_name
    """.format(", ".join(f"'{s}'" for s in SCHEMAS))).fetchall()
    columns: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for schema, table, column, data_type in con.sql("""
        select table_schema, table_name, column_name, data_type from information_schema.columns
        order by table_schema, table_name, ordinal_position
    """).fetchall():
        columns.setdefault((schema, table), []).append((column, data_type))
    # The raw tables' comments are their contracts' words (contracts/<table>.toml, set by create_raw_tables).
    comments = {(s, t, c): text for s, t, c, text in con.sql(
        "select schema_name, table_name, column_name, comment from duckdb_columns() where comment is not null"
    ).fetchall()}
    macros = sorted({r[0] for r in con.sql(
        "select function_name from duckdb_functions() where function_type like '%macro%' and not internal"
    ).fetchall()})

    lines = [
        "# The warehouse, table by table",
        "",
        "Generated by `python -m csc_tools.warehouse_doc` from a warehouse the pipeline builds; "
        "`tests/test_warehouse_doc.py` fails when this page is out of date with the code.",
        "",
        "Two files (docs/privacy.md): the **working warehouse** (`.warehouse.building.duckdb` beside the "
        "published path, readable by its owner only) holds everything below, raw as landed, for the data team "
        "and the pipeline; the **analysts' copy** (the published `warehouse.duckdb`, opened read-only: see "
        "docs/operations.md and notebooks/) holds every schema but raw, with the changes each table's last "
        "column names: no identifier, dates of birth as months, and nothing that leads a key back to its row.",
        "",
        "Schemas, in the order a row travels: " + ", ".join(f"`{s}`" for s in SCHEMAS) + ".",
        "",
    ]
    for schema, about in SCHEMAS.items():
        lines += [f"## `{schema}`", "", about, ""]
        for table_schema, table, kind in tables:
            if table_schema != schema:
                continue
            qualified = f"{schema}.{table}"
            lines += [f"### `{qualified}` ({kind})", ""]
            if descriptions.get(qualified):
                lines += [descriptions[qualified], ""]
            if qualified in COPIED_FROM_RAW:
                lines += [f"In the analysts' copy as `{COPIED_FROM_RAW[qualified]}`.", ""]
            elif schema == "raw":
                lines += ["Working warehouse only: not in the analysts' copy.", ""]
            if schema == "checked":
                lines += [f"The rows of `raw.{table}` with `_problems`: see its columns there.", ""]
                continue
            if schema == "raw" and qualified not in COPIED_FROM_RAW:
                lines += ["| column | type | identifies | what its contract says |", "|---|---|---|---|"]
                raw = RAW_TABLES.get(table)
                lines += [f"| `{name}` | {data_type} | {(raw.identifier_class(name) or '') if raw else ''} | "
                          f"{comments.get((schema, table, name), '').replace('|', '/')} |"
                          for name, data_type in columns[(schema, table)]]
            else:
                lines += ["| column | type | in the analysts' copy |", "|---|---|---|"]
                lines += [f"| `{name}` | {data_type} | {copied.note if copied.name == name else f'`{copied.name}`: {copied.note}'} |"
                          for (name, data_type), copied in zip(columns[(schema, table)], copy_plan(columns[(schema, table)]))]
            lines.append("")
    lines += ["## Macros", "",
              "Stored in the working warehouse (from `src/csc_scorecard/sql/macros.sql`), so the data team's ad-hoc queries "
              "can type values the way staging does (the analysts' copy has none: `latest_extract` reads raw): "
              + ", ".join(f"`{m}`" for m in macros) + ".", ""]
    return "\n".join(lines)


def build_sample_warehouse(root: Path) -> Path:
    """A small synthetic council built by the pipeline into root; returns the working file (raw included)."""
    import dagster as dg

    from csc_scorecard.defs.runner import materialise_landed
    from csc_scorecard.definitions import build_definitions
    from csc_tools.synthetic import CouncilProfile, generate

    deployment = _repository_council().with_paths(landing=root / "landing", warehouse=root / "warehouse.duckdb",
                                              exports=root / "exports")
    council = deployment.councils[0]
    generate(council.landing, CouncilProfile(la_code=council.la_code, population_0_17=4_000), months=1,
             history_months=13, last_extract=date(2025, 3, 31), seed=1)
    results = materialise_landed(build_definitions(deployment), deployment, dg.DagsterInstance.ephemeral())
    if not results or not results[-1].success:
        raise RuntimeError("the sample build failed; run `csc-scorecard build` on a landing folder to see why")
    return deployment.working_warehouse


def render() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        warehouse = build_sample_warehouse(Path(tmp))
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return describe(con, table_descriptions())


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")
    parser = argparse.ArgumentParser(prog="python -m csc_tools.warehouse_doc", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/warehouse.md is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = WAREHOUSE_DOC.read_text() if WAREHOUSE_DOC.exists() else ""
        if current != text:
            print(f"{WAREHOUSE_DOC} is out of date: run `python -m csc_tools.warehouse_doc`", file=sys.stderr)
            return 1
        return 0
    WAREHOUSE_DOC.write_text(text)
    print(f"wrote {WAREHOUSE_DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
