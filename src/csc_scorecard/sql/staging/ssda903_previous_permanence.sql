-- Permanence before care (SSDA903 previous_permanence), typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, as its contract's rules find them (contracts/ssda903_previous_permanence.toml, through checked.ssda903_previous_permanence).
with source as (
    select * from checked.ssda903_previous_permanence
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
        clean_code(PREV_PERM) as previous_permanence,
        clean_code(LA_PERM) as previous_permanence_la,
        -- DATE_PERM may be partly unknown by design (zz/MM/YYYY), so it stays text.
        nullif(trim(DATE_PERM), '') as previous_permanence_date_as_written,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
