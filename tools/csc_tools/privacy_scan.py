"""Search everything a build lets out for the identifiers it was given.

    python -m csc_tools.privacy_scan WORKING PUBLISHED [TEXT_FILE_OR_FOLDER ...]

The identifiers are read from the working warehouse's raw tables, which hold every landed value:
each value of a column the contract classes as a direct identifier, and each child's date of birth.
They are then looked for
- in the analysts' copy, every text column of every table: an identifier as a whole value or as a
  word of a text; a date of birth beside the key of the child it belongs to (a date of birth on its own
  is any date: thousands of children cover nearly every day of the last eighteen years);
- in every text given (the board pack, the CLI's output, the Dagster event log and compute logs):
  an identifier as a word, a date of birth in any of the ways the pipeline or a file writes dates,
  except the first and last days of months, which are the periods and extract dates every page and
  log names.
What is found is named by place and kind, never by value.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb

from csc_scorecard.ingest.families import RAW_TABLES

_WORD = re.compile(r"[A-Za-z0-9]+")
# In a text, a word after a decimal point is a fraction (a timestamp's microseconds), not an id.
_TEXT_WORD = re.compile(r"(?<![.0-9])[A-Za-z0-9]+")
# Shorter ids are words any text has ("1", "SW9"); none of the national returns' ids is this short.
MIN_ID_CHARS = 5
# A column of the copy that equals the child's own date of birth on more rows than this carries it.
BIRTH_DATE_COLUMN_SHARE = 0.5
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%Y/%m/%d")


@dataclass
class Scan:
    ids: int = 0
    ids_too_short: int = 0
    birth_dates: int = 0  # (child, date of birth) pairs searched in the copy
    birth_date_texts: int = 0  # date spellings searched in texts
    birth_dates_on_month_edges: int = 0
    cells: int = 0  # values of the copy searched
    texts: int = 0
    event_on_birthday: tuple[str, float] = ("", 0.0)  # the column of the copy most often on a child's birthday
    hits: list[str] = field(default_factory=list)

    def report(self) -> str:
        return (f"identifiers searched: {self.ids:,} (and {self.ids_too_short:,} under {MIN_ID_CHARS} characters, "
                f"not searchable as words); children's dates of birth searched beside their keys: "
                f"{self.birth_dates:,}; date-of-birth spellings searched in texts: {self.birth_date_texts:,} "
                f"({self.birth_dates_on_month_edges:,} dates on the first or last day of a month left out); "
                f"copy values searched: {self.cells:,}; texts searched: {self.texts}; hits: {len(self.hits)}"
                + (f"\n  most often on the child's birthday: {self.event_on_birthday[0]}, "
                   f"{self.event_on_birthday[1]:.1%} of rows (events on the day of birth)"
                   if self.event_on_birthday[0] else "")
                + "".join(f"\n  {hit}" for hit in self.hits))


def _parse_date(text: str) -> date | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip()[:10], fmt).date()
        except ValueError:
            continue
    return None


def landed_identifiers(working: duckdb.DuckDBPyConnection) -> tuple[set[str], set[date]]:
    """Every direct identifier value and every date of birth in the working warehouse's raw tables."""
    present = {r[0] for r in working.sql("select table_name from duckdb_tables() where schema_name = 'raw'").fetchall()}
    ids: set[str] = set()
    births: set[date] = set()
    for name, table in RAW_TABLES.items():
        if name not in present:
            continue
        for column in table.direct:
            ids |= {r[0].strip() for r in working.sql(
                f'select distinct "{column}" from raw.{name} where "{column}" is not null').fetchall() if r[0].strip()}
        for column in table.quasi:
            if "birth" in column.lower() or column.upper() in ("DOB", "MC_DOB"):
                births |= {d for r in working.sql(f'select distinct "{column}" from raw.{name} '
                                                  f'where "{column}" is not null').fetchall()
                           if (d := _parse_date(r[0]))}
    return ids, births


def _child_births(working: duckdb.DuckDBPyConnection) -> dict[str, set[date]]:
    """child_key -> its dates of birth, from every staging table that has both."""
    tables = working.sql("""
        select table_name from duckdb_columns() where schema_name = 'staging'
        group by table_name having count(*) filter (column_name = 'child_key') > 0
                               and count(*) filter (column_name = 'date_of_birth') > 0
    """).fetchall()
    births: dict[str, set[date]] = {}
    for (table,) in tables:
        for key, born in working.sql(f"select distinct child_key::varchar, date_of_birth from staging.{table} "
                                     "where child_key is not null and date_of_birth is not null").fetchall():
            births.setdefault(key, set()).add(born)
    return births


