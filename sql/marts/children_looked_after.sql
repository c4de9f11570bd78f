-- How many children were looked after at each period end, every reporting month
-- (zero included). A child is looked after on a date when an episode started on
-- or before it has not ceased by then; short breaks (legal status V3, V4) do not count.
with periods as (
    select * from marts.reporting_periods
),

episodes as (
    select * from marts.episodes
),

final as (
    select
        periods.la_code,
        periods.period_end,
        count(distinct episodes.child_key) as children
    from periods
    left join episodes
        on episodes.la_code = periods.la_code
        and episodes.episode_start_date <= periods.period_end
        -- An episode ending on period end has ended: the child left care that day.
        and (episodes.episode_end_date is null or episodes.episode_end_date > periods.period_end)
        and not episodes.is_short_break
    group by all
)

select * from final
