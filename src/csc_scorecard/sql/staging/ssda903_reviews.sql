-- Reviews of children looked after (SSDA903 reviews), typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, through the `_problems` list.
with source as (
    select * from raw.ssda903_reviews
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
        uk_date(REVIEW) as review_date,
        clean_code(REVIEW_CODE) as review_participation,
        problems([
            required('CHILD', CHILD),
            must_be_uk_date('DOB', DOB),
            must_not_be_after_extract('DOB', DOB, uk_date(DOB), _extract_date),
            required('REVIEW', REVIEW),
            must_be_uk_date('REVIEW', REVIEW),
            must_not_be_after_extract('REVIEW', REVIEW, uk_date(REVIEW), _extract_date)
        ]) as _problems
    from source
),

final as (
    select * from typed
)

select * from final
