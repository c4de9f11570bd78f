-- metric_id: missing_episodes_month
-- title: Missing episodes of looked-after children
-- area: Missing and exploitation
-- definition: Missing episodes of looked-after children (SSDA903 missing, MISSING = M; away without authorisation, A, not counted) that started in the month.
-- unit: count
-- polarity: lower_is_better
-- window: month
-- dfe_reference: DfE Children looked after in England, missing incidents
-- display_order: 61
-- members: a missing episode (not an absence) starting in the month
with periods as (
    select * from marts.reporting_periods
),

missing_episodes as (
    select * from marts.missing_episodes
),

members as (
    select
        periods.la_code,
        periods.period_end,
        missing_episodes.child_key,
        missing_episodes.missing_start_date as record_date,
        true as in_numerator,
        false as in_denominator
    from periods
    inner join missing_episodes
        on missing_episodes.la_code = periods.la_code
        and missing_episodes.missing_start_date between periods.month_start and periods.period_end
        and missing_episodes.is_missing
),

counted as (
    select periods.la_code, periods.period_end, count(members.record_date) as episodes
    from periods
    left join members using (la_code, period_end)
    group by all
),

final as (
    select la_code, period_end, episodes as value, episodes as numerator, null as denominator
    from counted
)

select * from final
