-- metric_id: return_interviews_accepted_rate
-- title: Return interviews accepted
-- area: Missing and exploitation
-- definition: Children in care offered a return interview after their last missing episode (Ofsted Annex A list 8 of the month's workbook, its latest if more than one): the percentage who accepted it.
-- unit: percent
-- polarity: higher_is_better
-- window: snapshot
-- dfe_reference: Ofsted ILACS Annex A list 8 (return interview offered / accepted after the last missing episode); DfE statutory guidance on children who run away or go missing from home or care (2014): a return interview is offered within 72 hours. Local measure, no DfE national figure
-- display_order: 67
-- members: a child in care offered a return interview after going missing, in the month's Annex A list 8; in the numerator if accepted
with return_interviews as (
    select * from marts.return_interviews
),

members as (
    select
        la_code,
        period_end,
        child_key,
        period_end as record_date,
        accepted as in_numerator,
        true as in_denominator
    from return_interviews
    where offered
),

counted as (
    -- Every month with a workbook: one in which no child in care went missing has no figure.
    select
        la_code,
        period_end,
        count(child_key) filter (where offered and accepted) as numerator,
        count(child_key) filter (where offered) as denominator
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
