import pytest

from pipelines.metrics.catalogue import MetricDefinitionError, load_catalogue, parse_metric

FOUNDATION = {"referrals", "rereferral_rate_12m", "referral_nfa_rate_12m", "cla", "adoptions_ytd",
              "children_waiting_adoption", "agency_worker_rate"}


def test_every_metric_file_has_a_complete_header():
    catalogue = load_catalogue()
    assert FOUNDATION <= {m.metric_id for m in catalogue}
    for metric in catalogue:
        assert metric.definition and metric.title and metric.dfe_reference
        assert metric.source_tables, f"{metric.metric_id} reads no table"


def test_source_tables_come_from_the_sql():
    metric = {m.metric_id: m for m in load_catalogue()}["children_waiting_adoption"]
    assert metric.source_tables == ("marts.reporting_periods", "marts.adoption_decisions", "marts.episodes")


HEADER = """-- metric_id: demo
-- title: Demo
-- area: Front door
-- definition: A demo.
-- unit: count
-- polarity: {polarity}
-- window: month
-- dfe_reference: none
-- display_order: 1
select 1
"""


def test_a_wrong_polarity_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "demo.sql"
    path.write_text(HEADER.format(polarity="up_is_good"))
    with pytest.raises(MetricDefinitionError, match="demo.sql: polarity 'up_is_good'"):
        parse_metric(path)


def test_metric_id_must_match_file_name(tmp_path):
    path = tmp_path / "other.sql"
    path.write_text(HEADER.format(polarity="neutral"))
    with pytest.raises(MetricDefinitionError, match="must match the file name"):
        parse_metric(path)
