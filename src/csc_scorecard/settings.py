"""The deployment's settings: one TOML file, overridable by CSC_* environment variables.

Two shapes. A council's own deployment (council.toml):

    la_code = "999"
    la_name = "Northbridge"
    population_0_17 = 60000
    statistical_neighbours = ["886", "925"]
    landing = "data/landing"
    warehouse = "data/warehouse.duckdb"
    exports = "data/exports"

A regional alliance running several councils from one deployment: `warehouse` and
`exports` at the top, then one `[[councils]]` table per council with la_code, la_name,
population_0_17, statistical_neighbours, landing and optionally inputs (the council's own
targets, plan, commentary, Ofsted visits and board log; docs/council_inputs.md). CSC_<KEY> environment variables
override top-level keys (CSC_STATISTICAL_NEIGHBOURS as comma-separated codes).
"""

from __future__ import annotations

import difflib
import os
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

# The deployment's folder: council.toml where the command runs, unless CSC_SETTINGS_FILE names another.
DEFAULT_SETTINGS_FILE = Path("council.toml")

COUNCIL_KEYS = ("la_code", "la_name", "population_0_17", "statistical_neighbours", "landing", "inputs")
SHARED_KEYS = ("warehouse", "exports")
OPTIONAL_KEYS = {"statistical_neighbours", "inputs"}
# A council's own inputs (targets, plan, commentary, Ofsted visits, board log) when `inputs` is not
# set: beside its landing, in a folder of its own (docs/council_inputs.md).
INPUTS_FOLDER = "council_inputs"


class SettingsError(ValueError):
    """A setting is missing or cannot be understood; the message says which and how to fix it."""


@dataclass(frozen=True)
class CouncilSettings:
    la_code: str
    la_name: str
    population_0_17: int
    landing: Path
    warehouse: Path
    exports: Path
    statistical_neighbours: tuple[str, ...] = ()
    inputs: Path | None = None  # None: inputs_dir's default, which follows the landing

    @property
    def inputs_dir(self) -> Path:
        """The council's own inputs: its `inputs` setting, else <landing>/../council_inputs/<la_code>."""
        return self.inputs or self.landing.parent / INPUTS_FOLDER / self.la_code

    @property
    def working_warehouse(self) -> Path:
        """The file runs write to. Analysts read `warehouse`, a copy published when a build
        completes, so an open notebook never blocks a run nor sees half a build."""
        return working_warehouse(self.warehouse)

    def with_paths(self, *, landing=None, warehouse=None, exports=None) -> "CouncilSettings":
        return replace(
            self,
            landing=Path(landing) if landing else self.landing,
            warehouse=Path(warehouse) if warehouse else self.warehouse,
            exports=Path(exports) if exports else self.exports,
        )


@dataclass(frozen=True)
class Deployment:
    """Every council one deployment reports on; they share one warehouse and one exports folder."""

    councils: tuple[CouncilSettings, ...]
    warehouse: Path
    exports: Path
    source: Path | None = None

    @classmethod
    def of(cls, council: CouncilSettings) -> "Deployment":
        return cls(councils=(council,), warehouse=council.warehouse, exports=council.exports)

    @property
    def working_warehouse(self) -> Path:
        return working_warehouse(self.warehouse)

    @property
    def la_codes(self) -> list[str]:
        return [c.la_code for c in self.councils]

    def council(self, la_code: str) -> CouncilSettings:
        for c in self.councils:
            if c.la_code == la_code:
                return c
        raise SettingsError(f"{self.source or 'settings'}: no council with la_code {la_code!r} "
                            f"(councils: {', '.join(self.la_codes)})")

    def with_paths(self, *, landing=None, warehouse=None, exports=None) -> "Deployment":
        if landing and len(self.councils) > 1:
            raise SettingsError(f"{self.source}: --landing names one council's folder, but this file has "
                                f"{len(self.councils)} councils; set each council's landing in the file")
        warehouse = Path(warehouse) if warehouse else self.warehouse
        exports = Path(exports) if exports else self.exports
        councils = tuple(c.with_paths(landing=landing, warehouse=warehouse, exports=exports) for c in self.councils)
        return replace(self, councils=councils, warehouse=warehouse, exports=exports)


def working_warehouse(published: Path) -> Path:
    return published.with_name(f".{published.stem}.building{published.suffix}")


def settings_file(path: Path | None = None) -> Path:
    return Path(path or os.environ.get("CSC_SETTINGS_FILE") or DEFAULT_SETTINGS_FILE).absolute()


def deployment_dir(path: Path | None = None) -> Path:
    """The folder of the settings file: the team's own inputs and the key file live beside it."""
    return settings_file(path).parent


