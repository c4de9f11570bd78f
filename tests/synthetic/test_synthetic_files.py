"""The generated extracts: reproducible, cut at their own date, cumulative, and in the formats read."""

import csv
import re
from datetime import date, datetime

import openpyxl
import pytest
from lxml import etree

from csc_scorecard.ingest.landing import classify
from csc_tools.synthetic import CouncilProfile, generate
from csc_tools.synthetic.timeline import Timeline

SMALL = CouncilProfile(population_0_17=8_000)
LAST_EXTRACT = date(2025, 3, 31)
UK_DATE = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\b")
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _rows(path):
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_the_same_arguments_give_byte_identical_files(tmp_path):
    args = dict(months=2, history_months=15, last_extract=LAST_EXTRACT)
    first = generate(tmp_path / "a", SMALL, seed=5, **args)
    second = generate(tmp_path / "b", SMALL, seed=5, **args)
    other = generate(tmp_path / "c", SMALL, seed=6, **args)
    assert [f.name for f in first] == [f.name for f in second] == ["2025-02-28", "2025-03-31"]
    for a, b in zip(first, second):
        assert _files(a) == _files(b)
    differing = [name for name, content in _files(first[-1]).items() if _files(other[-1])[name] != content]
    assert {"episodes.csv", "cin_census.xml", "hr_staff.csv"} <= set(differing)


def test_one_folder_per_month_end_in_date_order(small_council, tmp_path):
    assert [f.name for f in small_council] == ["2025-01-31", "2025-02-28", "2025-03-31"]
    assert all(f.parent == small_council[0].parent for f in small_council)


def test_last_extract_must_be_a_month_end(tmp_path):
    with pytest.raises(ValueError, match="month-end"):
        generate(tmp_path, SMALL, months=1, history_months=3, last_extract=date(2025, 3, 30))


def test_default_last_extract_is_the_last_month_end_before_today():
    timeline = Timeline.build(date(2025, 3, 31), months=12, history_months=36)
    assert timeline.extracts[0] == date(2024, 4, 30) and len(timeline.extracts) == 12
    assert timeline.history_start == date(2021, 4, 1)
    assert timeline.records_start <= date(2022, 4, 1)  # the 24-month lookback of the first extract


def test_closed_cases_are_exported_for_the_lookback_before_the_history(tmp_path):
    """The benchmark's extracts hold their 36 months of history and no more (lookback_months=0)."""
    assert Timeline.build(LAST_EXTRACT, months=2, history_months=36).records_start == date(2021, 2, 1)
    assert Timeline.build(LAST_EXTRACT, months=2, history_months=36, lookback_months=0).records_start == date(2022, 2, 1)

    def referrals(lookback_months):
        folder = generate(tmp_path / str(lookback_months), SMALL, months=1, history_months=30,
                          last_extract=LAST_EXTRACT, lookback_months=lookback_months)[-1]
        tree = etree.parse(str(folder / "cin_census.xml"))
        return [(d.findtext("CINreferralDate"), d.findtext("CINclosureDate")) for d in tree.iter("CINdetails")]

    history_start = Timeline.build(LAST_EXTRACT, months=1, history_months=30).history_start.isoformat()
    closed_before = lambda rows: [r for r in rows if r[1] and r[1] < history_start]
    with_lookback, without = referrals(12), referrals(0)
    assert closed_before(with_lookback) and not closed_before(without)
    # Cases open when the history starts are still there.
    assert any(made < history_start for made, _ in without)


def test_every_file_is_recognised_as_the_table_it_is_named_for(small_council):
    expected = {"header.csv": "ssda903_header", "episodes.csv": "ssda903_episodes",
                "placed_for_adoption.csv": "ssda903_placed_for_adoption", "ad1.csv": "ssda903_ad1",
                "missing.csv": "ssda903_missing", "oc3.csv": "ssda903_oc3", "hr_staff.csv": "hr_staff",
                "hr_establishment.csv": "hr_establishment", "fostering_households.csv": "fostering_households"}
    folder = small_council[-1]
    for path in sorted(folder.iterdir()):
        landed = classify(path, LAST_EXTRACT)
        if path.suffix == ".xml":
            assert landed.kind == "cin_census", path.name
        elif path.suffix == ".xlsx":
            assert landed.kind == "annex_a", path.name
        else:
            assert landed.kind == "csv" and landed.table.name == expected[path.name], (path.name, landed.reason)
    assert {p.name for p in folder.iterdir()} == {*expected, "cin_census.xml", "annex_a.xlsx"}


