"""Open a scorecard in headless Chromium, as a board member's browser would: dump the drawn DOM
or keep a screenshot. Chromium is the Debian package (`make browser` installs it), not a Python one.

    python -m csc_tools.browser screenshot data/exports   # PNG next to the latest scorecard
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Flags that keep Chromium quiet and offline-friendly: no sandbox (root in containers), no GPU,
# and none of its own background traffic, so any request seen comes from the page.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-domain-reliability", "--no-pings",
         "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate",
         "--hide-scrollbars")


def chromium_path() -> str | None:
    return next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)),
                None)


def run_chromium(page: Path, *extra: str, timeout: int = 120) -> subprocess.CompletedProcess:
    chromium = chromium_path()
    if chromium is None:
        raise FileNotFoundError("no chromium on PATH: run `make browser` (Debian package chromium)")
    with tempfile.TemporaryDirectory(prefix="csc-chromium-") as profile:
        return subprocess.run(
            [chromium, *FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=10000", *extra,
             Path(page).resolve().as_uri()],
            capture_output=True, text=True, timeout=timeout,
        )


def screenshot(page: Path, png: Path, width: int = 1280, height: int = 2000) -> Path:
    result = run_chromium(page, f"--screenshot={Path(png).resolve()}", f"--window-size={width},{height}")
    if not Path(png).exists():
        raise RuntimeError(f"chromium wrote no screenshot of {page}: {result.stderr[-1000:]}")
    return Path(png)


def latest_scorecard(exports: Path) -> Path | None:
    pages = sorted(Path(exports).glob("*/scorecard_*.html"), key=lambda p: p.name)
    return pages[-1] if pages else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m csc_tools.browser")
    parser.add_argument("command", choices=["screenshot"])
    parser.add_argument("exports", type=Path, help="the exports folder (the latest scorecard in it is used)")
    args = parser.parse_args(argv)
    page = latest_scorecard(args.exports)
    if page is None:
        print(f"no scorecard under {args.exports}", file=sys.stderr)
        return 1
    if chromium_path() is None:
        print("no chromium installed (make browser): no screenshot kept", file=sys.stderr)
        return 0
    png = screenshot(page, page.with_suffix(".png"))
    print(f"screenshot: {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
