-- CIN assessments as the latest extract records them, with the working days
-- each took from start to authorisation (the basis of the 45-working-day measure).
-- grain: la_code, child_key, assessment_start_date
with cin_assessments as (
    select * from latest_extract('staging.cin_assessments')
),

calendar as (
    select * from reference.calendar
),

final as (
    select
        cin_assessments.*,
        -- Working days after the start date up to and including authorisation:
        -- same day = 0, and weekends and England bank holidays do not count.
        authorised.working_day_number - started.working_day_number as working_days_to_authorise
    from cin_assessments
    left join calendar as started
        on started.calendar_date = cin_assessments.assessment_start_date
    left join calendar as authorised
        on authorised.calendar_date = cin_assessments.assessment_authorised_date
)

select * from final
