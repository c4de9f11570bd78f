-- metric_id: care_leavers_in_touch
-- title: Care leavers in touch
-- area: Care leavers
-- definition: Care leavers aged 19, 20 or 21 at period end in the SSDA903 oc3 table of an extract from the month (those recorded as having died left out; a month without an extract has no figure): the percentage the council is in touch with (IN_TOUCH = YES).
-- unit: percent
-- polarity: higher_is_better
-- window: snapshot
-- dfe_reference: DfE Children looked after in England, care leavers aged 19 to 21 in touch with the local authority
-- display_order: 80
with care_leavers_by_period as (
    select * from marts.care_leavers_by_period
),

final as (
    select
        la_code,
        period_end,
        100.0 * in_touch / nullif(care_leavers, 0) as value,
        in_touch as numerator,
        care_leavers as denominator
    from care_leavers_by_period
)

select * from final
