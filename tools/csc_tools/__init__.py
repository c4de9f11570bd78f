"""Tools beside the product, for its developers: the synthetic council, the benchmark, the docs
generated from a build, and a headless browser for the board pack. Not in the product's wheel."""

from pathlib import Path

# The checkout these tools work in (docs/, bench/, council.toml).
REPO_ROOT = Path(__file__).resolve().parents[2]
