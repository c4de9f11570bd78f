"""Raw partitions: one per council and extract month."""

from datetime import date, timedelta

from csc_scorecard.defs.partitions import (council_and_month, extract_partitions, in_partition_range, landed_partitions,
                                  partition_key)
from csc_scorecard.settings import CouncilSettings, Deployment
from tests.conftest import land


def _council(tmp_path, code):
    return CouncilSettings(la_code=code, la_name=code, population_0_17=1000, landing=tmp_path / code,
                           warehouse=tmp_path / "w.duckdb", exports=tmp_path / "x")


def test_every_landed_council_month_is_a_partition_oldest_month_first(tmp_path):
    deployment = Deployment((_council(tmp_path, "998"), _council(tmp_path, "999")), tmp_path / "w.duckdb",
                            tmp_path / "x")
    land(tmp_path / "999", date(2025, 3, 31), {})
    land(tmp_path / "999", date(2025, 3, 15), {})  # two extracts in one month: one partition
    land(tmp_path / "998", date(2025, 4, 30), {})
    land(tmp_path / "998", date(2025, 3, 31), {})
    land(tmp_path / "998", date(2009, 12, 31), {})  # before the first month: not a partition
    (tmp_path / "998" / "archive").mkdir()
    keys = [str(k) for k in landed_partitions(deployment)]
    assert keys == ["998|2025-03-01", "999|2025-03-01", "998|2025-04-01"]
    partitions = extract_partitions(deployment.la_codes)
    assert all(partitions.has_partition_key(k) for k in keys)
    assert council_and_month("999|2025-03-01") == ("999", date(2025, 3, 1))
    # The month dimension agrees with in_partition_range: this month is in, next month is not.
    this_month = date.today().replace(day=1)
    next_month = (this_month.replace(day=28) + timedelta(days=4)).replace(day=1)
    assert partitions.has_partition_key(str(partition_key("998", this_month)))
    assert not partitions.has_partition_key(str(partition_key("998", next_month)))


def test_the_month_in_progress_is_a_partition_and_next_month_is_not():
    today = date(2025, 5, 14)
    assert in_partition_range(date(2025, 5, 31), today)
    assert not in_partition_range(date(2025, 6, 1), today)
    assert not in_partition_range(date(2009, 12, 31), today)
