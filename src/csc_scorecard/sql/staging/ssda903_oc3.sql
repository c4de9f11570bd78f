-- Care leavers (SSDA903 oc3), one row per care leaver per extract, typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, through the `_problems` list.
with source as (
    select * from raw.ssda903_oc3
),

typed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _source_file as source_file,
        _file_hash as file_hash,
        _row_number as source_row,
        child_key(_la_code, clean_id(CHILD)) as child_key,
        uk_date(DOB) as date_of_birth,
        clean_code(IN_TOUCH) as in_touch,
        clean_code(ACTIV) as activity,
        clean_code(ACCOM) as accommodation,
        problems([
            required('CHILD', CHILD),
            must_be_uk_date('DOB', DOB),
            must_not_be_after_extract('DOB', DOB, uk_date(DOB), _extract_date),
            must_be_code('IN_TOUCH', IN_TOUCH, ['YES', 'NO', 'DIED', 'REFU', 'NREQ', 'RHOM']),
            must_be_code('ACTIV', ACTIV, ['F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5', 'G4', 'G5', 'G6', '0']),
            -- A letter and 1 (suitable) or 2 (unsuitable), or 0.
            must_be_code('ACCOM', ACCOM, ['B1', 'B2', 'C1', 'C2', 'D1', 'D2', 'E1', 'E2', 'G1', 'G2', 'H1', 'H2', 'K1', 'K2', 'R1', 'R2',
                                          'S1', 'S2', 'T1', 'T2', 'U1', 'U2', 'V1', 'V2', 'W1', 'W2', 'X1', 'X2', 'Y1', 'Y2', 'Z1', 'Z2',
                                          '0'])
        ]) as _problems
    from source
),

final as (
    select * from typed
)

select * from final
