-- metric_id: turnover_rate_12m
-- title: Social worker turnover (12 months)
-- area: Workforce
-- definition: FTE of employed (permanent and fixed-term) social workers who left in the 12 months to period end, as a percentage of employed FTE in post at period end.
-- unit: percent
-- polarity: lower_is_better
-- window: 12m
-- dfe_reference: DfE Children's social work workforce, turnover rate (England 15.9%, year to 30 September 2023)
-- display_order: 92
with workforce as (
    select * from marts.workforce_by_period
),

final as (
    select
        la_code,
        period_end,
        100.0 * employed_leavers_fte_12m / nullif(employed_fte, 0) as value,
        employed_leavers_fte_12m as numerator,
        employed_fte as denominator
    from workforce
)

select * from final
