-- CIN referrals (CIN census CINdetails), one row per referral per extract, typed.
with source as (
    select * from raw.cin_referrals
),

renamed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _file_hash as file_hash,
        _child_seq as child_seq,
        _referral_seq as referral_seq,
        clean_id(LAchildID) as child_id,
        iso_date(CINreferralDate) as referral_date,
        clean_code(ReferralSource) as referral_source,
        clean_code(PrimaryNeedCode) as primary_need_code,
        iso_date(CINclosureDate) as closure_date,
        clean_code(ReasonForClosure) as reason_for_closure,
        iso_date(DateOfInitialCPC) as initial_cpc_date,
        yes_no(ReferralNFA) as referral_nfa
    from source
),

final as (
    select * from renamed
)

select * from final
