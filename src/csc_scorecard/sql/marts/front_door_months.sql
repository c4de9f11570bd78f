-- Contacts and referrals a month, from Ofsted Annex A (lists 1 and 3), for the reporting months a
-- workbook covers in full, each from the newest that does (marts.front_door_events lists them).
-- grain: la_code, period_end
with front_door_events as (
    select * from marts.front_door_events
),

final as (
    select
        la_code,
        period_end,
        count(*) filter (where event = 'contact') as contacts,
        count(*) filter (where event = 'referral') as referrals
    from front_door_events
    group by all
)

select * from final
