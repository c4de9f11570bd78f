"""The factors an assessment identifies that the board asks about: going missing and exploitation.

The front door draws each assessment's factors from every CIN census code alike (referrals.py); these
five are then set again at the profile's shares, so missing and exploitation appear about as often as
in England rather than as often as any other factor. A generator of its own, so every other record,
and every file the other writers produce from them, stays as it was.
"""

import random

from csc_tools.synthetic.profile import CouncilProfile
from csc_tools.synthetic.records import Child

# CIN census AssessmentFactors codes (marts.assessment_factors names them for the pipeline).
NO_FACTORS = "21"


def factor_shares(profile: CouncilProfile) -> dict[str, float]:
    return {"10A": profile.factor_missing_share, "11A": profile.factor_cse_share, "24A": profile.factor_cce_share,
            "13A": profile.factor_gangs_share, "12A": profile.factor_trafficking_share}


def assign_missing_and_exploitation(children: list[Child], profile: CouncilProfile, seed: int) -> None:
    rng = random.Random(f"{seed}-assessment-factors")
    shares = factor_shares(profile)
    for child in children:
        for referral in child.referrals:
            assessment = referral.assessment
            if assessment is None:
                continue
            kept = [f for f in assessment.factors if f not in shares and f != NO_FACTORS]
            added = [code for code, share in shares.items() if rng.random() < share]
            assessment.factors = tuple(sorted(kept + added)) or (NO_FACTORS,)
