-- Care leavers (SSDA903 oc3), one row per care leaver per extract, typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, as its contract's rules find them (contracts/ssda903_oc3.toml, through checked.ssda903_oc3).
with source as (
    select * from checked.ssda903_oc3
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
        clean_code(IN_TOUCH) as in_touch,
        clean_code(ACTIV) as activity,
        clean_code(ACCOM) as accommodation,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
