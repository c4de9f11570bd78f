"""Each council's own inputs (targets, plan, commentary, Ofsted visits, board log): read from its own
folder as a workbook or CSVs, checked line by line, and shown only in its own pack."""

from datetime import date

import duckdb
import openpyxl
import pytest

from csc_scorecard import council_inputs
from csc_scorecard.cli import EXIT_OK, main
from csc_scorecard.metrics.catalogue import load_catalogue
from csc_tools.synthetic import CouncilProfile, generate

POLARITY = {m.metric_id: m.polarity for m in load_catalogue()}
MARCH = date(2025, 3, 31)

SOUTHMOOR_PLAN = """action_id,title,owner,area,due_date,status,completed_on,measures
SM-1,Southmoor front door review,Head of Front Door,Front door,2024-12-31,complete,2024-12-15,rereferral_rate_12m
SM-2,Southmoor assessment sprint,Head of Assessment,Assessment,2025-02-28,at risk,,assessments_within_45wd_12m
SM-3,Southmoor caseload cap,Head of Workforce,Workforce,2025-09-30,not started,,caseload_per_fte
"""
SOUTHMOOR_TARGETS = """metric_id,target,amber_tolerance,red_tolerance,effective_from,context,basis
rereferral_rate_12m,12.5,0,1,,,Southmoor's own ambition
"""
SOUTHMOOR_VISITS = """visit_date,visit_type,area,finding,area_status,next_visit,measures
2025-02-11,focused visit,Southmoor care leavers' accommodation,More work to do,open,,care_leavers_suitable_accommodation
"""
# Row 3 has a month the team typed as a date in words: the whole commentary input is set aside.
SOUTHMOOR_COMMENTARY = """month,area,text
2025-03,,Southmoor's March was steady.
March 2025,Front door,Busy.
"""

ALLIANCE = """
warehouse = "w.duckdb"
exports = "exports"

[[councils]]
la_code = "998"
la_name = "Southmoor"
population_0_17 = 4000
landing = "landing/998"

[[councils]]
la_code = "999"
la_name = "Northbridge"
population_0_17 = 8000
landing = "landing/999"
"""


def _write(folder, files: dict[str, str]):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text)


# --- reading one council's folder ---------------------------------------------------------

def test_a_workbook_sheet_and_a_csv_read_alike(tmp_path):
    _write(tmp_path / "csv", {"improvement_plan.csv": SOUTHMOOR_PLAN})
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "improvement_plan"
    for line in SOUTHMOOR_PLAN.strip().splitlines():
        cells = line.split(",")
        sheet.append([date.fromisoformat(c) if c[:2] == "20" else c for c in cells])  # dates as Excel keeps them
    (tmp_path / "book").mkdir()
    book.save(tmp_path / "book" / council_inputs.WORKBOOK)

    from_csv, from_book = (council_inputs.read_input(council_inputs.IMPROVEMENT_PLAN, "998", tmp_path / f, sheets, POLARITY)
                           for f, sheets in (("csv", None),
                                             ("book", council_inputs._workbook_sheets(tmp_path / "book" / council_inputs.WORKBOOK))))
    assert from_csv.state == from_book.state == council_inputs.LOADED
    assert from_csv.rows == from_book.rows
    assert [(r["action_id"], r["status"], r["measures"]) for r in from_csv.rows] == [
        ("SM-1", "complete", ["rereferral_rate_12m"]), ("SM-2", "at risk", ["assessments_within_45wd_12m"]),
        ("SM-3", "not started", ["caseload_per_fte"])]


