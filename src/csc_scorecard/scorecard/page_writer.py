"""Write board packs in a background thread while the next one renders.

Each page is written atomically and fsynced (`write_scorecard`), one per council and month. When
every page inlined Plotly (5 MB), waiting on the disk in turn with rendering on the CPU took as long
again as the rendering; overlapped, the step took about as long as the slower of the two. Pages are
now a tenth of that size, so the overlap gains less, but it costs nothing.
"""

from __future__ import annotations

import os
import tempfile
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path



class PageWriter:
    """`write(page, path)` returns at once; at most `ahead` pages wait to be written (memory
    stays bounded however many councils there are). `close()` waits for every page and raises
    the first write that failed."""

    def __init__(self, ahead: int = 2):
        self._ahead = ahead
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="page-writer")
        self._pending: deque[Future] = deque()
        self.written: list[Path] = []

    def write(self, page: bytes, path: Path) -> None:
        self._pending.append(self._pool.submit(write_scorecard, page, path))
        while len(self._pending) > self._ahead:
            self.written.append(self._pending.popleft().result())

    def close(self) -> list[Path]:
        try:
            while self._pending:
                self.written.append(self._pending.popleft().result())
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)
        return self.written

    def __enter__(self) -> "PageWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def write_scorecard(html: str | bytes, path: Path) -> Path:
    """Write the page (text, or its UTF-8 bytes) atomically: a reader sees the old file or the
    new one, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(html.encode("utf-8") if isinstance(html, str) else html)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a board pack is meant to be read
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
