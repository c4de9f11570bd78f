-- metric_id: assessments_within_45wd_12m
-- title: Assessments within 45 working days
-- area: Assessment
-- definition: Of assessments authorised in the 12 months to period end, the percentage authorised within 45 working days of their start (weekends and England bank holidays excluded; authorised the day they start = 0 days).
-- unit: percent
-- polarity: higher_is_better
-- window: 12m
-- dfe_reference: DfE Characteristics of children in need, assessment timeliness (England about 85.7%, 2025)
-- display_order: 32
with periods as (
    select * from marts.reporting_periods
),

assessments as (
    select * from marts.assessments
),

counted as (
    select
        periods.la_code,
        periods.period_end,
        count(assessments.assessment_authorised_date) as authorised,
        count(assessments.assessment_authorised_date)
            filter (where assessments.working_days_to_authorise <= 45) as within_45_days
    from periods
    left join assessments
        on assessments.la_code = periods.la_code
        and assessments.assessment_authorised_date between periods.window_12m_start and periods.period_end
        and assessments.assessment_start_date is not null
    group by all
),

final as (
    select
        la_code,
        period_end,
        100.0 * within_45_days / nullif(authorised, 0) as value,
        within_45_days as numerator,
        authorised as denominator
    from counted
)

select * from final
