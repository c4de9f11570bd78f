-- Ofsted Annex A list 7 (child protection), one row per sheet row per extract, typed.
-- Coded values keep their code (`a) 6: Police` -> 6); dates are DD/MM/YYYY or Excel dates;
-- ids become keys (docs/ingest.md). Rows that break the contract (contracts/annex_a_list_7.toml) go to staging.quarantine.
with source as (
    select * from checked.annex_a_list_7
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
        uk_date(child_protection_plan_start_date) as child_protection_plan_start_date,
        annex_code(initial_category_of_abuse) as initial_category_of_abuse,
        annex_code(latest_category_of_abuse) as latest_category_of_abuse,
        uk_date(date_of_the_last_statutory_visit) as date_of_the_last_statutory_visit,
        annex_code(was_the_child_seen_alone) as was_the_child_seen_alone,
        uk_date(date_of_latest_review_conference) as date_of_latest_review_conference,
        uk_date(child_protection_plan_end_date) as child_protection_plan_end_date,
        annex_code(subject_to_emergency_protection_order_or_protected_under_police_powers_in_last_six_months_y_n) as subject_to_emergency_protection_order_or_protected_under_police_powers_in_last_six_months_y_n,
        try_cast(trim(number_of_previous_child_protection_plans) as integer) as number_of_previous_child_protection_plans,
        nullif(trim(allocated_team), '') as allocated_team,
        nullif(trim(allocated_worker), '') as allocated_worker,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
