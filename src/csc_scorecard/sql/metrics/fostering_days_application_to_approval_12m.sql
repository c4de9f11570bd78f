-- metric_id: fostering_days_application_to_approval_12m
-- title: Days from fostering application to approval
-- area: Adoption and fostering
-- definition: Of mainstream fostering households approved in the 12 months to period end with an application date, the average number of days from formal application to approval (the length of the assessment).
-- unit: days
-- polarity: lower_is_better
-- window: 12m
-- dfe_reference: Ofsted Fostering in England (annual fostering data collection, 1 April to 31 March): the length of the application process, application to approval (mainstream)
-- display_order: 79
-- counts: households
with fostering_by_period as (
    select * from marts.fostering_by_period
),

final as (
    select
        la_code,
        period_end,
        1.0 * mainstream_days_application_to_approval_12m / nullif(mainstream_approvals_assessed_12m, 0) as value,
        mainstream_days_application_to_approval_12m as numerator,
        mainstream_approvals_assessed_12m as denominator
    from fostering_by_period
)

select * from final
