"""A council's own inputs: the files its performance team keeps beside its landing, read into the
warehouse (reference.*) and from there onto its board pack. Contract: docs/council_inputs.md.

Each council has a folder of its own (`inputs` in its settings; by default
<landing's folder>/../council_inputs/<la_code>/) holding either one workbook, council_inputs.xlsx,
with a sheet per input, or one CSV file per input (targets.csv, improvement_plan.csv, ...). The
columns, their kinds and the fix a person is told are declared once, in INPUTS below.

An input with any bad line is not used for that council (a plan missing one action would
miscount the tracker, a target file missing one row would silently unrate a measure): every
bad line is reported with its file, sheet, row, column, value and fix, the council's pack says
the input was not usable, and the rest of the build carries on. An input the council does not
keep is "missing", said in its pack and never taken from another council.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import polars as pl

from csc_scorecard.scorecard.months import month_end

WORKBOOK = "council_inputs.xlsx"
LOADED, MISSING, NOT_USABLE = "loaded", "missing", "not usable"

PLAN_STATUSES = ("complete", "on track", "at risk", "off track", "not started")
VISIT_TYPES = ("focused visit", "monitoring visit", "ILACS inspection")
AREA_STATUSES = ("open", "closed")
BOARD_KINDS = ("decision", "action")
BOARD_STATUSES = ("open", "complete")
YES_NO = ("yes", "no")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text / number / date / month / choice / measures
    required: bool = True
    choices: tuple[str, ...] = ()
    fix: str = ""


@dataclass(frozen=True)
class InputSpec:
    name: str       # the sheet's name, the CSV's stem, the reference table's name
    title: str      # as the pack names it
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # columns no two rows may share

    @property
    def csv_name(self) -> str:
        return f"{self.name}.csv"


_MEASURES = "metric ids from docs/metrics.md, separated by ';' (e.g. rereferral_rate_12m; referral_nfa_rate_12m)"

TARGETS = InputSpec("targets", "Targets", (
    Column("metric_id", "text", fix="a metric id from docs/metrics.md"),
    Column("target", "number", required=False, fix="a number in the measure's unit (20.0 for 20%), or blank with context = yes"),
    Column("amber_tolerance", "number", required=False, fix="how far past the target is still amber, 0 or more"),
    Column("red_tolerance", "number", required=False, fix="how far past the target turns red, at least amber_tolerance"),
    Column("effective_from", "date", required=False, fix="the first month-end the target applies to, YYYY-MM-DD; blank: always"),
    Column("context", "choice", required=False, choices=YES_NO,
           fix="yes for a measure the board reads as context (no target, no RAG); else blank or no"),
    Column("basis", "text", required=False),
), key=("metric_id", "effective_from"))

IMPROVEMENT_PLAN = InputSpec("improvement_plan", "Improvement plan", (
    Column("action_id", "text", fix="a short id of your own, e.g. IP-01"),
    Column("title", "text", fix="what the action is"),
    Column("owner", "text", fix="the post that owns it"),
    Column("area", "text", required=False),
    Column("due_date", "date", fix="the date it is due, YYYY-MM-DD"),
    Column("status", "choice", choices=PLAN_STATUSES, fix="the owner's status: " + " / ".join(PLAN_STATUSES)),
    Column("completed_on", "date", required=False, fix="the date it was completed, YYYY-MM-DD, or blank"),
    Column("measures", "measures", required=False, fix=_MEASURES),
), key=("action_id",))

COMMENTARY = InputSpec("commentary", "Commentary", (
    Column("month", "month", fix="the month it comments on, YYYY-MM (e.g. 2026-10)"),
    Column("area", "text", required=False, fix="a section of the pack (e.g. Front door); blank for the front page"),
    Column("text", "text", fix="the paragraph, as the board should read it"),
))

OFSTED_VISITS = InputSpec("ofsted_visits", "Ofsted visits", (
    Column("visit_date", "date", fix="the visit's (first) day, YYYY-MM-DD"),
    Column("visit_type", "choice", choices=VISIT_TYPES, fix="one of " + " / ".join(VISIT_TYPES)),
    Column("area", "text", fix="the area of practice the inspectors looked at, e.g. Front door"),
    Column("finding", "text", fix="what the inspectors said of it"),
    Column("area_status", "choice", choices=AREA_STATUSES,
           fix="open while inspectors want more work, closed once they are satisfied"),
    Column("next_visit", "date", required=False, fix="the next visit's date, YYYY-MM-DD, or blank"),
    Column("measures", "measures", required=False, fix=_MEASURES),
), key=("visit_date", "area"))

BOARD_ACTIONS = InputSpec("board_actions", "Board decisions and actions", (
    Column("meeting_date", "date", fix="the board meeting's date, YYYY-MM-DD"),
    Column("kind", "choice", choices=BOARD_KINDS, fix="decision or action"),
    Column("item", "text", fix="what the board decided or asked for"),
    Column("owner", "text", required=False),
    Column("due_date", "date", required=False, fix="the date an action is due, YYYY-MM-DD, or blank"),
    Column("status", "choice", required=False, choices=BOARD_STATUSES, fix="open or complete (blank: open)"),
    Column("completed_on", "date", required=False, fix="the date it was completed, YYYY-MM-DD, or blank"),
))

INPUTS = (TARGETS, IMPROVEMENT_PLAN, COMMENTARY, OFSTED_VISITS, BOARD_ACTIONS)
SPEC = {spec.name: spec for spec in INPUTS}


@dataclass(frozen=True)
class Problem:
    source: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str
    problem: str
    fix: str

    @property
    def message(self) -> str:
        where = self.source + (f", sheet {self.sheet}" if self.sheet else "") + \
            (f", row {self.row}" if self.row else "") + (f", column {self.column}" if self.column else "")
        got = f" (got {self.value!r})" if self.value else ""
        return f"{where}: {self.problem}{got}. Fix: {self.fix}"


@dataclass
class InputRead:
    """One input of one council: its rows (typed, with the row they came from) or why not."""
    la_code: str
    spec: InputSpec
    state: str = MISSING
    source: str = ""
    rows: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# --- reading: a workbook's sheet or a CSV, as (row number, {column: cell}) -------------------

def _workbook_sheets(path: Path) -> dict[str, list[tuple[int, dict]]] | Problem:
    import openpyxl  # the Annex A reader's dependency already

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several kinds for a file that is not a workbook
        return Problem(str(path), None, None, None, "", f"not a readable .xlsx workbook ({exc})",
                       "save it from Excel as an Excel Workbook (.xlsx)")
    sheets = {}
    for ws in book.worksheets:
        rows = list(ws.iter_rows(values_only=True))
        sheets[ws.title.strip().lower()] = _rows_of(rows)
    book.close()
    return sheets


def _rows_of(rows: list) -> list[tuple[int, dict]]:
    if not rows:
        return []
    header = [str(h).strip().lower() if h is not None else "" for h in rows[0]]
    out = []
    for number, cells in enumerate(rows[1:], start=2):
        record = {h: c for h, c in zip(header, cells) if h}
        record["__header__"] = header
        out.append((number, record))
    return out or [(1, {"__header__": header})]


def _csv_rows(path: Path) -> list[tuple[int, dict]]:
    with path.open(newline="", encoding="utf-8-sig") as f:  # utf-8-sig: Excel's "CSV UTF-8" adds a BOM
        return _rows_of(list(csv.reader(f)))


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _parse(column: Column, value, where: dict) -> tuple[object, Problem | None]:
    def bad(problem: str) -> tuple[None, Problem]:
        return None, Problem(where["source"], where["sheet"], where["row"], column.name,
                             "" if value is None else str(value), problem, column.fix or "fill it in")

    if _blank(value):
        return (None, None) if not column.required else bad("is empty and must be filled in")
    text = value.strip() if isinstance(value, str) else value
    if column.kind == "text":
        return str(text).strip(), None
    if column.kind == "number":
        if isinstance(text, bool):
            return bad("must be a number")
        try:
            return float(text), None
        except (TypeError, ValueError):
            return bad("must be a number")
    if column.kind in ("date", "month"):
        if isinstance(text, datetime):
            parsed = text.date()
        elif isinstance(text, date):
            parsed = text
        else:
            try:
                parsed = (date.fromisoformat(f"{text}-01") if column.kind == "month" else date.fromisoformat(str(text)))
            except ValueError:
                return bad("must be a month written YYYY-MM" if column.kind == "month" else "must be a date written YYYY-MM-DD")
        return (month_end((parsed.year, parsed.month)) if column.kind == "month" else parsed), None
    if column.kind == "choice":
        for choice in column.choices:
            if str(text).strip().casefold() == choice.casefold():
                return choice, None
        return bad("must be one of " + ", ".join(column.choices))
    if column.kind == "measures":
        ids = [part.strip() for part in str(text).replace(",", ";").split(";") if part.strip()]
        unknown = [i for i in ids if i not in where["metrics"]]
        if unknown:
            return bad(f"names no metric called {', '.join(unknown)}")
        return ids, None
    raise ValueError(column.kind)


def read_input(spec: InputSpec, la_code: str, folder: Path, sheets: dict | Problem | None,
               metrics: dict[str, str]) -> InputRead:
    """One input of one council from its folder: the workbook's sheet (`sheets`, read once for all
    inputs) or <name>.csv. metrics: metric_id -> polarity (the catalogue), to check ids against."""
    read = InputRead(la_code, spec)
    csv_path = folder / spec.csv_name
    workbook = folder / WORKBOOK
    if isinstance(sheets, Problem):
        read.state, read.source, read.problems = NOT_USABLE, str(workbook), [sheets]
        return read
    in_book = sheets is not None and spec.name in sheets
    if in_book and csv_path.exists():
        read.state, read.source = NOT_USABLE, str(folder)
        read.problems = [Problem(str(csv_path), None, None, None, "",
                                 f"{spec.name} is both a sheet of {WORKBOOK} and a CSV file beside it",
                                 "keep one of the two and remove the other")]
        return read
    if in_book:
        rows, read.source, sheet = sheets[spec.name], str(workbook), spec.name
    elif csv_path.exists():
        rows, read.source, sheet = _csv_rows(csv_path), str(csv_path), None
    else:
        return read
    header = rows[0][1]["__header__"] if rows else []
    missing = [c.name for c in spec.columns if c.required and c.name not in header]
    if missing:
        read.state = NOT_USABLE
        read.problems = [Problem(read.source, sheet, 1, name, "", "the header row has no such column",
                                 f"add a column headed {name} (columns: {', '.join(c.name for c in spec.columns)})")
                         for name in missing]
        return read
    seen: dict[tuple, int] = {}
    for number, record in rows:
        cells = {c.name: record.get(c.name) for c in spec.columns}
        if all(_blank(v) for v in cells.values()):
            continue  # a blank line left by a spreadsheet
        where = {"source": read.source, "sheet": sheet, "row": number, "metrics": metrics}
        parsed, problems = {}, []
        for column in spec.columns:
            parsed[column.name], problem = _parse(column, cells[column.name], where)
            if problem:
                problems.append(problem)
        if not problems:
            problems += _row_rules(spec, parsed, where)
        if spec.key and not problems:
            key = tuple(parsed[k] for k in spec.key)
            if key in seen:
                problems.append(Problem(read.source, sheet, number, spec.key[0], str(key[0]),
                                        f"repeats row {seen[key]} ({', '.join(spec.key)} must differ)",
                                        "keep one of the two rows"))
            seen.setdefault(key, number)
        read.problems += problems
        read.rows.append({"source_row": number, **parsed})
    read.state = NOT_USABLE if read.problems else LOADED
    if read.problems:
        read.rows = []
    return read


def _row_rules(spec: InputSpec, row: dict, where: dict) -> list[Problem]:
    """What one column alone cannot say: a target's tolerances, a metric's polarity."""
    def problem(column: str, text: str, fix: str) -> Problem:
        value = row.get(column)
        return Problem(where["source"], where["sheet"], where["row"], column, "" if value is None else str(value),
                       text, fix)

    if spec is TARGETS:
        metric_id, context = row["metric_id"], row["context"] == "yes"
        if metric_id not in where["metrics"]:
            return [problem("metric_id", "names no metric in the catalogue", "a metric id from docs/metrics.md")]
        if context:
            return [] if row["target"] is None else [problem(
                "target", "is given for a measure marked context", "blank the target, or set context to no")]
        if where["metrics"][metric_id] == "neutral":
            return [problem("metric_id", "is a neutral measure (neither higher nor lower is better), so it "
                                         "gets no RAG", "remove its target row, or set context = yes")]
        blank = [c for c in ("target", "amber_tolerance", "red_tolerance") if row[c] is None]
        if blank:
            return [problem(blank[0], "is empty and must be filled in for a rated measure",
                            "a number, or set context = yes for a measure with no target")]
        if not 0 <= row["amber_tolerance"] <= row["red_tolerance"]:
            return [problem("red_tolerance", f"must be at least amber_tolerance ({row['amber_tolerance']:g}), "
                                             "and both 0 or more", "0 <= amber_tolerance <= red_tolerance")]
    return []


def read_council_inputs(la_code: str, folder: Path, metrics: dict[str, str]) -> list[InputRead]:
    workbook = folder / WORKBOOK
    sheets = _workbook_sheets(workbook) if workbook.exists() else None
    return [read_input(spec, la_code, folder, sheets, metrics) for spec in INPUTS]


# --- the warehouse's tables --------------------------------------------------------------

TARGETS_SCHEMA = {"la_code": pl.String, "metric_id": pl.String, "effective_from": pl.Date, "target": pl.Float64,
                  "amber_tolerance": pl.Float64, "red_tolerance": pl.Float64, "is_context": pl.Boolean,
                  "basis": pl.String}
PLAN_SCHEMA = {"la_code": pl.String, "action_id": pl.String, "title": pl.String, "owner": pl.String,
               "area": pl.String, "due_date": pl.Date, "status": pl.String, "completed_on": pl.Date,
               "measures": pl.List(pl.String)}
MEASURE_ACTIONS_SCHEMA = {"la_code": pl.String, "metric_id": pl.String, "action_id": pl.String,
                          "title": pl.String, "owner": pl.String, "due_date": pl.Date, "status": pl.String,
                          "completed_on": pl.Date}
COMMENTARY_SCHEMA = {"la_code": pl.String, "period_end": pl.Date, "area": pl.String, "paragraph": pl.Int32,
                     "text": pl.String, "source_file": pl.String}
OFSTED_SCHEMA = {"la_code": pl.String, "visit_date": pl.Date, "visit_type": pl.String, "area": pl.String,
                 "finding": pl.String, "area_status": pl.String, "next_visit": pl.Date,
                 "measures": pl.List(pl.String)}
BOARD_SCHEMA = {"la_code": pl.String, "meeting_date": pl.Date, "kind": pl.String, "item": pl.String,
                "owner": pl.String, "due_date": pl.Date, "status": pl.String, "completed_on": pl.Date}
STATE_SCHEMA = {"la_code": pl.String, "input": pl.String, "title": pl.String, "state": pl.String,
                "source": pl.String, "rows": pl.Int64, "problems": pl.Int64}
PROBLEM_SCHEMA = {"la_code": pl.String, "input": pl.String, "source": pl.String, "sheet": pl.String,
                  "row": pl.Int64, "column": pl.String, "value": pl.String, "problem": pl.String,
                  "fix": pl.String, "message": pl.String}


def _rows(reads: list[InputRead], spec: InputSpec) -> list[dict]:
    return [{"la_code": r.la_code, **row} for r in reads if r.spec is spec for row in r.rows]


def targets_frame(reads: list[InputRead]) -> pl.DataFrame:
    return pl.DataFrame([{**row, "is_context": row["context"] == "yes", "basis": row["basis"] or ""}
                         for row in _rows(reads, TARGETS)], schema=TARGETS_SCHEMA)


def plan_frame(reads: list[InputRead]) -> pl.DataFrame:
    return pl.DataFrame([{**row, "area": row["area"] or "", "measures": row["measures"] or []}
                         for row in _rows(reads, IMPROVEMENT_PLAN)], schema=PLAN_SCHEMA)


def measure_actions_frame(plan: pl.DataFrame) -> pl.DataFrame:
    """(la_code, metric_id) -> the plan's actions that aim to move the measure, one row each."""
    linked = plan.explode("measures").drop_nulls("measures").rename({"measures": "metric_id"})
    return linked.select(list(MEASURE_ACTIONS_SCHEMA)).sort("la_code", "metric_id", "action_id")


