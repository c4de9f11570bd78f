"""The written page opens in a real browser, offline, and Plotly draws every chart.

Skipped where no headless Chromium is installed (it is an OS package, not a Python one).
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime

import pytest

from pipelines.scorecard.render import render_scorecard, write_scorecard
from tests.scorecard.conftest import LA, PERIOD_END

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)),
                None)


@pytest.mark.skipif(CHROMIUM is None, reason="no headless chromium on this machine")
def test_the_page_draws_every_chart_offline(values, catalogue, tmp_path):
    html = render_scorecard(la_code=LA, la_name="Northbridge", period_end=PERIOD_END, metric_values=values,
                            catalogue=catalogue, generated_at=datetime(2025, 3, 12, 9, 30))
    page = write_scorecard(html, tmp_path / "scorecard.html")
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         # An unreachable proxy: any attempt to fetch from the network fails instead of loading.
         "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
         f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=10000", "--dump-dom",
         page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    dom = result.stdout
    assert "Children's Social Care scorecard" in dom or "Children&#39;s Social Care scorecard" in dom
    # Plotly replaces each empty chart div with an SVG it has drawn.
    assert dom.count('class="main-svg"') >= 13, result.stderr[-2000:]
