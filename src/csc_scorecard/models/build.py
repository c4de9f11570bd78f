"""Build the SQL models (src/csc_scorecard/sql/staging, src/csc_scorecard/sql/marts) into the warehouse, in dependency order."""

from __future__ import annotations

from graphlib import TopologicalSorter
from pathlib import Path

from csc_scorecard.models.quarantine import QUARANTINE, build_checked_model, checked_models
from csc_scorecard.models.reference import build_reference
from csc_scorecard.pseudonym import define_child_key
from csc_scorecard.settings import CouncilSettings, load_deployment
from csc_scorecard.warehouse import MACROS_SQL, SQL_DIR, ensure_schemas, referenced_tables

MODEL_LAYERS = ("staging", "marts")
MACROS = MACROS_SQL  # run before each model; the dependency finder reads the same file


def sql_description(sql: str) -> str:
    """A model's leading comment block, as one line: its catalogue entry."""
    lines = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line.lstrip("- ").rstrip())
    return " ".join(lines)


def build_model(con, layer: str, path: Path) -> int:
    """(Re)build one model as a table; returns its row count."""
    con.execute(MACROS.read_text())
    define_child_key(con)
    ensure_schemas(con)
    if layer == "staging":
        return build_checked_model(con, path.stem, path.read_text())
    con.execute(f"create or replace table {layer}.{path.stem} as {path.read_text()}")
    return con.sql(f"select count(*) from {layer}.{path.stem}").fetchone()[0]


def model_paths(layer: str) -> list[Path]:
    return sorted((SQL_DIR / layer).glob("*.sql"))


def models_in_build_order() -> list[tuple[str, Path]]:
    """Every (layer, model file), each after the models it reads."""
    models = {f"{layer}.{p.stem}": (layer, p) for layer in MODEL_LAYERS for p in model_paths(layer)}
    # staging.quarantine is no model of its own: every checked staging model writes its rows there.
    writers = {QUARANTINE: [f"staging.{name}" for name in checked_models(model_paths("staging"))]}
    graph = {name: [dep for ref in referenced_tables(p.read_text()) if ref != name
                    for dep in writers.get(ref, [ref]) if dep in models]
             for name, (_, p) in models.items()}
    return [models[name] for name in TopologicalSorter(graph).static_order()]


def build_all_models(con, councils: list[CouncilSettings] | None = None) -> dict[str, int]:
    """Build reference tables, staging and marts in dependency order, outside Dagster (tests,
    notebooks); the councils are those in council.toml unless given."""
    counts = build_reference(con, councils or list(load_deployment().councils))
    counts |= {f"{layer}.{path.stem}": build_model(con, layer, path) for layer, path in models_in_build_order()}
    return counts
