"""The alliance overview shows each figure as the councils' own packs do."""

from __future__ import annotations

from datetime import datetime

import polars as pl

from csc_scorecard.scorecard.alliance import measure_rows, render_alliance
from tests.conftest import metric_status_of
from tests.scorecard.conftest import LA, PERIOD_END
from tests.scorecard.test_render import cells_of, render, summary_row


def test_england_reads_as_in_the_councils_pack(values, catalogue):
    """Before, the overview wrote England's rate per 10,000 as 41.0 where the pack wrote 41."""
    pack = render(values, catalogue)
    rows = {r.metric_id: r for area in measure_rows(metric_status_of(values, catalogue), catalogue, [LA],
                                                    PERIOD_END).values() for r in area}
    for metric_id in ("cla_rate_per_10k", "rereferral_rate_12m", "cla"):
        assert rows[metric_id].england == cells_of(summary_row(pack, metric_id))[6], metric_id
    assert rows["cla_rate_per_10k"].england == "67 (31 Mar 2025)"  # as the DfE publishes it, not 67.0
    assert rows["cla"].england == "—"  # a count: England's rate does not apply


def test_the_overview_page_carries_the_packs_england_figure(values, catalogue):
    second = values.with_columns(pl.lit("998").alias("la_code"))
    page = render_alliance(councils=[(LA, "Northbridge"), ("998", "Southmoor")],
                           periods={LA: [PERIOD_END], "998": [PERIOD_END]},
                           metric_status=metric_status_of(pl.concat([values, second]), catalogue),
                           catalogue=catalogue, generated_at=datetime(2025, 3, 12, 9, 30),
                           pack_href=lambda code, _: f"{code}/pack.html")
    row = page[page.index('id="alliance-cla_rate_per_10k"'):]
    assert '<td data-label="England" class="num eng">67 (31 Mar 2025)</td>' in row[:row.index("</tr>")]
