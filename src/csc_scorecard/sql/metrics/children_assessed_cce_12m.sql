-- metric_id: children_assessed_cce_12m
-- title: Children assessed with child criminal exploitation as a factor
-- area: Missing and exploitation
-- definition: Children with an assessment authorised in the 12 months to period end that identified child criminal exploitation as a factor (CIN census AssessmentFactors 24A); a child counted once however many such assessments.
-- unit: count
-- polarity: neutral
-- window: 12m
-- dfe_reference: DfE Characteristics of children in need, factors identified at the end of assessment; CIN census guide (AssessmentFactors 24A; codes in marts.assessment_factors)
-- display_order: 64
-- members: a child with an assessment authorised in the 12 months recording child criminal exploitation
with periods as (
    select * from marts.reporting_periods
),

children_assessed as (
    select * from marts.children_assessed_with_factor_12m
),

members as (
    -- One row a child: the latest such assessment in the window dates it.
    select
        la_code,
        period_end,
        child_key,
        max(latest_authorised_date) as record_date,
        true as in_numerator,
        false as in_denominator
    from children_assessed
    where factor_code = '24A'
    group by all
),

counted as (
    select periods.la_code, periods.period_end, count(members.child_key) as children
    from periods
    left join members using (la_code, period_end)
    group by all
),

final as (
    select la_code, period_end, children as value, children as numerator, null as denominator
    from counted
)

select * from final
