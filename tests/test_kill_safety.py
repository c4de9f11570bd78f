"""A run killed part-way leaves the analysts' copy exactly as it was, and the next run recovers.

The build runs as a real `csc-scorecard build` process, started through a wrapper (_PAUSED_BUILD)
that makes publishing wait: the run stops with the whole new build in the working file, just
before publishing, so the kill lands at the riskiest known point rather than after a guessed sleep.
"""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest

from csc_scorecard.cli import EXIT_OK, main
from tests.conftest import SAMPLE_CIN_COUNCILS, SAMPLES, land

# `csc-scorecard build`, with publishing replaced by: write the pid to argv[1], then wait to be killed.
_PAUSED_BUILD = """
import os, sys, time
from pathlib import Path
from csc_scorecard import publish

def paused(con, published):
    Path(sys.argv[1]).write_text(str(os.getpid()))
    while True:
        time.sleep(1)

publish.publish_warehouse = paused
from csc_scorecard.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _loaded_extracts(warehouse: Path) -> list[str]:
    # The working file keeps raw's list of files; the analysts' copy holds it as quality.loaded_files.
    table = "raw.loaded_files" if warehouse.name.startswith(".") else "quality.loaded_files"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return [str(r[0]) for r in con.sql(f"select distinct extract_date from {table} order by 1").fetchall()]


def _args(tmp_path, landing):
    return ["build", "--landing", str(landing), "--warehouse", str(tmp_path / "w.duckdb"),
            "--exports", str(tmp_path / "exports")]


def _wait_for(path: Path, process: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if process.poll() is not None:
            pytest.fail(f"build ended (exit {process.returncode}) before pausing")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("build did not reach the pause point")
        time.sleep(0.1)


_ANALYST = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print(con.sql("select count(distinct extract_date) from quality.loaded_files").fetchone()[0], flush=True)
sys.stdin.readline()  # hold the file open until told
print(con.sql("select count(distinct extract_date) from quality.loaded_files").fetchone()[0], flush=True)
"""


@pytest.fixture
def published_once(tmp_path, landing, monkeypatch):
    """A first build of the CIN census sample, published; then the SSDA903 sample lands as next month."""
    # The council the sample declares, the only one it loads for (the builds inherit the environment).
    monkeypatch.setenv("CSC_LA_CODE", SAMPLE_CIN_COUNCILS["fake_CIN_data.xml"])
    first = land(landing, date(2024, 3, 31), {})
    shutil.copy(SAMPLES / "cin_census" / "fake_CIN_data.xml", first / "fake_CIN_data.xml")
    assert main(_args(tmp_path, landing)) == EXIT_OK
    second = land(landing, date(2024, 4, 30), {})
    for path in (SAMPLES / "ssda903").glob("*.csv"):
        shutil.copy(path, second / path.name)
    return tmp_path / "w.duckdb"


def test_a_killed_run_leaves_the_published_copy_untouched_and_the_next_run_publishes_past_an_analyst(
        tmp_path, landing, published_once):
    published, working = published_once, tmp_path / ".w.building.duckdb"
    before = _sha256(published)
    assert _loaded_extracts(published) == ["2024-03-31"]

    marker = tmp_path / "paused"
    log = (tmp_path / "build.log").open("w")  # a file, not a pipe: a full pipe would stall the run
    run = subprocess.Popen([sys.executable, "-c", _PAUSED_BUILD, str(marker), *_args(tmp_path, landing)],
                           stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    _wait_for(marker, run)
    os.killpg(run.pid, signal.SIGKILL)
    run.wait(timeout=30)
    assert run.returncode == -signal.SIGKILL

    # The kill landed with the new extract built into the working file, and none of it reached analysts.
    assert _loaded_extracts(working) == ["2024-03-31", "2024-04-30"]
    assert _sha256(published) == before
    assert _loaded_extracts(published) == ["2024-03-31"]

    # The stale working file (and its WAL) from the killed run does not stop the next one, and an
    # analyst holding the published copy open in another process does not block it either.
    analyst = subprocess.Popen([sys.executable, "-c", _ANALYST, str(published)], text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert analyst.stdout.readline().strip() == "1"
        assert main(_args(tmp_path, landing)) == EXIT_OK
        out, err = analyst.communicate("\n", timeout=30)
        assert analyst.returncode == 0, err
        assert out.strip() == "1"  # the open session keeps the build it opened
    finally:
        if analyst.poll() is None:
            analyst.kill()
    assert _loaded_extracts(published) == ["2024-03-31", "2024-04-30"]
    assert not list(tmp_path.glob(".w.duckdb.*.tmp"))
