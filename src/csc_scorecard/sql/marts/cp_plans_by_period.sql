-- Child protection plans at each period end, every reporting month (zero included):
-- plans open then, and the plans that started and ended in the 12 months to it.
with periods as (
    select * from marts.reporting_periods
),

cp_plans as (
    select * from marts.cp_plans
),

open_plans as (
    select periods.la_code, periods.period_end, count(cp_plans.plan_start_date) as plans_open
    from periods
    left join cp_plans
        on cp_plans.la_code = periods.la_code
        and cp_plans.plan_start_date <= periods.period_end
        -- A plan ending on period end has ended, as a child leaving care that day has left.
        and (cp_plans.plan_end_date is null or cp_plans.plan_end_date > periods.period_end)
    group by all
),

started as (
    select
        periods.la_code,
        periods.period_end,
        count(cp_plans.plan_start_date) as plans_started_12m,
        count(cp_plans.plan_start_date) filter (where cp_plans.is_repeat_plan) as repeat_plans_started_12m
    from periods
    left join cp_plans
        on cp_plans.la_code = periods.la_code
        and cp_plans.plan_start_date between periods.window_12m_start and periods.period_end
    group by all
),

ended as (
    select
        periods.la_code,
        periods.period_end,
        count(cp_plans.plan_end_date) as plans_ended_12m,
        count(cp_plans.plan_end_date) filter (where cp_plans.lasted_2_years) as plans_ended_after_2_years_12m
    from periods
    left join cp_plans
        on cp_plans.la_code = periods.la_code
        and cp_plans.plan_end_date between periods.window_12m_start and periods.period_end
    group by all
),

final as (
    select *
    from open_plans
    inner join started using (la_code, period_end)
    inner join ended using (la_code, period_end)
)

select * from final
