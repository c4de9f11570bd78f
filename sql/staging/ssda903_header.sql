-- Children looked after: one row per child per extract (SSDA903 header), typed.
with source as (
    select * from raw.ssda903_header
),

renamed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _file_hash as file_hash,
        _row_number as source_row,
        clean_id(CHILD) as child_id,
        clean_code(SEX) as sex,
        uk_date(DOB) as date_of_birth,
        clean_code(ETHNIC) as ethnicity,
        trim(UPN) as upn,
        clean_code(MOTHER) as mother,
        uk_date(MC_DOB) as mothers_child_date_of_birth
    from source
),

final as (
    select * from renamed
)

select * from final
