"""The fictional council's size and the rates its simulated children and staff follow."""

from dataclasses import dataclass

# England, 30 September 2023: 33,119 social workers (FTE) for about 12.1 million children aged 0-17.
ENGLAND_SOCIAL_WORKERS_PER_CHILD = 33_119 / 12_100_000


@dataclass(frozen=True)
class CouncilProfile:
    """A council to simulate; every rate defaults to the England figure in REFERENCE.md."""

    la_code: str = "999"
    la_name: str = "Northbridge"
    population_0_17: int = 60_000

    # Front door (CIN census, year to 31 March 2025)
    referrals_per_10k: float = 523.0  # a year: 632,830 referrals / ~12.1M children
    rereferral_rate: float = 0.226  # share of referrals within 12 months of the child's previous one
    referral_nfa_rate: float = 0.065
    assessments_within_45wd: float = 0.857
    icpc_within_15wd: float = 0.78
    # Contacts (Ofsted Annex A list 1) a referral: the DfE does not collect contacts, so there is no
    # national figure; REFERENCE.md has none either. Councils' Annex A workbooks run at roughly 2.5 to
    # 3 contacts a referral (issue 24), so the middle of that range: 37% of contacts become referrals.
    contacts_per_referral: float = 2.7
    # Contact decisions within one working day (Annex A list 1 with a decision date): a local
    # measure, no national figure; REFERENCE.md gives 95% as the usual target, and councils report
    # falling a little short of it, so an assumed 90%.
    contact_decided_within_1wd: float = 0.90

    # Missing and exploitation. Shares of authorised assessments recording each factor (CIN census
    # AssessmentFactors): assumed, of the order the DfE's factors-at-assessment tables show (a few
    # per cent each, trafficking well under one), not checked against a published figure.
    factor_missing_share: float = 0.05  # 10A going or being missing
    factor_cse_share: float = 0.03  # 11A child sexual exploitation
    factor_cce_share: float = 0.035  # 24A child criminal exploitation
    factor_gangs_share: float = 0.015  # 13A gangs
    factor_trafficking_share: float = 0.004  # 12A trafficking
    # Return interviews after a looked-after child's last missing episode (Annex A list 8): no DfE
    # figure; assumed most offered and a little over half of those offered accepting.
    return_interview_offered_share: float = 0.85
    return_interview_accepted_share: float = 0.6

    # Child protection and care (snapshots at period end)
    cp_per_10k: float = 41.0
    cla_per_10k: float = 67.0
    # Children having a series of short breaks (V3/V4), as a share of children looked after:
    # they are in the SSDA903 but not counted as looked after.
    short_break_share: float = 0.05
    adoption_rate: float = 0.037  # share of children looked after adopted in a year (3,040 / 81,770)
    # Care leavers with a personal adviser named in Annex A list 9: a duty, so nearly all; a local
    # measure with no national figure, the gap being advisers who left and are not yet replaced.
    personal_adviser_share: float = 0.95

    # Fostering: the council's own fostering service (the monthly fostering households list,
    # docs/fostering.md). Ofsted, Fostering in England and Recruitment and retention in mainstream
    # fostering (March 2024), year to 31 March 2023: 43,405 fostering households in England, 35,005 of
    # them mainstream (so 19% kinship); 5,125 households deregistered in the year (11.8% of them);
    # local authorities received 25,820 initial enquiries (21.3 per 10,000 children) and 12% of
    # their enquiries became an application. Assumed, not published as one figure: the council's
    # own service holds 55% of the households of its area (the rest are with agencies), 60% of
    # applications end in approval, and an assessment takes about 8 months.
    fostering_households_per_10k: float = 43_405 * 0.55 / 12_100_000 * 10_000
    fostering_kinship_share: float = 0.19
    fostering_deregistration_rate: float = 5_125 / 43_405  # a year
    fostering_enquiries_per_10k: float = 25_820 / 12_100_000 * 10_000  # a year
    fostering_enquiry_to_application: float = 0.12
    fostering_application_to_approval: float = 0.6
    fostering_assessment_days: float = 240.0

    # Social work workforce (DfE, 30 September 2023)
    agency_rate: float = 0.178
    vacancy_rate: float = 0.189
    turnover: float = 0.159
    caseload: float = 16.0
    social_workers_per_child: float = ENGLAND_SOCIAL_WORKERS_PER_CHILD

    def per_10k(self, rate: float) -> float:
        """A rate per 10,000 children as a number of children in this council."""
        return rate * self.population_0_17 / 10_000

    @property
    def social_worker_fte(self) -> float:
        return self.population_0_17 * self.social_workers_per_child
