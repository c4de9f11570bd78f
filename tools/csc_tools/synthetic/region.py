"""Many councils at once: a region, or all of England, for multi-council runs and benchmarks.

Councils' sizes vary like real ones (a few thousand children in the smallest, over 300,000 in the
largest) and their rates spread around the England figures, while the totals stay at England's:
about 12.1 million children, 630,000 referrals and 82,000 children looked after a year.
"""

from __future__ import annotations

import math
import random
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import date
from pathlib import Path

from csc_tools.synthetic.generate import generate
from csc_tools.synthetic.profile import CouncilProfile

ENGLAND_COUNCILS = 152
ENGLAND_POPULATION_0_17 = 12_100_000
# Lognormal spread of councils' 0-17 populations (median ~ 60,000; real councils run from
# ~8,000 to ~330,000) and of their CLA rates (27-184 per 10,000 around England's 67).
_SIZE_SIGMA = 0.65
_CLA_RATE_SIGMA = 0.35
_REFERRAL_RATE_SIGMA = 0.25


def region_profiles(councils: int = ENGLAND_COUNCILS, population_0_17: int = ENGLAND_POPULATION_0_17,
                    seed: int = 2026, base: CouncilProfile | None = None) -> list[CouncilProfile]:
    """`councils` profiles whose populations add up to `population_0_17` and whose
    population-weighted CLA and referral rates equal the base profile's (England by default)."""
    base = base or CouncilProfile()
    rng = random.Random(seed)
    weights = [rng.lognormvariate(0, _SIZE_SIGMA) for _ in range(councils)]
    populations = _shares(population_0_17, weights, minimum=2_000)
    cla_spread = [rng.lognormvariate(0, _CLA_RATE_SIGMA) for _ in range(councils)]
    referral_spread = [rng.lognormvariate(0, _REFERRAL_RATE_SIGMA) for _ in range(councils)]
    cla_scale = _weighted_mean_scale(cla_spread, populations)
    referral_scale = _weighted_mean_scale(referral_spread, populations)
    return [
        replace(
            base,
            la_code=f"{801 + i:03d}",
            la_name=f"Council {801 + i}",
            population_0_17=population,
            cla_per_10k=base.cla_per_10k * cla_spread[i] * cla_scale,
            referrals_per_10k=base.referrals_per_10k * referral_spread[i] * referral_scale,
        )
        for i, population in enumerate(populations)
    ]


def generate_region(root: Path, profiles: list[CouncilProfile], *, months: int, history_months: int,
                    last_extract: date, seed: int = 2026, workers: int = 2,
                    lookback_months: int = 12) -> dict[str, list[Path]]:
    """Write each council's extracts under root/<la_code>/<YYYY-MM-DD>/; returns the folders per
    council. Councils are independent, so they are generated in `workers` processes."""
    jobs = [(Path(root) / p.la_code, p, months, history_months, last_extract, seed + i, lookback_months)
            for i, p in enumerate(profiles)]
    # The largest councils first, so the pool is not left waiting on one big council at the end.
    jobs.sort(key=lambda job: -job[1].population_0_17)
    if workers <= 1:
        return {job[1].la_code: _generate_one(job) for job in jobs}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return dict(zip((job[1].la_code for job in jobs), pool.map(_generate_one, jobs)))


def _generate_one(job) -> list[Path]:
    landing, profile, months, history_months, last_extract, seed, lookback_months = job
    return generate(landing, profile, months=months, history_months=history_months,
                    last_extract=last_extract, seed=seed, lookback_months=lookback_months)


def _shares(total: int, weights: list[float], minimum: int) -> list[int]:
    """Split `total` in proportion to `weights`, none below `minimum`, summing exactly to `total`."""
    scaled = [max(minimum, total * w / sum(weights)) for w in weights]
    factor = (total - minimum * len(weights)) / (sum(scaled) - minimum * len(weights))
    shares = [math.floor(minimum + (s - minimum) * factor) for s in scaled]
    shares[shares.index(max(shares))] += total - sum(shares)
    return shares


def _weighted_mean_scale(spread: list[float], weights: list[int]) -> float:
    return sum(weights) / sum(s * w for s, w in zip(spread, weights))
