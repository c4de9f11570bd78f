-- Care leavers' outcomes around their birthday (SSDA903 oc3), typed.
with source as (
    select * from raw.ssda903_oc3
),

renamed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _file_hash as file_hash,
        _row_number as source_row,
        clean_id(CHILD) as child_id,
        uk_date(DOB) as date_of_birth,
        clean_code(IN_TOUCH) as in_touch,
        clean_code(ACTIV) as activity,
        clean_code(ACCOM) as accommodation
    from source
),

final as (
    select * from renamed
)

select * from final
