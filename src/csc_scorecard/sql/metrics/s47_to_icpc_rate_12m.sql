-- metric_id: s47_to_icpc_rate_12m
-- title: Section 47 enquiries leading to a conference
-- area: Front door
-- definition: Of section 47 enquiries started in the 12 months to period end (CIN census S47ActualStartDate), the percentage whose initial child protection conference had been held by period end (DateOfInitialCPC on or before it). An enquiry started in the last weeks may not have reached its conference yet, which lowers the latest figure a little.
-- unit: percent
-- polarity: neutral
-- window: 12m
-- dfe_reference: DfE Characteristics of children in need, section 47 enquiries and initial child protection conferences; CIN census guide (Section47 module); local conversion measure
-- display_order: 20
-- members: a section 47 enquiry started in the 12 months; in the numerator if its conference was held by period end
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
        section47.s47_start_date as record_date,
        coalesce(section47.icpc_date <= periods.period_end, false) as in_numerator,
        true as in_denominator
    from periods
    inner join section47
        on section47.la_code = periods.la_code
        and section47.s47_start_date between periods.window_12m_start and periods.period_end
),

counted as (
    select
        periods.la_code,
        periods.period_end,
        count(members.record_date) as enquiries,
        count(members.record_date) filter (where members.in_numerator) as conferences
    from periods
    left join members using (la_code, period_end)
    group by all
),

final as (
    select
        la_code,
        period_end,
        100.0 * conferences / nullif(enquiries, 0) as value,
        conferences as numerator,
        enquiries as denominator
    from counted
)

select * from final
