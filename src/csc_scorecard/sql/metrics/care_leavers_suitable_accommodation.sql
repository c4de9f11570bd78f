-- metric_id: care_leavers_suitable_accommodation
-- title: Care leavers in suitable accommodation
-- area: Care leavers
-- definition: Care leavers aged 19, 20 or 21 at period end in the SSDA903 oc3 table of an extract from the month (those recorded as having died left out; a month without an extract has no figure): the percentage in accommodation judged suitable (ACCOM ending 1; 2 is unsuitable, 0 or blank not known).
-- unit: percent
-- polarity: higher_is_better
-- window: snapshot
-- dfe_reference: DfE Children looked after in England, care leavers aged 19 to 21 in suitable accommodation
-- display_order: 81
with care_leavers_by_period as (
    select * from marts.care_leavers_by_period
),

final as (
    select
        la_code,
        period_end,
        100.0 * suitably_accommodated / nullif(care_leavers, 0) as value,
        suitably_accommodated as numerator,
        care_leavers as denominator
    from care_leavers_by_period
)

select * from final
