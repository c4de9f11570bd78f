-- Fostering households (the monthly fostering households list, docs/fostering.md), one row per
-- household per extract, typed. Household ids are kept as the fostering team wrote them: they name
-- no child, and the analysts' copy holds a pseudonym of them (an identifier, see formats.FOSTERING).
-- Rows whose values do not type, or whose steps run out of order, go to staging.quarantine with the
-- reason, through the `_problems` list.
with source as (
    select * from raw.fostering_households
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
        problems([
            required('household_id', household_id),
            required('household_type', household_type),
            must_be_code('household_type', household_type, ['MAINSTREAM', 'KINSHIP']),
            must_be_iso_date('enquiry_date', enquiry_date),
            must_not_be_after_extract('enquiry_date', enquiry_date, iso_date(enquiry_date), _extract_date),
            must_be_iso_date('application_date', application_date),
            must_not_be_after_extract('application_date', application_date, iso_date(application_date), _extract_date),
            must_not_be_before('application_date', application_date, iso_date(application_date),
                               'enquiry_date', iso_date(enquiry_date)),
            must_be_iso_date('approval_date', approval_date),
            must_not_be_after_extract('approval_date', approval_date, iso_date(approval_date), _extract_date),
            must_not_be_before('approval_date', approval_date, iso_date(approval_date),
                               'application_date', iso_date(application_date)),
            must_be_iso_date('deregistration_date', deregistration_date),
            must_not_be_after_extract('deregistration_date', deregistration_date, iso_date(deregistration_date),
                                      _extract_date),
            must_not_be_before('deregistration_date', deregistration_date, iso_date(deregistration_date),
                               'approval_date', iso_date(approval_date))
        ]) as _problems
    from source
),

final as (
    select * from typed
)

select * from final
