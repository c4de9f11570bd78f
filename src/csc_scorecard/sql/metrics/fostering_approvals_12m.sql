-- metric_id: fostering_approvals_12m
-- title: Fostering households newly approved
-- area: Adoption and fostering
-- definition: Fostering households (mainstream and kinship) approved in the 12 months to period end (approval_date in the window), as the latest fostering households list records them.
-- unit: count
-- polarity: higher_is_better
-- window: 12m
-- dfe_reference: Ofsted Fostering in England (annual fostering data collection, 1 April to 31 March): newly approved fostering households
-- display_order: 76
-- counts: households
with fostering_by_period as (
    select * from marts.fostering_by_period
),

final as (
    select
        la_code,
        period_end,
        approvals_12m as value,
        approvals_12m as numerator,
        null as denominator
    from fostering_by_period
)

select * from final
