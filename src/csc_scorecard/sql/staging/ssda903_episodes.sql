-- Episodes of care (SSDA903 episodes), one row per episode per extract, typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, as its contract's rules find them (contracts/ssda903_episodes.toml, through checked.ssda903_episodes).
with source as (
    select * from checked.ssda903_episodes
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
        -- A REC on an open episode is already blank here: the contract's REC__only_with_DEC drops it.
        clean_code(REC) as reason_episode_ceased,
        clean_code(REASON_PLACE_CHANGE) as reason_placement_change,
        -- HOME_POST and PL_POST (postcodes) stay in raw: they locate a child.
        clean_code(URN) as placement_urn,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
