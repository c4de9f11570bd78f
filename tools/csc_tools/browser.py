"""Open a scorecard in headless Chromium, as a board member's browser would: dump the drawn DOM
or keep a screenshot. Chromium is the Debian package (`make browser` installs it), not a Python one.

    python -m csc_tools.browser screenshot data/exports   # PNG next to the latest scorecard
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from dataclasses import dataclass
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


# Headless Chromium will not make a window narrower than 500 px, so a phone's width is had by
# framing the page: a srcdoc frame lays the page out at exactly its own width, and shares the
# wrapper's origin, so the script appended to the page can write its measurements out to the wrapper,
# where --dump-dom reads them.
_MEASURE = ("<script>addEventListener('load', () => {{ const d = document.documentElement;"
            " parent.document.body.insertAdjacentHTML('beforeend', '<output id=csc-measure data-inner=' + innerWidth"
            " + ' data-scroll=' + d.scrollWidth + ' data-widest=' + {widest} + '></output>'); }});</script>")
# The element reaching furthest right (its right edge, in CSS px) and what it is, so a failure names
# the culprit.
_WIDEST = ("encodeURIComponent(JSON.stringify([...document.body.querySelectorAll('*')].reduce((w, e) => {"
           " const r = e.getBoundingClientRect().right; return r > w[0] ? [Math.round(r),"
           " e.tagName + (typeof e.className === 'string' && e.className ? '.' + e.className : '')] : w; },"
           " [0, ''])))")
_MIN_WINDOW = 500


def _framed(page: Path, folder: Path, width: int, height: int, script: str = "") -> Path:
    framed = html.escape(Path(page).read_text(encoding="utf-8") + script, quote=True)
    wrapper = folder / "framed.html"
    wrapper.write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">'
                       f'<iframe srcdoc="{framed}" width="{width}" height="{height}" style="border:0;display:block">'
                       f'</iframe></body></html>', encoding="utf-8")
    return wrapper


@dataclass(frozen=True)
class Layout:
    inner_width: int    # the window's width in CSS px
    scroll_width: int   # the document's: wider than the window means the reader scrolls sideways
    widest: str         # the element reaching furthest right, as JSON [right edge, "tag.class"]

    @property
    def overflows(self) -> bool:
        return self.scroll_width > self.inner_width


def layout(page: Path, width: int, height: int = 900) -> Layout:
    """How wide the page lays out in a window `width` CSS px wide."""
    with tempfile.TemporaryDirectory(prefix="csc-layout-") as folder:
        wrapper = _framed(page, Path(folder), width, height, _MEASURE.format(widest=_WIDEST))
        dom = run_chromium(wrapper, "--dump-dom", f"--window-size={max(width, _MIN_WINDOW)},{height}").stdout
    found = re.search(r'<output id="csc-measure" data-inner="(\d+)" data-scroll="(\d+)" data-widest="([^"]*)"', dom)
    if not found:
        raise RuntimeError(f"chromium laid out no measurable page from {page}")
    return Layout(int(found[1]), int(found[2]), urllib.parse.unquote(found[3]))


def screenshot_at(page: Path, png: Path, width: int, height: int) -> Path:
    """A screenshot of the page laid out `width` CSS px wide (a phone's 390 too; past 500 px on the
    right is blank)."""
    with tempfile.TemporaryDirectory(prefix="csc-shot-") as folder:
        return screenshot(_framed(page, Path(folder), width, height), png, max(width, _MIN_WINDOW), height)


def print_to_pdf(page: Path, pdf: Path) -> Path:
    """The page as the board's printer gets it (A4 from the page's own CSS), without Chromium's own
    header and footer, so any page number in the PDF is the page's."""
    result = run_chromium(page, f"--print-to-pdf={Path(pdf).resolve()}", "--no-pdf-header-footer")
    if not Path(pdf).exists():
        raise RuntimeError(f"chromium printed no PDF of {page}: {result.stderr[-1000:]}")
    return Path(pdf)


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
