"""The trend chart, drawn on the server as SVG: what a board member reads off it, point by point."""

from __future__ import annotations

from csc_scorecard.scorecard.charts import England, trend_chart
from csc_scorecard.scorecard.months import add_months
from csc_scorecard.scorecard.suppression import MISSING_CELL, published_cell
from tests.scorecard.drawn import read_chart

FEB_2025 = (2025, 2)
ENGLAND = England(22.6, "percent", "2025", "DfE Children in need 2025")


def months_to_feb_2025(figures: list[float | str | None], unit: str = "count"):
    """A series ending February 2025: a number is published, "suppressed" is a small number, None no data."""
    start = add_months(FEB_2025, -(len(figures) - 1))
    cells = []
    for f in figures:
        if f == "suppressed":
            cells.append(published_cell(unit, "suppressed", None, None))
        elif f is None:
            cells.append(MISSING_CELL)
        else:
            cells.append(published_cell(unit, "ok", f, f))
    return [(add_months(start, i), c) for i, c in enumerate(cells)]


def test_each_point_sits_at_its_figure_and_says_it_when_hovered():
    chart = read_chart(trend_chart("cla", "count", months_to_feb_2025([400, 412, 398]), None))
    assert chart.reads([400, 412, 398])
    assert chart.hovers == ["Dec 2024: 400", "Jan 2025: 412", "Feb 2025: 398"]
    assert chart.line_vertices == 3


def test_a_suppressed_month_is_a_gap_that_says_less_than_five_and_draws_nothing():
    chart = read_chart(trend_chart("waiting", "count", months_to_feb_2025([12, "suppressed", 9, 11]), None))
    assert chart.reads([12, None, 9, 11])
    assert chart.hovers[1] == "Dec 2024: <5"
    assert chart.months[1].status == "suppressed"
    # The line stops at the gap: 12 stands alone, 9 and 11 are joined.
    assert chart.line_vertices == 2
    assert "Nov 2024: 12" in chart.hovers[0]


def test_a_month_without_data_is_a_gap_too():
    chart = read_chart(trend_chart("nfa", "percent", months_to_feb_2025([7.1, None, 6.9], "percent"), None))
    assert chart.reads([7.1, None, 6.9])
    assert chart.hovers[1] == "Jan 2025: —"
    assert chart.line_vertices == 0  # no two published months in a row to join


def test_the_target_and_england_are_labelled_lines_at_their_values():
    chart = read_chart(trend_chart("rereferral_rate_12m", "percent",
                                   months_to_feb_2025([21.0, 23.5, 22.4], "percent"), ENGLAND, 20.0))
    assert set(chart.lines) == {"Target 20.0%", "England 22.6% (2025)"}
    assert abs(chart.lines["Target 20.0%"] - 20.0) <= chart.per_px
    assert abs(chart.lines["England 22.6% (2025)"] - 22.6) <= chart.per_px
    # The legend above the plot names both, with the dash of each line beside it.
    assert ">Target 20.0%</text>" in chart.svg and ">England 22.6% (2025)</text>" in chart.svg


def test_the_value_axis_starts_at_zero_and_reaches_past_the_highest_line():
    chart = read_chart(trend_chart("caseload", "ratio", months_to_feb_2025([15.2, 16.1], "ratio"), None, 18.0))
    assert chart.ticks[0] == "0"
    assert float(chart.ticks[-1]) >= 18.0
    assert len(chart.ticks) in (4, 5, 6)


def test_percent_ticks_carry_a_percent_sign_and_counts_whole_numbers():
    percent = read_chart(trend_chart("r", "percent", months_to_feb_2025([7.1, 8.9], "percent"), None))
    assert percent.ticks == ["0.0%", "2.5%", "5.0%", "7.5%", "10.0%"]  # as many decimals as tell them apart
    counts = read_chart(trend_chart("c", "count", months_to_feb_2025([1200, 3400]), None))
    assert counts.ticks == ["0", "1,000", "2,000", "3,000", "4,000"]


def test_the_latest_month_is_labelled_on_the_time_axis_however_long_the_series():
    for months in (2, 13, 36):
        svg = trend_chart("cla", "count", months_to_feb_2025([400] * months), None)
        assert ">Feb 25</text>" in svg, months
        assert svg.count("text-anchor=\"middle\"") <= 4  # more collide printed six to a row


def test_a_restated_month_has_its_own_marker_and_says_so_when_hovered():
    series = months_to_feb_2025([400, 412, 398])
    chart = read_chart(trend_chart("cla", "count", series, None,
                                   restated={series[1][0]: "restated: 405 in the January pack"}))
    assert [m.restated for m in chart.months] == [False, True, False]
    assert chart.reads([400, 412, 398])  # still drawn at its figure
    assert chart.hovers[1] == "Jan 2025: 412 (restated: 405 in the January pack)"


def test_the_chart_names_what_it_shows_for_a_screen_reader():
    svg = trend_chart("rereferral_rate_12m", "percent",
                      months_to_feb_2025([21.0, "suppressed", 22.4], "percent"), ENGLAND, 20.0)
    assert 'role="img"' in svg
    assert ('aria-label="Monthly figures Dec 2024 to Feb 2025, latest 22.4%; target 20.0%; '
            'England 22.6% (2025); 1 month not shown (suppressed or no data)"') in svg


def test_only_the_published_figure_reaches_the_chart():
    # A rate on 3 children: suppressed, so neither its value nor any hint of it is drawn.
    hidden = published_cell("percent", "suppressed", None, None)
    series = months_to_feb_2025([7.5, 7.2], "percent") + [((2025, 3), hidden)]
    svg = trend_chart("nfa", "percent", series, None)
    chart = read_chart(svg)
    assert chart.values[-1] is None and chart.hovers[-1] == "Mar 2025: suppressed"
    assert "<script" not in svg and "data-" not in svg
