-- metric_id: icpc_within_15wd_12m
-- title: Initial child protection conferences within 15 working days
-- area: Child protection
-- definition: Of initial child protection conferences held in the 12 months to period end, the percentage held within 15 working days of the strategy discussion that started the section 47 enquiry (S47ActualStartDate to DateOfInitialCPC; weekends and England bank holidays excluded; same day = 0 days).
-- unit: percent
-- polarity: higher_is_better
-- window: 12m
-- change_threshold: 1.0
-- lait_indicator: Initial child protection conferences held within 15 working days of the start of the section 47 enquiry (%)
-- dfe_reference: DfE Characteristics of children in need, ICPCs within 15 working days of the start of the section 47 enquiry
-- display_order: 41
-- members: an initial child protection conference in the 12 months; in the numerator if within 15 working days
with periods as (
    select * from marts.reporting_periods
),

section47 as (
    select * from marts.section47
),

members as (
    select
        periods.la_code,
        periods.period_end,
        section47.child_key,
        section47.icpc_date as record_date,
        coalesce(section47.working_days_to_icpc <= 15, false) as in_numerator,
        true as in_denominator
    from periods
    inner join section47
        on section47.la_code = periods.la_code
        and section47.icpc_date between periods.window_12m_start and periods.period_end
),

counted as (
    select
        periods.la_code,
        periods.period_end,
        count(members.record_date) as conferences,
        count(members.record_date) filter (where members.in_numerator) as within_15_days
    from periods
    left join members using (la_code, period_end)
    group by all
),

final as (
    select
        la_code,
        period_end,
        100.0 * within_15_days / nullif(conferences, 0) as value,
        within_15_days as numerator,
        conferences as denominator
    from counted
)

select * from final
