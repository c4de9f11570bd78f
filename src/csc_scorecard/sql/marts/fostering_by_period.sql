-- The council's fostering households at each period end, shaped like Ofsted's annual fostering
-- data collection: households approved then, households approved and deregistered in the 12
-- months to it, and the mainstream recruitment funnel in those months (initial enquiries,
-- applications, approvals with the days each assessment took). A council that has sent no
-- fostering list has no row: no list is no figure, not a figure of none.
-- grain: la_code, period_end
with periods as (
    select * from marts.reporting_periods
),

fostering_households as (
    select * from marts.fostering_households
),

councils_with_a_list as (
    select distinct la_code from fostering_households
),

households_in_period as (
    select
        periods.la_code,
        periods.period_end,
        households.is_mainstream,
        households.days_application_to_approval,
        -- Approved on or before period end and not deregistered by then; a household deregistered
        -- on period end has left, as a child leaving care that day has.
        households.approval_date <= periods.period_end
            and (households.deregistration_date is null or households.deregistration_date > periods.period_end)
            as is_approved,
        coalesce(households.approval_date between periods.window_12m_start and periods.period_end, false)
            as approved_12m,
        coalesce(households.deregistration_date between periods.window_12m_start and periods.period_end, false)
            as deregistered_12m,
        coalesce(households.enquiry_date between periods.window_12m_start and periods.period_end, false)
            as enquired_12m,
        coalesce(households.application_date between periods.window_12m_start and periods.period_end, false)
            as applied_12m,
        coalesce(households.application_date <= periods.period_end, false) as applied_by_period_end
    from periods
    semi join councils_with_a_list using (la_code)
    left join fostering_households as households on households.la_code = periods.la_code
),

final as (
    select
        la_code,
        period_end,
        count(*) filter (where is_approved) as households_approved,
        count(*) filter (where approved_12m) as approvals_12m,
        count(*) filter (where deregistered_12m) as deregistrations_12m,
        count(*) filter (where enquired_12m and is_mainstream) as mainstream_enquiries_12m,
        count(*) filter (where applied_12m and is_mainstream) as mainstream_applications_12m,
        count(*) filter (where enquired_12m and applied_by_period_end and is_mainstream)
            as mainstream_enquiries_applied_12m,
        count(*) filter (where approved_12m and is_mainstream and days_application_to_approval is not null)
            as mainstream_approvals_assessed_12m,
        sum(days_application_to_approval) filter (where approved_12m and is_mainstream)
            as mainstream_days_application_to_approval_12m
    from households_in_period
    group by all
)

select * from final
