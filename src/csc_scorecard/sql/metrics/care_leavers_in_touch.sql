-- metric_id: care_leavers_in_touch
-- title: Care leavers aged 19–21 in touch
-- area: Care leavers
-- definition: Care leavers aged 19, 20 or 21 at period end in the SSDA903 oc3 table of an extract from the month (those recorded as having died left out; a month without an extract has no figure): the percentage the council is in touch with (IN_TOUCH = YES).
-- unit: percent
-- polarity: higher_is_better
-- window: snapshot
-- change_threshold: 1.0
-- lait_indicator: Care leavers aged 19 to 21 the authority is in touch with (%)
-- dfe_reference: DfE Children looked after in England, care leavers aged 19 to 21 in touch with the local authority
-- display_order: 80
-- members: a care leaver aged 19 to 21 in the month's oc3 extract; in the numerator if in touch
with care_leavers_at_period_end as (
    select * from marts.care_leavers_at_period_end
),

care_leavers_by_period as (
    select * from marts.care_leavers_by_period
),

members as (
    -- Who the figure counts (metrics.metric_members); the figure itself comes from the mart.
    select
        la_code,
        period_end,
        child_key,
        period_end as record_date,
        is_in_touch as in_numerator,
        true as in_denominator
    from care_leavers_at_period_end
    where source = 'ssda903_oc3' and age_band = '19-21'
),

final as (
    select
        la_code,
        period_end,
        100.0 * in_touch / nullif(care_leavers, 0) as value,
        in_touch as numerator,
        care_leavers as denominator
    from care_leavers_by_period
    where source = 'ssda903_oc3' and age_band = '19-21'
)

select * from final
