-- Ofsted Annex A list 3 (referrals), one row per sheet row per extract, typed.
-- Coded values keep their code (`a) 6: Police` -> 6); dates are DD/MM/YYYY or Excel dates;
-- ids become keys (docs/ingest.md). Rows that break the contract (contracts/annex_a_list_3.toml) go to staging.quarantine.
with source as (
    select * from checked.annex_a_list_3
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
        uk_date(date_of_referral) as date_of_referral,
        annex_code(referral_source) as referral_source,
        annex_code(referral_nfa) as referral_nfa,
        try_cast(trim(number_of_referrals_in_last_12_months) as integer) as number_of_referrals_in_last_12_months,
        nullif(trim(allocated_team), '') as allocated_team,
        nullif(trim(allocated_worker), '') as allocated_worker,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
