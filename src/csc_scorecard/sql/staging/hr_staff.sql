-- Social-work staff in post (monthly HR + agency extract), one row per worker per post per extract, typed.
-- Codes are read through the contract's accepted spellings (reference.hr_value_aliases);
-- a value that cannot be read, or that breaks one of the contract's rules between values, is NULL
-- here and listed in staging.hr_rejected.
with source as (
    select * from raw.hr_staff
),

contract_types as (
    select alias, canonical from reference.hr_value_aliases where column_name = 'contract_type'
),

case_holder_flags as (
    select alias, canonical::boolean as canonical from reference.hr_value_aliases where column_name = 'case_holder'
),

renamed as (
    select
        source._la_code as la_code,
        source._extract_date as extract_date,
        source._file_hash as file_hash,
        source._row_number as source_row,
        clean_id(source.worker_id) as worker_id,
        clean_label(source.role) as role,
        nullif(trim(source.team), '') as team,
        case when regexp_full_match(trim(source.fte), '[0-9]+(\.[0-9]+)?')  -- as fte__number reads it: not -1
            then try_cast(trim(source.fte) as decimal(6, 3)) end as fte,
        contract_types.canonical as contract_type,
        iso_or_uk_date(source.start_date) as start_date,
        iso_or_uk_date(source.end_date) as end_date,
        -- Only a leaver has a leaving reason: without an end date the reason is stray (or the date was lost).
        case when not is_blank(source.end_date) then nullif(trim(source.leaving_reason), '') end as leaving_reason,
        case_holder_flags.canonical as is_case_holder,
        -- A whole number only: casting '12.5' would quietly round it.
        case when regexp_full_match(trim(source.caseload), '[0-9]+(\.0+)?')
            then cast(regexp_replace(trim(source.caseload), '\.0+$', '') as integer) end as caseload,
        iso_or_uk_date(source.qualified_date) as qualified_date
    from source
    left join contract_types on contract_types.alias = clean_label(source.contract_type)
    left join case_holder_flags on case_holder_flags.alias = clean_label(source.case_holder)
),

within_contract as (
    -- The contract's rules between values (its GX warnings fte__between_0_and_1 and
    -- end_date__not_before_start_date): a value that breaks one is dropped, as an unreadable one is,
    -- so the post still counts and no figure reads the value.
    select * replace (
        case when fte > 0 and fte <= 1 then fte end as fte,
        case when not (end_date < start_date) or start_date is null then end_date end as end_date
    )
    from renamed
),

final as (
    select * from within_contract
)

select * from final
