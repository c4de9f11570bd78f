-- metric_id: cla
-- title: Children looked after
-- area: Children in care
-- definition: Children looked after at period end: an episode of care started on or before period end and not ceased by then, not counting children whose open episode is a short break (legal status V3 or V4).
-- unit: count
-- polarity: neutral
-- window: snapshot
-- dfe_reference: DfE Children looked after in England (England 81,770 at 31 March 2025)
-- display_order: 40
with periods as (
    select * from marts.reporting_periods
),

episodes as (
    select * from marts.episodes
),

looked_after as (
    select
        periods.la_code,
        periods.period_end,
        count(distinct episodes.child_id) as children
    from periods
    left join episodes
        on episodes.la_code = periods.la_code
        and episodes.episode_start_date <= periods.period_end
        and (episodes.episode_end_date is null or episodes.episode_end_date > periods.period_end)
        and not episodes.is_short_break
    group by all
),

final as (
    select la_code, period_end, children as value, children as numerator, null as denominator
    from looked_after
)

select * from final
