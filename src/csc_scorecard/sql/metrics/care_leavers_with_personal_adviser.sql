-- metric_id: care_leavers_with_personal_adviser
-- title: Care leavers aged 17–21 with a personal adviser
-- area: Care leavers
-- definition: Care leavers aged 17 to 21 at period end (by date of birth) in Ofsted Annex A list 9 of a workbook from the month (its latest, if more than one; a month without one has no figure), qualifying care leavers left out as the duty does not cover them: the percentage with a personal adviser named (2024 template column Allocated Personal Advisor; blank, "none", "n/a" or "unallocated" is none).
-- unit: percent
-- polarity: higher_is_better
-- window: snapshot
-- change_threshold: 1.0
-- dfe_reference: Ofsted ILACS Annex A (2024) list 9, Allocated Personal Advisor; the duty to appoint one: Children (Leaving Care) Act 2000, extended to 25 by the Children and Social Work Act 2017. Local measure, no DfE national figure
-- display_order: 83
-- members: a care leaver aged 17 to 21 in the month's Annex A list 9; in the numerator if a personal adviser is named
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
        has_personal_adviser as in_numerator,
        true as in_denominator
    from care_leavers_at_period_end
    where source = 'annex_a_list_9' and child_key is not null
),

final as (
    select
        la_code,
        period_end,
        100.0 * with_personal_adviser / nullif(care_leavers, 0) as value,
        with_personal_adviser as numerator,
        care_leavers as denominator
    from care_leavers_by_period
    where source = 'annex_a_list_9' and age_band = '17-21'
)

select * from final
