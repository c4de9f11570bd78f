-- Fostering households as the latest fostering households list records them (docs/fostering.md):
-- every household's journey from first enquiry, those who left fostering included with their
-- deregistration dates, so the 12-month measures need one extract, as the HR staff list does.
-- grain: la_code, household_id
with fostering_households as (
    select * from latest_extract('staging.fostering_households')
),

final as (
    select
        la_code,
        extract_date,
        household_id,
        household_type,
        household_type = 'mainstream' as is_mainstream,
        enquiry_date,
        application_date,
        approval_date,
        deregistration_date,
        -- Whole days from the formal application to approval, the length of the assessment.
        date_diff('day', application_date, approval_date) as days_application_to_approval
    from fostering_households
)

select * from final
