-- Ofsted Annex A list 10 (adoption), one row per sheet row per extract, typed.
-- Coded values keep their code (`a) 6: Police` -> 6); dates are DD/MM/YYYY or Excel dates;
-- ids become keys (docs/ingest.md). Rows that break the contract (contracts/annex_a_list_10.toml) go to staging.quarantine.
with source as (
    select * from checked.annex_a_list_10
),

typed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _source_file as source_file,
        _file_hash as file_hash,
        _row_number as source_row,
        child_key(_la_code, clean_id(child_unique_id)) as child_key,
        child_key(_la_code, 'family:' || clean_id(family_identifier)) as family_key,
        annex_code(gender) as gender,
        annex_code(ethnicity) as ethnicity,
        uk_date(date_of_birth) as date_of_birth,
        try_cast(trim(age_of_child_years) as double) as age_of_child_years,
        annex_code(does_the_child_have_a_disability) as does_the_child_have_a_disability,
        uk_date(date_the_child_entered_care) as date_the_child_entered_care,
        uk_date(date_of_decision_that_child_should_be_placed_for_adoption) as date_of_decision_that_child_should_be_placed_for_adoption,
        uk_date(date_of_placement_order) as date_of_placement_order,
        uk_date(date_of_matching_child_and_prospective_adopters) as date_of_matching_child_and_prospective_adopters,
        uk_date(date_placed_for_adoption) as date_placed_for_adoption,
        uk_date(date_of_adoption_order) as date_of_adoption_order,
        uk_date(date_of_decision_that_child_should_no_longer_be_placed_for_adoption) as date_of_decision_that_child_should_no_longer_be_placed_for_adoption,
        annex_code(reason_why_child_no_longer_placed_for_adoption) as reason_why_child_no_longer_placed_for_adoption,
        uk_date(date_the_child_was_placed_for_fostering_in_ffa_or_concurrent_planning_placement) as date_the_child_was_placed_for_fostering_in_ffa_or_concurrent_planning_placement,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
