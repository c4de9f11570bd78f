"""The board scorecard page: self-contained, suppressed, and only up to its month."""

from __future__ import annotations

from html import unescape
import os
import re
from datetime import date, datetime

import polars as pl
import pytest

from csc_scorecard.metrics.comparators import read_england_comparators
from csc_scorecard.scorecard.page_writer import write_scorecard
from csc_scorecard.scorecard.render import direction, render_scorecard
from tests.conftest import metric_status_of
from tests.scorecard.conftest import LA, PERIOD_END
from tests.scorecard.drawn import drawn_chart

GENERATED = datetime(2025, 3, 12, 9, 30)


def set_value(values: pl.DataFrame, metric_id: str, period_end: date, value: float | None,
              numerator: float | None = None, denominator: float | None = None) -> pl.DataFrame:
    hit = (pl.col("metric_id") == metric_id) & (pl.col("period_end") == period_end)
    return values.with_columns(
        pl.when(hit).then(pl.lit(value, dtype=pl.Float64)).otherwise("value").alias("value"),
        pl.when(hit).then(pl.lit(numerator, dtype=pl.Float64)).otherwise("numerator").alias("numerator"),
        pl.when(hit).then(pl.lit(denominator, dtype=pl.Float64)).otherwise("denominator").alias("denominator"),
    )


def render(values, catalogue, targets=None, **kwargs) -> str:
    """The page for February 2025 from hand-made metric values, their status built by its SQL
    (targets: the synthetic council's unless given)."""
    args = dict(la_code=LA, la_name="Northbridge", period_end=PERIOD_END,
                metric_status=metric_status_of(values, catalogue, targets), catalogue=catalogue,
                generated_at=GENERATED)
    args.update(kwargs)
    return render_scorecard(**args)


def summary_row(html: str, metric_id: str) -> str:
    match = re.search(rf'<tr id="row-{metric_id}">(.*?)</tr>', html, re.S)
    assert match, metric_id
    return match.group(1)


