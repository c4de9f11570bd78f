"""The GX expectation suites in expectations/, one per raw table: raw.<table>.json."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from pipelines.settings import REPO_ROOT
from pipelines.validation.gx_duckdb import check_names

EXPECTATIONS_DIR = REPO_ROOT / "expectations"


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
    def asset_key(self) -> dg.AssetKey:
        """The asset that loads the table: its return's (raw/cin_census for raw.cin_referrals)."""
        from pipelines.ingest.assets import asset_key_for_table

        return asset_key_for_table(self.name)

    @property
    def check_names(self) -> list[str]:
        """Dagster check names, one per expectation: the table's name first, since one return's
        asset carries the checks of all its tables."""
        return [f"{self.table}__{name}" for name in check_names(self.expectations)]

    @property
    def expectations(self) -> list[dict]:
        return self.document["expectations"]


def load_suite(path: Path) -> Suite:
    document = json.loads(path.read_text())
    name = document.get("name") or path.stem
    if name != path.stem:
        raise ValueError(f"{path}: suite name {name!r} does not match the file name")
    if not name.startswith("raw."):
        raise ValueError(f"{path}: suite names are raw.<table>")
    return Suite(name=name, path=path, document=document)


def load_suites(directory: Path = EXPECTATIONS_DIR) -> list[Suite]:
    return [load_suite(p) for p in sorted(directory.glob("raw.*.json"))]
