"""`make dev`: the Dagster UI loads the code location with every layer, the checks, the schedule and the sensor.

Starts the same `dg dev` command as the Makefile, in its own process group, on a free port
and a throwaway DAGSTER_HOME (with the repository's dagster.yaml), asks the webserver's GraphQL
API what it loaded, then kills the whole group. Deselect with `-m "not dev_server"`.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DG = Path(sys.executable).parent / "dg"

QUERY = """
{
  workspaceOrError { ... on Workspace { locationEntries {
    name loadStatus
    locationOrLoadError {
      __typename
      ... on PythonError { message }
      ... on RepositoryLocation { repositories {
        schedules { name cronSchedule }
        sensors { name }
        jobs { name }
        assetNodes {
          assetKey { path } groupName isPartitioned
          assetChecksOrError { ... on AssetChecks { checks { name blocking } } }
        }
      } }
    }
  } } }
}
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _post(url: str, query: str) -> dict:
    request = urllib.request.Request(url, data=json.dumps({"query": query}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def _wait_until_loaded(base: str, server: subprocess.Popen, timeout: float = 180) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"dg dev exited with {server.returncode}")
        try:
            urllib.request.urlopen(f"{base}/server_info", timeout=5).read()
            entries = _post(f"{base}/graphql", QUERY)["data"]["workspaceOrError"]["locationEntries"]
            if entries and all(e["loadStatus"] == "LOADED" for e in entries):
                return entries[0]
        except (urllib.error.URLError, ConnectionError, TimeoutError, KeyError, TypeError):
            pass
        time.sleep(1)
    pytest.fail("the Dagster UI did not load the code location in time")


def _stop(server: subprocess.Popen) -> None:
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            return
        try:
            server.wait(timeout=wait)
            # dagster dev's children (webserver, daemon, code server) share its group.
            os.killpg(server.pid, signal.SIGKILL)
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.mark.dev_server
def test_make_dev_shows_layers_checks_schedule_and_sensor(tmp_path):
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(REPO / ".dagster_home" / "dagster.yaml", home / "dagster.yaml")
    port = _free_port()
    env = {**os.environ, "DAGSTER_HOME": str(home), "DAGSTER_DISABLE_TELEMETRY": "1",
           "VIRTUAL_ENV": str(Path(sys.executable).parents[1])}
    log = (tmp_path / "dagster_dev.log").open("w")
    server = subprocess.Popen([str(DG), "dev", "--host", "127.0.0.1", "--port", str(port)], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        location = _wait_until_loaded(f"http://127.0.0.1:{port}", server)
    finally:
        _stop(server)

    loaded = location["locationOrLoadError"]
    assert loaded["__typename"] == "RepositoryLocation", loaded.get("message")
    (repository,) = loaded["repositories"]
    groups = {node["groupName"] for node in repository["assetNodes"]}
    assert {"raw", "reference", "staging", "marts", "metrics", "exports"} <= groups
    by_key = {"/".join(n["assetKey"]["path"]): n for n in repository["assetNodes"]}
    # Every asset sits in the group of its layer (the first part of its key).
    assert all(node["groupName"] == key.split("/")[0] for key, node in by_key.items())
    assert by_key["raw/ssda903"]["isPartitioned"] and not by_key["marts/referrals"]["isPartitioned"]
    checks = by_key["raw/ssda903"]["assetChecksOrError"]["checks"]
    assert checks and any(c["blocking"] for c in checks)
    assert {(s["name"], s["cronSchedule"]) for s in repository["schedules"]} == {("monthly_after_extracts_due",
                                                                                 "0 7 5 * *")}
    assert {s["name"] for s in repository["sensors"]} == {"new_extracts_landed"}
    assert {"monthly_build", "load_extract_month"} <= {j["name"] for j in repository["jobs"]}
