-- Decisions that a child should be placed for adoption (SSDA903 placed_for_adoption), typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, as its contract's rules find them (contracts/ssda903_placed_for_adoption.toml, through checked.ssda903_placed_for_adoption).
with source as (
    select * from checked.ssda903_placed_for_adoption
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
        -- DATE_PLACED is the date of the decision that the child should be placed for adoption.
        uk_date(DATE_PLACED) as adoption_decision_date,
        uk_date(DATE_PLACED_CEASED) as adoption_decision_reversed_date,
        clean_code(REASON_PLACED_CEASED) as reason_decision_reversed,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
