-- Children adopted from care (SSDA903 ad1), typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, through the `_problems` list.
with source as (
    select * from raw.ssda903_ad1
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
        -- DATE_INT is the date of the decision that the child should be placed for adoption.
        uk_date(DATE_INT) as adoption_decision_date,
        uk_date(DATE_MATCH) as adoption_match_date,
        yes_no(FOSTER_CARE) as adopted_by_foster_carers,
        try_cast(trim(NB_ADOPTR) as integer) as number_of_adopters,
        clean_code(SEX_ADOPTR) as adopters_sex,
        clean_code(LS_ADOPTR) as adopters_legal_status,
        problems([
            required('CHILD', CHILD),
            must_be_uk_date('DOB', DOB),
            must_not_be_after_extract('DOB', DOB, uk_date(DOB), _extract_date),
            must_be_uk_date('DATE_INT', DATE_INT),
            must_not_be_after_extract('DATE_INT', DATE_INT, uk_date(DATE_INT), _extract_date),
            must_be_uk_date('DATE_MATCH', DATE_MATCH),
            must_not_be_after_extract('DATE_MATCH', DATE_MATCH, uk_date(DATE_MATCH), _extract_date),
            must_not_be_before('DATE_MATCH', DATE_MATCH, uk_date(DATE_MATCH), 'DATE_INT', uk_date(DATE_INT)),
            -- FOSTER_CARE is the DfE's 0/1, and a child has one or two adopters.
            must_be_code('FOSTER_CARE', FOSTER_CARE, ['0', '1']),
            must_be_code('NB_ADOPTR', NB_ADOPTR, ['1', '2']),
            must_be_code('SEX_ADOPTR', SEX_ADOPTR, ['M1', 'F1', 'MM', 'FF', 'MF']),
            must_be_code('LS_ADOPTR', LS_ADOPTR, ['L0', 'L11', 'L12', 'L2', 'L3', 'L4'])
        ]) as _problems
    from source
),

final as (
    select * from typed
)

select * from final
