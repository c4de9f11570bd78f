"""The benchmark's national dataset, generated once and cached.

Per council: one extract holding 36 months of history (the "full" load) and the next month's
extract (the incremental refresh), as root/<la_code>/<YYYY-MM-DD>/.

36 months of history as the scale issue defines the dataset (about 1.9 million referrals
nationally): referrals made in those months and the cases still open when they begin. Not the
year before (LOOKBACK_MONTHS = 0): the demo's extracts keep it, so re-referral rates are complete
from their first month, but it made the benchmark's returns half as large again (2.9 million
referrals, 2.65 GB of CIN XML).
"""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

from csc_tools.synthetic.region import ENGLAND_COUNCILS, ENGLAND_POPULATION_0_17, generate_region, region_profiles

HISTORY_MONTHS = 36
LOOKBACK_MONTHS = 0
LAST_EXTRACT = date(2025, 3, 31)
SEED = 2026


def national_dataset(root: Path, councils: int = ENGLAND_COUNCILS,
                     population_0_17: int = ENGLAND_POPULATION_0_17, workers: int = 2) -> dict:
    """The dataset's manifest, generating it first when it is not cached under `root`."""
    manifest_path = root / "manifest.json"
    wanted = {"councils": councils, "population_0_17": population_0_17, "history_months": HISTORY_MONTHS,
              "lookback_months": LOOKBACK_MONTHS, "last_extract": LAST_EXTRACT.isoformat(), "seed": SEED}
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if {k: manifest.get(k) for k in wanted} == wanted:
            return manifest
    root.mkdir(parents=True, exist_ok=True)
    profiles = region_profiles(councils, population_0_17, seed=SEED)
    started = time.perf_counter()
    generate_region(root, profiles, months=2, history_months=HISTORY_MONTHS, last_extract=LAST_EXTRACT,
                    seed=SEED, workers=workers, lookback_months=LOOKBACK_MONTHS)
    manifest = wanted | {
        "generated_seconds": round(time.perf_counter() - started, 1),
        "councils_detail": [{"la_code": p.la_code, "la_name": p.la_name,
                             "population_0_17": p.population_0_17} for p in profiles],
        "bytes": {kind: sum(f.stat().st_size for f in root.rglob(pattern))
                  for kind, pattern in (("cin_xml", "*.xml"), ("csv", "*.csv"))},
    }
    # Written last: a dataset whose generation was interrupted is regenerated.
    manifest_path.write_text(json.dumps(manifest, indent=1))
    return manifest


def extract_dates() -> tuple[date, date]:
    """(the full extract's date, the incremental extract's date)."""
    previous_month_end = LAST_EXTRACT.replace(day=1).fromordinal(LAST_EXTRACT.replace(day=1).toordinal() - 1)
    return previous_month_end, LAST_EXTRACT
