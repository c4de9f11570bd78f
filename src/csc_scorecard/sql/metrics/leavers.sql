-- metric_id: leavers
-- title: Social worker leavers
-- area: Workforce
-- definition: Employed (permanent or fixed-term) social workers who left the council's employment in the month, headcount; a move between employed posts is not leaving.
-- unit: count
-- polarity: lower_is_better
-- window: month
-- dfe_reference: DfE Children's social work workforce, leavers (counted over the year to 30 September there; monthly here)
-- display_order: 96
-- counts: staff
with workforce_measures as (
    select * from marts.workforce_measures
),

final as (
    select la_code, period_end, value, numerator, denominator
    from workforce_measures
    where level = 'council' and measure = 'leavers'
)

select * from final
