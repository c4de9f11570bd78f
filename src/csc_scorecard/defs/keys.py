"""Asset keys of warehouse tables: every table is built by one asset, named schema/table, except raw
tables, which a return's asset loads together (raw/cin_census fills raw.cin_referrals and the rest)."""

from collections.abc import Iterable

import dagster as dg

from csc_scorecard.ingest.families import FAMILIES, RAW_FAMILY

LOADED_FILES = "raw.loaded_files"


def asset_key_for_table(qualified: str) -> dg.AssetKey:
    """The asset that builds a warehouse table (schema.table); a raw table's is its return's."""
    schema, table = qualified.split(".", 1)
    if schema == "raw" and table in RAW_FAMILY:
        return dg.AssetKey(["raw", RAW_FAMILY[table]])
    return dg.AssetKey([schema, table])


def asset_keys_for_tables(tables: Iterable[str]) -> list[dg.AssetKey]:
    """The assets a model that reads these tables depends on, in the tables' order, each once.

    raw.loaded_files (the log of files loaded) is appended to by every raw asset, each with rows
    for its own return's tables only. A model reads it through latest_extract('staging.x'), for
    the rows of raw table x (the macro matches raw_table to the staged table's name), so it
    depends on the raw asset of the family of the staging or raw tables it reads, not on every
    raw asset: an SSDA903 load changes nothing marts.staff reads, and making every mart depend on
    every return would mark them all stale whenever any return loads. A model that reads the
    log without naming such a table (which months were loaded at all) depends on every raw asset.
    """
    tables = list(tables)
    keys: list[dg.AssetKey] = []
    for table in tables:
        if table != LOADED_FILES:
            keys.append(asset_key_for_table(table))
            continue
        families = [RAW_FAMILY[name] for schema, name in (t.split(".", 1) for t in tables)
                    if schema in ("raw", "staging") and name in RAW_FAMILY]
        keys.extend(dg.AssetKey(["raw", family]) for family in (families or FAMILIES))
    return list(dict.fromkeys(keys))
