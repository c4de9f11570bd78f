-- Children looked after (SSDA903 header), one row per child per extract, typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, through the `_problems` list.
with source as (
    select * from raw.ssda903_header
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
        problems([
            required('CHILD', CHILD),
            -- SSDA903 writes 1/2 to 2025 and M/F/U after; not CIN's GenderCurrent 0/9, which sex_code also reads.
            must_be_code('SEX', SEX, ['1', '2', 'M', 'F', 'U']),
            must_be_uk_date('DOB', DOB),
            must_not_be_after_extract('DOB', DOB, uk_date(DOB), _extract_date),
            -- The DfE's MOTHER is 1 or 0 (blank for a boy; 1.0 as Excel saves it), not any yes/no spelling.
            must_be_code('MOTHER', MOTHER, ['0', '1', '0.0', '1.0']),
            must_be_uk_date('MC_DOB', MC_DOB),
            must_not_be_after_extract('MC_DOB', MC_DOB, uk_date(MC_DOB), _extract_date)
        ]) as _problems
    from source
),

final as (
    select * from typed
)

select * from final
