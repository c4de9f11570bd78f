"""Read the XML form of the SSDA903 return into the same raw tables as its CSVs.

The XML nests each child's records under <CHILD>: a <HEADER> (the child's id is
CHILDID there) and repeated groups such as <EPISODE>. The DfE's own layout puts most
groups (AREVIEW, OC2, AMISSING, PERMANENCE, AD_PLACED) inside the HEADER, and writes
the UASC, OC3 and AD1 fields as plain HEADER elements; every one of them is loaded,
wherever it sits, and what fits no table is told, never dropped. XML tags follow the CSV
columns except where the DfE renamed them (PL for PLACE). A group is matched to
a table by its element names, as a CSV is by its header, because the XML leaves
out empty elements and the schema's group names beyond HEADER and EPISODE vary
between years. CHILD (and DOB, SEX where a table has them) come from the HEADER.
Streamed one <CHILD> at a time, as the CIN census is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from lxml import etree

from csc_scorecard.ingest.cin_census import UnreadableFile
from csc_scorecard.ingest.encoding import xml_fault
from csc_scorecard.ingest.formats import SSDA903, RawTable
from csc_scorecard.ingest.rows import append_rows

XML_TO_CSV = {"CHILDID": "CHILD", "PL": "PLACE"}
FROM_HEADER = ("CHILD", "DOB", "SEX")
BATCH_ROWS = 50_000
HEADER = SSDA903["ssda903_header"]


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _leaves(group) -> dict[str, str | None]:
    out = {}
    for leaf in group:
        if isinstance(leaf.tag, str) and not len(leaf):
            name = _local(leaf.tag).upper()
            text = leaf.text.strip() if leaf.text and leaf.text.strip() else None
            out[XML_TO_CSV.get(name, name)] = text
    return out


def recognise_group(names: set[str]) -> RawTable | None:
    """The 903 table a group is: every element it has is one of the table's columns.

    The XML leaves out empty elements but never adds any, so a group's names are a
    subset of its table's columns; where several tables fit, the smallest wins.
    """
    names = names - set(FROM_HEADER)
    candidates = [t for t in SSDA903.values() if names and names <= set(t.columns)]
    return min(candidates, key=lambda t: len(t.columns), default=None)


def _groups(elem) -> Iterator:
    """Elements under a CHILD that hold leaves (a record), however deeply wrapped or nested.

    The DfE nests reviews, OC2, missing, previous permanence and placed-for-adoption
    records inside the child's HEADER, itself a record: a record's sub-elements are
    searched for records too, or those groups would be lost without a word."""
    for part in elem:
        if not isinstance(part.tag, str) or not len(part):
            continue
        if any(isinstance(c.tag, str) and not len(c) for c in part):
            yield part
        yield from _groups(part)


# Tables whose fields the DfE writes as plain elements of the HEADER rather than as a group
# (UASC's DUC, OC3, AD1): each gets a row when the HEADER holds a value for one of them.
_HEADER_COLUMNS = set(HEADER.columns)


def _embedded_in_header(leaves: dict[str, str | None]) -> tuple[dict[str, dict], list[str]]:
    """The HEADER's valued elements that are not header columns, as ({table: row}, [no table's])."""
    rows: dict[str, dict] = {}
    strays = []
    for name, value in leaves.items():
        if value is None or name in _HEADER_COLUMNS:
            continue
        owners = [t for t in SSDA903.values() if t is not HEADER and name in t.columns]
        if not owners:
            strays.append(name)
            continue
        table = min(owners, key=lambda t: len(t.columns))
        rows.setdefault(table.name, {})[name] = value
    return rows, strays


@dataclass
class Unplaced:
    """What a return holds that no 903 table has room for, counted, to tell the council."""

    groups: Counter = field(default_factory=Counter)  # group element -> records
    header_elements: Counter = field(default_factory=Counter)  # HEADER element -> valued occurrences

    def notes(self) -> list[str]:
        out = [f"SSDA903 XML group {name} ({n} record{'s' if n != 1 else ''}) matches no 903 table: not loaded"
               for name, n in sorted(self.groups.items())]
        out += [f"HEADER element {name} ({n} value{'s' if n != 1 else ''}) is no 903 column: not loaded"
                for name, n in sorted(self.header_elements.items())]
        return out


def read_ssda903_xml(path: Path, unplaced: Unplaced | None = None) -> Iterator[dict[str, list[dict]]]:
    """Batches of {raw table: rows}; what fits no table is counted in `unplaced`."""
    unplaced = unplaced if unplaced is not None else Unplaced()
    batch: dict[str, list[dict]] = {name: [] for name in SSDA903}
    seen = dict.fromkeys(SSDA903, 0)

    def add(table: RawTable, header: dict, leaves: dict) -> None:
        inherited = {c: header.get(c) for c in FROM_HEADER if c in table.columns}
        # The n-th record of this table in the file: unique even when the XML is on one line.
        seen[table.name] += 1
        batch[table.name].append({**inherited, **leaves, "_row_number": seen[table.name]})

    try:
        for _, child in etree.iterparse(str(path), events=("end",), tag=("{*}CHILD", "CHILD"),
                                        huge_tree=True, resolve_entities=False, no_network=True):
            groups = list(_groups(child))
            header = next((_leaves(g) for g in groups if _local(g.tag).upper() == "HEADER"), {})
            for group in groups:
                leaves = _leaves(group)
                if _local(group.tag).upper() == "HEADER":
                    embedded, strays = _embedded_in_header(leaves)
                    add(HEADER, header, {c: v for c, v in leaves.items() if c in _HEADER_COLUMNS})
                    for name, row in embedded.items():
                        add(SSDA903[name], header, row)
                    unplaced.header_elements.update(strays)
                    continue
                table = recognise_group(set(leaves))
                if table is None:
                    unplaced.groups[_local(group.tag)] += 1
                    continue
                add(table, header, leaves)
            child.clear(keep_tail=False)
            parent = child.getparent()
            if parent is not None:
                while child.getprevious() is not None:
                    del parent[0]
            if sum(len(r) for r in batch.values()) >= BATCH_ROWS:
                yield batch
                batch = {name: [] for name in SSDA903}
    except etree.XMLSyntaxError as exc:
        raise UnreadableFile(f"{path}: {xml_fault(exc)}") from None
    yield batch


def load_ssda903_xml(con, path: Path, *, la_code: str, extract_date, file_hash: str,
                     loaded_at: datetime, notes: list[str] | None = None) -> dict[str, int]:
    """Append every record of one return; what fits no table is loaded nowhere but told in `notes`."""
    loaded = {name: 0 for name in SSDA903}
    unplaced = Unplaced()
    for batch in read_ssda903_xml(path, unplaced):
        for name, rows in batch.items():
            loaded[name] += append_rows(con, SSDA903[name], rows, la_code=la_code, extract_date=extract_date,
                                        source_file=path, file_hash=file_hash, loaded_at=loaded_at)
    if notes is not None:
        notes += unplaced.notes()
    return loaded