def test_a_bad_line_in_a_workbook_names_file_sheet_row_column_and_fix(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "ofsted_visits"
    sheet.append(["visit_date", "visit_type", "area", "finding", "area_status", "next_visit", "measures"])
    sheet.append([date(2025, 2, 11), "monitoring visit", "Front door", "More work to do", "open", None, "referral_nfa_rate_12m"])
    sheet.append([date(2025, 6, 3), "inspection", "Front door", "Better", "open", None, "referal_nfa_rate"])
    book.save(tmp_path / council_inputs.WORKBOOK)

    reads = {r.spec.name: r for r in council_inputs.read_council_inputs("999", tmp_path, POLARITY)}
    visits = reads["ofsted_visits"]
    assert visits.state == council_inputs.NOT_USABLE and visits.rows == []
    assert [p.message for p in visits.problems] == [
        f"{tmp_path / council_inputs.WORKBOOK}, sheet ofsted_visits, row 3, column visit_type: must be one of "
        "focused visit, monitoring visit, ILACS inspection (got 'inspection'). "
        "Fix: one of focused visit / monitoring visit / ILACS inspection",
        f"{tmp_path / council_inputs.WORKBOOK}, sheet ofsted_visits, row 3, column measures: names no metric called "
        "referal_nfa_rate (got 'referal_nfa_rate'). Fix: " + council_inputs._MEASURES,
    ]
    assert reads["targets"].state == council_inputs.MISSING  # no sheet, no CSV: said, not guessed


@pytest.mark.parametrize("text, message", [
    ("action_id,title,owner,due_date\nIP-1,x,y,2025-03-31\n",
     "improvement_plan.csv, row 1, column status: the header row has no such column"),
    ("action_id,title,owner,due_date,status\nIP-1,x,y,31/03/2025,on track\n",
     "improvement_plan.csv, row 2, column due_date: must be a date written YYYY-MM-DD (got '31/03/2025')"),
    ("action_id,title,owner,due_date,status\nIP-1,x,y,2025-03-31,started\n",
     "row 2, column status: must be one of complete, on track, at risk, off track, not started (got 'started')"),
    ("action_id,title,owner,due_date,status\nIP-1,x,y,2025-03-31,on track\nIP-1,z,y,2025-04-30,on track\n",
     "row 3, column action_id: repeats row 2"),
])
def test_a_bad_plan_line_is_named(tmp_path, text, message):
    _write(tmp_path, {"improvement_plan.csv": text})
    read = council_inputs.read_input(council_inputs.IMPROVEMENT_PLAN, "999", tmp_path, None, POLARITY)
    assert read.state == council_inputs.NOT_USABLE
    assert message in read.problems[0].message and "Fix: " in read.problems[0].message


def test_a_catalogue_that_grows_leaves_the_targets_as_they_are(tmp_path):
    _write(tmp_path, {"targets.csv": SOUTHMOOR_TARGETS})
    grown = {**POLARITY, "a_new_measure": "higher_is_better"}
    read = council_inputs.read_input(council_inputs.TARGETS, "998", tmp_path, None, grown)
    assert read.state == council_inputs.LOADED and [r["metric_id"] for r in read.rows] == ["rereferral_rate_12m"]


# --- an alliance build: two councils, each with its own inputs ----------------------------

@pytest.fixture(scope="module")
def alliance(tmp_path_factory):
    root = tmp_path_factory.mktemp("alliance")
    # Northbridge: the synthetic council's workbook. Southmoor: CSVs of its own, a bad commentary
    # line, and no board log at all.
    generate(root / "landing" / "999", CouncilProfile(la_code="999", population_0_17=8000), months=1,
             history_months=13, last_extract=MARCH, seed=999, inputs_dir=root / "landing" / "council_inputs" / "999")
    generate(root / "landing" / "998", CouncilProfile(la_code="998", population_0_17=4000), months=1,
             history_months=13, last_extract=MARCH, seed=998)
    _write(root / "landing" / "council_inputs" / "998", {
        "improvement_plan.csv": SOUTHMOOR_PLAN, "targets.csv": SOUTHMOOR_TARGETS,
        "ofsted_visits.csv": SOUTHMOOR_VISITS, "commentary.csv": SOUTHMOOR_COMMENTARY})
    (root / "alliance.toml").write_text(ALLIANCE)
    mp = pytest.MonkeyPatch()
    mp.setenv("CSC_SETTINGS_FILE", str(root / "alliance.toml"))
    try:
        code = main(["build"])
    finally:
        mp.undo()
    packs = {la: (root / "exports" / la / f"scorecard_{la}_2025-03.html").read_text() for la in ("998", "999")}
    return root, code, packs


def test_each_council_s_pack_shows_only_its_own_plan_targets_and_visits(alliance):
    root, code, packs = alliance
    assert code == EXIT_OK
    southmoor, northbridge = packs["998"], packs["999"]
    assert "Improvement plan: 1 of 3 complete; 1 overdue; 1 at risk" in southmoor
    assert "Southmoor front door review" in southmoor and "Southmoor" not in northbridge
    assert "Single front door: MASH screening" in northbridge and "MASH screening" not in southmoor
    assert "Southmoor care leavers&#39; accommodation" in southmoor
    assert "Triaging at the front door" in northbridge and "Triaging at the front door" not in southmoor
    with duckdb.connect(str(root / "w.duckdb"), read_only=True) as con:
        targets = dict(con.sql("select la_code, count(*) from reference.targets group by 1").fetchall())
        rereferral = dict(con.sql("select la_code, target from metrics.metric_status where metric_id = "
                                  "'rereferral_rate_12m' and period_end = '2025-03-31'").fetchall())
        linked = con.sql("select la_code, action_id from reference.measure_actions "
                         "where metric_id = 'assessments_within_45wd_12m' and la_code = '998'").fetchall()
    assert targets["998"] == 1 and targets["999"] > 20
    assert rereferral == {"998": 12.5, "999": 20.0}  # each rated against its own target
    assert linked == [("998", "SM-2")]
    # Southmoor keeps no board log: its pack says so rather than showing Northbridge's.
    assert "no board decisions and actions input for this council" in southmoor
    assert "Improvement Board decisions and actions</h2>" in northbridge
    assert "Improvement Board decisions and actions</h2>" not in southmoor


def test_a_bad_input_line_is_named_and_the_rest_builds(alliance):
    root, code, packs = alliance
    assert code == EXIT_OK  # the build carries on: the bad input is a warning, not a failure
    southmoor = packs["998"]
    where = f"{root / 'landing' / 'council_inputs' / '998' / 'commentary.csv'}, row 3, column month"
    assert "Not in this pack: commentary (not usable)" in southmoor
    assert f"{where}: must be a month written YYYY-MM (got &#39;March 2025&#39;)" in southmoor
    assert "Southmoor&#39;s March was steady." not in southmoor  # the input is not used in part
    assert "Southmoor front door review" in southmoor  # its other inputs are
    with duckdb.connect(str(root / "w.duckdb"), read_only=True) as con:
        problems = con.sql("select la_code, input, row, \"column\", fix from reference.council_input_problems").fetchall()
        states = dict(con.sql("select input, state from reference.council_inputs where la_code = '998'").fetchall())
    assert problems == [("998", "commentary", 3, "month", "the month it comments on, YYYY-MM (e.g. 2026-10)")]
    assert states == {"targets": "loaded", "improvement_plan": "loaded", "commentary": "not usable",
                      "ofsted_visits": "loaded", "board_actions": "missing"}


def test_the_synthetic_council_writes_a_full_current_set_of_inputs(tmp_path):
    from csc_scorecard.scorecard.months import month_end
    from csc_scorecard.scorecard.plan import actions_of, track
    from csc_tools.synthetic.council_inputs import write_council_inputs

    extracts = tuple(month_end((2026, m)) for m in range(1, 13))
    write_council_inputs(tmp_path, extracts, seed=7)
    reads = {r.spec.name: r for r in council_inputs.read_council_inputs("999", tmp_path, POLARITY)}
    assert {name: r.state for name, r in reads.items()} == {name: council_inputs.LOADED for name in reads}
    tracker = track(actions_of(council_inputs.plan_frame(list(reads.values())).to_dicts())["999"], extracts[-1])
    assert tracker.total == 40 and tracker.complete > tracker.total / 2
    assert tracker.overdue > 0 and tracker.at_risk > 0
    commented = {r["month"] for r in reads["commentary"].rows}
    assert len(commented) >= 0.75 * len(extracts) and commented <= set(extracts)  # dated from its own months
    visits = {(r["visit_date"], r["visit_type"]) for r in reads["ofsted_visits"].rows}
    assert len(visits) == 2 and all(t == "monitoring visit" and d <= extracts[-1] for d, t in visits)
