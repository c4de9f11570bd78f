-- Ofsted Annex A list 1 (contacts), one row per sheet row per extract, typed.
-- Coded values keep their code (`a) 6: Police` -> 6); dates are DD/MM/YYYY or Excel dates;
-- ids become keys (docs/ingest.md). Rows that break the contract (contracts/annex_a_list_1.toml) go to staging.quarantine.
with source as (
    select * from checked.annex_a_list_1
),

typed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _source_file as source_file,
        _file_hash as file_hash,
        _row_number as source_row,
        child_key(_la_code, clean_id(child_unique_id)) as child_key,
        annex_code(gender) as gender,
        annex_code(ethnicity) as ethnicity,
        uk_date(date_of_birth) as date_of_birth,
        try_cast(trim(age_of_child_years) as double) as age_of_child_years,
        uk_date(date_of_contact) as date_of_contact,
        annex_code(contact_source) as contact_source,
        uk_date(date_of_decision) as date_of_decision,
        annex_code(contact_outcome) as contact_outcome,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
