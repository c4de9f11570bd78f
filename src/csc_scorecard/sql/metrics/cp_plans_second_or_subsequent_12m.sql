-- metric_id: cp_plans_second_or_subsequent_12m
-- title: Second or subsequent child protection plans
-- area: Child protection
-- definition: Of child protection plans that started in the 12 months to period end, the percentage that were the child's second or subsequent plan ever (NumberOfPreviousCPP above 0; a plan with the number not recorded counts as a first plan).
-- unit: percent
-- polarity: lower_is_better
-- window: 12m
-- change_threshold: 1.0
-- lait_indicator: Child protection plans starting during the year which were a second or subsequent plan (%)
-- dfe_reference: DfE Characteristics of children in need, children becoming the subject of a plan for a second or subsequent time
-- display_order: 45
-- members: a child protection plan started in the 12 months; in the numerator if a second or later plan; the date is its start
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
        is_repeat_plan as in_numerator,
        true as in_denominator
    from cp_plans_in_period
    where started_12m
),

final as (
    select
        la_code,
        period_end,
        100.0 * repeat_plans_started_12m / nullif(plans_started_12m, 0) as value,
        repeat_plans_started_12m as numerator,
        plans_started_12m as denominator
    from cp_plans_by_period
)

select * from final
