-- Section 47 enquiries (CIN census Section47 module), typed.
with source as (
    select * from raw.cin_s47
),

renamed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _file_hash as file_hash,
        _child_seq as child_seq,
        _referral_seq as referral_seq,
        clean_id(LAchildID) as child_id,
        iso_date(S47ActualStartDate) as s47_start_date,
        iso_date(InitialCPCtarget) as icpc_target_date,
        iso_date(DateOfInitialCPC) as icpc_date,
        yes_no(ICPCnotRequired) as icpc_not_required
    from source
),

final as (
    select * from renamed
)

select * from final