def cells_of(row: str) -> list[str]:
    return [unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def test_the_page_is_one_small_file_that_names_no_web_address(values, catalogue):
    html = render(values, catalogue)
    assert not re.search(r"https?:|//[a-z]", html, re.I)
    assert "<link" not in html and "<script" not in html  # the CSS is inlined; the charts need no script
    assert html.count('<svg class="trend-chart"') == 13  # one chart per catalogue metric
    # The board's page budget is 1.5 MB; 13 metrics over 36 months come nowhere near it.
    assert len(html.encode("utf-8")) < 400_000


def test_the_header_names_the_council_and_the_month(values, catalogue):
    html = render(values, catalogue)
    assert "Children&#39;s Social Care scorecard" in html or "Children's Social Care scorecard" in html
    assert "Northbridge" in html and "LA 999" in html
    assert "February 2025" in html and "12 March 2025, 09:30" in html
    assert "Counts of 1 to 4 are shown as <strong>&lt;5</strong>" in html


def test_values_are_formatted_by_unit(values, catalogue):
    values = set_value(values, "rereferral_rate_12m", PERIOD_END, 22.649, 226.49 / 10 * 10, 1000)
    values = set_value(values, "referrals", PERIOD_END, 1234, 1234)
    values = set_value(values, "cla_rate_per_10k", PERIOD_END, 67.04, 402, 60000)
    html = render(values, catalogue)
    assert cells_of(summary_row(html, "rereferral_rate_12m"))[0] == "22.6%"
    assert cells_of(summary_row(html, "referrals"))[0] == "1,234"
    assert cells_of(summary_row(html, "cla_rate_per_10k"))[0] == "67.0"


def test_areas_follow_the_boards_order_and_an_unknown_area_comes_last(values, catalogue):
    catalogue = catalogue.with_columns(
        pl.when(pl.col("area") == "Adoption").then(pl.lit("Adoption and fostering"))
        .when(pl.col("metric_id") == "referrals").then(pl.lit("Early help"))
        .otherwise("area").alias("area"))
    html = render(values, catalogue)
    areas = re.findall(r'<th scope="rowgroup" colspan="11"><a href="#area-[a-z-]+">(.*?)</a></th>', html)
    assert areas == ["Front door", "Assessment", "Child protection", "Children in care", "Missing and exploitation",
                     "Adoption and fostering",
                     "Care leavers", "Workforce", "Early help"]
    sections = re.findall(r'<h2 id="area-([a-z-]+)-heading">', html)
    assert sections == ["front-door", "assessment", "child-protection", "children-in-care",
                        "missing-and-exploitation", "adoption-and-fostering", "care-leavers", "workforce",
                        "early-help"]
    early_help = html[html.index('id="area-early-help"'):]
    assert 'id="chart-referrals"' in early_help and 'id="chart-cla"' not in early_help


def test_a_count_of_three_is_less_than_five_in_the_table_and_a_gap_in_the_chart(values, catalogue):
    values = set_value(values, "children_waiting_adoption", PERIOD_END, 3, 3)
    values = set_value(values, "children_waiting_adoption", date(2025, 1, 31), 17, 17)
    values = set_value(values, "children_waiting_adoption", date(2024, 12, 31), 2, 2)
    html = render(values, catalogue)
    row = cells_of(summary_row(html, "children_waiting_adoption"))
    assert row[0] == "<5"
    assert row[4] == "Not rated"  # a RAG would narrow down the small number
    assert row[5] == "not compared"  # no arrow against a suppressed month
    chart = drawn_chart(html, "children_waiting_adoption")
    assert chart.values[-1] is None and chart.values[-3] is None
    assert abs(chart.values[-2] - 17) <= chart.per_px
    assert chart.hovers[-3:] == ["Dec 2024: <5", "Jan 2025: 17", "Feb 2025: <5"]  # never the 2 or the 3
    assert not any(v is not None and v < 5 - chart.per_px for v in chart.values)
    assert "3 months suppressed" not in html and "2 months suppressed" in html


def test_a_rate_over_a_small_numerator_is_suppressed_everywhere(values, catalogue):
    values = set_value(values, "referral_nfa_rate_12m", PERIOD_END, 1.234567, 3, 243)
    html = render(values, catalogue)
    assert cells_of(summary_row(html, "referral_nfa_rate_12m"))[0] == "suppressed"
    chart = drawn_chart(html, "referral_nfa_rate_12m")
    assert chart.values[-1] is None and chart.hovers[-1] == "Feb 2025: suppressed"
    assert "1.2%" not in chart.svg
    assert "1.234567" not in html


def test_nothing_after_the_reporting_month_reaches_the_page(values, catalogue):
    # The fixture runs to March 2025; give March a value seen nowhere else.
    values = set_value(values, "referrals", date(2025, 3, 31), 98765, 98765)
    values = set_value(values, "rereferral_rate_12m", date(2025, 3, 31), 43.21, 432, 1000)
    html = render(values, catalogue)
    assert "98765" not in html and "98,765" not in html and "43.21" not in html and "43.2%" not in html
    assert "2025-03-31" not in html and ">Mar 2025<" not in html and "March 2025" not in html.replace(
        "12 March 2025, 09:30", "")
    chart = drawn_chart(html, "referrals")
    assert chart.hovers[-1].startswith("Feb 2025: ") and len(chart.months) == 36


def test_other_councils_are_left_out(values, catalogue):
    other = values.with_columns(pl.lit("888").alias("la_code"), pl.lit(55555.0).alias("value"))
    html = render(pl.concat([values, other]), catalogue)
    assert "55555" not in html and "55,555" not in html


def test_a_metric_without_a_value_this_month_shows_a_dash_not_zero(values, catalogue):
    values = values.filter(~((pl.col("metric_id") == "caseload_per_fte") & (pl.col("period_end") == PERIOD_END)))
    values = values.filter(pl.col("metric_id") != "adoptions_ytd")
    html = render(values, catalogue)
    row = cells_of(summary_row(html, "caseload_per_fte"))
    # this month, target, RAG, change (England follows)
    assert [row[i] for i in (0, 3, 4, 5)] == ["—", "16.0", "Not rated", "not compared"]
    adoptions = cells_of(summary_row(html, "adoptions_ytd"))
    assert [adoptions[i] for i in (0, 3, 4, 5, 6)] == ["—", "—", "No target", "not compared", "—"]
    assert "No data up to February 2025" in html


def test_the_arrow_follows_the_metric_polarity(values, catalogue):
    jan = date(2025, 1, 31)
    values = set_value(values, "rereferral_rate_12m", jan, 20.0, 200, 1000)        # lower is better
    values = set_value(values, "rereferral_rate_12m", PERIOD_END, 25.0, 250, 1000)
    values = set_value(values, "assessments_within_45wd_12m", jan, 80.0, 800, 1000)  # higher is better
    values = set_value(values, "assessments_within_45wd_12m", PERIOD_END, 85.0, 850, 1000)
    values = set_value(values, "cla", jan, 400, 400)                                # neutral
    values = set_value(values, "cla", PERIOD_END, 390, 390)
    values = set_value(values, "cp_plans", jan, 250, 250)
    values = set_value(values, "cp_plans", PERIOD_END, 250, 250)
    html = render(values, catalogue)
    rereferral = summary_row(html, "rereferral_rate_12m")
    assert 'class="dir worse"' in rereferral and "▲" in rereferral and "Up since last month (Jan 2025): worsening (+5.0 points; a move of 1.0 points or less" in rereferral
    assessments = summary_row(html, "assessments_within_45wd_12m")
    assert 'class="dir better"' in assessments and "▲" in assessments
    cla = summary_row(html, "cla")
    assert 'class="dir neutral"' in cla and "▼" in cla and cells_of(cla)[5].startswith("▼ down")
    assert "▶" in summary_row(html, "cp_plans") and "no significant change" in summary_row(html, "cp_plans")


def test_direction_down_on_a_lower_is_better_metric_is_better():
    d = direction("lower_is_better", "improving")
    assert (d.arrow, d.word, d.tone) == ("▼", "improving", "better")
    assert direction("higher_is_better", "improving").arrow == "▲"
    assert direction("higher_is_better", "no significant change").arrow == "▶"
    assert (direction("neutral", "down").arrow, direction("neutral", "down").tone) == ("▼", "neutral")
    assert direction("neutral", None).arrow == ""  # not compared


def test_england_is_shown_only_where_the_unit_matches(values, catalogue):
    units = dict(zip(catalogue["metric_id"], catalogue["unit"]))
    assert all(units[m] == unit for m, unit in read_england_comparators().select("metric_id", "unit").iter_rows())
    html = render(values, catalogue)
    assert cells_of(summary_row(html, "rereferral_rate_12m"))[6] == "22.6% (2025)"
    assert cells_of(summary_row(html, "cla_rate_per_10k"))[6] == "67 (31 Mar 2025)"
    assert cells_of(summary_row(html, "cla"))[6] == "—"  # a count: England's rate per 10k does not apply
    assert "England 22.6% (2025)" in drawn_chart(html, "rereferral_rate_12m").lines
    assert not [line for line in drawn_chart(html, "cla").lines if line.startswith("England")]


def test_definitions_are_on_the_page_and_escaped(values, catalogue):
    catalogue = catalogue.with_columns(
        pl.when(pl.col("metric_id") == "referrals").then(pl.lit("<b>Referrals</b> & more"))
        .otherwise("title").alias("title"))
    html = render(values, catalogue)
    assert "&lt;b&gt;Referrals&lt;/b&gt; &amp; more" in html and "<b>Referrals</b>" not in html
    assert "the percentage made on or before the first anniversary" in html


def failed_check(raw_table: str, check_name: str, severity: str, why: str, count: int | None) -> dict:
    """A quality.check_outcomes row of a failed check."""
    return {"raw_table": raw_table, "check_name": check_name, "severity": severity, "why": why,
            "unexpected_count": count, "passed": False}


def test_data_quality_is_summarised_when_given(values, catalogue):
    html = render(values, catalogue, data_quality=[
        failed_check("raw.hr_staff", "fte_in_range", "warning", "FTE 0-1.5", 2),
        failed_check("raw.ssda903_episodes", "no_overlaps", "critical", "x", None),
    ])
    assert 'id="dq-heading">Data quality' in html and "1 check failed and 1 warning" in html
    assert html.index("no_overlaps") < html.index("fte_in_range")  # failures first
    assert "No data-check results were available" in render(values, catalogue)
    assert "All data checks passed" in render(values, catalogue, data_quality=[])


def test_write_scorecard_replaces_the_file_whole(tmp_path):
    path = tmp_path / "exports" / "999" / "scorecard_999_2025-02.html"
    assert write_scorecard("<html>one</html>", path) == path
    assert write_scorecard("<html>two</html>", path) == path
    assert path.read_text() == "<html>two</html>"
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left behind
    assert os.stat(path).st_mode & 0o044  # readable by the board, not only its writer


def test_write_scorecard_leaves_the_old_file_when_writing_fails(tmp_path):
    path = tmp_path / "scorecard.html"
    write_scorecard("old", path)
    with pytest.raises(TypeError):
        write_scorecard(None, path)  # type: ignore[arg-type]
    assert path.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["scorecard.html"]


def test_the_printed_running_header_cannot_break_out_of_the_style_element(values, catalogue):
    html = render(values, catalogue, la_name='St Mary\'s "Borough"</style><b>')
    style = html[html.index("<style>"):html.index("</style>")]
    header = re.search(r'@top-left \{ content: "([^"]*)"', style)
    assert header, "the running header is one CSS string"
    assert "</style" not in style and "<b>" not in style
    assert header[1].startswith(r"St Mary\27 s \22 Borough\22 ")  # CSS escapes: a printer shows the name
