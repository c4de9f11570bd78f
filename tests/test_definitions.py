import dagster as dg

from csc_scorecard.definitions import build_definitions
from csc_scorecard.settings import load_settings


def test_definitions_load_with_every_built_layer():
    defs = build_definitions(load_settings())
    dg.Definitions.validate_loadable(defs)
    keys = {k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()}
    assert {"raw/ssda903", "raw/cin_census", "raw/hr", "staging/cin_referrals",
            "marts/referrals", "marts/reporting_periods", "metrics/metric_values", "metrics/catalogue"} <= keys


def test_model_dependencies_come_from_the_sql():
    defs = build_definitions(load_settings())
    graph = defs.resolve_asset_graph()
    upstream = {k.to_user_string() for k in graph.get(dg.AssetKey(["marts", "reporting_periods"])).parent_keys}
    assert upstream == {"marts/referrals", "marts/episodes"}
