-- Contacts and referrals from the latest Ofsted Annex A workbook (lists 1 and 3), with the months
-- the workbook covers in full. Annex A lists only the last several months before the inspection
-- date, so a month it does not cover has no figure rather than a count of zero.
with contacts as (
    select la_code, extract_date, date_of_contact as event_date, 'contact' as event
    from latest_extract('staging.annex_a_list_1')
    where date_of_contact is not null
),

referrals as (
    select la_code, extract_date, date_of_referral as event_date, 'referral' as event
    from latest_extract('staging.annex_a_list_3')
    where date_of_referral is not null
),

events as (
    select * from contacts
    union all
    select * from referrals
),

coverage as (
    -- From the first whole month with a contact to the workbook's own date.
    select
        la_code,
        case when day(min(event_date)) = 1 then min(event_date)
             else date_trunc('month', min(event_date)) + interval 1 month end::date as covered_from,
        max(extract_date) as covered_to
    from events
    where event = 'contact'
    group by la_code
),

final as (
    select events.la_code, events.event, events.event_date, coverage.covered_from, coverage.covered_to
    from events
    join coverage using (la_code)
    where events.event_date between coverage.covered_from and coverage.covered_to
)

select * from final
