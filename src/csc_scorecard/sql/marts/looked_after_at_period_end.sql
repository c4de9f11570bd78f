-- Each child looked after at each period end, with what placement stability measures need: when
-- this period of care began, since when the child has lived with the same carers, age (whole years), and
-- placements in the 12 months to period end; and the placement held then (PLACE, PLACE_PROVIDER). A child is looked after on a date when an episode
-- started on or before it has not ceased by then; short breaks (legal status V3, V4) do not count.
-- grain: la_code, period_end, child_key
with periods as (
    select * from marts.reporting_periods
),

episodes as (
    select * from marts.episodes
),

ssda903_header as (
    select * from latest_extract('staging.ssda903_header')
    qualify row_number() over (partition by la_code, child_key order by source_row) = 1
),

current_episode as (
    select periods.la_code, periods.period_end, periods.window_12m_start, episodes.child_key,
           episodes.care_start_date, episodes.with_carer_since_date, episodes.placement_type,
           episodes.placement_provider
    from periods
    inner join episodes
        on episodes.la_code = periods.la_code
        and episodes.episode_start_date <= periods.period_end
        -- An episode ending on period end has ended: the child left care that day.
        and (episodes.episode_end_date is null or episodes.episode_end_date > periods.period_end)
        and not episodes.is_short_break
    -- Overlapping episodes are a data fault; the latest started speaks for the child.
    qualify row_number() over (
        partition by periods.la_code, periods.period_end, episodes.child_key
        order by episodes.episode_start_date desc, episodes.source_row desc
    ) = 1
),

placements_12m as (
    -- Placements the child lived in at any time in the 12 months: every placement that
    -- overlaps the window, the one held at its start included.
    select current_episode.la_code, current_episode.period_end, current_episode.child_key,
           count(distinct episodes.placement_number) as placements_12m
    from current_episode
    inner join episodes
        on episodes.la_code = current_episode.la_code
        and episodes.child_key = current_episode.child_key
        and not episodes.is_short_break
        and episodes.episode_start_date <= current_episode.period_end
        and (episodes.episode_end_date is null or episodes.episode_end_date > current_episode.window_12m_start)
    group by all
),

final as (
    select
        current_episode.la_code,
        current_episode.period_end,
        current_episode.child_key,
        ssda903_header.date_of_birth,
        -- Whole years: a child born on 29 February turns 16 on 1 March in a year without one.
        date_sub('year', ssda903_header.date_of_birth, current_episode.period_end) as age_at_period_end,
        current_episode.care_start_date,
        current_episode.with_carer_since_date,
        placements_12m.placements_12m,
        current_episode.placement_type,
        current_episode.placement_provider,
        -- PLACE U1-U6: foster placements of every kind (with relatives or friends, or not; long-term,
        -- fostering for adoption); PLACE_PROVIDER PR1 is the council's own provision, PR4 private
        -- and PR5 voluntary or third sector provision: an independent fostering agency's carers.
        current_episode.placement_type in ('U1', 'U2', 'U3', 'U4', 'U5', 'U6') as is_fostered,
        current_episode.placement_provider = 'PR1' as is_own_provision,
        current_episode.placement_provider in ('PR4', 'PR5') as is_agency_provision
    from current_episode
    inner join placements_12m using (la_code, period_end, child_key)
    left join ssda903_header
        on ssda903_header.la_code = current_episode.la_code
        and ssda903_header.child_key = current_episode.child_key
)

select * from final
