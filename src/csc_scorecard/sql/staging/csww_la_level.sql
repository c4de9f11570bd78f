-- The CSWW census return's header and LA-level figures (vacancies, agency workers), one row per
-- return, typed.
with source as (
    select * from raw.csww_la_level
),

renamed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _file_hash as file_hash,
        _source_file as source_file,
        try_cast(trim(Year) as integer) as census_year,
        iso_date(ReferenceDate) as reference_date,
        clean_code(LEA) as lea,
        try_cast(trim(NumberOfVacancies) as decimal(10, 2)) as vacancies_fte,
        try_cast(trim(NoAgencyFTE) as decimal(10, 2)) as agency_fte,
        try_cast(trim(NoAgencyHeadcount) as integer) as agency_headcount
    from source
),

final as (
    select * from renamed
)

select * from final
