-- Social-work staff in post (monthly HR + agency extract), one row per worker per post per extract, typed.
with source as (
    select * from raw.hr_staff
),

renamed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _file_hash as file_hash,
        _row_number as source_row,
        clean_id(worker_id) as worker_id,
        lower(trim(role)) as role,
        trim(team) as team,
        try_cast(trim(fte) as decimal(6, 3)) as fte,
        lower(trim(contract_type)) as contract_type,
        iso_date(start_date) as start_date,
        iso_date(end_date) as end_date,
        nullif(trim(leaving_reason), '') as leaving_reason,
        yes_no(case_holder) as is_case_holder,
        try_cast(trim(caseload) as integer) as caseload,
        iso_date(qualified_date) as qualified_date
    from source
),

final as (
    select * from renamed
)

select * from final
