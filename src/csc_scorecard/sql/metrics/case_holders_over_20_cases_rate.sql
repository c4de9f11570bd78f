-- metric_id: case_holders_over_20_cases_rate
-- title: Case holders with more than 20 cases
-- area: Workforce
-- definition: Of the case-holding social workers in post at the month's staff-list extract (employed and agency, counted once each however many posts they hold), the percentage holding more than 20 cases across their posts. A worker whose caseload is not recorded is left out of both sides; a month without a staff list of its own has no figure. Per team in marts.workforce_measures.
-- unit: percent
-- polarity: lower_is_better
-- window: snapshot
-- change_threshold: 1.0
-- dfe_reference: Local measure: DfE publishes the average only (caseload per case-holding FTE, England 16.0, 30 September 2023); this is the spread behind it, by headcount
-- display_order: 98
-- counts: staff
with workforce_measures as (
    select * from marts.workforce_measures
),

final as (
    select la_code, period_end, value, numerator, denominator
    from workforce_measures
    where level = 'council' and measure = 'case_holders_over_20_cases_rate'
)

select * from final
