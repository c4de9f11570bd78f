-- Social worker episodes (SSDA903 sw_episodes, 2023/24 on), typed.
-- Child ids become child_key (see docs/ingest.md); rows whose values do not type go to
-- staging.quarantine with the reason, as its contract's rules find them (contracts/ssda903_sw_episodes.toml, through checked.ssda903_sw_episodes).
with source as (
    select * from checked.ssda903_sw_episodes
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
        clean_id(SW_ID) as social_worker_id,
        uk_date(SW_DECOM) as sw_episode_start_date,
        uk_date(SW_DEC) as sw_episode_end_date,
        clean_code(SW_REASON) as reason_sw_change,
        _problems
    from source
),

final as (
    select * from typed
)

select * from final
