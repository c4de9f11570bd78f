-- metric_id: contact_conversion_rate
-- title: Contacts becoming referrals
-- area: Front door
-- definition: Referrals in the month (Annex A list 3) as a percentage of contacts in the month (Annex A list 1), both from the latest Annex A workbook; months it does not cover in full have no figure.
-- unit: percent
-- polarity: neutral
-- window: month
-- dfe_reference: Ofsted ILACS Annex A lists 1 and 3; local measure (conversion of contacts to referrals), no DfE national figure
-- display_order: 11
with front_door as (
    select * from marts.front_door_months
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
