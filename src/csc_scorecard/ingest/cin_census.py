"""Stream a CIN census XML into flat raw tables.

The file is read one <Child> at a time (lxml iterparse, each child cleared once
read), so memory stays flat however large the return is. Element names are
matched without their namespace: some suppliers add one, most do not.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
from lxml import etree

# UnreadableFile: the other readers and the load import it from here, where it was first defined.
from csc_scorecard.ingest.formats import (CIN_CENSUS, UnreadableFile, length_checked, printable,
                                          refusing_long_values)
from csc_scorecard.ingest.encoding import xml_fault
from csc_scorecard.warehouse import quote_literal

BATCH_ROWS = 100_000


class _Table:
    """Where each leaf of a module goes in one raw table's row, a row being a list in column order.

    Rows are lists rather than dicts: the flattening runs once per element of every return, and
    filling a list by a precomputed index costs a fraction of building and merging dicts."""

    def __init__(self, name: str, keys: tuple[str, ...]):
        self.name = name
        self.columns = CIN_CENSUS[name].columns
        self.width = len(self.columns)
        # Lineage keys come from the child, never from a leaf of the same name inside a module.
        if self.columns[: len(keys)] != keys:
            raise ValueError(f"{name}: lineage keys {keys} must lead its columns {self.columns}")
        self.leaf_index = {c: i for i, c in enumerate(self.columns) if c not in keys}
        self.blank = [None] * (self.width - len(keys))


_CHILD_KEYS = ("_child_seq",)
_REFERRAL_KEYS = ("_child_seq", "_referral_seq", "LAchildID")
_CHILDREN = _Table("cin_children", _CHILD_KEYS)
_REFERRALS = _Table("cin_referrals", _REFERRAL_KEYS)
# Repeated-value lists inside a module, joined into one column: (list element, its column).
_MODULES: dict[str, tuple[_Table, tuple[str, str] | None]] = {
    "Assessments": (_Table("cin_assessments", _REFERRAL_KEYS), ("FactorsIdentifiedAtAssessment", "AssessmentFactors")),
    "CINPlanDates": (_Table("cin_plans", _REFERRAL_KEYS), None),
    "Section47": (_Table("cin_s47", _REFERRAL_KEYS), None),
    "ChildProtectionPlans": (_Table("cin_cp_plans", _REFERRAL_KEYS), ("Reviews", "CPPreviewDates")),
}


@dataclass
class _Batch:
    rows: dict[str, list[list]] = field(default_factory=lambda: {name: [] for name in CIN_CENSUS})

    def __len__(self) -> int:
        return sum(len(r) for r in self.rows.values())

    def records(self, name: str) -> list[dict]:
        """One table's rows as {column: value}, for reading rather than loading."""
        columns = CIN_CENSUS[name].columns
        return [dict(zip(columns, row)) for row in self.rows[name]]


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _text(elem) -> str | None:
    text = elem.text
    if text is None:
        return None
    text = text.strip()
    return text or None


def _fields(elem) -> dict[str, str | None]:
    """Leaf children of an element as {name: text}; repeated leaves are joined with ','."""
    out: dict[str, str | None] = {}
    for child in elem:
        if not isinstance(child.tag, str):  # comments, processing instructions
            continue
        if len(child):
            continue
        name = _local(child.tag)
        value = _text(child)
        if name in out and out[name] is not None and value is not None:
            out[name] = f"{out[name]},{value}"
        else:
            out[name] = value
    return out


def _joined(container) -> str | None:
    """A list element's values joined with ','; blanks dropped."""
    values = [v.text.strip() for v in container if isinstance(v.tag, str) and v.text]
    return ",".join(v for v in values if v) or None


