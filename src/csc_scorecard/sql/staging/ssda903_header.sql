-- Children looked after (SSDA903 header), one row per child per extract, typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, as its contract's rules find them (contracts/ssda903_header.toml, through checked.ssda903_header).
with source as (
    select * from checked.ssda903_header
),

typed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _source_file as source_file,
        _file_hash as file_hash,
        _row_number as source_row,
        child_key(_la_code, clean_id(CHILD)) as child_key,
        sex_code(SEX) as sex,
        uk_date(DOB) as date_of_birth,
        clean_code(ETHNIC) as ethnicity,
        yes_no(MOTHER) as is_mother,
        uk_date(MC_DOB) as mothers_child_date_of_birth,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
