"""The data contract: one declaration per raw table (contracts/<table>.toml), from which the rest is made.

A contract says, for each column a return carries: its name in the file (and, for Annex A, the
template's header and the other spellings councils use), what it means, whether every row needs
it, how it is written (a date DD/MM/YYYY, a code from a list), which events it may not follow or
precede, and who it can identify. From that one text the pipeline generates:

- the raw table's DDL (`RawTable`, ingest.formats): every column text, plus the lineage columns;
- the row rules (`Contract.row_rules`), each one DuckDB expression built from the rule macros of
  sql/macros.sql, so GX and staging judge a row with the same words;
- the GX suite of the table (validation.suites): each row rule a warning that reports the rows
  breaking it, its per-file blocking twin where a column declares `blocks_above_per_file`, and the
  table's uniqueness rules;
- the view `checked.<table>` staging reads (models.quarantine): the raw rows with the problems the
  rules find in each, so a staging model never lists a rule of its own;
- the warehouse's comments on the raw tables and columns, which the Dagster column schema of the
  raw assets and docs/warehouse.md (csc_tools.warehouse_doc) carry.

tests/validation/test_row_rules.py breaks every rule of every contract, one row at a time.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

CONTRACTS_DIR = Path(__file__).parent

# How a value is written, by the column's `type`: the rule macro that judges it, the check's name,
# the macro that reads it as a date (for the rules that compare dates), and the words for the docs.
TYPES: dict[str, tuple[str, str, str | None, str]] = {
    "uk_date": ("must_be_uk_date", "date_dd_mm_yyyy", "uk_date", "a date written DD/MM/YYYY"),
    "iso_date": ("must_be_iso_date", "date_yyyy_mm_dd", "iso_date", "a date written YYYY-MM-DD"),
    "date": ("must_be_date", "date", "iso_or_uk_date", "a date written YYYY-MM-DD or DD/MM/YYYY"),
    "whole_number": ("must_be_whole_number", "whole_number", None, "a whole number"),
    "number": ("must_be_number", "number", None, "a number"),
    "decimal": ("must_be_decimal", "number", None, "a number written like 0.5 or 1"),
    "yes_no": ("must_be_yes_no", "yes_no", None, "yes or no (1/0, true/false or Y/N)"),
    "sex": ("must_be_sex", "code", None, "a sex code: 1/2 or M/F/U, or GenderCurrent's 0/1/2/9"),
    "annex_yes_no": ("must_be_annex_yes_no", "yes_no", None, "yes or no, with or without Annex A's `a)` prefix"),
}
IDENTIFIER_CLASSES = ("direct", "quasi")
QUARANTINE, VALUE_DROPPED = "quarantine", "value_dropped"

# What each outcome means for the person reading a check, said after every rule's `about`.
_OUTCOME = {
    QUARANTINE: "Each failing row is set aside in staging.quarantine (file, row, column, value, reason) and the "
                "rest of the extract still builds.",
    VALUE_DROPPED: "The value is dropped (the row still counts) and listed with its file, row and rule; the rest "
                   "of the extract still builds.",
}


def quoted(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Column:
    name: str  # as the raw table holds it (the file's header, the XML element, Annex A's header in words)
    description: str
    identifier: str | None = None  # direct: names a person on its own; quasi: beside other facts
    optional: bool = False  # a file may leave the column out (loaded as NULL)
    required: bool = False  # every row needs a value
    missing_blocks: bool = False  # one row without it stops the build (not only its row)
    type: str | None = None  # how the value is written: a key of TYPES, or free (text, ids)
    codes: tuple[str, ...] = ()  # the accepted codes, compared trimmed and upper-cased (`codes_from`: a list's)
    compare: str = "code"  # codes compared as codes, or as labels (lower case, runs of spaces as one)
    not_after_extract: bool = False  # an event: cannot come after the extract that reports it
    not_before: str | None = None  # the column whose date this one cannot precede
    # A rule (by slot: not_null, format) broken by more than this share of one file's rows blocks the build.
    blocks_above_per_file: dict[str, float] = field(default_factory=dict)
    why: dict[str, str] = field(default_factory=dict)  # per rule slot (not_null, format, ...): why it matters
    header: str | None = None  # Annex A: the Ofsted template's header
    aliases: tuple[str, ...] = ()  # Annex A: other headers councils write for it

    @property
    def reads_as_date(self) -> str | None:
        return TYPES[self.type][2] if self.type else None

    @property
    def rules_in_words(self) -> str:
        """What the contract asks of the column, in words (the docs and the warehouse's comments)."""
        said = []
        if self.required:
            said.append("needed on every row" + (" (one missing stops the build)" if self.missing_blocks else ""))
        elif self.optional:
            said.append("a file may leave it out")
        if self.type:
            said.append(TYPES[self.type][3])
        if self.codes:
            said.append(("one of: " if self.compare == "code" else "one of the labels: ") + ", ".join(self.codes))
        if self.not_after_extract:
            said.append("not after the extract date")
        if self.not_before:
            said.append(f"not before {self.not_before}")
        for slot, share in self.blocks_above_per_file.items():
            rule = "blank" if slot == "not_null" else "not written so"
            said.append(f"a file with more than {100 * share:g}% of its rows {rule} stops the build")
        if self.identifier:
            said.append("identifies a person on its own" if self.identifier == "direct"
                        else "can identify a person beside other facts")
        return "; ".join(said)

    @property
    def comment(self) -> str:
        rules = self.rules_in_words
        text = self.description.rstrip(".") + "." if self.description else ""
        return f"{text} {rules[0].upper()}{rules[1:]}.".strip() if rules else text


@dataclass(frozen=True)
class Rule:
    """One row rule: `problem` is a DuckDB expression over a raw row, a {column_name, value, reason}
    struct when the row breaks the rule and NULL when it does not (the macros of sql/macros.sql)."""

    table: str
    column: str
    name: str  # the check's name within its table: <column>__<rule>
    problem: str
    about: str  # why the rule matters, in the words of whoever fixes the file
    judged: str = "true"  # the rows the rule judges, for a file's failing share (blank values are not)
    on_failure: str = QUARANTINE
    blocks_above_per_file: float | None = None
    severity: str = "warning"
    condition: str | None = None  # a declared rule's own test, when it has one

    @property
    def why(self) -> str:
        """Why the rule matters, and what breaking it does to the row."""
        return f"{self.about.rstrip()} {_OUTCOME[self.on_failure]}".strip()

    @property
    def breaks(self) -> str:
        """SQL true of a row that breaks the rule."""
        return f"({self.condition})" if self.condition else f"({self.problem}) is not null"


@dataclass(frozen=True)
class Unique:
    """No two rows of one extract (or one return: one file) share these columns."""

    table: str
    columns: tuple[str, ...]
    per: str  # extract | return
    why: str
    name: str | None = None
    only_where: str | None = None
    compare: str = "code"

    @property
    def check_name(self) -> str:
        return f"{self.columns[0]}__{self.name}" if self.name else f"{'_'.join(self.columns)}__unique_per_{self.per}"

    @property
    def query(self) -> str:
        present = " and ".join(f"{quoted(c)} is not null" for c in self.columns)
        where = present + (f" and {self.only_where}" if self.only_where else "")
        keys = [f"lower(trim({quoted(c)}))" if self.compare == "label" else quoted(c) for c in self.columns]
        scope = ["_la_code", "_source_file"] if self.per == "return" else ["_la_code", "_extract_date"]
        return (f"select * from {{batch}} where {where} "
                f"qualify count(*) over (partition by {', '.join(scope + keys)}) > 1")


@dataclass(frozen=True)
class Contract:
    table: str
    family: str
    description: str
    columns: tuple[Column, ...]
    on_failure: str = QUARANTINE  # what a broken row rule does: set the row aside, or drop the value
    declared_rules: tuple[Rule, ...] = ()  # rules over more than a column's own type
    unique: tuple[Unique, ...] = ()
    annex_list: int | None = None
    title: str | None = None
    path: Path | None = None

    @property
    def qualified(self) -> str:
        return f"raw.{self.table}"

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def row_rules(self) -> list[Rule]:
        """Every row rule, column by column in the order of the file, then the declared ones."""
        rules = [rule for column in self.columns for rule in self._column_rules(column)]
        return rules + list(self.declared_rules)

    @property
    def quarantine_rules(self) -> list[Rule]:
        """The rules whose failing rows staging sets aside (the others drop the value, or are HR's)."""
        return [r for r in self.row_rules if r.on_failure == QUARANTINE] if self.on_failure == QUARANTINE else []

    @property
    def dropping_rules(self) -> list[Rule]:
        return [r for r in self.row_rules if r.on_failure == VALUE_DROPPED] if self.on_failure == QUARANTINE else []

    def comment_sql(self) -> list[str]:
        """The warehouse's comments on the raw table and its columns, from the contract."""
        statements = [f"comment on table {self.qualified} is {literal(self.description)}"] if self.description else []
        statements += [f"comment on column {self.qualified}.{quoted(c.name)} is {literal(c.comment)}"
                       for c in self.columns if c.comment]
        return statements

    @property
    def checked_view(self) -> str | None:
        """`checked.<table>`: the raw rows with `_problems`, the problems of its quarantine rules (a
        list of {column_name, value, reason}, empty for a clean row), and every value a rule drops
        already NULL. None for a table staging reads as it is."""
        if not self.quarantine_rules:
            return None
        dropped = ", ".join(f"case when {r.breaks} then null else {quoted(r.column)} end as {quoted(r.column)}"
                            for r in self.dropping_rules)
        problems = ",\n    ".join(r.problem for r in self.quarantine_rules)
        return (f"create or replace view checked.{self.table} as\n"
                f"select *{f' replace ({dropped})' if dropped else ''},\n"
                f"problems([\n    {problems}\n]) as _problems\nfrom {self.qualified}")

    def _column_rules(self, c: Column) -> list[Rule]:
        q = quoted(c.name)
        present = f"not is_blank({q})"
        rules: list[tuple[str, str, str, str]] = []  # (name, problem, judged, why slot)
        if c.required:
            rules.append(("not_null", f"required({literal(c.name)}, {q})", "true", "not_null"))
        if c.type:
            macro, suffix, _, _ = TYPES[c.type]
            rules.append((suffix, f"{macro}({literal(c.name)}, {q})", present, "format"))
        if c.codes:
            macro = "must_be_label" if c.compare == "label" else "must_be_code"
            codes = "[" + ", ".join(literal(code) for code in c.codes) + "]"
            rules.append(("code", f"{macro}({literal(c.name)}, {q}, {codes})", present, "format"))
        if c.not_after_extract:
            rules.append(("not_after_extract",
                          f"must_not_be_after_extract({literal(c.name)}, {q}, {c.reads_as_date}({q}), _extract_date)",
                          present, "not_after_extract"))
        if c.not_before:
            other = self.column(c.not_before)
            o = quoted(other.name)
            rules.append((f"not_before_{other.name}",
                          f"must_not_be_before({literal(c.name)}, {q}, {c.reads_as_date}({q}), "
                          f"{literal(other.name)}, {other.reads_as_date}({o}))",
                          f"{present} and not is_blank({o})", "not_before"))
        return [Rule(table=self.table, column=c.name, name=f"{c.name}__{name}", problem=problem, judged=judged,
                     about=c.why.get(slot) or _default_why(c, slot),
                     on_failure=self.on_failure, blocks_above_per_file=c.blocks_above_per_file.get(slot),
                     severity="critical" if name == "not_null" and c.missing_blocks else "warning")
                for name, problem, judged, slot in rules]

def _default_why(c: Column, slot: str) -> str:
    if slot == "not_null":
        return f"{c.name} is needed on every row: without it the row cannot be counted."
    if slot == "format":
        written = TYPES[c.type][3] if c.type else "one of its codes"
        return f"{c.name} must be {written}, or blank: staging reads nothing else, so the value would be lost."
    if slot == "not_after_extract":
        return f"{c.name} is an event, which cannot come after the extract that reports it: a future date is a typing slip."
    return f"{c.name} cannot come before {c.not_before}."


def _contract(path: Path) -> Contract:
    document = tomllib.loads(path.read_text())
    table = document["table"]
    if table != path.stem:
        raise ValueError(f"{path}: table {table!r} does not match the file name")
    on_failure = document.get("on_failure", QUARANTINE)
    columns = []
    for entry in document["columns"]:
        if entry.pop("codes_from", None) == "hr_aliases":
            # The HR contract's accepted spellings of a coded value are its value aliases, declared
            # once in reference_data/hr_aliases.csv (staging maps each to its meaning from the same list).
            from csc_scorecard.ingest.hr_aliases import value_aliases

            entry |= {"codes": sorted(value_aliases()[entry["name"]]), "compare": "label"}
        column = Column(**{**entry, "codes": tuple(entry.get("codes", ())), "aliases": tuple(entry.get("aliases", ()))})
        if unknown := set(column.blocks_above_per_file) - {"not_null", "format"}:
            raise ValueError(f"{path}: column {column.name} blocks_above_per_file names no rule slot: {sorted(unknown)}")
        if column.type and column.type not in TYPES:
            raise ValueError(f"{path}: column {column.name} has type {column.type!r}, not one of {sorted(TYPES)}")
        if column.identifier and column.identifier not in IDENTIFIER_CLASSES:
            raise ValueError(f"{path}: column {column.name}: identifier is direct or quasi, not {column.identifier!r}")
        columns.append(column)
    names = [c.name for c in columns]
    if len(set(names)) != len(names):
        raise ValueError(f"{path}: a column is declared twice")
    for c in columns:
        if c.not_before and c.not_before not in names:
            raise ValueError(f"{path}: {c.name} is not_before {c.not_before!r}, which is not a column")
        if (c.not_before or c.not_after_extract) and not c.reads_as_date:
            raise ValueError(f"{path}: {c.name} compares dates but has no date type")
    declared = tuple(
        Rule(table=table, column=r["column"], name=f"{r['column']}__{r['name']}",
             problem=f"case when {r['breaks_when']} then problem({literal(r['column'])}, {quoted(r['column'])}, "
                     f"{literal(r['reason'])}) end",
             condition=r["breaks_when"], judged=f"not is_blank({quoted(r['column'])})", on_failure=r.get("on_failure", on_failure),
             about=r["why"])
        for r in document.get("rules", ()))
    unique = tuple(Unique(table=table, columns=tuple(u["columns"]), per=u["per"], why=u["why"], name=u.get("name"),
                          only_where=u.get("only_where"), compare=u.get("compare", "code"))
                   for u in document.get("unique", ()))
    for rule in declared:
        if rule.column not in names:
            raise ValueError(f"{path}: rule {rule.name} is on a column the table does not have")
    return Contract(table=table, family=document["family"], description=document.get("description", ""),
                    columns=tuple(columns), on_failure=on_failure, declared_rules=declared, unique=unique,
                    annex_list=document.get("list"), title=document.get("title"), path=path)


@cache
def load_contracts(directory: Path = CONTRACTS_DIR) -> dict[str, Contract]:
    """Every raw table's contract, by table name."""
    return {c.table: c for c in (_contract(p) for p in sorted(directory.glob("*.toml")))}


def contracts_of(family: str) -> dict[str, Contract]:
    return {name: c for name, c in load_contracts().items() if c.family == family}
