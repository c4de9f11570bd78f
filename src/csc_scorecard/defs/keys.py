"""Asset keys of warehouse tables: every table is built by one asset, named schema/table, except raw
tables, which a return's asset loads together (raw/cin_census fills raw.cin_referrals and the rest)."""

import dagster as dg

from csc_scorecard.ingest.families import RAW_FAMILY


def asset_key_for_table(qualified: str) -> dg.AssetKey:
    """The asset that builds a warehouse table (schema.table); a raw table's is its return's."""
    schema, table = qualified.split(".", 1)
    if schema == "raw" and table in RAW_FAMILY:
        return dg.AssetKey(["raw", RAW_FAMILY[table]])
    return dg.AssetKey([schema, table])
