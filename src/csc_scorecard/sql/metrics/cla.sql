-- metric_id: cla
-- title: Children looked after
-- area: Children in care
-- definition: Children looked after at period end: an episode of care started on or before period end and not ceased by then, not counting children whose open episode is a short break (legal status V3 or V4).
-- unit: count
-- polarity: neutral
-- window: snapshot
-- dfe_reference: DfE Children looked after in England (England 81,770 at 31 March 2025)
-- display_order: 50
-- members: a child looked after at period end; the date is the start of their period of care
with looked_after_at_period_end as (
    select * from marts.looked_after_at_period_end
),

children_looked_after as (
    select * from marts.children_looked_after
),

members as (
    -- Who the figure counts (metrics.metric_members); the figure itself comes from the mart.
    select
        la_code,
        period_end,
        child_key,
        care_start_date as record_date,
        true as in_numerator,
        false as in_denominator
    from looked_after_at_period_end
    where child_key is not null
),

final as (
    select la_code, period_end, children as value, children as numerator, null as denominator
    from children_looked_after
)

select * from final
