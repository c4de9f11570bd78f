-- metric_id: cp_plans_ended_2y_plus_12m
-- title: Child protection plans ending after 2 years or more
-- area: Child protection
-- definition: Of child protection plans that ended in the 12 months to period end, the percentage that had lasted 2 years or more (ended on or after the second anniversary of their start).
-- unit: percent
-- polarity: lower_is_better
-- window: 12m
-- change_threshold: 1.0
-- lait_indicator: Child protection plans ceasing during the year that lasted two years or more (%)
-- dfe_reference: DfE Characteristics of children in need, plans ceasing that lasted 2 years or more (England 4.4%, 2025)
-- display_order: 46
-- members: a child protection plan ended in the 12 months; in the numerator if it lasted 2 years or more; the date is its start
with cp_plans_in_period as (
    select * from marts.cp_plans_in_period
),

cp_plans_by_period as (
    select * from marts.cp_plans_by_period
),

members as (
    -- Who the figure counts (metrics.metric_members); the figure itself comes from the mart.
    select
        la_code,
        period_end,
        child_key,
        plan_start_date as record_date,
        lasted_2_years as in_numerator,
        true as in_denominator
    from cp_plans_in_period
    where ended_12m
),

final as (
    select
        la_code,
        period_end,
        100.0 * plans_ended_after_2_years_12m / nullif(plans_ended_12m, 0) as value,
        plans_ended_after_2_years_12m as numerator,
        plans_ended_12m as denominator
    from cp_plans_by_period
)

select * from final