def commentary_frame(reads: list[InputRead]) -> pl.DataFrame:
    rows, paragraph = [], {}
    for row in _rows(reads, COMMENTARY):
        area = (row["area"] or "").casefold()
        n = paragraph[(row["la_code"], row["month"], area)] = paragraph.get((row["la_code"], row["month"], area), 0) + 1
        source = next(r.source for r in reads if r.la_code == row["la_code"] and r.spec is COMMENTARY)
        rows.append({"la_code": row["la_code"], "period_end": row["month"], "area": area, "paragraph": n,
                     "text": row["text"], "source_file": f"{Path(source).name}, row {row['source_row']}"})
    return pl.DataFrame(rows, schema=COMMENTARY_SCHEMA)


def ofsted_frame(reads: list[InputRead]) -> pl.DataFrame:
    return pl.DataFrame([{**row, "measures": row["measures"] or []} for row in _rows(reads, OFSTED_VISITS)],
                        schema=OFSTED_SCHEMA)


def board_frame(reads: list[InputRead]) -> pl.DataFrame:
    return pl.DataFrame([{**row, "status": row["status"] or "open"} for row in _rows(reads, BOARD_ACTIONS)],
                        schema=BOARD_SCHEMA)


def state_frame(reads: list[InputRead]) -> pl.DataFrame:
    return pl.DataFrame([{"la_code": r.la_code, "input": r.spec.name, "title": r.spec.title, "state": r.state,
                          "source": r.source, "rows": len(r.rows), "problems": len(r.problems)} for r in reads],
                        schema=STATE_SCHEMA)


