-- Ofsted Annex A list 8 (children in care), one row per sheet row per extract, typed.
-- Coded values keep their code (`a) 6: Police` -> 6); dates are DD/MM/YYYY or Excel dates;
-- ids become keys (docs/ingest.md). Rows that break the contract (contracts/annex_a_list_8.toml) go to staging.quarantine.
-- placement_postcode stays in raw: it locates a child.
with source as (
    select * from checked.annex_a_list_8
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
        annex_code(unaccompanied_asylum_seeking_child_uasc_within_the_last_12_months_y_n) as unaccompanied_asylum_seeking_child_uasc_within_the_last_12_months_y_n,
        annex_code(does_the_child_have_a_disability) as does_the_child_have_a_disability,
        uk_date(date_started_to_be_looked_after) as date_started_to_be_looked_after,
        annex_code(childs_category_of_need) as childs_category_of_need,
        annex_code(is_this_a_second_or_subsequent_period_of_being_a_looked_after_child_within_the_last_12_months_y_n) as is_this_a_second_or_subsequent_period_of_being_a_looked_after_child_within_the_last_12_months_y_n,
        uk_date(start_date_of_current_legal_status) as start_date_of_current_legal_status,
        annex_code(childs_legal_status) as childs_legal_status,
        uk_date(date_of_latest_statutory_review) as date_of_latest_statutory_review,
        uk_date(date_of_last_social_work_visit) as date_of_last_social_work_visit,
        annex_code(what_is_the_permanence_plan_for_this_child) as what_is_the_permanence_plan_for_this_child,
        uk_date(date_of_last_iro_visit_contact_to_the_child) as date_of_last_iro_visit_contact_to_the_child,
        uk_date(date_of_last_health_assessment) as date_of_last_health_assessment,
        uk_date(date_of_last_dental_check) as date_of_last_dental_check,
        try_cast(trim(number_of_placements_in_the_last_12_months) as integer) as number_of_placements_in_the_last_12_months,
        uk_date(date_ceased_to_be_looked_after) as date_ceased_to_be_looked_after,
        annex_code(reason_ceased_to_be_looked_after) as reason_ceased_to_be_looked_after,
        uk_date(start_date_of_most_recent_placement) as start_date_of_most_recent_placement,
        annex_code(placement_type) as placement_type,
        annex_code(placement_provider) as placement_provider,
        annex_code(urn_of_placement) as urn_of_placement,
        nullif(trim(placement_location), '') as placement_location,
        nullif(trim(la_of_placement), '') as la_of_placement,
        try_cast(trim(number_of_episodes_the_child_has_been_missing_from_their_placement_in_the_last_12_months) as integer) as number_of_episodes_the_child_has_been_missing_from_their_placement_in_the_last_12_months,
        try_cast(trim(number_of_episodes_the_child_has_been_absent_from_their_placement_in_the_last_12_months) as integer) as number_of_episodes_the_child_has_been_absent_from_their_placement_in_the_last_12_months,
        annex_code(was_the_child_offered_a_return_interview_after_their_last_missing_episode_y_n) as was_the_child_offered_a_return_interview_after_their_last_missing_episode_y_n,
        annex_code(did_the_child_accept_a_return_interview_after_their_last_missing_episode_y_n) as did_the_child_accept_a_return_interview_after_their_last_missing_episode_y_n,
        nullif(trim(allocated_team), '') as allocated_team,
        nullif(trim(allocated_worker), '') as allocated_worker,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
