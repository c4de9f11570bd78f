-- Episodes of care as the latest SSDA903 extract records them.
with ssda903_episodes as (
    select * from latest_extract('staging.ssda903_episodes')
),

final as (
    select
        *,
        -- V3/V4: a series of short-term breaks, left out of most CLA statistics.
        legal_status in ('V3', 'V4') as is_short_break,
        placement_type in ('A3', 'A4', 'A5', 'A6') as is_placed_for_adoption,
        reason_episode_ceased in ('E11', 'E12') as is_adoption
    from ssda903_episodes
    where episode_start_date is not null
)

select * from final
