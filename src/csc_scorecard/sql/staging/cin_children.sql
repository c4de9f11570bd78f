-- Children in need (CIN census Child), one row per child per extract, typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, as its contract's rules find them (contracts/cin_children.toml, through checked.cin_children).
with source as (
    select * from checked.cin_children
),

typed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _source_file as source_file,
        _file_hash as file_hash,
        _row_number as source_row,
        _child_seq as child_seq,
        child_key(_la_code, clean_id(LAchildID)) as child_key,
        iso_date(PersonBirthDate) as date_of_birth,
        iso_date(ExpectedPersonBirthDate) as expected_birth_date,
        -- Returns up to 2023 carry GenderCurrent, later ones Sex; sex_code reads both.
        sex_code(coalesce(Sex, GenderCurrent)) as sex,
        iso_date(PersonDeathDate) as death_date,
        clean_code(Ethnicity) as ethnicity,
        nullif(trim(Disabilities), '') as disabilities,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
