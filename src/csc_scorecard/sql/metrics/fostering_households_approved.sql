-- metric_id: fostering_households_approved
-- title: Fostering households approved
-- area: Adoption and fostering
-- definition: Fostering households (mainstream and kinship) approved by the council's fostering service at period end, as the latest fostering households list records them (docs/fostering.md): approved on or before period end and not deregistered by then.
-- unit: count
-- polarity: higher_is_better
-- window: snapshot
-- dfe_reference: Ofsted Fostering in England (annual fostering data collection, 1 April to 31 March): fostering households at 31 March
-- display_order: 75
-- counts: households
with fostering_by_period as (
    select * from marts.fostering_by_period
),

final as (
    select
        la_code,
        period_end,
        households_approved as value,
        households_approved as numerator,
        null as denominator
    from fostering_by_period
)

select * from final
