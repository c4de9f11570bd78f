"""Landing cases: what a council might land, built end to end, and every row and file accounted for.

Each case lands the shared samples (other projects' public fake returns) with one thing wrong or
unusual, runs a whole build, and counts: records in the landed files (counted here, by a plain
parse, not by the loader), rows loaded, records in files the build did not read, rows quarantined,
things not read, and the exit code. `python -m csc_tools.landing_cases` prints the table.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lxml import etree

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
EXTRACT = date(2024, 3, 31)
# The council the samples are landed for: fake_CIN_data.xml declares LEA 975.
LA_CODE = "975"
# CIN census groups that become raw rows, one row per element.
CIN_RECORDS = {"Child", "CINdetails", "Assessments", "CINPlanDates", "Section47", "ChildProtectionPlans"}
CSWW_RECORDS = {"CSWWWorker"}
EPISODES = sum(1 for _ in csv.reader(io.StringIO((SAMPLES / "ssda903" / "episodes.csv").read_text()))) - 1


@dataclass(frozen=True)
class Case:
    name: str
    land: Callable[[Path], None]  # writes into the council's landing folder
    exit_code: int = 0
    not_read: dict[str, int] = field(default_factory=dict)  # outcome -> how many
    set_aside: int = 0  # rows the case makes invalid, quarantined beside the samples' own errors


@dataclass(frozen=True)
class Accounting:
    rows_in: int
    rows_loaded: int
    rows_not_read: int  # records in files the build did not load (duplicates, unread, failed)
    rows_quarantined: int
    not_read: dict[str, int]
    exit_code: int


def _month(landing: Path, when: date = EXTRACT) -> Path:
    folder = landing / when.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _samples(folder: Path, *, cin: bool = True) -> None:
    for name in ("header.csv", "episodes.csv", "uasc.csv", "missing.csv"):
        shutil.copy(SAMPLES / "ssda903" / name, folder / name)
    if cin:
        shutil.copy(SAMPLES / "cin_census" / "fake_CIN_data.xml", folder / "cin_census.xml")


def _with(extra: Callable[[Path], None], *, cin: bool = True) -> Callable[[Path], None]:
    def land(landing: Path) -> None:
        folder = _month(landing)
        _samples(folder, cin=cin)
        extra(folder)
    return land


def _episodes_rows(transform: Callable[[list[str], list[str]], list[str]]) -> str:
    rows = list(csv.reader(io.StringIO((SAMPLES / "ssda903" / "episodes.csv").read_text())))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(rows[0])
    for row in rows[1:]:
        writer.writerow(transform(rows[0], row))
    return out.getvalue()


def _set(column: str, value: Callable[[str], str], every: int = 1):
    def transform(header, row, _n=[0]):
        _n[0] += 1
        if _n[0] % every == 0:
            row = list(row)
            row[header.index(column)] = value(row[header.index(column)])
        return row
    return transform


def _iso(text: str) -> str:
    day, month, year = (text.split("/") + ["", "", ""])[:3]
    return f"{year}-{month}-{day}" if year else text


def _csww(lea: str) -> str:
    """The CSWW sample (which declares LEA 301) as council `lea`'s return."""
    return (SAMPLES / "workforce" / "social_work_workforce_2022.xml").read_text().replace(
        "<LEA>301</LEA>", f"<LEA>{lea}</LEA>")


def _symlink_out(folder: Path) -> None:
    outside = folder.parent.parent / "outside.csv"
    outside.write_text("CHILD,SECRET\n1,do not print me\n")
    (folder / "reviews.csv").symlink_to(outside)


