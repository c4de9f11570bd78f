-- Child protection plans (CIN census ChildProtectionPlans module), typed.
with source as (
    select * from raw.cin_cp_plans
),

renamed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _file_hash as file_hash,
        _child_seq as child_seq,
        _referral_seq as referral_seq,
        clean_id(LAchildID) as child_id,
        iso_date(CPPstartDate) as plan_start_date,
        iso_date(CPPendDate) as plan_end_date,
        clean_code(InitialCategoryOfAbuse) as initial_category_of_abuse,
        clean_code(LatestCategoryOfAbuse) as latest_category_of_abuse,
        try_cast(trim(NumberOfPreviousCPP) as integer) as previous_plans,
        CPPreviewDates as review_dates
    from source
),

final as (
    select * from renamed
)

select * from final
