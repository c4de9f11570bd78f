-- Episodes of care as the latest SSDA903 extract records them.
-- grain: la_code, child_key, episode_start_date
with ssda903_episodes as (
    select * from latest_extract('staging.ssda903_episodes')
),

numbered as (
    -- Running counts along each child's episodes number their periods of care (a new one starts
    -- with RNE S), their placements (any change but legal status only, L) and their carers (a new
    -- carer: S, P or T; U and B change the placement but keep the carers, as when foster carers adopt).
    select
        *,
        sum((reason_new_episode = 'S')::int) over child_episodes as care_period_number,
        sum((reason_new_episode is distinct from 'L')::int) over child_episodes as placement_number,
        sum((reason_new_episode in ('S', 'P', 'T'))::int) over child_episodes as carer_number
    from ssda903_episodes
    where episode_start_date is not null
    window child_episodes as (
        partition by la_code, child_key order by episode_start_date, source_row
        rows between unbounded preceding and current row
    )
),

final as (
    select
        *,
        min(episode_start_date) over (partition by la_code, child_key, care_period_number) as care_start_date,
        min(episode_start_date) over (partition by la_code, child_key, placement_number) as placement_start_date,
        min(episode_start_date) over (partition by la_code, child_key, carer_number) as with_carer_since_date,
        -- V3/V4: a series of short-term breaks, left out of most CLA statistics.
        legal_status in ('V3', 'V4') as is_short_break,
        placement_type in ('A3', 'A4', 'A5', 'A6') as is_placed_for_adoption,
        reason_episode_ceased in ('E11', 'E12') as is_adoption
    from numbered
)

select * from final
