from csc_scorecard.metrics.catalogue import load_catalogue
from csc_tools.metrics_doc import DOC_PATH, raw_sources, render_doc


def test_docs_metrics_md_is_current():
    # If this fails after changing a metric header: python -m csc_tools.metrics_doc
    assert DOC_PATH.read_text() == render_doc(load_catalogue())


def test_every_metric_is_documented_once():
    doc = DOC_PATH.read_text()
    for metric in load_catalogue():
        assert doc.count(f"### `{metric.metric_id}`:") == 1


def test_raw_sources_follow_the_sql_through_marts_and_staging():
    assert raw_sources(("marts.adoptions",)) == ["raw.ssda903_ad1", "raw.ssda903_episodes"]
    # CIN modules read their child's key from staging.cin_children
    assert raw_sources(("marts.reporting_periods", "marts.section47")) == ["raw.cin_children", "raw.cin_s47"]
