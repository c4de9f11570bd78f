-- metric_id: caseload_per_fte
-- title: Average caseload
-- area: Workforce
-- definition: Cases held by case-holding social workers in post at the month's staff-list extract, divided by their FTE.
-- unit: ratio
-- polarity: lower_is_better
-- window: snapshot
-- change_threshold: 0.5
-- lait_indicator: Children and family social workers: average caseload per case-holding FTE
-- dfe_reference: DfE Children's social work workforce, caseload per case-holding FTE (England 16.0, 30 September 2023)
-- display_order: 94
-- members: none, the staff list gives each worker's number of cases, not the children
with workforce_measures as (
    select * from marts.workforce_measures
),

final as (
    select la_code, period_end, value, numerator, denominator
    from workforce_measures
    where level = 'council' and measure = 'caseload_per_fte'
)

select * from final
