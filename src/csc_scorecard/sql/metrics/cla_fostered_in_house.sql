-- metric_id: cla_fostered_in_house
-- title: Children in foster care with the council's own foster carers
-- area: Children in care
-- definition: Of children looked after at period end (short breaks V3/V4 left out) whose placement then is foster care (PLACE U1 to U6), the percentage placed with the council's own foster carers (PLACE_PROVIDER PR1, own provision). The rest are with an agency's carers (PR4, PR5), another council's or public body's (PR2, PR3), or have no provider recorded.
-- unit: percent
-- polarity: neutral
-- window: snapshot
-- dfe_reference: DfE Children looked after in England, children looked after at 31 March by placement and placement provider (SSDA903 PLACE and PLACE_PROVIDER)
-- display_order: 56
-- members: a child looked after at period end in a foster placement; in the numerator if with the council's own carers; the date is when the placement began with those carers
with looked_after_at_period_end as (
    select * from marts.looked_after_at_period_end
),

foster_placements_by_period as (
    select * from marts.foster_placements_by_period
),

members as (
    -- Who the figure counts (metrics.metric_members); the figure itself comes from the mart.
    select
        la_code,
        period_end,
        child_key,
        with_carer_since_date as record_date,
        coalesce(is_own_provision, false) as in_numerator,
        true as in_denominator
    from looked_after_at_period_end
    where is_fostered
),

final as (
    select
        la_code,
        period_end,
        100.0 * fostered_in_house / nullif(fostered, 0) as value,
        fostered_in_house as numerator,
        fostered as denominator
    from foster_placements_by_period
)

select * from final