def load_deployment(path: Path | None = None, environ: dict[str, str] | None = None) -> Deployment:
    """Read and check the settings file (either shape); errors name the file and the key."""
    path = settings_file(path)
    environ = os.environ if environ is None else environ
    if not path.exists():
        raise SettingsError(f"settings file {path} does not exist (set CSC_SETTINGS_FILE or create it)")
    try:
        raw: dict = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from exc

    def resolve(value) -> Path:
        p = Path(str(value)).expanduser()
        return p if p.is_absolute() else (path.parent / p).resolve()

    if "councils" in raw:
        _reject_unknown(path, raw, ("councils", *SHARED_KEYS), where="top level of a multi-council file")
        overridden = [k for k in COUNCIL_KEYS if f"CSC_{k.upper()}" in environ]
        if overridden:
            raise SettingsError(f"{path}: CSC_{overridden[0].upper()} only applies to a single-council file; "
                                "this one has [[councils]] tables: edit the council's table instead")
        shared = _with_overrides(raw, SHARED_KEYS, environ)
        _require(path, shared, SHARED_KEYS, where="top level")
        tables = raw["councils"]
        if not isinstance(tables, list) or not tables or not all(isinstance(t, dict) for t in tables):
            raise SettingsError(f"{path}: councils must be one or more [[councils]] tables")
        councils = []
        for n, table in enumerate(tables, start=1):
            where = f"[[councils]] table {n}" + (f" (la_code {table['la_code']})" if "la_code" in table else "")
            _reject_unknown(path, table, COUNCIL_KEYS, where=where)
            _require(path, table, COUNCIL_KEYS, where=where)
            councils.append(_council(path, table, where, resolve(table["landing"]),
                                     resolve(shared["warehouse"]), resolve(shared["exports"]), resolve))
        codes = [c.la_code for c in councils]
        duplicated = sorted({c for c in codes if codes.count(c) > 1})
        if duplicated:
            raise SettingsError(f"{path}: la_code {', '.join(duplicated)} appears in more than one [[councils]] table")
        return Deployment(tuple(councils), resolve(shared["warehouse"]), resolve(shared["exports"]), path)

    keys = (*COUNCIL_KEYS, *SHARED_KEYS)
    _reject_unknown(path, raw, keys, where="settings")
    raw = _with_overrides(raw, keys, environ)
    _require(path, raw, keys, where="settings")
    council = _council(path, raw, "settings", resolve(raw["landing"]), resolve(raw["warehouse"]),
                       resolve(raw["exports"]), resolve)
    return Deployment((council,), council.warehouse, council.exports, path)


def load_settings(path: Path | None = None, environ: dict[str, str] | None = None) -> CouncilSettings:
    """The one council of a single-council deployment."""
    deployment = load_deployment(path, environ)
    if len(deployment.councils) > 1:
        raise SettingsError(f"{deployment.source}: has {len(deployment.councils)} councils "
                            f"({', '.join(deployment.la_codes)}); this needs one (use load_deployment)")
    return deployment.councils[0]


def _with_overrides(raw: dict, keys, environ) -> dict:
    raw = dict(raw)
    for key in keys:
        override = environ.get(f"CSC_{key.upper()}")
        if override is not None:
            raw[key] = [c.strip() for c in override.split(",") if c.strip()] \
                if key == "statistical_neighbours" else override
    return raw


def _reject_unknown(path: Path, table: dict, allowed, *, where: str) -> None:
    for key in table:
        if key not in allowed:
            guess = difflib.get_close_matches(key, allowed, n=1)
            hint = f" (did you mean {guess[0]!r}?)" if guess else f" (known: {', '.join(allowed)})"
            raise SettingsError(f"{path}: unknown setting {key!r} in {where}{hint}")


def _require(path: Path, table: dict, keys, *, where: str) -> None:
    missing = [k for k in keys if k not in OPTIONAL_KEYS and table.get(k) in (None, "")]
    if missing:
        raise SettingsError(f"{path}: missing setting(s) {', '.join(missing)} in {where}")


def _la_code(path: Path, value, *, key: str, where: str) -> str:
    code = str(value).strip()
    if not (code.isdigit() and len(code) == 3):
        raise SettingsError(f"{path}: {key} in {where} must be a 3-digit DfE code, got {value!r}")
    return code


def _council(path: Path, table: dict, where: str, landing: Path, warehouse: Path, exports: Path,
             resolve) -> CouncilSettings:
    la_code = _la_code(path, table["la_code"], key="la_code", where=where)
    population = table["population_0_17"]
    if isinstance(population, str) and population.strip().isdigit():
        population = int(population)  # environment variables are text
    if isinstance(population, bool) or not isinstance(population, int) or population <= 0:
        raise SettingsError(f"{path}: population_0_17 in {where} must be a positive whole number "
                            f"(ONS mid-year estimate), got {population!r}")
    neighbours = table.get("statistical_neighbours") or []
    if not isinstance(neighbours, list):
        raise SettingsError(f"{path}: statistical_neighbours in {where} must be a list of 3-digit codes, "
                            f"got {neighbours!r}")
    codes = tuple(_la_code(path, n, key="statistical_neighbours", where=where) for n in neighbours)
    if la_code in codes:
        raise SettingsError(f"{path}: statistical_neighbours in {where} lists the council itself ({la_code})")
    inputs = table.get("inputs")
    return CouncilSettings(la_code=la_code, la_name=str(table["la_name"]).strip(), population_0_17=population,
                           landing=landing, warehouse=warehouse, exports=exports, statistical_neighbours=codes,
                           inputs=resolve(inputs) if inputs not in (None, "") else None)
