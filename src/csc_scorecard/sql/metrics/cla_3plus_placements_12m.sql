-- metric_id: cla_3plus_placements_12m
-- title: Children looked after with 3 or more placements
-- area: Children in care
-- definition: Of children looked after at period end (short breaks excluded), the percentage who lived in 3 or more placements in the 12 months to period end, the placement held at the start of the 12 months included. A new placement is an episode starting for any reason but a change of legal status only (RNE S, P, T, U, B); short-break episodes do not count.
-- unit: percent
-- polarity: lower_is_better
-- window: 12m
-- change_threshold: 1.0
-- lait_indicator: Children looked after with three or more placements during the year (%)
-- dfe_reference: DfE Children looked after in England, placement stability: 3 or more placements during the year
-- display_order: 53
-- members: a child looked after at period end; in the numerator if 3 or more placements in the 12 months
with periods as (
    select * from marts.reporting_periods
),

looked_after_at_period_end as (
    select * from marts.looked_after_at_period_end
),

members as (
    select
        la_code,
        period_end,
        child_key,
        care_start_date as record_date,
        coalesce(placements_12m >= 3, false) as in_numerator,
        true as in_denominator
    from looked_after_at_period_end
),

counted as (
    select
        la_code,
        period_end,
        count(*) as children,
        count(*) filter (where in_numerator) as with_3_or_more
    from members
    group by all
),

final as (
    select
        periods.la_code,
        periods.period_end,
        100.0 * coalesce(counted.with_3_or_more, 0) / nullif(coalesce(counted.children, 0), 0) as value,
        coalesce(counted.with_3_or_more, 0) as numerator,
        coalesce(counted.children, 0) as denominator
    from periods
    left join counted using (la_code, period_end)
)

select * from final
