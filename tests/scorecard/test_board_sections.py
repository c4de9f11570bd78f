"""The board's reading of the page: RAG, year-ends, narrative, commentary, plan tracker, data quality."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from csc_scorecard.metrics.targets import Target
from csc_scorecard.scorecard.commentary import commentary_of
from csc_scorecard.scorecard.narrative import Figure, area_narrative, sentence
from csc_scorecard.scorecard.plan import Action, track
from csc_scorecard.scorecard.render import QuarantineItem, PublishedMonth, render_index, year_ends
from tests.scorecard.conftest import PERIOD_END
from tests.scorecard.drawn import drawn_chart
from tests.scorecard.test_render import GENERATED, cells_of, render, set_value, summary_row

JAN = date(2025, 1, 31)
TARGETS = {"rereferral_rate_12m": Target("rereferral_rate_12m", 20.0, 0.0, 2.6),
           "assessments_within_45wd_12m": Target("assessments_within_45wd_12m", 90.0, 0.0, 4.3)}


def section(html: str, slug: str) -> str:
    start = html.index(f'id="area-{slug}"')
    return html[start:html.index("</section>", start)]


def test_the_front_page_shows_target_and_rag_as_a_word(values, catalogue):
    values = set_value(values, "rereferral_rate_12m", PERIOD_END, 21.3, 213, 1000)         # 1.3 over: amber
    values = set_value(values, "assessments_within_45wd_12m", PERIOD_END, 84.0, 840, 1000)  # 6 under: red
    html = render(values, catalogue, targets=TARGETS)
    # this month, target, RAG
    assert [cells_of(summary_row(html, "rereferral_rate_12m"))[i] for i in (0, 3, 4)] == ["21.3%", "20.0%", "Amber"]
    assert [cells_of(summary_row(html, "assessments_within_45wd_12m"))[i] for i in (0, 3, 4)] == ["84.0%", "90.0%", "Red"]
    assert cells_of(summary_row(html, "cla"))[3:5] == ["—", "Context"]
    assert cells_of(summary_row(html, "vacancy_rate"))[4] == "No target"
    assert '<span class="rag amber"' in summary_row(html, "rereferral_rate_12m")
    assert re.search(r'<span class="rag green">0 Green</span>\s*<span class="rag amber">1 Amber</span>\s*'
                     r'<span class="rag red">1 Red</span>', html)


def test_the_chart_draws_the_target_as_a_labelled_line(values, catalogue):
    html = render(values, catalogue, targets=TARGETS)
    chart = drawn_chart(html, "rereferral_rate_12m")
    assert set(chart.lines) == {"Target 20.0%", "England 22.6% (2025)"}
    assert abs(chart.lines["Target 20.0%"] - 20.0) <= chart.per_px


def test_year_ends_are_31_march_and_30_september_for_workforce():
    assert year_ends("Front door", (2025, 2)) == [(2023, 3), (2024, 3)]
    assert year_ends("Front door", (2025, 3)) == [(2024, 3), (2025, 3)]
    assert year_ends("Workforce", (2025, 9)) == [(2024, 9), (2025, 9)]
    assert year_ends("Workforce", (2025, 8)) == [(2023, 9), (2024, 9)]


def test_the_area_section_shows_the_last_two_year_end_figures(values, catalogue):
    values = set_value(values, "cla", date(2023, 3, 31), 401, 401)
    values = set_value(values, "cla", date(2024, 3, 31), 3, 3)
    html = section(render(values, catalogue), "children-in-care")
    figure = html[html.index('id="chart-cla"'):]
    assert re.search(r"<dt>31 Mar 2023</dt><dd class=\"ok\">401</dd><dt>31 Mar 2024</dt>"
                     r"<dd class=\"suppressed\">&lt;5</dd>", figure)


def test_the_narrative_says_what_moved_and_how_it_compares(values, catalogue):
    values = set_value(values, "rereferral_rate_12m", JAN, 23.0, 230, 1000)
    values = set_value(values, "rereferral_rate_12m", PERIOD_END, 21.3, 213, 1000)
    values = set_value(values, "referral_nfa_rate_12m", JAN, 7.0, 70, 1000)
    values = set_value(values, "referral_nfa_rate_12m", PERIOD_END, 8.5, 85, 1000)  # beyond its 1.0-point threshold
    values = set_value(values, "referrals", PERIOD_END, 3, 3)
    html = section(render(values, catalogue, targets=TARGETS), "front-door")
    assert "1 measure improved and 1 worsened beyond their thresholds; of 1 with a target, 1 amber." in html
    assert ("Re-referrals within 12 months was 21.3%, improved from 23.0% last month; amber against a target "
            "of 20.0% and better than England's 22.6% (2025).") in html.replace("&#39;", "'")
    assert "is suppressed for February 2025 (fewer than 5 children)." in html


def test_a_neutral_measure_is_higher_or_lower_than_england_not_better():
    f = Figure("CLA per 10,000", "per_10k", "neutral", "70.0", 70.0, "ok", "69.0", "up", None, "—", 67.0, "67")
    assert sentence(f, "March 2025") == ("CLA per 10,000 was 70.0, went up from 69.0 last month; "
                                         "higher than England's 67.")
    assert area_narrative([], "March 2025") == []


def test_commentary_goes_to_the_front_page_and_its_area(values, catalogue):
    rows = [{"area": area, "paragraph": n, "text": text, "source_file": "council_inputs.xlsx, row 2"}
            for area, n, text in (("", 1, "Overall the picture is steady."), ("front door", 1, "The <b>MASH</b> moved."),
                                  ("workforce", 1, "Four starters."))]
    commentary = commentary_of(rows)
    assert commentary.paragraphs("Front door") == ["The <b>MASH</b> moved."]
    html = render(values, catalogue, commentary=commentary)
    assert '<p class="commentary">Overall the picture is steady.</p>' in html
    assert "The &lt;b&gt;MASH&lt;/b&gt; moved." in section(html, "front-door")
    assert "Four starters." in section(html, "workforce") and "Four starters." not in section(html, "front-door")
    assert commentary_of([]).by_area == {}


def action(action_id, due, status, completed_on=None, measures=()):
    return Action(action_id, f"Action {action_id}", "Head of Service", due, status, completed_on, "", tuple(measures))


def test_the_owners_status_is_shown_as_given_and_overdue_is_derived_beside_it():
    as_at = date(2025, 2, 28)
    tracker = track([
        action("A", date(2025, 2, 28), "on track"),               # due on the month end, not done: overdue
        action("B", date(2025, 3, 1), "not started"),             # due tomorrow: not overdue, still not started
        action("C", date(2025, 1, 31), "complete"),               # complete, no date: complete
        action("D", date(2025, 1, 31), "complete", date(2025, 3, 5)),  # completed after the month: overdue then
        action("E", date(2024, 12, 1), "at risk"),                # 89 days overdue, and at risk
        action("F", date(2025, 6, 30), "at risk"),                # at risk though not yet due
        action("G", date(2025, 6, 30), "off track"),
    ], as_at)
    states = {s.action.action_id: (s.status, s.overdue) for s in tracker.actions}
    assert states == {"A": ("on track", True), "B": ("not started", False), "C": ("complete", False),
                      "D": ("on track", True), "E": ("at risk", True), "F": ("at risk", False),
                      "G": ("off track", False)}
    assert (tracker.total, tracker.complete, tracker.overdue, tracker.at_risk, tracker.off_track) == (7, 1, 3, 2, 1)
    assert tracker.headline == "1 of 7 complete; 3 overdue; 2 at risk; 1 off track"
    assert [(s.action.action_id, s.days_overdue) for s in tracker.overdue_actions] == [("E", 89), ("D", 28), ("A", 0)]


def test_the_plan_tracker_counts_as_the_papers_do_and_a_red_measure_shows_its_actions(values, catalogue):
    values = set_value(values, "rereferral_rate_12m", PERIOD_END, 25.0, 250, 1000)  # 5 over: red
    html = render(values, catalogue, targets=TARGETS, actions=[
        action("IP-9", date(2025, 1, 31), "at risk", measures=["rereferral_rate_12m"]),
        action("IP-1", date(2025, 6, 30), "not started", measures=["rereferral_rate_12m"]),
        action("IP-2", date(2024, 12, 31), "complete", date(2024, 12, 20))])
    assert "Improvement plan: 1 of 3 complete; 1 overdue; 1 at risk" in html
    plan = html[html.index('id="plan-heading"'):]
    overdue = plan[plan.index("Overdue actions"):plan.index("All actions")]
    assert "IP-9" in overdue and "IP-1" not in overdue and '<td class="num">28</td>' in overdue
    every = plan[plan.index("All actions"):plan.index("</section>")]
    assert re.search(r'IP-1</th>.*?<td class="state">not started</td>\s*<td class="overdue-flag">no</td>', every, re.S)
    assert re.search(r'IP-9</th>.*?<td class="state">at risk</td>\s*<td class="overdue-flag"><strong>overdue</strong> \(28 days\)', every, re.S)
    chart = html[html.index('id="chart-rereferral_rate_12m"'):]
    chart = chart[:chart.index("</figure>")]
    assert "Plan actions addressing this: IP-9 (at risk, overdue); IP-1 (not started)" in chart
    assert 'id="plan-heading"' not in render(values, catalogue)


def test_quarantined_rows_are_counted_by_table_and_reason(values, catalogue):
    html = render(values, catalogue, data_quality=[], quarantine=[
        QuarantineItem("raw.ssda903_episodes", "DECOM is not a date", 12),
        QuarantineItem("raw.cin_referrals", "unknown referral source", 1)])
    dq = html[html.index('id="dq-heading"'):]
    assert "13 rows of this month&#39;s extract were set aside" in dq or "13 rows of this month's extract" in dq
    assert "DECOM is not a date</td><td class=\"num\">12<" in dq
    assert "No rows of this month" in render(values, catalogue, quarantine=[])


def test_the_index_lists_every_month_newest_first_without_script():
    html = render_index(la_code="999", la_name="Northbridge", generated_at=GENERATED, months=[
        PublishedMonth("March 2025", "scorecard_999_2025-03.html", 5.1),
        PublishedMonth("February 2025", "scorecard_999_2025-02.html", 5.0)])
    assert re.findall(r'href="([^"]+)"', html) == ["scorecard_999_2025-03.html", "scorecard_999_2025-02.html"]
    assert "<script" not in html and "http" not in html
