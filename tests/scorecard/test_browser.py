"""The written page in a real browser: offline, every chart shown and nothing fetched; readable on a
desktop and on a phone without scrolling sideways; printed on A4 with page numbers and a running header.

Skipped where no headless Chromium is installed (an OS package: `make browser` installs it).
"""

from __future__ import annotations

import math
import socketserver
import threading
from datetime import datetime

import pytest

from pypdf import PdfReader

from csc_tools.browser import chromium_path, layout, print_to_pdf, run_chromium
from csc_scorecard.metrics.catalogue import AREAS, load_catalogue
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


# --- how the page lays out and prints ---------------------------------------------------------

@pytest.fixture(scope="module")
def board_page(tmp_path_factory):
    """The example council's pack for February 2025, written to a file as a build writes it."""
    from csc_scorecard.metrics.catalogue import catalogue_frame, load_catalogue
    from tests.scorecard.conftest import example_values

    catalogue = catalogue_frame(load_catalogue())
    html = render_scorecard(la_code=LA, la_name="Northbridge", period_end=PERIOD_END,
                            metric_status=metric_status_of(example_values(), catalogue), catalogue=catalogue,
                            generated_at=datetime(2025, 3, 12, 9, 30), comparators=example_comparators())
    return write_scorecard(html, tmp_path_factory.mktemp("pack") / "scorecard.html")


def example_comparators():
    """Neighbours, rank and quartile for every measure the DfE publishes, as wide as they get on the page."""
    import polars as pl

    from csc_scorecard.metrics.catalogue import load_catalogue

    rows = [{"la_code": LA, "metric_id": m.metric_id, "period_end": PERIOD_END, "published_year": 2024,
             "neighbour_average": 1234.5, "neighbour_shown_value": 1234.5, "neighbours_published": 10,
             "neighbours_configured": 10, "source": "hand-made", "warehouse_neighbour_average": 1111.1,
             "warehouse_neighbour_shown_value": 1111.1, "warehouse_neighbours": 2, "ranked_value": 20.0,
             "ranked_from": "this warehouse", "national_rank": 153, "ranked_councils": 153, "quartile_band": "D"}
            for m in load_catalogue() if m.lait_indicator]
    return pl.DataFrame(rows)


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_nothing_is_off_screen_on_a_desktop_or_a_phone(board_page, width):
    seen = layout(board_page, width)
    assert seen.inner_width == width
    assert not seen.overflows, f"{seen.scroll_width} px wide in a {width} px window; widest: {seen.widest}"


def test_the_overflow_check_catches_a_page_too_wide_for_a_phone(tmp_path):
    """The negative control: a 755 px table, as the headlines were, is caught at 390 px."""
    page = tmp_path / "wide.html"
    page.write_text('<!DOCTYPE html><html><body><table style="width:755px"><tr><td>x</td></tr></table></body></html>')
    assert layout(page, 390).overflows


def test_printed_on_a4_each_page_is_numbered_under_a_running_header(board_page, tmp_path):
    pdf = PdfReader(print_to_pdf(board_page, tmp_path / "pack.pdf"))
    pages = [p.extract_text() for p in pdf.pages]
    # The exceptions page, every catalogue measure on the headlines (with the last year, year ends,
    # neighbours and rank), then the areas of charts, each area's words kept with its first row of
    # six charts and its definitions after them, and data quality: about eleven measures' charts a
    # page (65 measures took 11 pages; four charts a row, the definitions in the cards, took 16).
    # A page break forced before every chart row or area, or a headline row split, would pass it.
    headline_pages = math.ceil(len(load_catalogue()) / 17)
    assert 3 <= len(pages) <= 1 + headline_pages + math.ceil(len(load_catalogue()) / 11) + 1, len(pages)
    assert round(float(pdf.pages[0].mediabox.width)) == 842  # A4 landscape, in points
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text, number
        assert "Northbridge (LA 999) · Children's Social Care scorecard · February 2025" in text, number
    # The exceptions open the pack, on one page of their own; the full table starts the next page and
    # takes a page for about every 17 measures (65 took four; five before its rows kept to two lines),
    # its first measure on the second page and its last (average caseload) by the page that number says.
    assert "Exceptions for February 2025" in pages[0] and "Headlines for February 2025" not in pages[0]
    assert "Headlines for February 2025" in pages[1] and "Contacts" in pages[1]
    assert "Average caseload" in "".join(pages[1:1 + headline_pages])


def _fill(page) -> float:
    """How far down the page's printable area its lowest line of text reaches (0 empty, 1 full),
    leaving out the running header and the page number in the margins."""
    height, margin = float(page.mediabox.height), 30  # points; the @page margins are 9-10 mm
    lows = []

    def visit(text, cm, tm, font, size):
        if text.strip() and not text.strip().startswith("Page "):
            lows.append(tm[5] * cm[3] + cm[5])
    page.extract_text(visitor_text=visit)
    inside = [y for y in lows if margin < y < height - margin]
    return (height - margin - min(inside)) / (height - 2 * margin) if inside else 0.0


def test_printed_no_page_but_the_last_is_half_empty(board_page, tmp_path):
    """Before, a small area followed by an area's first block (heading, words, a row of four tall
    cards) that did not fit the rest of its page left that page a third full (the demo's November
    2026 pack), this one's 58% full. Now the emptiest is the headlines' last page, 68% full."""
    pages = PdfReader(print_to_pdf(board_page, tmp_path / "pack.pdf")).pages
    fills = [round(_fill(page), 2) for page in pages]
    assert min(fills[:-1]) > 0.6, fills


def test_the_fill_measure_sees_a_half_empty_page(tmp_path):
    """The negative control: two lines forced onto pages of their own measure as nearly empty."""
    page = tmp_path / "sparse.html"
    page.write_text('<!DOCTYPE html><html><body><p>First</p><p style="break-before: page">Second</p>'
                    '<p style="break-before: page">Third</p></body></html>')
    fills = [_fill(p) for p in PdfReader(print_to_pdf(page, tmp_path / "sparse.pdf")).pages]
    assert len(fills) == 3 and max(fills) < 0.1, fills


def test_printed_an_areas_words_share_a_page_with_its_first_charts(board_page, tmp_path):
    """Before, an area's narrative could end a page with its charts on the next."""
    pages = [p.extract_text() for p in PdfReader(print_to_pdf(board_page, tmp_path / "pack.pdf")).pages]
    for area in AREAS:
        # The headline table names the area first; its section's heading is the last line that does.
        page = [text for text in pages if area in text.splitlines()][-1]
        below = page[page.index("\n" + area + "\n"):]
        assert "Feb 2025:" in below, f"{area}: its heading and words end the page without a chart"
