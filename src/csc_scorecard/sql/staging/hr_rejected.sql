-- HR values the contract cannot read, one row per value: the file, row, column, value as written
-- and the rule it breaks. The row itself stays in staging with the value NULL, so nothing is lost;
-- this list is what the council's HR team is asked to correct.
with raw_staff as (
    select * from raw.hr_staff
),

raw_establishment as (
    select * from raw.hr_establishment
),

staff as (
    select * from staging.hr_staff
),

establishment as (
    select * from staging.hr_establishment
),

staff_values as (
    -- Each typed column beside the text it was read from; `missing` marks a column the contract requires.
    select
        raw_staff._la_code as la_code,
        raw_staff._extract_date as extract_date,
        raw_staff._source_file as source_file,
        raw_staff._row_number as source_row,
        checks.*
    from raw_staff
    inner join staff
        on staff.file_hash = raw_staff._file_hash
        and staff.source_row = raw_staff._row_number
    cross join lateral (values
        ('worker_id', raw_staff.worker_id, staff.worker_id is null, true, 'a worker id is required'),
        ('fte', raw_staff.fte, not coalesce(regexp_full_match(trim(raw_staff.fte), '[0-9]+(\.[0-9]+)?'), false), true,
         'not a number (FTE is written like 0.5 or 1)'),
        ('fte', raw_staff.fte, regexp_full_match(trim(raw_staff.fte), '[0-9]+(\.[0-9]+)?') and staff.fte is null, false,
         'not more than 0 and at most 1: FTE is the share of one full-time post (0.5, 1)'),
        ('contract_type', raw_staff.contract_type, staff.contract_type is null, true,
         'not a known contract type (permanent, fixed-term or agency, or a listed variant)'),
        ('start_date', raw_staff.start_date, staff.start_date is null, true,
         'not a date (YYYY-MM-DD or DD/MM/YYYY)'),
        ('end_date', raw_staff.end_date, iso_or_uk_date(raw_staff.end_date) is null, false,
         'not a date (YYYY-MM-DD or DD/MM/YYYY)'),
        ('end_date', raw_staff.end_date, iso_or_uk_date(raw_staff.end_date) is not null and staff.end_date is null,
         false, 'before start_date: a worker cannot leave a post before starting it'),
        ('leaving_reason', raw_staff.leaving_reason, staff.leaving_reason is null, false,
         'given without an end_date: only a leaver has a leaving reason (send the end date, or leave it blank)'),
        ('case_holder', raw_staff.case_holder, staff.is_case_holder is null, false,
         'not a yes/no value (Y/N, Yes/No, 1/0, true/false)'),
        ('caseload', raw_staff.caseload, staff.caseload is null, false, 'not a whole number of cases'),
        ('qualified_date', raw_staff.qualified_date, staff.qualified_date is null, false,
         'not a date (YYYY-MM-DD or DD/MM/YYYY)')
    ) as checks(column_name, value, unread, required, rule)
),

establishment_values as (
    select
        raw_establishment._la_code as la_code,
        raw_establishment._extract_date as extract_date,
        raw_establishment._source_file as source_file,
        raw_establishment._row_number as source_row,
        checks.*
    from raw_establishment
    inner join establishment
        on establishment.file_hash = raw_establishment._file_hash
        and establishment.source_row = raw_establishment._row_number
    cross join lateral (values
        ('team', raw_establishment.team, establishment.team is null, true, 'a team is required'),
        ('role', raw_establishment.role, establishment.role is null, true, 'a role is required'),
        ('funded_fte', raw_establishment.funded_fte, establishment.funded_fte is null, true,
         'not a number (funded FTE is written like 3 or 2.5)')
    ) as checks(column_name, value, unread, required, rule)
),

checked as (
    select 'hr_staff' as raw_table, * from staff_values
    union all
    select 'hr_establishment' as raw_table, * from establishment_values
),

final as (
    select
        la_code,
        extract_date,
        raw_table,
        source_file,
        source_row,
        column_name,
        value,
        case when nullif(trim(value), '') is null then 'blank, but the contract requires a value' else rule end as reason
    from checked
    where unread
        and (required or nullif(trim(value), '') is not null)
)

select * from final
