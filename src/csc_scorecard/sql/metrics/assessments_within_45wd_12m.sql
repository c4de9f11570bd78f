-- metric_id: assessments_within_45wd_12m
-- title: Assessments within 45 working days
-- area: Assessment
-- definition: Of assessments authorised in the 12 months to period end, the percentage authorised within 45 working days of their start (weekends and England bank holidays excluded; authorised the day they start = 0 days).
-- unit: percent
-- polarity: higher_is_better
-- window: 12m
-- change_threshold: 1.0
-- lait_indicator: Assessments completed within 45 working days (%)
-- dfe_reference: DfE Characteristics of children in need, assessment timeliness (England about 85.7%, 2025)
-- display_order: 32
-- members: an assessment authorised in the 12 months; in the numerator if authorised within 45 working days
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
        coalesce(assessments.working_days_to_authorise <= 45, false) as in_numerator,
        true as in_denominator
    from periods
    inner join assessments
        on assessments.la_code = periods.la_code
        and assessments.assessment_authorised_date between periods.window_12m_start and periods.period_end
        and assessments.assessment_start_date is not null
),

counted as (
    select
        periods.la_code,
        periods.period_end,
        count(members.record_date) as authorised,
        count(members.record_date) filter (where members.in_numerator) as within_45_days
    from periods
    left join members using (la_code, period_end)
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
