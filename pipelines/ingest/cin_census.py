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

from pipelines.ingest.formats import CIN_CENSUS
from pipelines.warehouse import quote_literal

BATCH_ROWS = 100_000


class UnreadableFile(ValueError):
    """A landed file that cannot be read at all; the message names the file and the fault."""


@dataclass
class _Batch:
    rows: dict[str, list[dict]] = field(default_factory=lambda: {name: [] for name in CIN_CENSUS})

    def __len__(self) -> int:
        return sum(len(r) for r in self.rows.values())


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


def _joined(elem, container: str) -> str | None:
    """Repeated leaf values under a container element, joined with ','."""
    found = elem.find(container)
    if found is None:
        return None
    values = [v.text.strip() for v in found if v.text and isinstance(v.tag, str)]
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


def _leaves(elem) -> dict:
    """An element's direct children as {local name: text}, the fast path for modules whose
    leaves occur once each (the CIN census's own layout); repeated leaves fall back to _fields.

    Text is kept as written here; the load trims it and turns blanks into NULL inside DuckDB,
    which is much cheaper than doing it per value in Python.
    """
    out = {child.tag: child.text for child in elem}
    return out if len(out) == len(elem) else _fields(elem)


def _child_rows(child, child_seq: int, batch: _Batch) -> None:
    ids: dict = {}
    characteristics: dict = {}
    disabilities = None
    details = []
    for part in child:
        name = part.tag
        if name == "CINdetails":
            details.append(part)
        elif name == "ChildIdentifiers":
            ids = _leaves(part)
        elif name == "ChildCharacteristics":
            characteristics = _leaves(part)
            disabilities = _joined(part, "Disabilities")
        elif isinstance(name, str) and "}" in name:
            return _child_rows_namespaced(child, child_seq, batch)

    la_child_id = ids.get("LAchildID")
    rows = batch.rows
    rows["cin_children"].append({
        "_child_seq": child_seq, **ids, "Ethnicity": characteristics.get("Ethnicity"),
        "Disabilities": disabilities,
    })
    for referral_seq, detail in enumerate(details, start=1):
        key = {"_child_seq": child_seq, "_referral_seq": referral_seq, "LAchildID": la_child_id}
        rows["cin_referrals"].append({**key, **_leaves(detail)})
        for module in detail:
            if not len(module):
                continue  # a leaf of the referral itself
            name = module.tag
            if name == "Assessments":
                factors = _joined(module, "FactorsIdentifiedAtAssessment")
                rows["cin_assessments"].append({**key, **_leaves(module), "AssessmentFactors": factors})
            elif name == "CINPlanDates":
                rows["cin_plans"].append({**key, **_leaves(module)})
            elif name == "Section47":
                rows["cin_s47"].append({**key, **_leaves(module)})
            elif name == "ChildProtectionPlans":
                reviews = _joined(module, "Reviews")
                rows["cin_cp_plans"].append({**key, **_leaves(module), "CPPreviewDates": reviews})
            elif isinstance(name, str) and name.lower().startswith("preproceedings"):
                rows["cin_pre_proceedings"].append({**key, "ModuleFields": _all_leaves_json(module)})


def _child_rows_namespaced(child, child_seq: int, batch: _Batch) -> None:
    """The same rows for a file whose elements carry a namespace (some suppliers add one)."""
    for elem in child.iter():
        if isinstance(elem.tag, str):
            elem.tag = _local(elem.tag)
    _child_rows(child, child_seq, batch)


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
        raise UnreadableFile(f"{path}: not well-formed XML ({exc.msg}, line {exc.lineno}); "
                             "the file may be truncated or not XML at all") from None
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
                con.execute(f"insert into {table.qualified} by name select {trimmed(table)}, _row_number, "
                            f"{metadata} from cin_batch")
            finally:
                con.unregister("cin_batch")
            loaded[name] += len(rows)
    return loaded


def arrow_batch(name: str, rows: list[dict], first_row: int) -> pa.Table:
    """A batch of one raw table's rows as Arrow, numbered from `first_row`: the n-th record of this
    table in the file, unique even when the XML is all on one line."""
    # Typed up front: left to infer types, pyarrow spends longer than the parse.
    columns = {c: pa.array([r.get(c) for r in rows], type=pa.int64() if c.startswith("_") else pa.string())
               for c in CIN_CENSUS[name].columns}
    columns["_row_number"] = pa.array(range(first_row, first_row + len(rows)), type=pa.int64())
    return pa.table(columns)


def metadata_columns(*, la_code: str, extract_date, path: Path, file_hash: str, loaded_at: datetime) -> str:
    return (
        f"{quote_literal(la_code)} as _la_code, "
        f"{quote_literal(extract_date.isoformat())}::date as _extract_date, "
        f"{quote_literal(str(path))} as _source_file, "
        f"{quote_literal(file_hash)} as _file_hash, "
        f"{quote_literal(loaded_at.isoformat(sep=' '))}::timestamp as _loaded_at"
    )


def trimmed(table) -> str:
    # Values as written, less surrounding whitespace; an empty element is NULL, as if absent.
    return ", ".join(c if c.startswith("_") else f"nullif(trim(\"{c}\"::varchar), '') as \"{c}\""
                     for c in table.columns)
