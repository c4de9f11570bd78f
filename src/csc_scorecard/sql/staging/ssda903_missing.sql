-- Missing and away-without-authorisation episodes (SSDA903 missing), typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, through the `_problems` list.
with source as (
    select * from raw.ssda903_missing
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
        problems([
            required('CHILD', CHILD),
            must_be_uk_date('DOB', DOB),
            must_not_be_after_extract('DOB', DOB, uk_date(DOB), _extract_date),
            required('MIS_START', MIS_START),
            must_be_uk_date('MIS_START', MIS_START),
            must_not_be_after_extract('MIS_START', MIS_START, uk_date(MIS_START), _extract_date),
            must_be_uk_date('MIS_END', MIS_END),
            must_not_be_after_extract('MIS_END', MIS_END, uk_date(MIS_END), _extract_date),
            must_not_be_before('MIS_END', MIS_END, uk_date(MIS_END), 'MIS_START', uk_date(MIS_START)),
            must_be_code('MISSING', MISSING, ['M', 'A'])
        ]) as _problems
    from source
),

final as (
    select * from typed
)

select * from final
