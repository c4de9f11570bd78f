-- Social-work staff as the latest HR extract records them: every worker in a
-- post, leavers included with their end dates, so 12-month measures need one extract.
-- grain: la_code, extract_date, worker_id
with hr_staff as (
    select * from latest_extract('staging.hr_staff')
),

final as (
    select
        *,
        contract_type = 'agency' as is_agency,
        -- Fixed-term staff are employed by the council: DfE counts them with
        -- permanent staff, not agency.
        contract_type in ('permanent', 'fixed-term') as is_employed
    from hr_staff
    where start_date is not null
)

select * from final
