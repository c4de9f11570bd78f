-- Child protection plans as the latest extract records them.
with cin_cp_plans as (
    select * from latest_extract('staging.cin_cp_plans')
),

final as (
    select
        *,
        coalesce(previous_plans > 0, false) as is_repeat_plan
    from cin_cp_plans
    where plan_start_date is not null
)

select * from final
