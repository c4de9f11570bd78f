-- metric_id: missing_episodes_month
-- title: Missing episodes of looked-after children
-- area: Children in care
-- definition: Missing episodes of looked-after children (SSDA903 missing, MISSING = M; away without authorisation, A, not counted) that started in the month.
-- unit: count
-- polarity: lower_is_better
-- window: month
-- dfe_reference: DfE Children looked after in England, missing incidents
-- display_order: 57
with periods as (
    select * from marts.reporting_periods
),

missing_episodes as (
    select * from marts.missing_episodes
),

counted as (
    select
        periods.la_code,
        periods.period_end,
        count(distinct missing_episodes.child_key) as children,
        count(missing_episodes.missing_start_date) as episodes
    from periods
    left join missing_episodes
        on missing_episodes.la_code = periods.la_code
        and missing_episodes.is_missing
        and missing_episodes.missing_start_date between periods.month_start and periods.period_end
    group by all
),

final as (
    select la_code, period_end, episodes as value, episodes as numerator, null as denominator
    from counted
)

select * from final
