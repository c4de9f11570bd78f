-- The month-ends a council's figures are reported for, with the windows the
-- metric definitions use: the month, the 12 months to period end (inclusive)
-- and the year to date from the 1 April on or before period end; and the 36
-- months to period end for the adoption scorecard's 3-year averages.
-- grain: la_code, period_end
with referrals as (
    select * from marts.referrals
),

episodes as (
    select * from marts.episodes
),

extracts as (
    select la_code, max(extract_date) as latest_extract_date, min(first_date) as first_date
    from (
        select la_code, extract_date, referral_date as first_date from referrals
        union all
        select la_code, extract_date, episode_start_date from episodes
    )
    group by all
),

month_ends as (
    -- 36 months back from the latest extract: three years of trend and two year-ends.
    select
        la_code,
        last_day(latest_extract_date - to_months(n)) as period_end,
        first_date
    from extracts, range(0, 36) as months(n)
),

final as (
    select
        la_code,
        period_end,
        date_trunc('month', period_end)::date as month_start,
        (date_trunc('month', period_end) - interval 11 month)::date as window_12m_start,
        year_to_date_start(period_end) as ytd_start,
        (date_trunc('month', period_end) - interval 35 month)::date as window_3y_start
    from month_ends
    where period_end >= last_day(first_date)
)

select * from final
