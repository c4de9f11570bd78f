-- Child protection plans at each period end, every reporting month (zero included):
-- plans open then, and the plans that started and ended in the 12 months to it
-- (marts.cp_plans_in_period says which).
-- grain: la_code, period_end
with periods as (
    select * from marts.reporting_periods
),

cp_plans_in_period as (
    select * from marts.cp_plans_in_period
),

final as (
    select
        periods.la_code,
        periods.period_end,
        count(*) filter (where plans.is_open) as plans_open,
        count(*) filter (where plans.started_12m) as plans_started_12m,
        count(*) filter (where plans.started_12m and plans.is_repeat_plan) as repeat_plans_started_12m,
        count(*) filter (where plans.ended_12m) as plans_ended_12m,
        count(*) filter (where plans.ended_12m and plans.lasted_2_years) as plans_ended_after_2_years_12m
    from periods
    left join cp_plans_in_period as plans using (la_code, period_end)
    group by all
)

select * from final
