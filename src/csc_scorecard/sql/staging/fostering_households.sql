-- Fostering households (the monthly fostering households list, docs/fostering.md), one row per
-- household per extract, typed. Household ids are kept as the fostering team wrote them: they name
-- no child, and the analysts' copy holds a pseudonym of them (an identifier, see its contract).
-- Rows whose values do not type, or whose steps run out of order, go to staging.quarantine with the
-- reason, as its contract's rules find them (contracts/fostering_households.toml, through checked.fostering_households).
with source as (
    select * from checked.fostering_households
),

typed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _source_file as source_file,
        _file_hash as file_hash,
        _row_number as source_row,
        clean_id(household_id) as household_id,
        lower(clean_code(household_type)) as household_type,
        iso_date(enquiry_date) as enquiry_date,
        iso_date(application_date) as application_date,
        iso_date(approval_date) as approval_date,
        iso_date(deregistration_date) as deregistration_date,
        nullif(trim(deregistration_reason), '') as deregistration_reason,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
