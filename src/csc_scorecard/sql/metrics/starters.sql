-- metric_id: starters
-- title: Social worker starters
-- area: Workforce
-- definition: Social workers who joined the council's employment (permanent or fixed-term) in the month, headcount; a move between employed posts is not a start.
-- unit: count
-- polarity: neutral
-- window: month
-- dfe_reference: DfE Children's social work workforce, starters (counted over the year to 30 September there; monthly here)
-- display_order: 95
-- counts: staff
with workforce_measures as (
    select * from marts.workforce_measures
),

final as (
    select la_code, period_end, value, numerator, denominator
    from workforce_measures
    where level = 'council' and measure = 'starters'
)

select * from final
