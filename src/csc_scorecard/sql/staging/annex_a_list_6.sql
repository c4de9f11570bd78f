-- Ofsted Annex A list 6 (children in need), one row per sheet row per extract, typed.
-- Coded values keep their code (`a) 6: Police` -> 6); dates are DD/MM/YYYY or Excel dates;
-- ids become keys (docs/ingest.md). Rows that break the contract (contracts/annex_a_list_6.toml) go to staging.quarantine.
with source as (
    select * from checked.annex_a_list_6
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
        annex_code(does_the_child_have_a_disability) as does_the_child_have_a_disability,
        uk_date(cin_start_date) as cin_start_date,
        annex_code(primary_need_code) as primary_need_code,
        uk_date(date_child_was_last_seen) as date_child_was_last_seen,
        uk_date(cin_closure_date) as cin_closure_date,
        annex_code(reason_for_closure) as reason_for_closure,
        annex_code(case_status) as case_status,
        nullif(trim(allocated_team), '') as allocated_team,
        nullif(trim(allocated_worker), '') as allocated_worker,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
