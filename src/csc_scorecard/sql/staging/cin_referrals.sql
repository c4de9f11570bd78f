-- CIN referrals (CIN census CINdetails), one row per referral per extract, typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, through the `_problems` list.
with source as (
    -- each row with its child's key, read from staging.cin_children (sql/macros.sql)
    select * from with_child_key('raw.cin_referrals', 'staging.cin_children')
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
        iso_date(CINreferralDate) as referral_date,
        clean_code(ReferralSource) as referral_source,
        clean_code(PrimaryNeedCode) as primary_need_code,
        iso_date(CINclosureDate) as closure_date,
        clean_code(ReasonForClosure) as reason_for_closure,
        iso_date(DateOfInitialCPC) as initial_cpc_date,
        yes_no(ReferralNFA) as referral_nfa,
        problems([
            required('LAchildID', LAchildID),
            required('CINreferralDate', CINreferralDate),
            must_be_iso_date('CINreferralDate', CINreferralDate),
            must_not_be_after_extract('CINreferralDate', CINreferralDate, iso_date(CINreferralDate), _extract_date),
            must_be_iso_date('CINclosureDate', CINclosureDate),
            must_not_be_after_extract('CINclosureDate', CINclosureDate, iso_date(CINclosureDate), _extract_date),
            must_be_iso_date('DateOfInitialCPC', DateOfInitialCPC),
            must_not_be_after_extract('DateOfInitialCPC', DateOfInitialCPC, iso_date(DateOfInitialCPC), _extract_date),
            must_not_be_before('CINclosureDate', CINclosureDate, iso_date(CINclosureDate),
                               'CINreferralDate', iso_date(CINreferralDate)),
            -- The CIN census schema writes 0/1, and true/false is seen in the wild; not Y/N.
            must_be_code('ReferralNFA', ReferralNFA, ['0', '1', 'TRUE', 'FALSE']),
            must_be_code('ReferralSource', ReferralSource, ['1A', '1B', '1C', '1D', '2A', '2B', '3A', '3B', '3C', '3D',
                                                            '3E', '3F', '4', '5A', '5B', '5C', '5D', '6', '7', '8',
                                                            '9', '10']),
            must_be_code('PrimaryNeedCode', PrimaryNeedCode, ['N0', 'N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8', 'N9']),
            must_be_code('ReasonForClosure', ReasonForClosure, ['RC1', 'RC2', 'RC3', 'RC4', 'RC5', 'RC6', 'RC7', 'RC8',
                                                                'RC9'])
        ]) as _problems
    from source
),

final as (
    select * from typed
)

select * from final
