-- Missing and away-without-authorisation episodes (SSDA903 missing), typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, as its contract's rules find them (contracts/ssda903_missing.toml, through checked.ssda903_missing).
with source as (
    select * from checked.ssda903_missing
),

typed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _source_file as source_file,
        _file_hash as file_hash,
        _row_number as source_row,
        child_key(_la_code, clean_id(CHILD)) as child_key,
        uk_date(DOB) as date_of_birth,
        clean_code(MISSING) as missing_type,
        uk_date(MIS_START) as missing_start_date,
        uk_date(MIS_END) as missing_end_date,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
