-- Ofsted Annex A list 9 (care leavers), one row per sheet row per extract, typed.
-- Coded values keep their code (`a) 6: Police` -> 6); dates are DD/MM/YYYY or Excel dates;
-- ids become keys (docs/ingest.md). Rows that break the contract (contracts/annex_a_list_9.toml) go to staging.quarantine.
-- The 2024 template's columns (UASC, personal adviser, pathway plan review, latest contact) are
-- NULL for a workbook on the older template. allocated_personal_advisor is a name, as
-- allocated_worker is: the analysts' copy holds a pseudonym of it.
with source as (
    select * from checked.annex_a_list_9
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
        yes_no(annex_code(uasc)) as is_uasc,
        nullif(trim(allocated_team), '') as allocated_team,
        nullif(trim(allocated_worker), '') as allocated_worker,
        nullif(trim(allocated_personal_advisor), '') as allocated_personal_advisor,
        annex_code(eligibility_category) as eligibility_category,
        annex_code(la_in_touch) as la_in_touch,
        uk_date(latest_pathway_plan_review_date) as latest_pathway_plan_review_date,
        uk_date(latest_date_of_contact) as latest_date_of_contact,
        annex_code(type_of_accommodation) as type_of_accommodation,
        annex_code(suitability_of_accommodation) as suitability_of_accommodation,
        annex_code(activity_status) as activity_status,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
