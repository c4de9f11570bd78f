-- Children adopted from care (SSDA903 ad1), typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, as its contract's rules find them (contracts/ssda903_ad1.toml, through checked.ssda903_ad1).
with source as (
    select * from checked.ssda903_ad1
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
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
