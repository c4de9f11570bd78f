-- metric_id: assessments_completed
-- title: Assessments completed
-- area: Assessment
-- definition: Children and family assessments authorised (completed) in the month (CIN census AssessmentAuthorisationDate).
-- unit: count
-- polarity: neutral
-- window: month
-- dfe_reference: DfE Characteristics of children in need, assessments completed; CIN census guidance (AssessmentAuthorisationDate)
-- display_order: 30
-- members: an assessment authorised in the month
with periods as (
    select * from marts.reporting_periods
),

assessments as (
    select * from marts.assessments
),

members as (
    select
        periods.la_code,
        periods.period_end,
        assessments.child_key,
        assessments.assessment_authorised_date as record_date,
        true as in_numerator,
        false as in_denominator
    from periods
    inner join assessments
        on assessments.la_code = periods.la_code
        and assessments.assessment_authorised_date between periods.month_start and periods.period_end
),

counted as (
    select periods.la_code, periods.period_end, count(members.record_date) as assessments
    from periods
    left join members using (la_code, period_end)
    group by all
),

final as (
    select la_code, period_end, assessments as value, assessments as numerator, null as denominator
    from counted
)

select * from final
