-- Episodes of care (SSDA903 episodes), one row per episode per extract, typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, through the `_problems` list.
with source as (
    select * from raw.ssda903_episodes
),

typed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _source_file as source_file,
        _file_hash as file_hash,
        _row_number as source_row,
        child_key(_la_code, clean_id(CHILD)) as child_key,
        uk_date(DECOM) as episode_start_date,
        clean_code(RNE) as reason_new_episode,
        clean_code(LS) as legal_status,
        clean_code(CIN) as category_of_need,
        clean_code(PLACE) as placement_type,
        clean_code(PLACE_PROVIDER) as placement_provider,
        uk_date(DEC) as episode_end_date,
        -- The DfE counts an episode as open by DEC alone: a REC on an open episode is a stray code
        -- (the suite's REC__only_with_DEC reports it), dropped so no mart reads it as a leaving reason.
        case when not is_blank(DEC) then clean_code(REC) end as reason_episode_ceased,
        clean_code(REASON_PLACE_CHANGE) as reason_placement_change,
        -- HOME_POST and PL_POST (postcodes) stay in raw: they locate a child.
        clean_code(URN) as placement_urn,
        problems([
            required('CHILD', CHILD),
            required('DECOM', DECOM),
            must_be_uk_date('DECOM', DECOM),
            must_not_be_after_extract('DECOM', DECOM, uk_date(DECOM), _extract_date),
            must_be_uk_date('DEC', DEC),
            must_not_be_after_extract('DEC', DEC, uk_date(DEC), _extract_date),
            must_not_be_before('DEC', DEC, uk_date(DEC), 'DECOM', uk_date(DECOM)),
            must_be_code('RNE', RNE, ['S', 'L', 'P', 'T', 'B', 'U']),
            must_be_code('LS', LS, ['C1', 'C2', 'D1', 'E1', 'V2', 'V3', 'V4', 'L1', 'L2', 'L3', 'J1', 'J2', 'J3']),
            must_be_code('CIN', CIN, ['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8']),
            must_be_code('PLACE', PLACE, ['A3', 'A4', 'A5', 'A6', 'H5', 'K1', 'K2', 'P1', 'P2', 'P3', 'R1', 'R2',
                                          'R3', 'R5', 'S1', 'T0', 'T1', 'T2', 'T3', 'T4', 'U1', 'U2', 'U3', 'U4',
                                          'U5', 'U6', 'Z1']),
            must_be_code('REC', REC, ['X1', 'E11', 'E12', 'E2', 'E3', 'E4A', 'E4B', 'E13', 'E41', 'E45', 'E46',
                                      'E47', 'E48', 'E5', 'E6', 'E7', 'E8', 'E9', 'E14', 'E15', 'E16', 'E17'])
        ]) as _problems
    from source
),

final as (
    select * from typed
)

select * from final
