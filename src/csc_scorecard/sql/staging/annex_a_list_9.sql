-- Ofsted Annex A list 9 (care leavers), one row per sheet row per extract, typed.
-- Coded values keep their code (`a) 6: Police` -> 6); dates are DD/MM/YYYY or Excel dates;
-- ids become keys (docs/ingest.md). Rows that do not type go to staging.quarantine.
with source as (
    select * from raw.annex_a_list_9
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
        nullif(trim(allocated_team), '') as allocated_team,
        nullif(trim(allocated_worker), '') as allocated_worker,
        annex_code(eligibility_category) as eligibility_category,
        annex_code(la_in_touch) as la_in_touch,
        annex_code(type_of_accommodation) as type_of_accommodation,
        annex_code(suitability_of_accommodation) as suitability_of_accommodation,
        annex_code(activity_status) as activity_status,
        problems([
            required('child_unique_id', child_unique_id),
            must_be_uk_date('date_of_birth', date_of_birth),
            must_be_number('age_of_child_years', age_of_child_years)
        ]) as _problems
    from source
),

final as (
    select * from typed
)

select * from final
