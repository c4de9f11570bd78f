-- metric_id: cp_plans
-- title: Children on child protection plans
-- area: Child protection
-- definition: Child protection plans open at period end: started on or before period end, and not ended or ended after it (a plan ending on period end has ended).
-- unit: count
-- polarity: neutral
-- window: snapshot
-- dfe_reference: DfE Characteristics of children in need, child protection plans (England 49,420, about 41 per 10,000, 31 March 2025)
-- display_order: 43
-- members: a child protection plan open at period end; the date is its start
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
        true as in_numerator,
        false as in_denominator
    from cp_plans_in_period
    where is_open
),

final as (
    select la_code, period_end, plans_open as value, plans_open as numerator, null as denominator
    from cp_plans_by_period
)

select * from final
