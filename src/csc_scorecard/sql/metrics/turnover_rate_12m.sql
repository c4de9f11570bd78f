-- metric_id: turnover_rate_12m
-- title: Social worker turnover (12 months)
-- area: Workforce
-- definition: FTE of employed (permanent and fixed-term) social workers who left the council's employment in the 12 months to period end (a move between employed posts is not leaving), as a percentage of employed FTE in post at period end.
-- unit: percent
-- polarity: lower_is_better
-- window: 12m
-- change_threshold: 1.0
-- lait_indicator: Children and family social workers: turnover rate (FTE) (%)
-- dfe_reference: DfE Children's social work workforce, turnover rate (England 15.9%, year to 30 September 2023)
-- display_order: 93
-- counts: staff
with workforce_measures as (
    select * from marts.workforce_measures
),

final as (
    select la_code, period_end, value, numerator, denominator
    from workforce_measures
    where level = 'council' and measure = 'turnover_rate_12m'
)

select * from final
