"""The national extract formats this pipeline reads, as raw tables.

Raw tables keep every value exactly as the file wrote it (VARCHAR) under the
file's own column names, so a typing problem is visible and fixable downstream
instead of being lost at load time. Every raw row also carries where it came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb

from csc_scorecard.contracts import Contract, contracts_of
from csc_scorecard.ingest.hr_aliases import canonical_column
from csc_scorecard.warehouse import quote_literal

# Lineage columns on every raw row (see README: "How a row travels").
METADATA_COLUMNS: dict[str, str] = {
    "_la_code": "varchar",
    "_extract_date": "date",
    "_source_file": "varchar",
    "_file_hash": "varchar",
    "_row_number": "bigint",
    "_loaded_at": "timestamp",
}


class UnreadableFile(ValueError):
    """A landed file that cannot be read at all; the message names the file and the fault."""


# The longest value any raw column takes. The national returns' fields are codes, dates and ids of
# tens of characters (free-text fields a few hundred at most); a 200 MB identifier once grew a warehouse
# from 20 MB to 834 MB. A file with a longer value is refused, naming where the value is, not loaded.
MAX_FIELD_CHARS = 10_000
_LIMIT_TOLD = "-character limit of any field"  # marks the message as this check's


def length_checked(value: str, column: str, where: str) -> str:
    """SQL for `value` (an expression), failing the statement when it is longer than MAX_FIELD_CHARS
    with a message naming `where` (an SQL text expression: the file and row), the column and the
    value's length, never the value. Checked in the insert that reads the file, so the file is read
    once and a refused value never reaches a table; `refusing_long_values` turns the failure into
    UnreadableFile."""
    message = (f"{where} || {quote_literal(f', column {column} holds a value of ')} "
               f"|| format('{{:,}}', length({value})) || "
               + quote_literal(f" characters, over the {MAX_FIELD_CHARS:,}{_LIMIT_TOLD}; the value is not "
                               "shown or loaded. Correct it in the source system and export the file again"))
    # strlen counts bytes without reading them: no more bytes than the limit, no more characters.
    return (f"case when strlen({value}) > {MAX_FIELD_CHARS} and length({value}) > {MAX_FIELD_CHARS} "
            f"then error({message}) else {value} end")


def checked_columns(table: "RawTable", where: str) -> str:
    """A select list of `table`'s columns, each file value `length_checked` (`where`: as there)."""
    selected = []
    for c in table.columns:
        quoted = f'"{c}"'
        selected.append(quoted if c.startswith("_") else f"{length_checked(quoted, c, where)} as {quoted}")
    return ", ".join(selected)


@contextmanager
def refusing_long_values() -> Iterator[None]:
    """Around a statement with `length_checked` values: a value over the limit raises UnreadableFile."""
    try:
        yield
    except duckdb.InvalidInputException as exc:
        message = str(exc)
        if _LIMIT_TOLD not in message:
            raise
        raise UnreadableFile(message.removeprefix("Invalid Input Error: ")) from None


def printable(text: str, limit: int = 60) -> str:
    """File content fit to quote in a message for a person: every character that is not printable
    (control codes, binary, undecodable bytes) written as an escape, and cut to `limit` characters."""
    shown = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c) & 0xffff:04x}"
                    for c in text[:limit])
    return shown if len(text) <= limit else f"{shown}... ({len(text):,} characters)"


DIRECT, QUASI = "direct", "quasi"


@dataclass(frozen=True)
class RawTable:
    name: str  # table in the `raw` schema
    family: str  # the return it belongs to: ssda903 | cin_census | hr | fostering | csww | annex_a
    columns: tuple[str, ...]
    # Columns a file may leave out (loaded as NULL); every other column must be in the header.
    optional: tuple[str, ...] = ()
    # Who a value can identify (docs/privacy.md). DIRECT: a person on its own (a child's or a
    # worker's id, a name); QUASI: a person beside other facts (a date of birth, a postcode). Raw keeps
    # both as landed; the analysts' copy holds neither (privacy.analyst_copy), and no message quotes them.
    direct: tuple[str, ...] = ()
    quasi: tuple[str, ...] = ()

    def identifier_class(self, column: str) -> str | None:
        return DIRECT if column in self.direct else QUASI if column in self.quasi else None

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c for c in self.columns if c not in self.optional)

    @property
    def qualified(self) -> str:
        return f"raw.{self.name}"

    def create_sql(self) -> str:
        # Columns named _x are keys this pipeline adds (sequence numbers), not file values.
        cols = [f'"{c}" bigint' if c.startswith("_") else f'"{c}" varchar' for c in self.columns]
        cols += [f"{c} {t}" for c, t in METADATA_COLUMNS.items()]
        return f"create table if not exists {self.qualified} ({', '.join(cols)})"


