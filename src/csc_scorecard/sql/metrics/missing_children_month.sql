-- metric_id: missing_children_month
-- title: Looked-after children who went missing
-- area: Missing and exploitation
-- definition: Looked-after children with at least one missing episode (SSDA903 missing, MISSING = M; away without authorisation, A, not counted) that started in the month.
-- unit: count
-- polarity: lower_is_better
-- window: month
-- dfe_reference: DfE Children looked after in England, children who had a missing incident
-- display_order: 60
-- members: a child with a missing episode (not an absence) starting in the month
with periods as (
    select * from marts.reporting_periods
),

missing_episodes as (
    select * from marts.missing_episodes
),

members as (
    -- One row a child, however many records put them in the month.
    select
        periods.la_code,
        periods.period_end,
        missing_episodes.child_key,
        min(missing_episodes.missing_start_date) as record_date,
        true as in_numerator,
        false as in_denominator
    from periods
    inner join missing_episodes
        on missing_episodes.la_code = periods.la_code
        and missing_episodes.is_missing
        and missing_episodes.missing_start_date between periods.month_start and periods.period_end
    where missing_episodes.child_key is not null
    group by all
),

counted as (
    select periods.la_code, periods.period_end, count(members.child_key) as children
    from periods
    left join members using (la_code, period_end)
    group by all
),

final as (
    select la_code, period_end, children as value, children as numerator, null as denominator
    from counted
)

select * from final
