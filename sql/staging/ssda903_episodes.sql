-- Episodes of care (SSDA903 episodes), one row per episode per extract, typed.
with source as (
    select * from raw.ssda903_episodes
),

renamed as (
    select
        _la_code as la_code,
        _extract_date as extract_date,
        _file_hash as file_hash,
        _row_number as source_row,
        clean_id(CHILD) as child_id,
        uk_date(DECOM) as episode_start_date,
        clean_code(RNE) as reason_new_episode,
        clean_code(LS) as legal_status,
        clean_code(CIN) as category_of_need,
        clean_code(PLACE) as placement_type,
        clean_code(PLACE_PROVIDER) as placement_provider,
        uk_date(DEC) as episode_end_date,
        clean_code(REC) as reason_episode_ceased,
        clean_code(REASON_PLACE_CHANGE) as reason_placement_change
    from source
),

final as (
    select * from renamed
)

select * from final