def raw_table(contract: Contract) -> RawTable:
    """The raw table a contract declares: its columns in the file's order, which a file may leave
    out, and who each can identify."""
    def named(test) -> tuple[str, ...]:
        return tuple(c.name for c in contract.columns if test(c))
    return RawTable(name=contract.table, family=contract.family, columns=named(lambda c: True),
                    optional=named(lambda c: c.optional), direct=named(lambda c: c.identifier == DIRECT),
                    quasi=named(lambda c: c.identifier == QUASI))


def _family(family: str) -> dict[str, RawTable]:
    return {name: raw_table(contract) for name, contract in contracts_of(family).items()}


# SSDA903 (children looked after): one CSV per table, recognised by its header row.
SSDA903 = _family("ssda903")
# Monthly HR extracts: csc-scorecard's own contract (docs/hr_contract.md). Headers may use the
# accepted variants in src/csc_scorecard/reference_data/hr_aliases.csv; an agency supplier's list may lack the last two columns.
HR = _family("hr")
# Monthly fostering households list: csc-scorecard's own contract (docs/fostering.md), shaped like
# Ofsted's annual fostering data collection, one row per household's journey from first enquiry.
FOSTERING = _family("fostering")
# CIN census XML, flattened: one table per repeating module, tied together by
# (_file_hash, _child_seq, _referral_seq) because LAchildID itself may be missing or duplicated.
CIN_CENSUS = _family("cin_census")
# CSWW census XML (annual social work workforce return, reference date 30 September), for history.
# _worker_seq is the worker's place in the file (SWENo may be missing or repeated).
CSWW = _family("csww")

CSV_TABLES: dict[str, RawTable] = {**SSDA903, **HR, **FOSTERING}
ALL_TABLES: dict[str, RawTable] = {**SSDA903, **HR, **FOSTERING, **CIN_CENSUS, **CSWW}

# Bookkeeping: one row per file per table loaded, the basis of idempotent reloads.
LOADED_FILES_SQL = """
create table if not exists raw.loaded_files (
    la_code varchar, extract_date date, source_file varchar, file_hash varchar,
    raw_table varchar, rows_loaded bigint, loaded_at timestamp
)
"""


def normalise_header(name: str) -> str:
    return name.replace("\ufeff", "").strip().strip('"').upper()


def header_names(header: list[str]) -> dict[str, str]:
    """Column name as tables spell it (upper case) -> the header as the file wrote it.

    A file's own spelling of a column wins over an HR variant of it ("Employee ID" for worker_id),
    so a file that has both loads the column the contract names.
    """
    names = {normalise_header(h): h for h in header}
    for h in header:
        canonical = canonical_column(h)
        if canonical is not None:
            names.setdefault(canonical.upper(), h)
    return names


def recognise_csv(header: list[str]) -> RawTable | None:
    """The CSV table whose columns a header row holds, or None.

    Several tables share leading columns (header and uasc both start CHILD, SEX,
    DOB), so the table with the most of its columns present wins, and a table
    is only a candidate when every one of its required columns is there.
    """
    present = set(header_names(header))
    candidates = [t for t in CSV_TABLES.values() if {c.upper() for c in t.required} <= present]
    return max(candidates, key=lambda t: len(t.columns), default=None)


def closest_csv_table(header: list[str]) -> tuple[RawTable, list[str]] | None:
    """For a header no table fully matches: the table it most looks like and the columns it lacks.

    A file counts as an attempt at a table when it has at least half of that table's columns
    (and two or more), one of them the table's own: the child's identifiers (CHILD, DOB), which
    most SSDA903 tables share, are not enough, or an SSDA903 table this product does not read
    (DoLo: CHILD, DOB and its own) would be taken for the reviews table lacking its columns.
    """
    present = {normalise_header(h) for h in header}
    best, best_overlap = None, 0
    for table in CSV_TABLES.values():
        columns = {c.upper() for c in table.columns}
        overlap = len(columns & present)
        if (overlap >= max(2, len(columns) / 2) and overlap > best_overlap
                and (columns - SHARED_COLUMNS) & present):
            best, best_overlap = table, overlap
    if best is None:
        return None
    return best, [c for c in best.columns if c.upper() not in present]


# Columns three or more tables have: they say which child a row is about, not which table it is.
SHARED_COLUMNS = frozenset(
    c for c in {c.upper() for t in CSV_TABLES.values() for c in t.columns}
    if sum(c in {x.upper() for x in t.columns} for t in CSV_TABLES.values()) >= 3
)


def looks_like_ssda903(header: list[str]) -> bool:
    """Whether a header is an SSDA903 table's (every one has the child's CHILD id), read or not."""
    return "CHILD" in {normalise_header(h) for h in header}
