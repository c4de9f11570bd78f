-- Funded social-work posts (monthly establishment extract), typed.
with source as (
    select * from raw.hr_establishment
),

renamed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _file_hash as file_hash,
        _row_number as source_row,
        nullif(trim(team), '') as team,
        clean_label(role) as role,
        -- Digits and a decimal point, as the contract writes it (and its GX check funded_fte__number reads it): not -2.
        case when regexp_full_match(trim(funded_fte), '[0-9]+(\.[0-9]+)?')
            then try_cast(trim(funded_fte) as decimal(8, 3)) end as funded_fte
    from source
),

final as (
    select * from renamed
)

select * from final
