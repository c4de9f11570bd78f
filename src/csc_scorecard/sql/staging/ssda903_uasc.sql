-- Unaccompanied asylum-seeking children (SSDA903 uasc), typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, through the `_problems` list.
with source as (
    select * from raw.ssda903_uasc
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
        problems([
            required('CHILD', CHILD),
            must_be_sex('SEX', SEX),
            must_be_uk_date('DOB', DOB),
            must_not_be_after_extract('DOB', DOB, uk_date(DOB), _extract_date),
            must_be_uk_date('DUC', DUC)
        ]) as _problems
    from source
),

final as (
    select * from typed
)

select * from final
