import pytest

from csc_scorecard.metrics.catalogue import AREAS, MetricDefinitionError, load_catalogue, parse_metric

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
    assert metric.source_tables == ("marts.reporting_periods", "marts.children_waiting_for_adoption")


HEADER = """-- metric_id: demo
-- title: Demo
-- area: {area}
-- definition: A demo.
-- unit: count
-- polarity: {polarity}
-- window: month
-- dfe_reference: none
-- display_order: {display_order}
select 1
"""


def header(polarity="neutral", area="Front door", display_order=11):
    return HEADER.format(polarity=polarity, area=area, display_order=display_order)


def test_a_wrong_polarity_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "demo.sql"
    path.write_text(header(polarity="up_is_good"))
    with pytest.raises(MetricDefinitionError, match="demo.sql: polarity 'up_is_good'"):
        parse_metric(path)


def test_metric_id_must_match_file_name(tmp_path):
    path = tmp_path / "other.sql"
    path.write_text(header())
    with pytest.raises(MetricDefinitionError, match="must match the file name"):
        parse_metric(path)


def test_the_board_areas_in_their_order():
    assert AREAS == ("Front door", "Assessment", "Child protection", "Children in care",
                     "Missing and exploitation", "Adoption and fostering", "Care leavers", "Workforce")


def test_an_area_outside_the_board_vocabulary_is_refused(tmp_path):
    path = tmp_path / "demo.sql"
    path.write_text(header(area="Adoption"))  # the old name, before fostering joined it
    with pytest.raises(MetricDefinitionError, match="demo.sql: area 'Adoption' is not one of"):
        parse_metric(path)


def test_a_display_order_outside_its_area_range_is_refused(tmp_path):
    path = tmp_path / "demo.sql"
    path.write_text(header(area="Care leavers", display_order=79))
    with pytest.raises(MetricDefinitionError, match="display_order 79 is outside Care leavers's range 80-89"):
        parse_metric(path)


def test_the_catalogue_lists_areas_in_board_order():
    seen = list(dict.fromkeys(m.area for m in load_catalogue()))
    assert seen == [a for a in AREAS if a in seen]


def test_a_metric_counting_children_must_say_who_it_counts(tmp_path):
    path = tmp_path / "demo.sql"
    path.write_text(header())
    with pytest.raises(MetricDefinitionError, match="demo.sql: a metric that counts children says in its header who"):
        parse_metric(path)


def test_a_members_line_without_its_cte_is_refused(tmp_path):
    path = tmp_path / "demo.sql"
    path.write_text(header().replace("select 1", "-- members: a referral in the month\nselect 1"))
    with pytest.raises(MetricDefinitionError, match="does not define a `members` CTE"):
        parse_metric(path)
    path.write_text(header().replace("select 1", "-- members: none, no child in the source\n"
                                                  "with members as (select 1), final as (select 1)\n"
                                                  "select * from final"))
    with pytest.raises(MetricDefinitionError, match="but the file defines a `members` CTE"):
        parse_metric(path)


def test_every_metric_counting_children_lists_its_members_but_caseloads():
    without = {m.metric_id for m in load_catalogue() if m.counts == "children" and m.members.startswith("none")}
    assert without == {"caseload_per_fte"}
