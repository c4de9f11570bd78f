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
        clean_code(REC) as reason_episode_ceased,
        clean_code(REASON_PLACE_CHANGE) as reason_placement_change,
        -- HOME_POST and PL_POST (postcodes) stay in raw: they locate a child.
        clean_code(URN) as placement_urn,
        problems([
            required('CHILD', CHILD),
            required('DECOM', DECOM),
            must_be_uk_date('DECOM', DECOM),
            must_not_be_after_extract('DECOM', DECOM, uk_date(DECOM), _extract_date),
            must_be_uk_date('DEC', DEC),
            must_not_be_after_extract('DEC', DEC, uk_date(DEC), _extract_date)
        ]) as _problems
    from source
),

final as (
    select * from typed
)

select * from final