def _all_leaves_json(elem) -> str:
    """Every leaf under an element as a JSON object; a repeated leaf becomes a list."""
    out: dict[str, object] = {}
    for leaf in elem.iter():
        if not isinstance(leaf.tag, str) or len(leaf) or leaf is elem:
            continue
        name, value = _local(leaf.tag), _text(leaf)
        if name in out:
            previous = out[name]
            out[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            out[name] = value
    return json.dumps(out)


def _fill(row: list, table: _Table, module, joined: tuple[str, str] | None = None) -> None:
    """Put a module's leaves in its row, each in its column. Text is kept as written: the load
    trims it and turns blanks into NULL inside DuckDB, much cheaper than per value here."""
    leaf_index = table.leaf_index
    for leaf in module:
        index = leaf_index.get(leaf.tag)
        # The common case inline: this runs for every leaf of every return.
        if index is not None and row[index] is None and not len(leaf):
            row[index] = leaf.text
        else:
            _fill_rarely(row, table, leaf, joined)


def _fill_rarely(row: list, table: _Table, leaf, joined: tuple[str, str] | None) -> None:
    """The module's list element (`joined`: its name and column), its values joined with ','; a
    leaf written twice, both values joined with ',' so its format check sees them; or an element
    that is not a column, or a container that happens to share a column's name: ignored."""
    tag = leaf.tag
    if joined is not None and tag == joined[0]:
        index = table.leaf_index[joined[1]]
        if row[index] is None and len(leaf):
            row[index] = _joined(leaf)
        return
    index = table.leaf_index.get(tag)
    if index is None or len(leaf):
        return
    text = leaf.text
    if row[index] is None:
        row[index] = text
    elif text is not None and text.strip():
        row[index] = ",".join(v for v in (row[index].strip(), text.strip()) if v)


def _child_rows(child, child_seq: int, batch: _Batch) -> None:
    rows = batch.rows
    child_row = [child_seq, *_CHILDREN.blank]
    details = []
    for part in child:
        name = part.tag
        if name == "CINdetails":
            details.append(part)
        elif name == "ChildIdentifiers":
            _fill(child_row, _CHILDREN, part)
        elif name == "ChildCharacteristics":
            _fill(child_row, _CHILDREN, part, ("Disabilities", "Disabilities"))
        elif isinstance(name, str) and "}" in name:
            return _child_rows_namespaced(child, child_seq, batch)
    rows["cin_children"].append(child_row)

    la_child_id = child_row[_CHILDREN.leaf_index["LAchildID"]]
    referrals = rows["cin_referrals"]
    referral_index = _REFERRALS.leaf_index
    for referral_seq, detail in enumerate(details, start=1):
        key = [child_seq, referral_seq, la_child_id]
        referral = key + _REFERRALS.blank
        referrals.append(referral)
        for part in detail:
            tag = part.tag
            index = referral_index.get(tag)
            if index is not None and referral[index] is None and not len(part):
                referral[index] = part.text  # a leaf of the referral itself, as in _fill
                continue
            module = _MODULES.get(tag)
            if module is None:
                if isinstance(tag, str) and tag.lower().startswith("preproceedings") and len(part):
                    rows["cin_pre_proceedings"].append([*key, _all_leaves_json(part)])
                else:
                    _fill_rarely(referral, _REFERRALS, part, None)
            elif len(part):
                table, joined = module
                row = key + table.blank
                _fill(row, table, part, joined)
                rows[table.name].append(row)


def _child_rows_namespaced(child, child_seq: int, batch: _Batch) -> None:
    """The same rows for a file whose elements carry a namespace (some suppliers add one)."""
    for elem in child.iter():
        if isinstance(elem.tag, str):
            elem.tag = _local(elem.tag)
    _child_rows(child, child_seq, batch)


# Where the CIN census and CSWW returns name their council: <Header><Source><LEA>. The SSDA903
# XML's schema has no header, but an export that adds one is checked the same way.
_DECLARED_LA = "LEA"
# A return's first record: the header is behind it, so reading stops there.
_RECORDS = {"Child", "CHILD", "CSWWWorker"}


def declared_la(path: Path) -> str | None:
    """The LA code a return's header declares, read no further than its first record; None when it
    declares none or cannot be read that far (the load then says what is wrong with it)."""
    try:
        for event, elem in etree.iterparse(str(path), events=("start", "end"), huge_tree=True,
                                           resolve_entities=False, no_network=True):
            name = _local(elem.tag) if isinstance(elem.tag, str) else ""
            if event == "start":
                if name in _RECORDS:
                    return None
            elif name == _DECLARED_LA and not len(elem):
                return _text(elem)
            else:
                elem.clear(keep_tail=False)  # a file with no records is read whole: hold none of it
    except etree.XMLSyntaxError:
        return None
    return None


def check_declared_la(path: Path, la_code: str) -> None:
    """Refuse a return that says it is another council's: loaded, its children would count as this
    council's. One that declares no LA loads for the council it is landed for."""
    declared = declared_la(path)
    if declared is not None and declared != la_code:
        shown = printable(declared)
        raise UnreadableFile(
            f"{path}: {path.name} declares LA {shown} in its header but was landed for council {la_code} "
            f"(la_code in the settings file): not loaded. Move it to council {shown}'s landing folder, "
            f"or, if it is {la_code}'s return, correct the LEA in its header")


def read_cin_census(path: Path, batch_rows: int = BATCH_ROWS) -> Iterator[_Batch]:
    """Batches of flattened rows, keyed by raw table name."""
    batch = _Batch()
    child_seq = 0
    try:
        for _, elem in etree.iterparse(str(path), events=("end",), tag=("{*}Child", "Child"),
                                       huge_tree=True, resolve_entities=False, no_network=True):
            child_seq += 1
            _child_rows(elem, child_seq, batch)
            # Free what has been read: the element and the siblings before it.
            elem.clear(keep_tail=False)
            parent = elem.getparent()
            if parent is not None:
                while elem.getprevious() is not None:
                    del parent[0]
            if len(batch) >= batch_rows:
                yield batch
                batch = _Batch()
    except etree.XMLSyntaxError as exc:
        raise UnreadableFile(f"{path}: {xml_fault(exc)}") from None
    yield batch


def load_cin_census(con: duckdb.DuckDBPyConnection, path: Path, *, la_code: str, extract_date,
                    file_hash: str, loaded_at: datetime) -> dict[str, int]:
    """Append every flattened row of one CIN census file; returns rows loaded per raw table."""
    loaded = {name: 0 for name in CIN_CENSUS}
    metadata = metadata_columns(la_code=la_code, extract_date=extract_date, path=path, file_hash=file_hash,
                                loaded_at=loaded_at)
    for batch in read_cin_census(path):
        for name, rows in batch.rows.items():
            if not rows:
                continue
            table = CIN_CENSUS[name]
            con.register("cin_batch", arrow_batch(name, rows, first_row=loaded[name] + 1))
            try:
                with refusing_long_values():
                    con.execute(f"insert into {table.qualified} by name select {trimmed(table, path)}, "
                                f"_row_number, {metadata} from cin_batch")
            finally:
                con.unregister("cin_batch")
            loaded[name] += len(rows)
    return loaded


def arrow_batch(name: str, rows: list[list], first_row: int) -> pa.Table:
    """A batch of one raw table's rows as Arrow, numbered from `first_row`: the n-th record of this
    table in the file, unique even when the XML is all on one line."""
    # Rows as struct values, turned into columns by Arrow itself: transposing them here and
    # converting column by column took a quarter of a worker's time.
    record = pa.array(list(map(tuple, rows)), type=_ROW_TYPES[name])
    numbers = pa.array(range(first_row, first_row + len(rows)), type=pa.int64())
    return pa.Table.from_batches([pa.RecordBatch.from_struct_array(record)]).append_column("_row_number", numbers)


# Typed up front: left to infer types, pyarrow spends longer than the parse.
_ROW_TYPES = {name: pa.struct([(c, pa.int64() if c.startswith("_") else pa.string()) for c in table.columns])
              for name, table in CIN_CENSUS.items()}


def metadata_columns(*, la_code: str, extract_date, path: Path, file_hash: str, loaded_at: datetime) -> str:
    return (
        f"{quote_literal(la_code)} as _la_code, "
        f"{quote_literal(extract_date.isoformat())}::date as _extract_date, "
        f"{quote_literal(str(path))} as _source_file, "
        f"{quote_literal(file_hash)} as _file_hash, "
        f"{quote_literal(loaded_at.isoformat(sep=' '))}::timestamp as _loaded_at"
    )


def trimmed(table, path: Path) -> str:
    """The select list of a batch of `table`'s rows read from `path`: values as written, less surrounding
    whitespace; an empty element is NULL, as if absent. A value over the length limit fails the insert."""
    where = (f"{quote_literal(f'{path}: child record ')} || _child_seq || "
             f"{quote_literal(f' ({table.name} row ')} || _row_number || ')'")
    return ", ".join(c if c.startswith("_") else
                     f"nullif(trim({length_checked(f'{_ident(c)}::varchar', c, where)}), '') as {_ident(c)}"
                     for c in table.columns)


def _ident(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'