CASES = [
    Case("the samples as they are", _with(lambda f: None)),
    Case("a CIN return landed twice as `cin_census (1).xml`",
         _with(lambda f: shutil.copy(f / "cin_census.xml", f / "cin_census (1).xml")), not_read={"duplicate": 1}),
    Case("an episodes file copied under another name",
         _with(lambda f: shutil.copy(f / "episodes.csv", f / "episodes - Copy.csv")), not_read={"duplicate": 1}),
    Case("a folder named `October 2026`", _with(lambda f: (f.parent / "October 2026").mkdir()),
         not_read={"not a month folder": 1}),
    Case("a folder named `2026-02-31`", _with(lambda f: (f.parent / "2026-02-31").mkdir()),
         not_read={"not a real date": 1}),
    Case("a folder dated `2099-01-31`", _with(lambda f: (f.parent / "2099-01-31").mkdir()),
         not_read={"dated in the future": 1}),
    Case("a hidden file `.episodes.csv`",
         _with(lambda f: shutil.copy(f / "episodes.csv", f / ".episodes.csv")), not_read={"hidden": 1}),
    Case("an empty `reviews.csv`", _with(lambda f: (f / "reviews.csv").write_text("")), not_read={"empty": 1}),
    Case("a 2024/25 table not read (`DoLo.csv`)",
         _with(lambda f: (f / "DoLo.csv").write_text("CHILD,DOB,DOLO\n1,01/01/2015,01/02/2024\n")),
         not_read={"table not read": 1}),
    Case("a CSV no return has (`notes.csv`)",
         _with(lambda f: (f / "notes.csv").write_text("when,what\n2024-03-01,called\n")),
         not_read={"unrecognised": 1}),
    Case("a symlink out of the landing", _with(_symlink_out), not_read={"symlink (not followed)": 1}),
    Case("a file directly in the landing, not in a month folder",
         _with(lambda f: shutil.copy(f / "header.csv", f.parent / "header.csv")),
         not_read={"not in an extract folder": 1}),
    Case("a folder inside the month folder",
         _with(lambda f: (f / "old").mkdir() or shutil.copy(f / "header.csv", f / "old" / "header.csv")),
         not_read={"not in an extract folder": 2}),  # the folder and its file
    Case("binary garbage named `oc2.csv`",
         _with(lambda f: (f / "oc2.csv").write_bytes(bytes(range(256)) * 40)), not_read={"unrecognised": 1}),
    Case("a truncated CIN return", _with(lambda f: (f / "cin_census.xml").write_text(
        (SAMPLES / "cin_census" / "fake_CIN_data.xml").read_text()[:20_000])), exit_code=1,
        not_read={"failed": 1}),
    Case("an empty month folder beside a full one",
         _with(lambda f: _month(f.parent, date(2024, 2, 29)) and None)),
    Case("the same returns re-sent unchanged next month",
         _with(lambda f: shutil.copytree(f, f.parent / "2024-04-30"))),
    Case("every episode's DECOM in ISO dates",
         _with(lambda f: (f / "episodes.csv").write_text(_episodes_rows(_set("DECOM", _iso))), cin=False),
         exit_code=3),  # blocked at validation: staging (and quarantine) not built
    Case("one episode in twenty in ISO dates",
         _with(lambda f: (f / "episodes.csv").write_text(_episodes_rows(_set("DECOM", _iso, every=20))), cin=False),
         set_aside=EPISODES // 20),
    Case("legal status `ZZ` on one episode in fifty",
         _with(lambda f: (f / "episodes.csv").write_text(_episodes_rows(_set("LS", lambda _: "ZZ", every=50))),
               cin=False), set_aside=EPISODES // 50),
    Case("legal status `ZZ` on one episode in ten (over 5% of the file: blocks the month)",
         _with(lambda f: (f / "episodes.csv").write_text(_episodes_rows(_set("LS", lambda _: "ZZ", every=10))),
               cin=False), exit_code=3),
    Case("an episode ending in 2099",
         _with(lambda f: (f / "episodes.csv").write_text(_episodes_rows(_set("DEC", lambda _: "01/04/2099",
                                                                              every=50))), cin=False),
         set_aside=EPISODES // 50),
    Case("an extra column the return does not have",
         _with(lambda f: (f / "missing.csv").write_text(
             "\n".join(line + (",EXTRA" if n == 0 else ",x") for n, line in
                       enumerate((SAMPLES / "ssda903" / "missing.csv").read_text().splitlines())) + "\n"))),
    Case("the council's CSWW workforce census beside the returns",
         _with(lambda f: (f / "csww.xml").write_text(_csww(LA_CODE)))),
    Case("another council's CSWW census in this council's folder",
         _with(lambda f: (f / "csww.xml").write_text(_csww("976"))), exit_code=1, not_read={"failed": 1}),
    Case("the Annex A workbook beside the returns",
         _with(lambda f: shutil.copy(SAMPLES / "annex_a" / "Annex_A.xlsx", f / "annex_a.xlsx"))),
    Case("SSDA903 only, no CIN return", _with(lambda f: None, cin=False)),
    Case("a file over the size limit", _with(lambda f: None),  # the limit is lowered for this case
         not_read={"too large": 1}),
]


def records_in(path: Path) -> int:
    """Records a landed file holds, by a plain parse: CSV data lines, the CIN groups raw keeps, or
    a workbook's non-blank rows below each sheet's header."""
    if path.is_symlink() or not path.is_file() or path.name.startswith(".") or path.stat().st_size == 0:
        return 0
    if path.suffix.lower() == ".csv":
        try:
            return max(len(list(csv.reader(io.StringIO(path.read_text())))) - 1, 0)
        except UnicodeDecodeError:
            return 0
    if path.suffix.lower() == ".xml":
        try:
            root = etree.parse(str(path)).getroot()
        except etree.XMLSyntaxError:
            return 0
        collection = next((e.text for e in root.iter() if isinstance(e.tag, str)
                           and etree.QName(e).localname == "Collection"), None)
        groups = CIN_RECORDS if collection == "CIN" else CSWW_RECORDS if collection == "CSWW" else set()
        records = sum(1 for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname in groups)
        # raw.csww_la_level holds one row per return: its header with the LA's vacancies.
        return records + (collection == "CSWW")
    if path.suffix.lower() == ".xlsx":
        import openpyxl
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            return sum(max(sum(1 for row in sheet.iter_rows(values_only=True)
                               if any(v not in (None, "") for v in row)) - 1, 0) for sheet in workbook.worksheets)
        finally:
            workbook.close()
    return 0


def run(case: Case, workdir: Path) -> Accounting:
    import duckdb

    from csc_scorecard.cli import main
    from csc_scorecard.ingest import landing as landing_module
    from csc_scorecard.settings import working_warehouse

    landing = workdir / "landing"
    landing.mkdir(parents=True)
    case.land(landing)
    size_limit = landing_module.MAX_FILE_BYTES
    if case.name == "a file over the size limit":
        # Just under the largest landed file (the samples' episodes.csv), so exactly one is over it.
        landing_module.MAX_FILE_BYTES = max(p.stat().st_size for p in landing.rglob("*") if p.is_file()) - 1
    environ = {"CSC_LA_CODE": LA_CODE, "DAGSTER_DISABLE_TELEMETRY": "1"}
    saved = {k: os.environ.get(k) for k in environ}
    os.environ.update(environ)
    try:
        exit_code = main(["build", "--landing", str(landing), "--warehouse", str(workdir / "w.duckdb"),
                          "--exports", str(workdir / "exports")])
    finally:
        landing_module.MAX_FILE_BYTES = size_limit
        for k, v in saved.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
    files = [p for p in landing.rglob("*") if not p.is_dir()]
    rows_in = sum(records_in(p) for p in files)
    # The build's own file: a failed build publishes nothing, but what it found is still there.
    with duckdb.connect(str(working_warehouse(workdir / "w.duckdb")), read_only=True) as con:
        report = con.sql("select path, outcome, rows_loaded from quality.landing_files").fetchall()
        quarantined = con.sql("select count(*) from staging.quarantine").fetchone()[0] \
            if con.sql("select count(*) from duckdb_tables() where schema_name = 'staging' "
                       "and table_name = 'quarantine'").fetchone()[0] else 0
    loaded = {path: rows for path, outcome, rows in report if outcome == "loaded"}
    not_read: dict[str, int] = {}
    for _, outcome, _ in report:
        if outcome not in ("loaded", "extract folder"):
            not_read[outcome] = not_read.get(outcome, 0) + 1
    rows_not_read = sum(records_in(landing / p) for p, outcome, _ in report if outcome not in ("loaded", "extract folder"))
    return Accounting(rows_in, sum(loaded.values()), rows_not_read, quarantined, not_read, exit_code)


def table(cases=CASES) -> str:
    lines = ["| # | case | rows in | loaded | in files not read | quarantined | not read | exit |",
             "|---|---|---|---|---|---|---|---|"]
    for n, case in enumerate(cases, 1):
        with tempfile.TemporaryDirectory() as tmp:
            a = run(case, Path(tmp))
        unread = ", ".join(f"{v} {k}" for k, v in sorted(a.not_read.items())) or "none"
        lines.append(f"| {n} | {case.name} | {a.rows_in:,} | {a.rows_loaded:,} | {a.rows_not_read:,} | "
                     f"{a.rows_quarantined:,} | {unread} | {a.exit_code} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(CASES[int(sys.argv[1]) - 1: int(sys.argv[1])] if len(sys.argv) > 1 else CASES))
