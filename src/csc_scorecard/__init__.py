"""csc-scorecard: Children's Social Care returns -> DuckDB -> validated measures -> the board's pack."""

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

# SQL, templates and reference data ship inside the package, so an installed wheel runs.
PACKAGE_DIR = Path(__file__).resolve().parent

try:
    __version__ = version("csc-scorecard")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"
