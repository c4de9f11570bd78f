-- metric_id: contact_conversion_rate
-- title: Contacts becoming referrals
-- area: Front door
-- definition: Referrals in the month (Annex A list 3) as a percentage of contacts in the month (Annex A list 1), both from the latest Annex A workbook; months it does not cover in full have no figure.
-- unit: percent
-- polarity: neutral
-- window: month
-- dfe_reference: Ofsted ILACS Annex A lists 1 and 3; local measure (conversion of contacts to referrals), no DfE national figure
-- display_order: 11
with periods as (
    select * from marts.reporting_periods
),

front_door as (
    select * from marts.front_door_contacts
),

covered_periods as (
    select distinct periods.la_code, periods.period_end, periods.month_start
    from periods
    join front_door
        on front_door.la_code = periods.la_code
        and periods.month_start >= front_door.covered_from
        and periods.period_end <= last_day(front_door.covered_to)
),

counted as (
    select
        covered_periods.la_code,
        covered_periods.period_end,
        count(*) filter (where front_door.event = 'contact') as contacts,
        count(*) filter (where front_door.event = 'referral') as referrals
    from covered_periods
    left join front_door
        on front_door.la_code = covered_periods.la_code
        and front_door.event_date between covered_periods.month_start and covered_periods.period_end
    group by all
),

final as (
    select
        la_code,
        period_end,
        100.0 * referrals / nullif(contacts, 0) as value,
        referrals as numerator,
        contacts as denominator
    from counted
)

select * from final
