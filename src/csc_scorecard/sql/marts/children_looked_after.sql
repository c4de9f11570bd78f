-- How many children were looked after at each period end, every reporting month
-- (zero included), counted from marts.looked_after_at_period_end, where the rule
-- lives: an episode started on or before the date and not ceased by then, short
-- breaks (legal status V3, V4) not counting.
-- grain: la_code, period_end
with periods as (
    select * from marts.reporting_periods
),

looked_after_at_period_end as (
    select * from marts.looked_after_at_period_end
),

final as (
    select
        periods.la_code,
        periods.period_end,
        count(looked_after_at_period_end.child_key) as children
    from periods
    left join looked_after_at_period_end using (la_code, period_end)
    group by all
)

select * from final
