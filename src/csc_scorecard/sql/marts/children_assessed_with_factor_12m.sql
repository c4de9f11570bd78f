-- Each child at each period end with an assessment authorised in the 12 months to it that
-- identified one of the factors marts.assessment_factors names (going missing, exploitation), dated
-- by the latest such assessment. The children-assessed measures count it by factor or by concern.
-- grain: la_code, period_end, child_key, factor_code
with periods as (
    select * from marts.reporting_periods
),

assessment_factors as (
    select * from marts.assessment_factors
),

final as (
    select
        periods.la_code,
        periods.period_end,
        assessment_factors.child_key,
        assessment_factors.factor_code,
        assessment_factors.concern,
        max(assessment_factors.assessment_authorised_date) as latest_authorised_date
    from periods
    inner join assessment_factors
        on assessment_factors.la_code = periods.la_code
        and assessment_factors.assessment_authorised_date between periods.window_12m_start and periods.period_end
    group by all
)

select * from final
