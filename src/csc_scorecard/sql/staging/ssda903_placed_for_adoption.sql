-- Decisions that a child should be placed for adoption (SSDA903 placed_for_adoption), typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, through the `_problems` list.
with source as (
    select * from raw.ssda903_placed_for_adoption
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
        problems([
            required('CHILD', CHILD),
            must_be_uk_date('DOB', DOB),
            must_not_be_after_extract('DOB', DOB, uk_date(DOB), _extract_date),
            required('DATE_PLACED', DATE_PLACED),
            must_be_uk_date('DATE_PLACED', DATE_PLACED),
            must_not_be_after_extract('DATE_PLACED', DATE_PLACED, uk_date(DATE_PLACED), _extract_date),
            must_be_uk_date('DATE_PLACED_CEASED', DATE_PLACED_CEASED),
            must_not_be_after_extract('DATE_PLACED_CEASED', DATE_PLACED_CEASED, uk_date(DATE_PLACED_CEASED), _extract_date),
            must_not_be_before('DATE_PLACED_CEASED', DATE_PLACED_CEASED, uk_date(DATE_PLACED_CEASED),
                               'DATE_PLACED', uk_date(DATE_PLACED)),
            -- E11/E12 adopted, RD1-RD4 decision reversed: an unknown code says neither.
            must_be_code('REASON_PLACED_CEASED', REASON_PLACED_CEASED, ['E11', 'E12', 'RD1', 'RD2', 'RD3', 'RD4'])
        ]) as _problems
    from source
),

final as (
    select * from typed
)

select * from final
