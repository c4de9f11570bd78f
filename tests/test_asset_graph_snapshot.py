"""The Dagster asset graph as a reviewed text file, so a change to a model's SQL, a macro, a check or
the partitions shows in the diff as the graph edges it adds or removes.

    UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_asset_graph_snapshot.py   # after a deliberate change
"""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from csc_scorecard.definitions import build_definitions
from csc_scorecard.settings import CouncilSettings

SNAPSHOT = Path(__file__).parent / "snapshots" / "asset_graph.txt"


def describe_partitions(partitions: dg.PartitionsDefinition | None) -> str:
    """A partitions definition by kind and name, not its keys (the councils are the deployment's)."""
    if partitions is None:
        return "none"
    if isinstance(partitions, dg.MultiPartitionsDefinition):
        return "multi(" + ", ".join(f"{d.name}: {describe_partitions(d.partitions_def)}"
                                    for d in partitions.partitions_defs) + ")"
    if isinstance(partitions, dg.TimeWindowPartitionsDefinition):
        return (f"time_window(cron '{partitions.cron_schedule}', from {partitions.start.strftime(partitions.fmt)}, "
                f"end_offset {partitions.end_offset}, {partitions.timezone})")
    if isinstance(partitions, dg.StaticPartitionsDefinition):
        return "static"
    if isinstance(partitions, dg.DynamicPartitionsDefinition):
        return f"dynamic {partitions.name}"
    return type(partitions).__name__


def asset_graph_lines(defs: dg.Definitions) -> list[str]:
    """One sorted line per asset, and per dependency, check and partitions definition of each."""
    graph = defs.resolve_asset_graph()
    lines = []
    for key in graph.get_all_asset_keys():
        node, name = graph.get(key), key.to_user_string()
        lines.append(name)
        lines.append(f"{name} partitions {describe_partitions(node.partitions_def)}")
        lines.extend(f"{name} <- {parent.to_user_string()}" for parent in node.parent_keys)
        lines.extend(f"{name} check {check.name}" for check in node.check_keys)
    return sorted(lines)


def test_the_asset_graph_matches_its_snapshot(tmp_path):
    # A council of its own rather than council.toml and CSC_* variables: the graph is the code's.
    council = CouncilSettings(la_code="999", la_name="Snapshot", population_0_17=1000, landing=tmp_path / "landing",
                              warehouse=tmp_path / "warehouse.duckdb", exports=tmp_path / "exports")
    actual = "\n".join(asset_graph_lines(build_definitions(council))) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(actual)
    expected = SNAPSHOT.read_text() if SNAPSHOT.exists() else ""
    assert actual == expected, (
        f"the asset graph differs from {SNAPSHOT.relative_to(Path(__file__).parents[1])}; "
        "if the change is meant, rewrite it with UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest "
        "tests/test_asset_graph_snapshot.py and review its diff")
