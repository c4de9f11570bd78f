-- Care leavers aged 19 to 21 at each period end, counted as the month's SSDA903 extract records them
-- (marts.care_leavers_at_period_end says who): a month without an extract has no row.
-- grain: la_code, period_end
with care_leavers_at_period_end as (
    select * from marts.care_leavers_at_period_end
),

final as (
    select
        la_code,
        period_end,
        count(child_key) as care_leavers,
        count(child_key) filter (where is_in_touch) as in_touch,
        count(child_key) filter (where is_suitably_accommodated) as suitably_accommodated,
        count(child_key) filter (where is_in_eet) as in_eet
    from care_leavers_at_period_end
    group by all
)

select * from final
