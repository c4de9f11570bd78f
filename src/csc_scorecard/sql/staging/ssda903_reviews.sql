-- Reviews of children looked after (SSDA903 reviews), typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, as its contract's rules find them (contracts/ssda903_reviews.toml, through checked.ssda903_reviews).
with source as (
    select * from checked.ssda903_reviews
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
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
