-- metric_id: contacts
-- title: Contacts
-- area: Front door
-- definition: Contacts to children's social care (Ofsted Annex A list 1) dated in the month, from the newest workbook that covers the whole month; a month no workbook covers in full has no figure.
-- unit: count
-- polarity: neutral
-- window: month
-- dfe_reference: Ofsted ILACS Annex A list 1 (Date of Contact); local measure, no DfE national figure
-- display_order: 10
-- members: a contact in the month (Annex A list 1)
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
        true as in_numerator,
        false as in_denominator
    from front_door_events
    where event = 'contact' and child_key is not null
),

final as (
    select la_code, period_end, contacts as value, contacts as numerator, null as denominator
    from front_door
)

select * from final
