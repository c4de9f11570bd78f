-- metric_id: social_workers_fte
-- title: Social workers in post (FTE)
-- area: Workforce
-- definition: FTE of social workers employed by the council (permanent and fixed-term; agency workers excluded) in post at period end, all social-work roles in the staff list.
-- unit: count
-- polarity: neutral
-- window: snapshot
-- dfe_reference: DfE Children's social work workforce, FTE social workers in post (England 33,119 FTE, 30 September 2023)
-- display_order: 90
-- counts: staff
with workforce_measures as (
    select * from marts.workforce_measures
),

final as (
    select la_code, period_end, value, numerator, denominator
    from workforce_measures
    where level = 'council' and measure = 'social_workers_fte'
)

select * from final
