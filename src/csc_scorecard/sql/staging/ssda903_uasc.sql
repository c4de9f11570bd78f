-- Unaccompanied asylum-seeking children (SSDA903 uasc), typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, as its contract's rules find them (contracts/ssda903_uasc.toml, through checked.ssda903_uasc).
with source as (
    select * from checked.ssda903_uasc
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
        uk_date(DUC) as uasc_ceased_date,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
