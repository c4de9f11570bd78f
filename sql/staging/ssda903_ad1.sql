-- Children adopted from care: how the adoption came about (SSDA903 ad1), typed.
with source as (
    select * from raw.ssda903_ad1
),

renamed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _file_hash as file_hash,
        _row_number as source_row,
        clean_id(CHILD) as child_id,
        uk_date(DOB) as date_of_birth,
        -- DATE_INT: the date the local authority decided the child should be placed for adoption.
        uk_date(DATE_INT) as adoption_decision_date,
        uk_date(DATE_MATCH) as adoption_match_date,
        yes_no(FOSTER_CARE) as adopted_by_foster_carers,
        try_cast(trim(NB_ADOPTR) as integer) as number_of_adopters,
        clean_code(SEX_ADOPTR) as adopters_sex,
        clean_code(LS_ADOPTR) as adopters_legal_status
    from source
),

final as (
    select * from renamed
)

select * from final
