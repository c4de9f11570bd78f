-- metric_id: care_leavers_eet
-- title: Care leavers in education, employment or training
-- area: Care leavers
-- definition: Care leavers aged 19, 20 or 21 at period end in the SSDA903 oc3 table of an extract from the month (those recorded as having died left out; a month without an extract has no figure): the percentage in education, employment or training (ACTIV F1, P1, F2, P2, F4, P4, F5 or P5).
-- unit: percent
-- polarity: higher_is_better
-- window: snapshot
-- dfe_reference: DfE Children looked after in England, care leavers aged 19 to 21 in education, employment or training
-- display_order: 82
with care_leavers_by_period as (
    select * from marts.care_leavers_by_period
),

final as (
    select
        la_code,
        period_end,
        100.0 * in_eet / nullif(care_leavers, 0) as value,
        in_eet as numerator,
        care_leavers as denominator
    from care_leavers_by_period
)

select * from final
