"""A synthetic council: realistic, reproducible monthly extracts for a fictional local authority.

`generate` simulates one council's children and social work staff over a span of months and writes
what its systems would export at each month-end, in the national formats csc-scorecard reads:

- SSDA903 CSVs (header, episodes, placed_for_adoption, ad1, missing, oc3): children looked after,
  each a care career of episodes (placement moves, legal status changes, the adoption pathway from
  decision and placement order to adoption, some decisions reversed), plus short breaks (V3/V4);
- the CIN census XML: referrals in chains of re-referrals, assessments timed in working days,
  section 47 enquiries, CIN and child protection plans, and the referral of every child in care;
- the HR staff list and establishment (docs/hr_contract.md): funded posts, employees leaving and
  being replaced, agency assignments, caseloads.

Rates default to England's (CouncilProfile); extracts are cumulative and hold nothing dated after
their own date; the same arguments give byte-identical files.
"""

from csc_tools.synthetic.generate import generate
from csc_tools.synthetic.profile import CouncilProfile

__all__ = ["CouncilProfile", "generate"]
