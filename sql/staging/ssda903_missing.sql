-- Episodes of a looked-after child missing or away without authorisation (SSDA903 missing), typed.
with source as (
    select * from raw.ssda903_missing
),

renamed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _file_hash as file_hash,
        _row_number as source_row,
        clean_id(CHILD) as child_id,
        uk_date(DOB) as date_of_birth,
        clean_code(MISSING) as missing_type,
        uk_date(MIS_START) as missing_start_date,
        uk_date(MIS_END) as missing_end_date
    from source
),

final as (
    select * from renamed
)

select * from final