def _spellings(d: date) -> set[str]:
    return {d.strftime(f) for f in _DATE_FORMATS} | {d.strftime("%-d %b %Y"), d.strftime("%-d %B %Y")}


def _on_month_edge(d: date) -> bool:
    return d.day == 1 or (d + timedelta(days=1)).day == 1


def scan(working_path: Path, published_path: Path, texts: dict[str, str]) -> Scan:
    result = Scan()
    with duckdb.connect(str(working_path), read_only=True) as working:
        ids, births = landed_identifiers(working)
        child_births = _child_births(working)
    searchable = {i for i in ids if len(i) >= MIN_ID_CHARS}
    result.ids, result.ids_too_short = len(searchable), len(ids) - len(searchable)
    result.birth_dates = sum(len(v) for v in child_births.values())

    with duckdb.connect(str(published_path), read_only=True) as copy:
        columns = copy.sql("select schema_name, table_name, column_name, data_type from duckdb_columns() "
                           "where database_name = current_database() order by all").fetchall()
        by_table: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for schema, table, column, type_ in columns:
            by_table.setdefault((schema, table), []).append((column, type_))
        for (schema, table), cols in by_table.items():
            names = [c for c, _ in cols]
            types = dict(cols)
            rows = copy.sql(f'select {", ".join(f"{chr(34)}{c}{chr(34)}::varchar" for c in names)} '
                            f'from {schema}."{table}"').fetchall()
            keyed = names.index("child_key") if "child_key" in names else None
            found: dict[str, str] = {}
            on_birthday = dict.fromkeys(names, 0)
            for row in rows:
                born = child_births.get(row[keyed], ()) if keyed is not None else ()
                for column, value in zip(names, row):
                    if value is None:
                        continue
                    result.cells += 1
                    # Ids are text in every layer: a number column equal to one (a working-day number) is chance.
                    if types[column] in ("VARCHAR", "UUID") and value in searchable or (searchable and not _WORD.fullmatch(value)
                                               and searchable & set(_WORD.findall(value))):
                        found.setdefault(column, "a child's or worker's identifier")
                    elif born and column != "child_key" and _parse_date(value) in born:
                        on_birthday[column] += 1
            for column, n in on_birthday.items():
                if not n:
                    continue
                share = n / len(rows)
                place = f"{schema}.{table}.{column}"
                # A column that is the child's date of birth matches on nearly every row; an event column
                # matches where the event happened on the day the child was born (a referral at birth).
                if share > BIRTH_DATE_COLUMN_SHARE:
                    found.setdefault(column, f"the child's date of birth beside its key in {share:.0%} of rows")
                elif share > result.event_on_birthday[1]:
                    result.event_on_birthday = (place, share)
            result.hits += [f"copy {schema}.{table}.{column}: {kind}" for column, kind in found.items()]

    birth_texts = set()
    for d in births:
        if _on_month_edge(d):
            result.birth_dates_on_month_edges += 1
        else:
            birth_texts |= _spellings(d)
    result.birth_date_texts = len(birth_texts)
    date_pattern = re.compile(r"\d{1,4}[/-]\d{1,2}[/-]\d{2,4}|\d{1,2} [A-Z][a-z]+ \d{4}")
    for where, text in texts.items():
        result.texts += 1
        words = set(_TEXT_WORD.findall(text))
        if searchable & words:
            result.hits.append(f"{where}: {len(searchable & words)} child's or worker's identifiers")
        dates = {d for d in date_pattern.findall(text) if d in birth_texts}
        if dates:
            result.hits.append(f"{where}: {len(dates)} dates of birth")
    return result


def read_texts(paths: list[Path]) -> dict[str, str]:
    """Every file under each path, as text (bytes that are not UTF-8 dropped: a database's pages too)."""
    texts = {}
    for path in paths:
        for file in [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()):
            texts[str(file)] = file.read_bytes().decode("utf-8", errors="ignore")
    return texts


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    result = scan(Path(args[0]), Path(args[1]), read_texts([Path(a) for a in args[2:]]))
    print(result.report())
    return 1 if result.hits else 0


if __name__ == "__main__":
    sys.exit(main())
