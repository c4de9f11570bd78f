-- Ofsted Annex A list 5 (S47 enquiries and ICPCs), one row per sheet row per extract, typed.
-- Coded values keep their code (`a) 6: Police` -> 6); dates are DD/MM/YYYY or Excel dates;
-- ids become keys (docs/ingest.md). Rows that break the contract (contracts/annex_a_list_5.toml) go to staging.quarantine.
with source as (
    select * from checked.annex_a_list_5
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
        uk_date(strategy_discussion_initiating_section_47_enquiry_start_date) as strategy_discussion_initiating_section_47_enquiry_start_date,
        annex_code(was_an_initial_child_protection_conference_deemed_unnecessary) as was_an_initial_child_protection_conference_deemed_unnecessary,
        uk_date(date_of_initial_child_protection_conference) as date_of_initial_child_protection_conference,
        annex_code(did_the_initial_child_protection_conference_result_in_a_child_protection_plan) as did_the_initial_child_protection_conference_result_in_a_child_protection_plan,
        try_cast(trim(number_of_section_47_enquiries_in_the_last_12_months) as integer) as number_of_section_47_enquiries_in_the_last_12_months,
        try_cast(trim(number_of_icpcs_in_the_last_12_months) as integer) as number_of_icpcs_in_the_last_12_months,
        nullif(trim(allocated_team), '') as allocated_team,
        nullif(trim(allocated_worker), '') as allocated_worker,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
