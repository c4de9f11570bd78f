-- metric_id: fostering_enquiry_conversion_12m
-- title: Fostering enquiries becoming applications
-- area: Adoption and fostering
-- definition: Mainstream fostering applications received in the 12 months to period end as a percentage of mainstream initial enquiries received in them (Ofsted's reading: the year's applications over the year's enquiries, so an application may follow an enquiry of the year before). Kinship households are left out: they are assessed for a child they already know, not recruited.
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
        100.0 * mainstream_applications_12m / nullif(mainstream_enquiries_12m, 0) as value,
        mainstream_applications_12m as numerator,
        mainstream_enquiries_12m as denominator
    from fostering_by_period
)

select * from final
