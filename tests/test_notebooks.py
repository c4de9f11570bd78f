"""The analysts' notebooks run top to bottom against a freshly built warehouse."""

import shutil
from datetime import date
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from csc_scorecard.cli import EXIT_OK, main
from tests.conftest import SAMPLE_CIN_COUNCILS, SAMPLES, land

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def test_explore_metric_notebook_runs_on_a_built_warehouse(tmp_path, landing, monkeypatch):
    monkeypatch.setenv("CSC_LA_CODE", SAMPLE_CIN_COUNCILS["fake_CIN_data.xml"])  # the council it declares
    folder = land(landing, date(2024, 3, 31), {})
    shutil.copy(SAMPLES / "cin_census" / "fake_CIN_data.xml", folder / "fake_CIN_data.xml")
    warehouse = tmp_path / "w.duckdb"
    assert main(["build", "--landing", str(landing), "--warehouse", str(warehouse),
                 "--exports", str(tmp_path / "exports")]) == EXIT_OK

    monkeypatch.setenv("CSC_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("CSC_NOTEBOOK_METRIC", "referrals")
    assert NOTEBOOKS, "no notebooks"
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(notebook, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent.parent)}}).execute()
        outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
        assert not [o for o in outputs if o.get("output_type") == "error"]
        assert any("application/vnd.plotly.v1+json" in o.get("data", {}) or "text/html" in o.get("data", {})
                   for o in outputs), "the chart did not render"
