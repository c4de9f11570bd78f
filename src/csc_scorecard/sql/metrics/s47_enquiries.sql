-- metric_id: s47_enquiries
-- title: Section 47 enquiries started
-- area: Child protection
-- definition: Section 47 enquiries that started in the month (CIN census S47ActualStartDate, the strategy discussion that began the enquiry).
-- unit: count
-- polarity: neutral
-- window: month
-- dfe_reference: DfE Characteristics of children in need, section 47 enquiries; CIN census guidance (S47ActualStartDate)
-- display_order: 40
-- members: a section 47 enquiry started in the month
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
        true as in_numerator,
        false as in_denominator
    from periods
    inner join section47
        on section47.la_code = periods.la_code
        and section47.s47_start_date between periods.month_start and periods.period_end
),

counted as (
    select periods.la_code, periods.period_end, count(members.record_date) as enquiries
    from periods
    left join members using (la_code, period_end)
    group by all
),

final as (
    select la_code, period_end, enquiries as value, enquiries as numerator, null as denominator
    from counted
)

select * from final
