"""The council file: one council or an alliance of several, env overrides, and errors that say what to fix."""

from pathlib import Path

import pytest

from csc_scorecard.settings import SettingsError, load_deployment, load_settings
from csc_tools import REPO_ROOT

SINGLE = """
la_code = "999"
la_name = "Northbridge"
population_0_17 = 60000
statistical_neighbours = ["340", "341"]
landing = "landing"
warehouse = "w.duckdb"
exports = "exports"
"""

ALLIANCE = """
warehouse = "w.duckdb"
exports = "exports"

[[councils]]
la_code = "998"
la_name = "Southmoor"
population_0_17 = 45000
statistical_neighbours = ["999"]
landing = "landing/998"

[[councils]]
la_code = "999"
la_name = "Northbridge"
population_0_17 = 60000
landing = "landing/999"
"""


def _file(tmp_path, text) -> Path:
    path = tmp_path / "council.toml"
    path.write_text(text)
    return path


def test_the_single_council_file_gives_one_council_with_its_neighbours(tmp_path):
    settings = load_settings(_file(tmp_path, SINGLE), environ={})
    assert (settings.la_code, settings.la_name, settings.population_0_17) == ("999", "Northbridge", 60000)
    assert settings.statistical_neighbours == ("340", "341")
    assert settings.landing == tmp_path / "landing"  # relative to the file
    assert settings.working_warehouse == tmp_path / ".w.building.duckdb"


def test_the_repository_council_file_and_the_alliance_example_load():
    assert len(load_settings(REPO_ROOT / "council.toml", environ={}).statistical_neighbours) == 10
    alliance = load_deployment(REPO_ROOT / "docs" / "alliance.example.toml", environ={})
    assert alliance.la_codes == ["998", "999"]


def test_environment_variables_override_the_single_council_file(tmp_path):
    settings = load_settings(_file(tmp_path, SINGLE), environ={
        "CSC_LA_CODE": "886", "CSC_POPULATION_0_17": "12345", "CSC_WAREHOUSE": "/srv/csc/w.duckdb",
        "CSC_STATISTICAL_NEIGHBOURS": "340, 805"})
    assert (settings.la_code, settings.population_0_17) == ("886", 12345)
    assert settings.warehouse == Path("/srv/csc/w.duckdb")
    assert settings.statistical_neighbours == ("340", "805")


def test_an_alliance_file_gives_every_council_sharing_one_warehouse(tmp_path):
    deployment = load_deployment(_file(tmp_path, ALLIANCE), environ={"CSC_EXPORTS": "/srv/exports"})
    assert deployment.la_codes == ["998", "999"]
    southmoor = deployment.council("998")
    assert southmoor.landing == tmp_path / "landing" / "998"
    assert southmoor.statistical_neighbours == ("999",)
    assert deployment.council("999").statistical_neighbours == ()
    assert {c.warehouse for c in deployment.councils} == {tmp_path / "w.duckdb"}
    assert deployment.exports == Path("/srv/exports")


def test_each_council_has_an_inputs_folder_of_its_own(tmp_path):
    deployment = load_deployment(_file(tmp_path, ALLIANCE.replace(
        'landing = "landing/999"', 'landing = "landing/999"\ninputs = "teams/northbridge"')), environ={})
    # Not set: beside its landing, named by its code; set: relative to the file.
    assert deployment.council("998").inputs_dir == tmp_path / "landing" / "council_inputs" / "998"
    assert deployment.council("999").inputs_dir == tmp_path / "teams" / "northbridge"
    single = load_settings(_file(tmp_path, SINGLE), environ={})
    assert single.with_paths(landing="/srv/landing").inputs_dir == Path("/srv/council_inputs/999")


def test_one_council_settings_from_an_alliance_file_is_refused(tmp_path):
    with pytest.raises(SettingsError, match="has 2 councils"):
        load_settings(_file(tmp_path, ALLIANCE), environ={})


@pytest.mark.parametrize("text, environ, message", [
    (SINGLE.replace('la_name = "Northbridge"\n', ""), {}, r"missing setting\(s\) la_name"),
    (SINGLE, {"CSC_LANDING": ""}, r"missing setting\(s\) landing"),
    (SINGLE.replace('"999"', '"99"'), {}, "la_code in settings must be a 3-digit DfE code, got '99'"),
    (SINGLE.replace('"999"', '"E09"'), {}, "3-digit DfE code, got 'E09'"),
    (SINGLE.replace("60000", "0"), {}, "population_0_17 in settings must be a positive whole number"),
    (SINGLE.replace("60000", "-5"), {}, "positive whole number"),
    (SINGLE.replace("60000", "6.5e4"), {}, "positive whole number"),
    (SINGLE, {"CSC_POPULATION_0_17": "sixty thousand"}, "positive whole number.*'sixty thousand'"),
    (SINGLE.replace('["340", "341"]', '["340", "41"]'), {}, "statistical_neighbours .* got '41'"),
    (SINGLE.replace('["340", "341"]', '["340", "999"]'), {}, "lists the council itself"),
    (SINGLE + 'warehous = "x.duckdb"\n', {}, "unknown setting 'warehous' in settings \\(did you mean 'warehouse'\\?\\)"),
    (ALLIANCE.replace("la_name = \"Southmoor\"", "la_nme = \"Southmoor\""), {},
     r"unknown setting 'la_nme' in \[\[councils\]\] table 1 \(la_code 998\)"),
    (ALLIANCE.replace('landing = "landing/999"\n', ""), {}, r"missing setting\(s\) landing in \[\[councils\]\] table 2"),
    (ALLIANCE.replace('la_code = "998"', 'la_code = "999"').replace('["999"]', '[]'), {},
     "la_code 999 appears in more than one"),
    (ALLIANCE, {"CSC_LA_CODE": "886"}, "CSC_LA_CODE only applies to a single-council file"),
    ('la_code = "999\n', {}, "not valid TOML"),
])
def test_wrong_settings_are_named_with_the_file(tmp_path, text, environ, message):
    path = _file(tmp_path, text)
    with pytest.raises(SettingsError, match=message) as error:
        load_deployment(path, environ=environ)
    assert str(error.value).startswith(f"{path}: ")


def test_a_missing_file_says_how_to_point_at_one(tmp_path):
    with pytest.raises(SettingsError, match="does not exist \\(set CSC_SETTINGS_FILE"):
        load_deployment(tmp_path / "nowhere.toml", environ={})
