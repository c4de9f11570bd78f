-- metric_id: agency_worker_rate
-- title: Agency social workers
-- area: Workforce
-- definition: Agency social-worker FTE as a percentage of all social-worker FTE in post (agency plus employed) at period end.
-- unit: percent
-- polarity: lower_is_better
-- window: snapshot
-- change_threshold: 1.0
-- lait_indicator: Children and family social workers: agency worker rate (FTE) (%)
-- dfe_reference: DfE Children's social work workforce, agency worker rate (England 17.8%, 30 September 2023)
-- display_order: 91
-- counts: staff
with workforce_measures as (
    select * from marts.workforce_measures
),

final as (
    select la_code, period_end, value, numerator, denominator
    from workforce_measures
    where level = 'council' and measure = 'agency_worker_rate'
)

select * from final
