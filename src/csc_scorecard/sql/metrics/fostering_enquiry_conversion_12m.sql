-- metric_id: fostering_enquiry_conversion_12m
-- title: Fostering enquiries becoming applications
-- area: Adoption and fostering
-- definition: Of the mainstream initial enquiries received in the 12 months to period end, the percentage whose household has applied by period end. Each enquiry is followed to its own application, so the figure is a share of the year's enquiries; Ofsted's published rate divides the year's applications by the year's enquiries (an application may follow an enquiry of the year before), so the two agree in a steady year, and this one reads lower while the year's latest enquiries have had little time to apply. Kinship households are left out: they are assessed for a child they already know, not recruited.
-- unit: percent
-- polarity: higher_is_better
-- window: 12m
-- dfe_reference: Ofsted Fostering in England (annual fostering data collection, 1 April to 31 March): initial enquiries resulting in an application (mainstream)
-- display_order: 78
-- counts: households
with fostering_by_period as (
    select * from marts.fostering_by_period
),

final as (
    select
        la_code,
        period_end,
        100.0 * mainstream_enquiries_applied_12m / nullif(mainstream_enquiries_12m, 0) as value,
        mainstream_enquiries_applied_12m as numerator,
        mainstream_enquiries_12m as denominator
    from fostering_by_period
)

select * from final
