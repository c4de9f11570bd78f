-- Child protection plans (CIN census ChildProtectionPlans module), typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, through the `_problems` list.
with source as (
    select * from raw.cin_cp_plans
),

-- The child's key as staging.cin_children hashed it (same return, same child): hashing it again
-- for every referral, assessment and plan was most of the cost of CIN staging. A child
-- quarantined there has no row to read, so its key is hashed here.
children as (
    select la_code, extract_date, source_file, file_hash, child_seq, child_key from staging.cin_children
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
        coalesce(children.child_key, child_key(_la_code, clean_id(LAchildID))) as child_key,
        iso_date(CPPstartDate) as plan_start_date,
        iso_date(CPPendDate) as plan_end_date,
        clean_code(InitialCategoryOfAbuse) as initial_category_of_abuse,
        clean_code(LatestCategoryOfAbuse) as latest_category_of_abuse,
        try_cast(trim(NumberOfPreviousCPP) as integer) as previous_plans,
        nullif(trim(CPPreviewDates), '') as review_dates,
        problems([
            required('LAchildID', LAchildID),
            required('CPPstartDate', CPPstartDate),
            must_be_iso_date('CPPstartDate', CPPstartDate),
            must_be_iso_date('CPPendDate', CPPendDate),
            must_be_whole_number('NumberOfPreviousCPP', NumberOfPreviousCPP)
        ]) as _problems
    from source
    left join children
        on children.la_code = source._la_code
        and children.extract_date = source._extract_date
        and children.source_file = source._source_file
        and children.file_hash = source._file_hash
        and children.child_seq = source._child_seq
),

final as (
    select * from typed
)

select * from final
