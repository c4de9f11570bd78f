"""The wheel, installed in a venv of its own and run away from the repository, builds a warehouse and a pack.

Everything but Python modules (the SQL, the GX suites, the templates, the reference data) is read
from inside the package; a file left out of the wheel would only show here, since every other test
runs on the checkout. Deselect with `-m "not installed_wheel"`.
"""

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[1]
UV = REPO / ".tools" / "bin" / "uv"

pytestmark = pytest.mark.installed_wheel

COUNCIL_TOML = """\
la_code = "999"
la_name = "Northbridge"
population_0_17 = 60000
landing = "landing"
warehouse = "out/warehouse.duckdb"
exports = "out/exports"
"""


def _run(args, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600, **kwargs)
    assert done.returncode == 0, f"{' '.join(map(str, args))}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.mark.skipif(not UV.exists(), reason="no .tools/bin/uv: run `make setup`")
def test_the_installed_wheel_builds_a_warehouse_and_a_pack_outside_the_repository(tmp_path):
    # Nothing of the checkout's environment may leak into the installed one.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("CSC_", "VIRTUAL_ENV", "PYTHONPATH", "DAGSTER_HOME", "UV_PROJECT"))}
    env |= {"UV_PYTHON_DOWNLOADS": "never", "DAGSTER_DISABLE_TELEMETRY": "1", "GX_ANALYTICS_ENABLED": "false"}
    _run([UV, "build", "--wheel", "--out-dir", tmp_path / "dist", REPO], env=env)
    [wheel] = (tmp_path / "dist").glob("csc_scorecard-*.whl")
    venv = tmp_path / "venv"
    # The locked dependencies (uv's cache has them from `make setup`), then the wheel alone.
    _run([UV, "sync", "--quiet", "--frozen", "--no-default-groups", "--no-install-project", "--python", sys.executable],
         cwd=REPO, env=env | {"UV_PROJECT_ENVIRONMENT": str(venv)})
    _run([UV, "pip", "install", "--quiet", "--no-deps", "--python", venv / "bin" / "python", wheel], env=env)

    deployment = tmp_path / "deployment"
    deployment.mkdir()
    (deployment / "council.toml").write_text(COUNCIL_TOML)
    _run([Path(sys.executable).parent / "csc-synthetic", "generate", "--landing", deployment / "landing",
          "--months", "1"], env=env)
    where = _run([venv / "bin" / "python", "-c", "import csc_scorecard; print(csc_scorecard.__file__)"],
                 cwd=deployment, env=env).stdout.strip()
    assert Path(where).is_relative_to(venv), where

    built = _run([venv / "bin" / "csc-scorecard", "build"], cwd=deployment, env=env)
    assert "built " in built.stdout and "0 blocking failures" in built.stdout
    warehouse = deployment / "out" / "warehouse.duckdb"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.sql("select count(*) from metrics.metric_values").fetchone()[0] > 0
    [pack] = (deployment / "out" / "exports" / "999").glob("scorecard_999_*.html")
    assert '<svg class="trend-chart"' in pack.read_text()  # the templates and charts came with the wheel
    assert (deployment / "out" / "exports" / "999" / "index.html").exists()
