-- Contacts and referrals a month, from the latest Ofsted Annex A workbook (lists 1 and 3), for the
-- reporting months the workbook covers in full (marts.front_door_events says which, and lists them).
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
