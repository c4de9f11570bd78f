from datetime import date

import duckdb
import polars as pl
import pytest

from csc_scorecard.metrics.catalogue import load_catalogue
from csc_scorecard.metrics.comparators import ComparatorError, read_england_comparators, write_england_comparators

ENGLAND = """# From the DfE releases, March 2025.
metric_id,value,unit,as_at,source
rereferral_rate_12m,22.6,percent,2025,DfE CIN
# a note between rows
cla_rate_per_10k,"1,071.5",per_10k,31 Mar 2025,DfE CLA
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


def test_england_figures_reach_the_warehouse_with_notes_and_thousands_separators(tmp_path):
    path = tmp_path / "england.csv"
    path.write_text(ENGLAND)
    con = duckdb.connect()
    assert write_england_comparators(con, path) == 2
    assert con.sql("select metric_id, value from reference.england_comparators order by value").fetchall() == [
        ("rereferral_rate_12m", 22.6), ("cla_rate_per_10k", 1071.5)]


@pytest.mark.parametrize("row, message", [
    ("referals,19.4,percent,2025,DfE", "line 3: metric_id 'referals' is not in the catalogue"),
    ("rereferral_rate_12m,n/a,percent,2025,DfE", "line 3: value 'n/a' for rereferral_rate_12m is not a number"),
    ("rereferral_rate_12m,226,percent,2025,DfE", "line 3: value '226' .* is not a percentage"),
])
def test_a_row_that_cannot_be_used_is_refused_naming_the_line(tmp_path, row, message):
    path = tmp_path / "england.csv"
    path.write_text("# note\nmetric_id,value,unit,as_at,source\n" + row + "\n")
    with pytest.raises(ComparatorError, match=message):
        read_england_comparators(path)


@pytest.mark.parametrize("as_at, source, message", [
    ("latest", "DfE Children in need 2025: C4", "line 2: as_at 'latest' for icpc_within_15wd_12m names no year"),
    ("", "DfE Children in need 2025: C4", "line 2: as_at '' for icpc_within_15wd_12m names no year"),
    ("2025", "", "line 2: source is blank for icpc_within_15wd_12m"),
])
def test_an_england_figure_without_its_year_or_source_is_refused(tmp_path, as_at, source, message):
    # Undated, it would be read as this year's national figure; unsourced, no one could check it.
    path = tmp_path / "england.csv"
    path.write_text(f"metric_id,value,unit,as_at,source\nicpc_within_15wd_12m,80.0,percent,{as_at},{source}\n")
    with pytest.raises(ComparatorError, match=message):
        read_england_comparators(path)


def test_an_england_figure_dated_by_year_or_by_day_is_taken(tmp_path):
    path = tmp_path / "england.csv"
    path.write_text("metric_id,value,unit,as_at,source\n"
                    "cla_rate_per_10k,67,per_10k,31 Mar 2025,DfE Children looked after in England 2025\n"
                    "fostering_enquiry_conversion_12m,12,percent,year to 31 Mar 2023,Ofsted fostering\n")
    assert read_england_comparators(path)["as_at"].to_list() == ["31 Mar 2025", "year to 31 Mar 2023"]


def test_an_england_figure_in_the_wrong_unit_is_refused(tmp_path):
    path = tmp_path / "england.csv"
    path.write_text("metric_id,value,unit,as_at,source\ncla_rate_per_10k,0.67,percent,2025,DfE\n")
    with pytest.raises(ComparatorError, match="line 2: unit 'percent' for cla_rate_per_10k; .* 'per_10k'"):
        read_england_comparators(path)


# --- published figures in the DfE's LAIT layout, and what the warehouse makes of them ----------

REREFERRALS = "Re-referrals to children's social care within 12 months of a previous referral (%)"
LAIT = f"""# DfE LAIT, downloaded 3 March 2026
Indicator,LA number,LA name,Region,2024,2025
{REREFERRALS},340,Knowsley,North West,21.0,20.0
"{REREFERRALS}",341,Liverpool,North West,,24.0
{REREFERRALS},343,Sefton,North West,x,x
{REREFERRALS},501,Eastshire,East Midlands,c,18.0
{REREFERRALS},502,Westshire,East Midlands,..,30.0
{REREFERRALS},,North West,,21.9,22.1
{REREFERRALS},,England,,22.4,22.6
Pupils achieving the expected standard in reading (%),340,Knowsley,North West,70,71
"""


def _published(tmp_path, text=LAIT):
    from csc_scorecard.metrics.published import read_published_figures

    folder = tmp_path / "published_figures"
    folder.mkdir(exist_ok=True)
    (folder / "lait.csv").write_text(text)
    return read_published_figures(folder)


def test_a_lait_table_gives_each_council_and_england_a_figure_per_year(tmp_path):
    published = _published(tmp_path)
    figures = {(r["la_code"], r["year"]): r["value"] for r in published.frame.iter_rows(named=True)}
    # 340 both years, 341 2025, 501 and 502 2025 (c and .. are the DfE's "no figure"), England both;
    # Sefton's x and the region's own row give nothing.
    assert figures == {("340", 2024): 21.0, ("340", 2025): 20.0, ("341", 2025): 24.0, ("501", 2025): 18.0,
                       ("502", 2025): 30.0, (None, 2024): 22.4, (None, 2025): 22.6}
    assert set(published.frame["period_end"]) == {date(2024, 3, 31), date(2025, 3, 31)}
    assert set(published.frame["source"]) == {"DfE LAIT, downloaded 3 March 2026"}
    assert published.indicators_left_out == ["Pupils achieving the expected standard in reading (%)"]


@pytest.mark.parametrize("row, message", [
    (f"{REREFERRALS},34,Knowsley,North West,21.0,20.0", "line 3, column LA number: '34' is not a 3-digit"),
    (f"{REREFERRALS},340,Knowsley,North West,21.0,n/a", "line 3, column 2025: 'n/a' for rereferral_rate_12m"),
    (f"{REREFERRALS},340,Knowsley,North West,21.0,120", "line 3, column 2025: '120' .* not a percentage"),
])
def test_a_published_figure_that_cannot_be_used_is_refused_naming_line_and_column(tmp_path, row, message):
    from csc_scorecard.metrics.published import PublishedFiguresError

    with pytest.raises(PublishedFiguresError, match=message):
        _published(tmp_path, "# note\nIndicator,LA number,LA name,Region,2024,2025\n" + row + "\n")


def test_a_figure_given_twice_is_refused(tmp_path):
    from csc_scorecard.metrics.published import PublishedFiguresError

    twice = LAIT + f"{REREFERRALS},340,Knowsley,North West,21.5,\n"
    with pytest.raises(PublishedFiguresError, match=r"line 11: Knowsley's 2024 figure .* also given at .*line 3"):
        _published(tmp_path, twice)


def test_a_header_without_year_columns_is_refused(tmp_path):
    from csc_scorecard.metrics.published import PublishedFiguresError

    with pytest.raises(PublishedFiguresError, match="column '2024-25' is not a year"):
        _published(tmp_path, "Indicator,LA number,LA name,Region,2024-25\n")


def _comparators(tmp_path, status_rows):
    """metrics.metric_comparators built by its SQL from the LAIT table above and hand-made statuses."""
    from csc_scorecard.metrics.catalogue import catalogue_frame
    from csc_scorecard.metrics.status import write_metric_comparators
    from csc_scorecard.models.reference import councils_frame
    from csc_scorecard.settings import CouncilSettings
    from tests.conftest import metric_status_of

    values = pl.DataFrame(status_rows, orient="row", schema={
        "la_code": pl.Utf8, "metric_id": pl.Utf8, "period_end": pl.Date, "value": pl.Float64,
        "numerator": pl.Float64, "denominator": pl.Float64})
    councils = [CouncilSettings(la_code=code, la_name=name, population_0_17=60000, landing=tmp_path, warehouse=tmp_path,
                                exports=tmp_path, statistical_neighbours=neighbours)
                for code, name, neighbours in (("999", "Northbridge", ("340", "341", "343")),
                                               ("340", "Knowsley", ()))]
    con = duckdb.connect()
    for name, frame in (("metrics.metric_status", metric_status_of(values)),
                        ("metrics.catalogue", catalogue_frame(load_catalogue())),
                        ("reference.councils", councils_frame(councils)),
                        ("reference.published_figures", _published(tmp_path).frame)):
        con.execute(f"create schema if not exists {name.split('.')[0]}")
        con.register("_frame", frame.to_arrow())
        con.execute(f"create table {name} as select * from _frame")
        con.unregister("_frame")
    write_metric_comparators(con)
    return {(r["la_code"], r["period_end"]): r for r in con.sql("select * from metrics.metric_comparators").pl()
            .iter_rows(named=True)}


def test_the_neighbour_average_quartile_and_rank_come_from_the_latest_published_year(tmp_path):
    """Northbridge's neighbours are Knowsley (20.0 in 2025), Liverpool (24.0) and Sefton (no figure):
    an average of 22.0 over 2 of 3. Its own 21.0 at 31 March 2025 is ranked against the four
    councils with a 2025 figure (lower is better): Eastshire's 18.0 and Knowsley's 20.0 are better,
    so 3rd of 5, the third quarter (band C). Knowsley is built in this warehouse too: 19.0 in
    November, the average of the neighbours built here."""
    rows = [("999", "rereferral_rate_12m", date(2025, 3, 31), 21.0, 210.0, 1000.0),
            ("999", "rereferral_rate_12m", date(2025, 2, 28), 21.5, 215.0, 1000.0),
            ("999", "rereferral_rate_12m", date(2025, 11, 30), 23.0, 230.0, 1000.0),
            ("340", "rereferral_rate_12m", date(2025, 11, 30), 19.0, 190.0, 1000.0)]
    comparators = _comparators(tmp_path, rows)
    november = comparators[("999", date(2025, 11, 30))]
    assert (november["published_year"], november["neighbour_average"], november["neighbours_published"],
            november["neighbours_configured"]) == (2025, 22.0, 2, 3)
    assert (november["ranked_value"], november["ranked_from"], november["national_rank"],
            november["ranked_councils"], november["quartile_band"]) == (21.0, "this warehouse", 3, 5, "C")
    assert (november["warehouse_neighbour_shown_value"], november["warehouse_neighbours"]) == (19.0, 1)
    # February 2025 is before the 2025 year end: 2024's figures, Knowsley's 21.0 alone; no own
    # figure at 31 March 2024 to rank.
    february = comparators[("999", date(2025, 2, 28))]
    assert (february["published_year"], february["neighbour_average"], february["neighbours_published"]) == (2024, 21.0, 1)
    assert february["national_rank"] is None
    # Knowsley is in the published file itself: ranked on its published 20.0, 2nd of 5 (band B).
    knowsley = comparators[("340", date(2025, 11, 30))]
    assert (knowsley["ranked_from"], knowsley["national_rank"], knowsley["quartile_band"]) == ("published", 2, "B")
    assert knowsley["neighbour_average"] is None and knowsley["neighbours_configured"] == 0
