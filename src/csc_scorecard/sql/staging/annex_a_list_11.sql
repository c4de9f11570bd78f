-- Ofsted Annex A list 11 (adopters), one row per sheet row per extract, typed.
-- Coded values keep their code (`a) 6: Police` -> 6); dates are DD/MM/YYYY or Excel dates;
-- ids become keys (docs/ingest.md). Rows that break the contract (contracts/annex_a_list_11.toml) go to staging.quarantine.
with source as (
    select * from checked.annex_a_list_11
),

typed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _source_file as source_file,
        _file_hash as file_hash,
        _row_number as source_row,
        child_key(_la_code, 'adopter:' || clean_id(individual_adopter_identifier)) as adopter_key,
        child_key(_la_code, 'family:' || clean_id(family_identifier)) as family_key,
        annex_code(gender) as gender,
        annex_code(ethnicity) as ethnicity,
        annex_code(disability) as disability,
        annex_code(is_the_prospective_adopter_fostering_for_adoption) as is_the_prospective_adopter_fostering_for_adoption,
        uk_date(date_enquiry_received) as date_enquiry_received,
        uk_date(date_stage_1_started) as date_stage_1_started,
        uk_date(date_stage_1_ended) as date_stage_1_ended,
        uk_date(date_stage_2_started) as date_stage_2_started,
        uk_date(date_stage_2_ended) as date_stage_2_ended,
        uk_date(date_application_submitted) as date_application_submitted,
        uk_date(date_application_approved) as date_application_approved,
        uk_date(date_adopter_matched_with_child_ren) as date_adopter_matched_with_child_ren,
        uk_date(date_child_children_placed_with_adopter_s) as date_child_children_placed_with_adopter_s,
        try_cast(trim(no_of_children_placed) as integer) as no_of_children_placed,
        uk_date(date_of_adoption_order) as date_of_adoption_order,
        uk_date(date_of_leaving_adoption_process) as date_of_leaving_adoption_process,
        annex_code(reason_for_leaving_adoption_process) as reason_for_leaving_adoption_process,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
