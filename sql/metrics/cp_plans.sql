-- metric_id: cp_plans
-- title: Children on child protection plans
-- area: Child protection
-- definition: Child protection plans open at period end: started on or before period end, and not ended or ended after it.
-- unit: count
-- polarity: neutral
-- window: snapshot
-- dfe_reference: DfE Characteristics of children in need, child protection plans (England 49,420, about 41 per 10,000, 31 March 2025)
-- display_order: 43
with periods as (
    select * from marts.reporting_periods
),

cp_plans as (
    select * from marts.cp_plans
),

open_plans as (
    select
        periods.la_code,
        periods.period_end,
        count(cp_plans.plan_start_date) as plans
    from periods
    left join cp_plans
        on cp_plans.la_code = periods.la_code
        and cp_plans.plan_start_date <= periods.period_end
        and (cp_plans.plan_end_date is null or cp_plans.plan_end_date > periods.period_end)
    group by all
),

final as (
    select la_code, period_end, plans as value, plans as numerator, null as denominator
    from open_plans
)

select * from final
