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
    for child in elem:
        if isinstance(child.tag, str) and _local(child.tag) == container:
            values = [_text(v) for v in child if isinstance(v.tag, str)]
            return ",".join(v for v in values if v) or None
    return None


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


def _child_rows(child, child_seq: int, batch: _Batch) -> None:
    ids: dict[str, str | None] = {}
    characteristics: dict[str, str | None] = {}
    disabilities = None
    details = []
    for part in child:
        if not isinstance(part.tag, str):
            continue
        name = _local(part.tag)
        if name == "ChildIdentifiers":
            ids = _fields(part)
        elif name == "ChildCharacteristics":
            characteristics = _fields(part)
            disabilities = _joined(part, "Disabilities")
        elif name == "CINdetails":
            details.append(part)

    la_child_id = ids.get("LAchildID")
    batch.rows["cin_children"].append({
        "_child_seq": child_seq, **ids, "Ethnicity": characteristics.get("Ethnicity"),
        "Disabilities": disabilities,
    })
    for referral_seq, detail in enumerate(details, start=1):
        key = {"_child_seq": child_seq, "_referral_seq": referral_seq, "LAchildID": la_child_id}
        batch.rows["cin_referrals"].append({**key, **_fields(detail)})
        for module in detail:
            if not isinstance(module.tag, str):
                continue
            name = _local(module.tag)
            if name == "Assessments":
                factors = _joined(module, "FactorsIdentifiedAtAssessment")
                batch.rows["cin_assessments"].append({**key, **_fields(module), "AssessmentFactors": factors})
            elif name == "CINPlanDates":
                batch.rows["cin_plans"].append({**key, **_fields(module)})
            elif name == "Section47":
                batch.rows["cin_s47"].append({**key, **_fields(module)})
            elif name == "ChildProtectionPlans":
                reviews = _joined(module, "Reviews")
                batch.rows["cin_cp_plans"].append({**key, **_fields(module), "CPPreviewDates": reviews})
            elif name.lower().startswith("preproceedings"):
                batch.rows["cin_pre_proceedings"].append({**key, "ModuleFields": _all_leaves_json(module)})


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
    metadata = (
        f"{quote_literal(la_code)} as _la_code, "
        f"{quote_literal(extract_date.isoformat())}::date as _extract_date, "
        f"{quote_literal(str(path))} as _source_file, "
        f"{quote_literal(file_hash)} as _file_hash, "
        f"{quote_literal(loaded_at.isoformat(sep=' '))}::timestamp as _loaded_at"
    )
    for batch in read_cin_census(path):
        for name, rows in batch.rows.items():
            if not rows:
                continue
            table = CIN_CENSUS[name]
            columns = {c: [r.get(c) for r in rows] for c in table.columns}
            # The n-th record of this table in the file: unique even when the XML is on one line.
            columns["_row_number"] = list(range(loaded[name] + 1, loaded[name] + len(rows) + 1))
            arrow = pa.table(columns)
            con.register("cin_batch", arrow)
            try:
                con.execute(f"insert into {table.qualified} by name select *, {metadata} from cin_batch")
            finally:
                con.unregister("cin_batch")
            loaded[name] += len(rows)
    return loaded
