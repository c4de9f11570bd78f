-- metric_id: return_interviews_offered_rate
-- title: Return interviews offered after going missing
-- area: Missing and exploitation
-- definition: Children in care who went missing from their placement in the 12 months before the month's Ofsted Annex A workbook (list 8, its latest if more than one; a month without one has no figure): the percentage offered a return interview after their last missing episode.
-- unit: percent
-- polarity: higher_is_better
-- window: snapshot
-- dfe_reference: Ofsted ILACS Annex A list 8 (return interview offered / accepted after the last missing episode); DfE statutory guidance on children who run away or go missing from home or care (2014): a return interview is offered within 72 hours. Local measure, no DfE national figure
-- display_order: 66
-- members: a child in care who went missing in the 12 months before the month's Annex A list 8; in the numerator if offered a return interview
with return_interviews as (
    select * from marts.return_interviews
),

members as (
    select
        la_code,
        period_end,
        child_key,
        period_end as record_date,
        offered as in_numerator,
        true as in_denominator
    from return_interviews
    where child_key is not null
),

counted as (
    -- Every month with a workbook: one in which no child in care went missing has no figure.
    select
        la_code,
        period_end,
        count(child_key) filter (where child_key is not null and offered) as numerator,
        count(child_key) filter (where child_key is not null) as denominator
    from return_interviews
    group by all
),

final as (
    select
        la_code,
        period_end,
        100.0 * numerator / nullif(denominator, 0) as value,
        numerator,
        denominator
    from counted
)

select * from final
