-- metric_id: fostering_deregistrations_12m
-- title: Fostering households deregistered
-- area: Adoption and fostering
-- definition: Fostering households (mainstream and kinship) that stopped fostering in the 12 months to period end (deregistration_date in the window: deregistered or resigned), as the latest fostering households list records them.
-- unit: count
-- polarity: lower_is_better
-- window: 12m
-- dfe_reference: Ofsted Fostering in England (annual fostering data collection, 1 April to 31 March): deregistered fostering households
-- display_order: 77
-- counts: households
with fostering_by_period as (
    select * from marts.fostering_by_period
),

final as (
    select
        la_code,
        period_end,
        deregistrations_12m as value,
        deregistrations_12m as numerator,
        null as denominator
    from fostering_by_period
)

select * from final
