"""A regional alliance: two councils from one settings file, built into one warehouse."""

from datetime import date

import duckdb

from csc_scorecard.cli import EXIT_OK, main
from csc_scorecard.scorecard.suppression import format_value
from csc_tools.synthetic import CouncilProfile, generate

ALLIANCE = """
warehouse = "w.duckdb"
exports = "exports"

[[councils]]
la_code = "998"
la_name = "Southmoor"
population_0_17 = 4000
statistical_neighbours = ["999", "340"]
landing = "landing/998"

[[councils]]
la_code = "999"
la_name = "Northbridge"
population_0_17 = 8000
landing = "landing/999"
"""


def test_an_alliance_builds_every_council_into_one_warehouse(tmp_path, monkeypatch, capsys):
    for code, population in (("998", 4000), ("999", 8000)):
        generate(tmp_path / "landing" / code, CouncilProfile(la_code=code, population_0_17=population),
                 months=1, history_months=13, last_extract=date(2025, 3, 31), seed=int(code))
    (tmp_path / "alliance.toml").write_text(ALLIANCE)
    monkeypatch.setenv("CSC_SETTINGS_FILE", str(tmp_path / "alliance.toml"))

    assert main(["build"]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"warehouse: {tmp_path / 'w.duckdb'}" in out
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        councils = con.sql("select la_code, population_0_17, statistical_neighbours from reference.councils "
                           "order by la_code").fetchall()
        loaded = con.sql("select distinct la_code, extract_date from quality.loaded_files order by 1").fetchall()
        rates = dict(con.sql("select la_code, denominator from metrics.metric_values "
                             "where metric_id = 'cla_rate_per_10k' and period_end = '2025-03-31'").fetchall())
        # Southmoor's neighbours are Northbridge (built here) and 340 (not): its neighbour figure built
        # here for children looked after is Northbridge's own.
        cla = dict(con.sql("select la_code, shown_value from metrics.metric_status "
                           "where metric_id = 'cla' and period_end = '2025-03-31'").fetchall())
        here = con.sql("select warehouse_neighbours, warehouse_neighbour_shown_value from metrics.metric_comparators "
                       "where la_code = '998' and metric_id = 'cla' and period_end = '2025-03-31'").fetchone()
    assert councils == [("998", 4000, ["999", "340"]), ("999", 8000, [])]
    assert loaded == [("998", date(2025, 3, 31)), ("999", date(2025, 3, 31))]
    assert rates == {"998": 4000, "999": 8000}  # each council's rate over its own population
    assert here == (1, cla["999"])
    for code in ("998", "999"):
        assert (tmp_path / "exports" / code / f"scorecard_{code}_2025-03.html").exists()
    # One overview with both councils side by side, each linking to its own pack.
    overview = (tmp_path / "exports" / "alliance.html").read_text()
    assert '<a href="998/scorecard_998_2025-03.html">Southmoor</a>' in overview
    assert '<a href="999/scorecard_999_2025-03.html">Northbridge</a>' in overview
    row = overview[overview.index('id="alliance-cla"'):]
    row = row[:row.index("</tr>")]
    assert f'data-label="Southmoor" class="num ok">{cla["998"]:,.0f}' in row
    assert f'data-label="Northbridge" class="num ok">{cla["999"]:,.0f}' in row
    assert f'{format_value("count", (cla["998"] + cla["999"]) / 2)}<span class="sub">of 2</span>' in row
