-- Each child protection plan at each period end it counts for: open then, started in the 12 months
-- to it, or ended in them. The rules for the child protection measures live here;
-- marts.cp_plans_by_period counts them and metrics.metric_members lists them.
-- grain: la_code, period_end, child_key, plan_start_date
with periods as (
    select * from marts.reporting_periods
),

cp_plans as (
    select * from marts.cp_plans
),

placed as (
    select
        periods.la_code,
        periods.period_end,
        cp_plans.child_key,
        cp_plans.plan_start_date,
        cp_plans.plan_end_date,
        -- A plan ending on period end has ended, as a child leaving care that day has left.
        cp_plans.plan_start_date <= periods.period_end
            and (cp_plans.plan_end_date is null or cp_plans.plan_end_date > periods.period_end) as is_open,
        cp_plans.plan_start_date between periods.window_12m_start and periods.period_end as started_12m,
        coalesce(cp_plans.plan_end_date between periods.window_12m_start and periods.period_end, false)
            as ended_12m,
        cp_plans.is_repeat_plan,
        cp_plans.lasted_2_years
    from periods
    inner join cp_plans on cp_plans.la_code = periods.la_code
),

final as (
    select * from placed
    where is_open or started_12m or ended_12m
)

select * from final
