-- metric_id: contacts
-- title: Contacts
-- area: Front door
-- definition: Contacts to children's social care (Ofsted Annex A list 1, latest workbook) dated in the month; months the workbook does not cover in full have no figure.
-- unit: count
-- polarity: neutral
-- window: month
-- dfe_reference: Ofsted ILACS Annex A list 1 (Date of Contact); local measure, no DfE national figure
-- display_order: 10
with front_door as (
    select * from marts.front_door_months
),

final as (
    select la_code, period_end, contacts as value, contacts as numerator, null as denominator
    from front_door
)

select * from final
