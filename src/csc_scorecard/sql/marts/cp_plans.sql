-- Child protection plans as the latest extract records them.
-- grain: la_code, child_key, plan_start_date
with cin_cp_plans as (
    select * from latest_extract('staging.cin_cp_plans')
),

final as (
    select
        *,
        coalesce(previous_plans > 0, false) as is_repeat_plan,
        -- Two years to the day counts as lasting two years.
        coalesce(plan_end_date >= plan_start_date + interval 2 year, false) as lasted_2_years
    from cin_cp_plans
    where plan_start_date is not null
)

select * from final
