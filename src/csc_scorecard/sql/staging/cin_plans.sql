-- CIN plans (CIN census CINPlanDates module), typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, as its contract's rules find them (contracts/cin_plans.toml, through checked.cin_plans).
with source as (
    -- each row with its child's key, read from staging.cin_children (sql/macros.sql)
    select * from with_child_key('checked.cin_plans', 'staging.cin_children')
),

typed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _source_file as source_file,
        _file_hash as file_hash,
        _row_number as source_row,
        _child_seq as child_seq,
        _referral_seq as referral_seq,
        _child_key as child_key,
        iso_date(CINPlanStartDate) as plan_start_date,
        iso_date(CINPlanEndDate) as plan_end_date,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