def problems_frame(reads: list[InputRead]) -> pl.DataFrame:
    return pl.DataFrame([{"la_code": r.la_code, "input": r.spec.name, "source": p.source, "sheet": p.sheet,
                          "row": p.row, "column": p.column, "value": p.value, "problem": p.problem, "fix": p.fix,
                          "message": p.message} for r in reads for p in r.problems], schema=PROBLEM_SCHEMA)


# --- what a council's pack says of its inputs --------------------------------------------

@dataclass(frozen=True)
class InputNotice:
    title: str
    state: str
    text: str
    problems: list[str]


SHOWN_PROBLEMS = 10  # the rest are in reference.council_input_problems and the build's log


def input_notices(states: list[dict], problems: list[dict] | None) -> list[InputNotice]:
    """One council's inputs that are missing or not usable, as its pack says them."""
    notices = []
    for s in states:
        if s["state"] == LOADED:
            continue
        if s["state"] == MISSING:
            text = (f"no {s['title'].lower()} input for this council: add a {s['input']} sheet to {WORKBOOK} "
                    f"or a {s['input']}.csv in its inputs folder")
            notices.append(InputNotice(s["title"], s["state"], text, []))
            continue
        lines = [p["message"] for p in problems or [] if p["input"] == s["input"]]
        more = len(lines) - SHOWN_PROBLEMS
        text = (f"not used this build: {s['problems']} line{'s' if s['problems'] != 1 else ''} could not be read; "
                "fix them and rebuild")
        notices.append(InputNotice(s["title"], s["state"], text,
                                   lines[:SHOWN_PROBLEMS] + ([f"and {more} more"] if more > 0 else [])))
    return notices
