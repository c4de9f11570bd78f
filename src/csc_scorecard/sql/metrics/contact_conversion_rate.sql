-- metric_id: contact_conversion_rate
-- title: Contacts becoming referrals
-- area: Front door
-- definition: Referrals in the month (Annex A list 3) as a percentage of contacts in the month (Annex A list 1), both from the newest Annex A workbook that covers the whole month; a month no workbook covers in full has no figure.
-- unit: percent
-- polarity: neutral
-- window: month
-- change_threshold: 1.0
-- dfe_reference: Ofsted ILACS Annex A lists 1 and 3; local measure (conversion of contacts to referrals), no DfE national figure
-- display_order: 11
-- members: a contact (denominator) or a referral (numerator) in the month, from Annex A lists 1 and 3
with front_door_events as (
    select * from marts.front_door_events
),

front_door as (
    select * from marts.front_door_months
),

members as (
    -- Who the figure counts (metrics.metric_members); the figure itself comes from the mart.
    select
        la_code,
        period_end,
        child_key,
        event_date as record_date,
        event = 'referral' as in_numerator,
        event = 'contact' as in_denominator
    from front_door_events
    where event is not null and child_key is not null
),

final as (
    select
        la_code,
        period_end,
        100.0 * referrals / nullif(contacts, 0) as value,
        referrals as numerator,
        contacts as denominator
    from front_door
)

select * from final
