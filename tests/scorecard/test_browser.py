"""The written page in a real browser: offline, every chart shown and nothing fetched; readable on a
desktop and on a phone without scrolling sideways; printed on A4 with page numbers and a running header.

Skipped where no headless Chromium is installed (an OS package: `make browser` installs it).
"""

from __future__ import annotations

import socketserver
import threading
from datetime import datetime

import pytest

from csc_tools.browser import chromium_path, run_chromium
from csc_scorecard.scorecard.page_writer import write_scorecard
from csc_scorecard.scorecard.render import render_scorecard
from tests.conftest import metric_status_of
from tests.scorecard.conftest import LA, PERIOD_END

pytestmark = pytest.mark.skipif(chromium_path() is None, reason="no headless chromium: run `make browser`")


class _RecordingProxy(socketserver.ThreadingTCPServer):
    """A proxy that answers nothing and writes down the first line of every request it is sent."""
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        self.requests: list[str] = []

        server = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                line = self.rfile.readline(2048).decode("latin-1").strip()
                if line:
                    server.requests.append(line)

        super().__init__(("127.0.0.1", 0), Handler)


@pytest.fixture
def proxy():
    server = _RecordingProxy()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _hosts(requests: list[str]) -> set[str]:
    """"CONNECT host:443 HTTP/1.1" or "GET http://host/path HTTP/1.1" -> host."""
    hosts = set()
    for line in requests:
        target = line.split()[1]
        hosts.add(target.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0])
    return hosts


def _visit(page, port: int) -> str:
    return run_chromium(
        page, "--dump-dom",
        # Every request goes to the recording proxy; no name resolves, so nothing could load anyway.
        f"--proxy-server=http://127.0.0.1:{port}", "--proxy-bypass-list=<-loopback>",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ).stdout


def test_the_page_shows_every_chart_and_fetches_nothing(values, catalogue, tmp_path, proxy):
    # Chromium itself calls Google's sign-in and service hosts (accounts., www., android.clients.
    # google.com...) even for an empty page, whatever the flags; those are the browser's, not the page's.
    # Anything else (a CDN, fonts.googleapis.com, a tracker) would be the page's.
    html = render_scorecard(la_code=LA, la_name="Northbridge", period_end=PERIOD_END,
                            metric_status=metric_status_of(values, catalogue), catalogue=catalogue,
                            generated_at=datetime(2025, 3, 12, 9, 30))
    page = write_scorecard(html, tmp_path / "scorecard.html")
    dom = _visit(page, proxy.server_address[1])
    assert "Children's Social Care scorecard" in dom or "Children&#39;s Social Care scorecard" in dom
    # The browser parsed every chart as SVG: the DOM it serialises back holds each one, whole.
    assert dom.count('<svg class="trend-chart"') == values["metric_id"].n_unique()  # every metric with data
    assert dom.count('<g class="month ') == html.count('<g class="month ')
    assert {h for h in _hosts(proxy.requests) if not h.endswith(".google.com")} == set(), proxy.requests
    assert not any("plot.ly" in r or "fonts." in r or "jsdelivr" in r for r in proxy.requests)


def test_the_recording_proxy_would_see_a_fetch(tmp_path, proxy):
    """The negative control: a page that does reach out is caught, so the empty list above means something."""
    page = tmp_path / "leaky.html"
    page.write_text('<!DOCTYPE html><html><body><img src="http://example.invalid/pixel.png"></body></html>')
    _visit(page, proxy.server_address[1])
    assert "example.invalid" in _hosts(proxy.requests)
