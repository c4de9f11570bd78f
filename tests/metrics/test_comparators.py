import duckdb
import pytest

from csc_scorecard.metrics.catalogue import load_catalogue
from csc_scorecard.metrics.comparators import (ComparatorError, read_england_comparators,
                                           read_statistical_neighbours, write_comparators)

NEIGHBOURS = """# Filled in from LAIT, March 2025.
metric_id,neighbour_la_code,neighbour_la_name,value,as_at,source
rereferral_rate_12m,E10000001,Eastshire,19.4,2025,DfE LAIT
# a note between rows
cla_rate_per_10k,E10000002,Westshire,"1,071.5",31 Mar 2025,DfE LAIT
"""


def test_the_shipped_england_figures_match_catalogue_metrics_and_units():
    england = read_england_comparators()
    units = {m.metric_id: m.unit for m in load_catalogue()}
    assert england["metric_id"].is_unique().all()
    for row in england.iter_rows(named=True):
        assert row["unit"] == units[row["metric_id"]]
        # A national publisher's release: the DfE's, or Ofsted's for fostering.
        assert row["as_at"] and row["source"].startswith(("DfE", "Ofsted"))
    figures = dict(zip(england["metric_id"], england["value"]))
    assert figures["cp_plan_rate_per_10k"] == 41
    assert figures["cp_plans_ended_2y_plus_12m"] == 4.4
    assert figures["cla_long_term_stability"] == 68
    assert figures["fostering_enquiry_conversion_12m"] == 12


def test_the_shipped_neighbour_table_is_an_empty_template():
    assert read_statistical_neighbours().height == 0


def test_neighbours_the_council_fills_in_reach_the_warehouse(tmp_path):
    path = tmp_path / "statistical_neighbours.csv"
    path.write_text(NEIGHBOURS)
    con = duckdb.connect()
    rows = write_comparators(con, neighbours=path)
    assert rows["reference.statistical_neighbours"] == 2
    assert con.sql("select neighbour_la_name, value from reference.statistical_neighbours "
                   "order by value").fetchall() == [("Eastshire", 19.4), ("Westshire", 1071.5)]
    assert con.sql("select count(*) from reference.england_comparators").fetchone()[0] == rows[
        "reference.england_comparators"] > 0


@pytest.mark.parametrize("row, message", [
    ("referals,E1,Eastshire,19.4,2025,LAIT", "line 3: metric_id 'referals' is not in the catalogue"),
    ("rereferral_rate_12m,E1,Eastshire,n/a,2025,LAIT", "line 3: value 'n/a' for rereferral_rate_12m is not a number"),
    ("rereferral_rate_12m,E1,Eastshire,226,2025,LAIT", "line 3: value '226' .* is not a percentage"),
    ("rereferral_rate_12m,,Eastshire,19.4,2025,LAIT", "line 3: neighbour_la_code is blank"),
])
def test_a_row_that_cannot_be_used_is_refused_naming_the_line(tmp_path, row, message):
    path = tmp_path / "statistical_neighbours.csv"
    path.write_text("# note\nmetric_id,neighbour_la_code,neighbour_la_name,value,as_at,source\n" + row + "\n")
    with pytest.raises(ComparatorError, match=message):
        read_statistical_neighbours(path)


def test_an_england_figure_in_the_wrong_unit_is_refused(tmp_path):
    path = tmp_path / "england.csv"
    path.write_text("metric_id,value,unit,as_at,source\ncla_rate_per_10k,0.67,percent,2025,DfE\n")
    with pytest.raises(ComparatorError, match="line 2: unit 'percent' for cla_rate_per_10k; .* 'per_10k'"):
        read_england_comparators(path)


def test_a_council_without_a_neighbours_file_has_no_neighbour_figures(tmp_path):
    # An installed pipeline run beside a council.toml with no assets/ folder must still build.
    assert read_statistical_neighbours(tmp_path / "absent.csv").is_empty()
