"""The council's settings: one TOML file, overridable by CSC_* environment variables."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SETTINGS_FILE = REPO_ROOT / "council.toml"


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

    @property
    def working_warehouse(self) -> Path:
        """The file runs write to. Analysts read `warehouse`, a copy published when a build
        completes, so an open notebook never blocks a run nor sees half a build."""
        return self.warehouse.with_name(f".{self.warehouse.stem}.building{self.warehouse.suffix}")

    def with_paths(self, *, landing=None, warehouse=None, exports=None) -> "CouncilSettings":
        return replace(
            self,
            landing=Path(landing) if landing else self.landing,
            warehouse=Path(warehouse) if warehouse else self.warehouse,
            exports=Path(exports) if exports else self.exports,
        )


def load_settings(path: Path | None = None, environ: dict[str, str] | None = None) -> CouncilSettings:
    path = Path(path or os.environ.get("CSC_SETTINGS_FILE") or DEFAULT_SETTINGS_FILE)
    environ = os.environ if environ is None else environ
    if not path.exists():
        raise SettingsError(f"settings file {path} does not exist (set CSC_SETTINGS_FILE or create it)")
    try:
        raw: dict = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from exc

    for field in fields(CouncilSettings):
        override = environ.get(f"CSC_{field.name.upper()}")
        if override is not None:
            raw[field.name] = override
    missing = [f.name for f in fields(CouncilSettings) if raw.get(f.name) in (None, "")]
    if missing:
        raise SettingsError(f"{path}: missing setting(s) {', '.join(missing)}")

    la_code = str(raw["la_code"]).strip()
    if not (la_code.isdigit() and len(la_code) == 3):
        raise SettingsError(f"{path}: la_code must be the 3-digit DfE code, got {la_code!r}")
    try:
        population = int(raw["population_0_17"])
    except (TypeError, ValueError):
        raise SettingsError(f"{path}: population_0_17 must be a whole number, got {raw['population_0_17']!r}") from None
    if population <= 0:
        raise SettingsError(f"{path}: population_0_17 must be positive, got {population}")

    def resolve(value) -> Path:
        p = Path(str(value)).expanduser()
        return p if p.is_absolute() else (path.parent / p).resolve()

    return CouncilSettings(
        la_code=la_code,
        la_name=str(raw["la_name"]).strip(),
        population_0_17=population,
        landing=resolve(raw["landing"]),
        warehouse=resolve(raw["warehouse"]),
        exports=resolve(raw["exports"]),
    )
