-- metric_id: contacts
-- title: Contacts
-- area: Front door
-- definition: Contacts to children's social care (Ofsted Annex A list 1, latest workbook) dated in the month; months the workbook does not cover in full have no figure.
-- unit: count
-- polarity: neutral
-- window: month
-- dfe_reference: Ofsted ILACS Annex A list 1 (Date of Contact); local measure, no DfE national figure
-- display_order: 10
with periods as (
    select * from marts.reporting_periods
),

contacts as (
    select * from marts.front_door_contacts where event = 'contact'
),

covered_periods as (
    select distinct periods.la_code, periods.period_end, periods.month_start
    from periods
    join contacts
        on contacts.la_code = periods.la_code
        and periods.month_start >= contacts.covered_from
        and periods.period_end <= last_day(contacts.covered_to)
),

counted as (
    select covered_periods.la_code, covered_periods.period_end, count(contacts.event_date) as contacts
    from covered_periods
    left join contacts
        on contacts.la_code = covered_periods.la_code
        and contacts.event_date between covered_periods.month_start and covered_periods.period_end
    group by all
),

final as (
    select la_code, period_end, contacts as value, contacts as numerator, null as denominator
    from counted
)

select * from final
