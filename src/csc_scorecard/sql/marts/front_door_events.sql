-- Each contact and referral (Ofsted Annex A lists 1 and 3) of every reporting month a workbook
-- covers in full, each month from the newest workbook that covers it. Annex A lists only the last
-- several months before its date, so May's contacts come from the last workbook that still held
-- the whole of May, and a month drops off no chart when a newer workbook no longer reaches back
-- to it. A month no workbook covers has no row; a month covered with no contact or referral has one
-- row with no event, so marts.front_door_months counts it as zero rather than losing it.
-- A contact carries its decision's date where the workbook records one (a column councils add to
-- list 1), with the working days it took: same day 0, weekends and England bank holidays not counted.
-- grain: la_code, period_end, child_key, event, event_date
with periods as (
    select * from marts.reporting_periods
),

calendar as (
    select * from reference.calendar
),

contacts as (
    select
        list_1.la_code,
        list_1.extract_date,
        list_1.child_key,
        list_1.date_of_contact as event_date,
        'contact' as event,
        list_1.date_of_decision as decision_date,
        decided.working_day_number - contacted.working_day_number as working_days_to_decision
    from staging.annex_a_list_1 as list_1
    left join calendar as contacted
        on contacted.calendar_date = list_1.date_of_contact
    left join calendar as decided
        on decided.calendar_date = list_1.date_of_decision
    where list_1.date_of_contact is not null
),

referrals as (
    select
        la_code, extract_date, child_key, date_of_referral as event_date, 'referral' as event,
        null::date as decision_date, null::integer as working_days_to_decision
    from staging.annex_a_list_3
    where date_of_referral is not null
),

events as (
    select * from contacts
    union all
    select * from referrals
),

coverage as (
    -- Each workbook covers from the first whole month with a contact to its own date.
    select
        la_code,
        extract_date,
        case when day(min(event_date)) = 1 then min(event_date)
             else date_trunc('month', min(event_date)) + interval 1 month end::date as covered_from
    from contacts
    group by la_code, extract_date
),

covered_periods as (
    select periods.la_code, periods.period_end, periods.month_start, max(coverage.extract_date) as extract_date
    from periods
    join coverage
        on coverage.la_code = periods.la_code
        and periods.month_start >= coverage.covered_from
        and periods.period_end <= last_day(coverage.extract_date)
    group by all
),

final as (
    select
        covered_periods.la_code,
        covered_periods.period_end,
        events.child_key,
        events.event,
        events.event_date,
        events.decision_date,
        events.working_days_to_decision
    from covered_periods
    left join events
        on events.la_code = covered_periods.la_code
        and events.extract_date = covered_periods.extract_date
        and events.event_date between covered_periods.month_start and covered_periods.period_end
)

select * from final
