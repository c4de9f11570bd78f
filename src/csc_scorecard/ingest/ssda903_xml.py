"""Read the XML form of the SSDA903 return into the same raw tables as its CSVs.

The XML nests each child's records under <CHILD>: a <HEADER> (the child's id is
CHILDID there) and repeated groups such as <EPISODE>. XML tags follow the CSV
columns except where the DfE renamed them (PL for PLACE). A group is matched to
a table by its element names, as a CSV is by its header, because the XML leaves
out empty elements and the schema's group names beyond HEADER and EPISODE vary
between years. CHILD (and DOB, SEX where a table has them) come from the HEADER.
Streamed one <CHILD> at a time, as the CIN census is.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from lxml import etree

from csc_scorecard.ingest.cin_census import UnreadableFile
from csc_scorecard.ingest.formats import SSDA903, RawTable
from csc_scorecard.ingest.rows import append_rows

XML_TO_CSV = {"CHILDID": "CHILD", "PL": "PLACE"}
FROM_HEADER = ("CHILD", "DOB", "SEX")
BATCH_ROWS = 50_000


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
    """Elements under a CHILD that hold leaves (a record), however deeply wrapped."""
    for part in elem:
        if not isinstance(part.tag, str) or not len(part):
            continue
        if any(isinstance(c.tag, str) and not len(c) for c in part):
            yield part
        else:
            yield from _groups(part)


def read_ssda903_xml(path: Path) -> Iterator[tuple[dict[str, list[dict]], list[str]]]:
    """Batches of ({raw table: rows}, [group names matched to no table])."""
    batch: dict[str, list[dict]] = {name: [] for name in SSDA903}
    unmatched: list[str] = []
    seen = dict.fromkeys(SSDA903, 0)
    try:
        for _, child in etree.iterparse(str(path), events=("end",), tag=("{*}CHILD", "CHILD"),
                                        huge_tree=True, resolve_entities=False, no_network=True):
            groups = list(_groups(child))
            header = next((_leaves(g) for g in groups if _local(g.tag).upper() == "HEADER"), {})
            for group in groups:
                leaves = _leaves(group)
                is_header = _local(group.tag).upper() == "HEADER"
                table = SSDA903["ssda903_header"] if is_header else recognise_group(set(leaves))
                if table is None:
                    unmatched.append(_local(group.tag))
                    continue
                inherited = {c: header.get(c) for c in FROM_HEADER if c in table.columns}
                # The n-th record of this table in the file: unique even when the XML is on one line.
                seen[table.name] += 1
                batch[table.name].append({**inherited, **leaves, "_row_number": seen[table.name]})
            child.clear(keep_tail=False)
            parent = child.getparent()
            if parent is not None:
                while child.getprevious() is not None:
                    del parent[0]
            if sum(len(r) for r in batch.values()) >= BATCH_ROWS:
                yield batch, unmatched
                batch, unmatched = {name: [] for name in SSDA903}, []
    except etree.XMLSyntaxError as exc:
        raise UnreadableFile(f"{path}: not well-formed XML ({exc.msg}, line {exc.lineno}); "
                             "the file may be truncated or not XML at all") from None
    yield batch, unmatched


def load_ssda903_xml(con, path: Path, *, la_code: str, extract_date, file_hash: str,
                     loaded_at: datetime) -> dict[str, int]:
    loaded = {name: 0 for name in SSDA903}
    unmatched: set[str] = set()
    for batch, groups in read_ssda903_xml(path):
        unmatched.update(groups)
        for name, rows in batch.items():
            loaded[name] += append_rows(con, SSDA903[name], rows, la_code=la_code, extract_date=extract_date,
                                        source_file=path, file_hash=file_hash, loaded_at=loaded_at)
    if unmatched:
        # A record the pipeline cannot place would be lost silently: refuse the file instead.
        raise UnreadableFile(f"{path}: SSDA903 XML groups {', '.join(sorted(unmatched))} match no 903 table")
    return loaded
