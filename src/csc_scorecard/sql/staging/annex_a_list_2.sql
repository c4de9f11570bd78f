-- Ofsted Annex A list 2 (early help), one row per sheet row per extract, typed.
-- Coded values keep their code (`a) 6: Police` -> 6); dates are DD/MM/YYYY or Excel dates;
-- ids become keys (docs/ingest.md). Rows that break the contract (contracts/annex_a_list_2.toml) go to staging.quarantine.
with source as (
    select * from checked.annex_a_list_2
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
        uk_date(assessment_start_date) as assessment_start_date,
        uk_date(assessment_completion_date) as assessment_completion_date,
        nullif(trim(organisation_completing_assessment), '') as organisation_completing_assessment,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