def test_nothing_in_an_extract_is_dated_after_it(small_council):
    for folder in small_council:
        as_at = date.fromisoformat(folder.name)
        dates = []
        for path in folder.iterdir():
            if path.suffix == ".xlsx":  # Annex A's dates are Excel dates, not text
                workbook = openpyxl.load_workbook(path, read_only=True)
                dates += [v.date() for sheet in workbook for row in sheet.iter_rows(values_only=True)
                          for v in row if isinstance(v, datetime)]
                continue
            text = path.read_text(encoding="utf-8")
            dates += [date(int(y), int(m), int(d)) for d, m, y in UK_DATE.findall(text)]
            dates += [date(int(y), int(m), int(d)) for y, m, d in ISO_DATE.findall(text)]
        assert len(dates) > 1000
        assert max(dates) <= as_at, (folder.name, max(dates))
        # ...and the extract reaches its own month: it is not an older export renamed.
        assert max(dates) >= as_at.replace(day=1)


def test_open_episodes_and_cases_are_blank_not_future_dated(small_council):
    last = small_council[-1]
    episodes = _rows(last / "episodes.csv")
    open_episodes = [e for e in episodes if not e["DEC"]]
    assert open_episodes and all(e["REC"] == "" for e in open_episodes)
    # One open episode per child in care at most: a child is in one placement at a time.
    children = [e["CHILD"] for e in open_episodes]
    assert len(children) == len(set(children))
    root = etree.parse(str(last / "cin_census.xml")).getroot()
    open_referrals = [d for d in root.iter("CINdetails") if d.find("CINclosureDate") is None]
    assert open_referrals and all(d.find("ReasonForClosure") is None for d in open_referrals)


def test_episodes_chain_without_gaps_or_overlaps(small_council):
    by_child: dict[str, list[dict]] = {}
    for e in _rows(small_council[-1] / "episodes.csv"):
        by_child.setdefault(e["CHILD"], []).append(e)
    for child, episodes in by_child.items():
        for before, after in zip(episodes, episodes[1:]):
            if before["REC"] == "X1":  # care continues: the next episode starts that day
                assert after["DECOM"] == before["DEC"] and after["RNE"] in {"L", "P", "T", "B", "U"}, child
            else:  # left care: the next period of care starts afresh
                assert after["RNE"] == "S", child


def test_extracts_are_cumulative(small_council):
    earlier, later = small_council[0], small_council[-1]
    for name, closed in [("episodes.csv", "DEC"), ("placed_for_adoption.csv", "DATE_PLACED_CEASED"),
                         ("missing.csv", "MIS_END")]:
        before = {tuple(r.values()) for r in _rows(earlier / name) if r[closed]}
        after = {tuple(r.values()) for r in _rows(later / name)}
        assert before and before <= after, name
    ad1_before = {tuple(r.values()) for r in _rows(earlier / "ad1.csv")}
    assert ad1_before <= {tuple(r.values()) for r in _rows(later / "ad1.csv")}
    leavers_before = {tuple(r.values()) for r in _rows(earlier / "hr_staff.csv") if r["end_date"]}
    leavers_after = {tuple(r.values()) for r in _rows(later / "hr_staff.csv")}
    assert leavers_before and leavers_before <= leavers_after

    def closed_referrals(folder):
        root = etree.parse(str(folder / "cin_census.xml")).getroot()
        return {etree.tostring(d) for d in root.iter("CINdetails") if d.find("CINclosureDate") is not None}

    assert closed_referrals(earlier) <= closed_referrals(later)


def test_the_profile_drives_the_figures(tmp_path):
    """A council unlike England's: more children in care, more agency staff, fewer re-referrals."""
    profile = CouncilProfile(population_0_17=30_000, cla_per_10k=120, agency_rate=0.35, rereferral_rate=0.10)
    folder = generate(tmp_path, profile, months=1, history_months=24, last_extract=LAST_EXTRACT, seed=3)[-1]

    in_care = {e["CHILD"] for e in _rows(folder / "episodes.csv") if not e["DEC"] and e["LS"] not in ("V3", "V4")}
    assert 10_000 * len(in_care) / profile.population_0_17 == pytest.approx(120, rel=0.2)

    in_post = [r for r in _rows(folder / "hr_staff.csv") if not r["end_date"]]
    agency = sum(float(r["fte"]) for r in in_post if r["contract_type"] == "agency")
    assert agency / sum(float(r["fte"]) for r in in_post) == pytest.approx(0.35, abs=0.05)

    root = etree.parse(str(folder / "cin_census.xml")).getroot()
    window = (date(2024, 4, 1), LAST_EXTRACT)
    referrals = rereferrals = 0
    for child in root.iter("Child"):
        dates = sorted(date.fromisoformat(d.findtext("CINreferralDate")) for d in child.iter("CINdetails"))
        for previous, current in zip([None, *dates], dates):
            if window[0] <= current <= window[1]:
                referrals += 1
                rereferrals += previous is not None and (current - previous).days <= 365
    assert rereferrals / referrals == pytest.approx(0.10, abs=0.03)
