-- Each child adopted from care (an episode ceasing E11 or E12) counted in a year to date at each
-- period end: this year's (1 April to period end) or the same point last year's (1 April of the
-- year before to the same month end a year before: 29 February 2024 for 28 February 2025).
-- metrics.adoptions_ytd and adoptions_ytd_last_year count them. One row a child a period end a
-- year, dated by the child's first adoption in the window.
-- grain: la_code, period_end, year_to_date, child_key
with periods as (
    select * from marts.reporting_periods
),

episodes as (
    select * from marts.episodes
),

windows as (
    select la_code, period_end, 'this year' as year_to_date, ytd_start as window_start, period_end as window_end
    from periods
    union all
    select la_code, period_end, 'same point last year', (ytd_start - interval 1 year)::date,
           last_day(period_end - interval 12 month)
    from periods
),

final as (
    select
        windows.la_code,
        windows.period_end,
        windows.year_to_date,
        episodes.child_key,
        min(episodes.episode_end_date) as adopted_date
    from windows
    inner join episodes
        on episodes.la_code = windows.la_code
        and episodes.is_adoption
        and episodes.episode_end_date between windows.window_start and windows.window_end
    where episodes.child_key is not null
    group by all
)

select * from final
