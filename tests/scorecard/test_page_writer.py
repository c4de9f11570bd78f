"""Board packs are written in a background thread: every page lands whole, a failure is raised."""

import threading

import pytest

import csc_scorecard.scorecard.page_writer as page_writer
from csc_scorecard.scorecard.page_writer import PageWriter


def test_every_page_is_written_whole_in_order(tmp_path):
    pages = {tmp_path / "801" / f"p{i}.html": f"<p>{i}</p>".encode() * (i + 1) for i in range(7)}
    with PageWriter(ahead=2) as writer:
        for path, page in pages.items():
            writer.write(page, path)
    assert writer.written == list(pages)
    assert all(path.read_bytes() == page for path, page in pages.items())
    assert not list(tmp_path.rglob("*.tmp"))


def test_no_more_than_ahead_pages_wait(tmp_path, monkeypatch):
    release, waiting = threading.Event(), []
    original = page_writer.write_scorecard

    def slow(page, path):
        release.wait(5)
        return original(page, path)

    monkeypatch.setattr(page_writer, "write_scorecard", slow)
    writer = PageWriter(ahead=2)
    for i in range(2):
        writer.write(b"x", tmp_path / f"{i}.html")
        waiting.append(len(writer._pending))
    blocked = threading.Thread(target=writer.write, args=(b"x", tmp_path / "2.html"))
    blocked.start()
    blocked.join(0.3)
    assert waiting == [1, 2] and blocked.is_alive()  # the third waits for the first to be written
    release.set()
    blocked.join(5)
    assert writer.close() == [tmp_path / f"{i}.html" for i in range(3)]


def test_a_page_that_cannot_be_written_fails_the_step(tmp_path):
    (tmp_path / "801").write_text("a file where the council's folder should be")
    writer = PageWriter()
    writer.write(b"page", tmp_path / "802" / "ok.html")
    writer.write(b"page", tmp_path / "801" / "scorecard.html")
    with pytest.raises(OSError):
        writer.close()
    assert (tmp_path / "802" / "ok.html").read_bytes() == b"page"
