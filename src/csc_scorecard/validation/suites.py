"""The GX expectation suites in expectations/, one per raw table: raw.<table>.json."""

from __future__ import annotations

import json
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
